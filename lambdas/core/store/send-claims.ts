// Exactly-once emails: a conditional claim per (job, RM, business date) before sending; every change after it is its owner's.
import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './dynamo.ts';
import { ConflictError } from '../errors.ts';
import type { IsoDate } from '../model.ts';
import type { TableContext } from './dynamo.ts';
import { entities, expiresAt, type SendKey } from './entities.ts';

const claims = entities.sendClaim;

/** A claim as its owner holds it: the key and the random token written on it, which only this run knows. */
export interface HeldClaim {
  key: SendKey;
  owner: string;
}

/**
 * - claimed: a run holds it and is sending (or crashed before sending: after its lease it may be taken again);
 * - sent: SES accepted the email (its message id is stored);
 * - maybe-sent: SES may have accepted it, but its answer was lost; only an operator sends it again.
 */
export type ClaimState = 'none' | 'claimed' | 'sent' | 'maybe-sent';

/**
 * Claims the right to send one email. Succeeds once per key: a second caller, concurrent or later, gets
 * undefined — unless the claim was never sent and its lease ran out (the claimer crashed before sending),
 * or, with `takeMaybeSent` (an operator's deliberate resend), the claim is maybe-sent. A claim that holds
 * a message id is never taken again.
 */
export async function claimSend(
  table: TableContext,
  key: SendKey,
  now: Date,
  leaseSeconds: number,
  options: { takeMaybeSent?: boolean } = {},
): Promise<HeldClaim | undefined> {
  const owner = randomUUID();
  const takeable = options.takeMaybeSent ? '((#status = :claimed AND leaseUntil < :now) OR #status = :maybe)' : '(#status = :claimed AND leaseUntil < :now)';
  try {
    await table.doc.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: claims.key(key),
        ConditionExpression: `attribute_not_exists(PK) OR (attribute_not_exists(messageId) AND ${takeable})`,
        // attempts counts the runs that claimed it: more than one means a retry or a resend.
        UpdateExpression:
          'SET #type = :type, #status = :claimed, #owner = :owner, claimedAt = :now, leaseUntil = :lease, expiresAt = :expires, attempts = if_not_exists(attempts, :zero) + :one',
        ExpressionAttributeNames: { '#type': 'type', '#status': 'status', '#owner': 'owner' },
        ExpressionAttributeValues: {
          ':type': claims.type,
          ':claimed': 'claimed',
          ':owner': owner,
          ':now': now.toISOString(),
          ':lease': new Date(now.getTime() + leaseSeconds * 1000).toISOString(),
          ':expires': expiresAt(now, claims.ttl.days),
          ':zero': 0,
          ':one': 1,
          ...(options.takeMaybeSent ? { ':maybe': 'maybe-sent' } : {}),
        },
      }),
    );
    return { key, owner };
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}

/** Attributes a claim keeps for itself; the extra attributes of markSent and markMaybeSent may not overwrite them. */
const CLAIM_ATTRIBUTES = new Set(['PK', 'SK', 'type', 'status', 'owner', 'attempts', 'claimedAt', 'leaseUntil', 'expiresAt', 'sentAt', 'messageId', 'maybeSentAt', 'maybeSentReason']);

/**
 * Marks a claim sent, with SES's message id. `extra` attributes are stored with it (e.g. what the email
 * carried, so a run that crashed right after sending can be finished by the next one); keep them small
 * (400 KB item limit). Repeating the same call is harmless; a claim another run holds is refused (ConflictError).
 */
export async function markSent(table: TableContext, claim: HeldClaim, messageId: string, now: Date, extra: Record<string, unknown> = {}): Promise<void> {
  await transition(table, claim, {
    set: { status: 'sent', sentAt: now.toISOString(), messageId },
    extra,
    // A repeated call after a lost answer finds its own write.
    alsoFrom: { condition: '(#status = :sent AND messageId = :messageId)' },
  });
}

/**
 * Marks a claim maybe-sent: the SES answer was lost, so the email is not repeated automatically.
 * `reason` names what went wrong (an error name, never a message: those can quote addresses).
 */
