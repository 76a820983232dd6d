// Email status per recipient address: SES bounces and complaints flag an address so jobs stop sending to it.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { batchGet, type TableContext } from './dynamo.ts';
import { entities } from './entities.ts';

/** What stops sending to an address: a permanent bounce, or a complaint (the RM marked our email as spam). */
export type EmailFlag = 'bouncing' | 'complained';

/** One feedback event from SES about one recipient. Never message content: ids, types and times only. */
export interface EmailEvent {
  address: string;
  kind: 'bounce' | 'complaint';
  /**
   * Whether the event flags the address. Only permanent bounces and complaints do. A transient bounce
   * (mailbox full, greylisting, the bank's mail server briefly down) says nothing about the address:
   * SES already retried it, the next day's email may well arrive, and blocking would silence an RM
   * over one bad morning. Such events are counted so a pattern is visible, but never block.
   */
  flags: boolean;
  /** E.g. "Permanent/General", "Transient/MailboxFull", "complaint/abuse". */
  reason: string;
  /** When SES says it happened (ISO instant). */
  at: string;
  /** The SES message id of the email the event is about. */
  messageId: string;
  /** SES's id of this feedback; a redelivered notification carries the same one. */
  feedbackId: string;
}

export interface EmailStatus {
  address: string;
  /** Set while the address is flagged; absent for an address with only transient bounces or a cleared flag. */
  status?: EmailFlag;
  reason?: string;
  firstEventAt?: string;
  lastEventAt?: string;
  /** Flagging events since the flag was last cleared. */
  eventCount: number;
  lastMessageId?: string;
  transientBounces: number;
  lastTransientAt?: string;
  clearedAt?: string;
}

export type RecordOutcome = 'flagged' | 'counted' | 'ignored';

/** Addresses are compared case-insensitively: SES and people write them either way. */
export function normaliseAddress(address: string): string {
  const bracketed = /<([^>]+)>/.exec(address);
  return (bracketed ? bracketed[1]! : address).trim().toLowerCase();
}

/** The status item's key of an address, as written (normalised here). */
export function emailStatusKey(address: string) {
  return entities.emailStatus.key(normaliseAddress(address));
}

export function isFlagged(status: EmailStatus | undefined): boolean {
  return status?.status !== undefined;
}

/**
 * Records one event with a single conditional update: counts ADD, first times are set only if absent.
 * The condition skips (as 'ignored') a redelivery of the last event recorded (SNS delivers at least
 * once) and an event older than the last time an operator cleared the flag (a late bounce of an email
 * sent to the address before it was fixed must not flag it again).
 */
export async function recordEmailEvent(table: TableContext, event: EmailEvent): Promise<RecordOutcome> {
  const address = normaliseAddress(event.address);
  const common = {
    TableName: table.tableName,
    Key: emailStatusKey(address),
    ConditionExpression:
      '(attribute_not_exists(lastFeedbackId) OR lastFeedbackId <> :feedbackId) AND (attribute_not_exists(clearedAt) OR clearedAt < :at)',
  };
  const update: Pick<UpdateCommandInput, 'UpdateExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'> = event.flags
    ? {
        UpdateExpression:
          'SET #type = :type, address = :address, #status = :status, reason = :reason, lastEventAt = :at, lastMessageId = :messageId, ' +
          'lastFeedbackId = :feedbackId, firstEventAt = if_not_exists(firstEventAt, :at) ADD eventCount :one',
        ExpressionAttributeNames: { '#type': 'type', '#status': 'status' },
        ExpressionAttributeValues: {
          ':type': entities.emailStatus.type,
          ':address': address,
          ':status': (event.kind === 'complaint' ? 'complained' : 'bouncing') satisfies EmailFlag,
          ':reason': event.reason,
          ':at': event.at,
          ':messageId': event.messageId,
          ':feedbackId': event.feedbackId,
          ':one': 1,
        },
      }
    : {
        UpdateExpression: 'SET #type = :type, address = :address, lastTransientAt = :at, lastFeedbackId = :feedbackId ADD transientBounces :one',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':type': entities.emailStatus.type, ':address': address, ':at': event.at, ':feedbackId': event.feedbackId, ':one': 1 },
      };
  try {
    await table.doc.send(new UpdateCommand({ ...common, ...update }));
    return event.flags ? 'flagged' : 'counted';
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return 'ignored';
    throw error;
  }
}

/** The recorded status of each address that has one, keyed by normalised address (one BatchGet per 100). */
export async function getEmailStatuses(table: TableContext, addresses: readonly string[]): Promise<Map<string, EmailStatus>> {
  const unique = [...new Set(addresses.map(normaliseAddress))];
  if (unique.length === 0) return new Map();
  const items = await batchGet(table, unique.map(emailStatusKey));
  return new Map(items.map((item) => [String(item.address), toStatus(item)]));
}

/**
 * Clears the flag of an address (after the RM's mailbox or imported address was fixed). Counts of
 * flagging events restart; transient counts stay as history. Returns false if it was not flagged.
 */
export async function clearEmailStatus(table: TableContext, address: string, now: Date): Promise<boolean> {
  try {
    await table.doc.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: emailStatusKey(address),
        ConditionExpression: 'attribute_exists(#status)',
        UpdateExpression: 'SET clearedAt = :now, eventCount = :zero REMOVE #status, reason, firstEventAt',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':now': now.toISOString(), ':zero': 0 },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

function toStatus(item: Record<string, unknown>): EmailStatus {
  const text = (name: string) => (typeof item[name] === 'string' ? (item[name] as string) : undefined);
  const status = text('status');
  return {
    address: String(item.address),
    ...(status === 'bouncing' || status === 'complained' ? { status } : {}),
    reason: text('reason'),
    firstEventAt: text('firstEventAt'),
    lastEventAt: text('lastEventAt'),
    eventCount: Number(item.eventCount ?? 0),
    lastMessageId: text('lastMessageId'),
    transientBounces: Number(item.transientBounces ?? 0),
    lastTransientAt: text('lastTransientAt'),
    clearedAt: text('clearedAt'),
  };
}
