// Parses SES bounce/complaint notifications (as SNS delivers them to Lambda) into one event per recipient.
import * as z from 'zod';
import { normaliseAddress, type EmailEvent } from '../core/store/email-status.ts';
import { RM_HEADER } from '../core/mail/send-once.ts';
import { rm } from '../core/model.ts';
import { ValidationError } from '../core/errors.ts';

/** What SNS hands a subscribed Lambda: one record per delivery, the SES notification as a JSON string. */
const snsEvent = z.object({
  Records: z.array(
    z.object({
      EventSource: z.literal('aws:sns'),
      Sns: z.object({ MessageId: z.string(), Message: z.string() }).passthrough(),
    }),
  ),
});

/** `headers` (the email's original ones) come with configuration-set events, and with identity notifications that include them. */
const mail = z
  .object({
    messageId: z.string().min(1),
    timestamp: z.string(),
    headers: z.array(z.object({ name: z.string(), value: z.string() }).passthrough()).optional(),
  })
  .passthrough();

const bounce = z
  .object({
    bounceType: z.string(),
    bounceSubType: z.string().optional(),
    bouncedRecipients: z.array(z.object({ emailAddress: z.string().min(3) }).passthrough()).min(1),
    timestamp: z.iso.datetime({ offset: true }),
    feedbackId: z.string().min(1),
  })
  .passthrough();

const complaint = z
  .object({
    complainedRecipients: z.array(z.object({ emailAddress: z.string().min(3) }).passthrough()).min(1),
    timestamp: z.iso.datetime({ offset: true }),
    feedbackId: z.string().min(1),
    complaintFeedbackType: z.string().optional(),
    complaintSubType: z.string().nullish(),
  })
  .passthrough();

/**
 * An identity's feedback notification names its type `notificationType`; an event published through a
 * configuration set names it `eventType`. Otherwise the two carry the same bounce/complaint objects.
 */
const notification = z
  .object({ notificationType: z.string().optional(), eventType: z.string().optional(), mail: mail.optional() })
  .passthrough()
  .refine((value) => value.notificationType !== undefined || value.eventType !== undefined, 'neither notificationType nor eventType is set');

export interface ParsedNotification {
  /** Bounce, Complaint, or another type this function does not act on (Delivery, Reject, DeliveryDelay…). */
  type: string;
  events: EmailEvent[];
  /** The RM the email was sent to, from the header every rm-radar email carries; absent when SES did not return headers. */
  rmId?: string;
}

/** An SNS message that is not JSON. Its text is not quoted (nor is JSON.parse's error, which quotes it): it names recipients. */
export class MalformedNotificationError extends ValidationError {
  override name = 'MalformedNotificationError';
  constructor() {
    super('the SNS message is not a JSON SES notification');
  }
}

/** The RM id in an email's original headers, when it is one (ids are letters, digits, dot, dash, underscore). */
function rmIdOf(headers: ReadonlyArray<{ name: string; value: string }> | undefined): string | undefined {
  const value = headers?.find((header) => header.name.toLowerCase() === RM_HEADER.toLowerCase())?.value;
  const parsed = rm.shape.rmId.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

function parseJson(message: string): unknown {
  try {
    return JSON.parse(message);
  } catch {
    throw new MalformedNotificationError();
  }
}

/** One SES notification (the SNS message body) → an event per bounced or complaining recipient. */
export function parseSesNotification(message: string): ParsedNotification {
  const parsed = notification.parse(parseJson(message));
  const type = (parsed.eventType ?? parsed.notificationType)!;
  if (type === 'Bounce') {
    const details = bounce.parse(parsed.bounce);
    const { messageId, headers } = mail.parse(parsed.mail);
    const rmId = rmIdOf(headers);
    return {
      type,
      ...(rmId ? { rmId } : {}),
      events: details.bouncedRecipients.map((recipient) => ({
        address: normaliseAddress(recipient.emailAddress),
        kind: 'bounce',
        // Only a permanent bounce flags; Transient and Undetermined are counted (see EmailEvent.flags).
        flags: details.bounceType === 'Permanent',
        reason: [details.bounceType, details.bounceSubType].filter(Boolean).join('/'),
        at: new Date(details.timestamp).toISOString(),
        messageId,
        feedbackId: details.feedbackId,
      })),
    };
  }
  if (type === 'Complaint') {
    const details = complaint.parse(parsed.complaint);
    const { messageId, headers } = mail.parse(parsed.mail);
    const rmId = rmIdOf(headers);
    // "not-spam" is a feedback report saying the mail is wanted: it must not stop the RM's email.
    const flags = details.complaintFeedbackType !== 'not-spam';
    return {
      type,
      ...(rmId ? { rmId } : {}),
      events: details.complainedRecipients.map((recipient) => ({
        address: normaliseAddress(recipient.emailAddress),
        kind: 'complaint',
        flags,
        reason: ['complaint', details.complaintFeedbackType ?? details.complaintSubType ?? 'unspecified'].join('/'),
        at: new Date(details.timestamp).toISOString(),
        messageId,
        feedbackId: details.feedbackId,
      })),
    };
  }
  return { type, events: [] };
}

/** The SES notifications inside an SNS event, with the SNS message id of each (for logs). */
export function sesNotificationsOf(event: unknown): Array<{ snsMessageId: string; notification: ParsedNotification }> {
  return snsEvent.parse(event).Records.map((record) => ({
    snsMessageId: record.Sns.MessageId,
    notification: parseSesNotification(record.Sns.Message),
  }));
}
