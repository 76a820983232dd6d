// Records the bounces and complaints of an SNS delivery on the table; logs counts and the RM id, never an address or anything made from one.
import pLimit from 'p-limit';
import type { Log } from '../core/log.ts';
import { recordEmailEvent, type RecordOutcome } from '../core/store/email-status.ts';
import type { TableContext } from '../core/store/dynamo.ts';
import { sesNotificationsOf } from './events.ts';

export interface SesEventsSummary {
  notifications: number;
  /** Notifications of other types on the topic (Delivery, Reject, DeliveryDelay…): not acted on. */
  otherTypes: number;
  flagged: number;
  counted: number;
  /** Redeliveries, and events older than the address's last unflag. */
  ignored: number;
}

export async function recordSesEvents(table: TableContext, event: unknown, log: Log): Promise<SesEventsSummary> {
  const notifications = sesNotificationsOf(event);
  const summary: SesEventsSummary = { notifications: notifications.length, otherTypes: 0, flagged: 0, counted: 0, ignored: 0 };
  const limit = pLimit(4);
  for (const { snsMessageId, notification } of notifications) {
    if (notification.events.length === 0) {
      summary.otherTypes += 1;
      continue;
    }
    const outcomes: RecordOutcome[] = await Promise.all(notification.events.map((e) => limit(() => recordEmailEvent(table, e))));
    for (const outcome of outcomes) summary[outcome] += 1;
    // Not even a hash of an address: RM addresses are few and guessable, so a hash is reversed by trying
    // names. The RM id (from the email's header) and SES's message id say which email it was.
    log.info('ses feedback recorded', {
      snsMessageId,
      type: notification.type,
      recipients: notification.events.length,
      outcomes,
      sesMessageIds: [...new Set(notification.events.map((e) => e.messageId))],
      ...(notification.rmId ? { rmId: notification.rmId } : {}),
    });
  }
  return summary;
}
