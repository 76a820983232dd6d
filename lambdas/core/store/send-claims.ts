// Exactly-once emails: a conditional claim per (job, RM, business date) before sending, marked sent after.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './dynamo.ts';
import type { IsoDate } from '../model.ts';
import type { TableContext } from './dynamo.ts';

export interface SendKey {
  job: string;
  rmId: string;
  businessDate: IsoDate;
}

const KEEP_CLAIMS_DAYS = 90;

/** The key of the claim item of one (job, RM, date); every claim of a job and date shares its partition. */
export function claimKey({ job, rmId, businessDate }: SendKey) {
  return { PK: `SEND#${job}#${businessDate}`, SK: `RM#${rmId}` };
}

/**
 * Claims the right to send one email. Succeeds once per key: a second caller, concurrent or later,
 * gets false — unless the first claim was never marked sent and its lease ran out (the claimer
 * crashed before sending), in which case the run may be repeated.
 */
export async function claimSend(table: TableContext, key: SendKey, now: Date, leaseSeconds: number): Promise<boolean> {
  try {
    await table.doc.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          ...claimKey(key),
          type: 'SEND_CLAIM',
          status: 'claimed',
          claimedAt: now.toISOString(),
          leaseUntil: new Date(now.getTime() + leaseSeconds * 1000).toISOString(),
          expiresAt: Math.floor(now.getTime() / 1000) + KEEP_CLAIMS_DAYS * 86_400,
        },
        ConditionExpression: 'attribute_not_exists(PK) OR (#status = :claimed AND leaseUntil < :now)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':claimed': 'claimed', ':now': now.toISOString() },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Attributes a claim keeps for itself; `markSent`'s extra attributes may not overwrite them. */
const CLAIM_ATTRIBUTES = new Set(['PK', 'SK', 'type', 'status', 'claimedAt', 'leaseUntil', 'expiresAt', 'sentAt', 'messageId']);

/**
 * Marks a claim sent. `extra` attributes are stored on the claim with it (e.g. what the email carried, so a
 * run that crashed right after sending can be finished by the next one); keep them small (400 KB item limit).
 */
export async function markSent(table: TableContext, key: SendKey, messageId: string, now: Date, extra: Record<string, unknown> = {}): Promise<void> {
  const extraNames = Object.keys(extra);
  const clash = extraNames.find((name) => CLAIM_ATTRIBUTES.has(name));
  if (clash) throw new Error(`markSent: "${clash}" is the claim's own attribute`);
  await table.doc.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: claimKey(key),
      UpdateExpression: ['SET #status = :sent, sentAt = :now, messageId = :messageId', ...extraNames.map((_, n) => `#x${n} = :x${n}`)].join(', '),
      ExpressionAttributeNames: { '#status': 'status', ...Object.fromEntries(extraNames.map((name, n) => [`#x${n}`, name])) },
      ExpressionAttributeValues: {
        ':sent': 'sent',
        ':now': now.toISOString(),
        ':messageId': messageId,
        ...Object.fromEntries(extraNames.map((name, n) => [`:x${n}`, extra[name]])),
      },
    }),
  );
}

/** Gives a claim back after a failed send, so the next run retries at once instead of waiting for the lease. */
export async function releaseClaim(table: TableContext, key: SendKey): Promise<void> {
  await table.doc.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: claimKey(key),
      ConditionExpression: '#status = :claimed',
      UpdateExpression: 'SET leaseUntil = :expired',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':claimed': 'claimed', ':expired': '1970-01-01T00:00:00.000Z' },
    }),
  );
}

/** The emails a job sent for a business date, per RM, with the provider's message ids. */
export async function listSent(table: TableContext, job: string, businessDate: IsoDate): Promise<Array<{ rmId: string; messageId: string }>> {
  const items = await queryAll(table, {
    KeyConditionExpression: 'PK = :claims',
    FilterExpression: '#status = :sent',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':claims': claimKey({ job, rmId: '', businessDate }).PK, ':sent': 'sent' },
  });
  return items.map((item) => ({ rmId: String(item.SK).replace(/^RM#/, ''), messageId: String(item.messageId) }));
}

/** Where a claim stands: sent, or claimed by a run that has not (yet) marked it sent. */
export async function claimStatus(table: TableContext, key: SendKey): Promise<'sent' | 'claimed' | 'none'> {
  const result = await table.doc.send(new GetCommand({ TableName: table.tableName, Key: claimKey(key), ConsistentRead: true }));
  if (!result.Item) return 'none';
  return result.Item.status === 'sent' ? 'sent' : 'claimed';
}