export async function markMaybeSent(table: TableContext, claim: HeldClaim, reason: string, now: Date, extra: Record<string, unknown> = {}): Promise<void> {
  await transition(table, claim, {
    set: { status: 'maybe-sent', maybeSentAt: now.toISOString(), maybeSentReason: reason },
    extra,
    alsoFrom: { condition: '#status = :maybe' },
  });
}

/**
 * Gives a claim back after a clear refusal, so the next run retries at once instead of waiting for the
 * lease. Returns false when the claim is no longer this run's (its lease ran out and another run took it).
 */
export async function releaseClaim(table: TableContext, claim: HeldClaim): Promise<boolean> {
  try {
    await table.doc.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: claims.key(claim.key),
        ConditionExpression: '#owner = :owner AND #status = :claimed',
        UpdateExpression: 'SET leaseUntil = :expired',
        ExpressionAttributeNames: { '#status': 'status', '#owner': 'owner' },
        ExpressionAttributeValues: { ':owner': claim.owner, ':claimed': 'claimed', ':expired': '1970-01-01T00:00:00.000Z' },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** One owner-conditioned change of a claimed item: from `claimed`, or from the state a repeat of it left. */
async function transition(
  table: TableContext,
  claim: HeldClaim,
  change: { set: Record<string, string>; extra: Record<string, unknown>; alsoFrom: { condition: string } },
): Promise<void> {
  const extraNames = Object.keys(change.extra);
  const clash = extraNames.find((name) => CLAIM_ATTRIBUTES.has(name));
  if (clash) throw new Error(`send claim: "${clash}" is the claim's own attribute`);
  const attributes = { ...change.set, ...change.extra };
  const names = Object.keys(attributes);
  try {
    await table.doc.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: claims.key(claim.key),
        ConditionExpression: `#owner = :owner AND (#status = :claimed OR ${change.alsoFrom.condition})`,
        UpdateExpression: `SET ${names.map((_, n) => `#a${n} = :a${n}`).join(', ')}`,
        ExpressionAttributeNames: { '#owner': 'owner', '#status': 'status', ...Object.fromEntries(names.map((name, n) => [`#a${n}`, name])) },
        ExpressionAttributeValues: {
          ':owner': claim.owner,
          ':claimed': 'claimed',
          ...(change.alsoFrom.condition.includes(':sent') ? { ':sent': 'sent', ':messageId': change.set.messageId } : {}),
          ...(change.alsoFrom.condition.includes(':maybe') ? { ':maybe': 'maybe-sent' } : {}),
          ...Object.fromEntries(names.map((name, n) => [`:a${n}`, attributes[name]])),
        },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      throw new ConflictError(`send claim ${claim.key.job}/${claim.key.businessDate}/${claim.key.rmId} is no longer held by this run`, { cause: error });
    }
    throw error;
  }
}

/** The emails a job sent for a business date, per RM, with the provider's message ids. */
export async function listSent(table: TableContext, job: string, businessDate: IsoDate): Promise<Array<{ rmId: string; messageId: string }>> {
  const items = await queryAll(table, {
    KeyConditionExpression: 'PK = :claims',
    FilterExpression: 'attribute_exists(messageId)',
    ExpressionAttributeValues: { ':claims': claims.partition(job, businessDate) },
  });
  return items.flatMap((item) => {
    const claim = claims.decode(item);
    return claim ? [{ rmId: claim.rmId, messageId: String(item.messageId) }] : [];
  });
}

/** Where a claim stands; one holding a message id counts as sent whatever else it says. */
export async function claimState(table: TableContext, key: SendKey): Promise<ClaimState> {
  const result = await table.doc.send(new GetCommand({ TableName: table.tableName, Key: claims.key(key), ConsistentRead: true }));
  return stateOf(result.Item);
}

/** The state of a stored claim item (undefined: no claim). */
export function stateOf(item: Record<string, unknown> | undefined): ClaimState {
  if (!item) return 'none';
  if (item.messageId !== undefined || item.status === 'sent') return 'sent';
  return item.status === 'maybe-sent' ? 'maybe-sent' : 'claimed';
}
