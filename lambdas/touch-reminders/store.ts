// Items only the touch-reminders job needs beyond RadarStore: referral asks recorded as touches, answered dates.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { IsoDate } from '../core/model.ts';
import { batchGet, queryAll, type TableContext } from '../core/store/dynamo.ts';
import { claimKey } from '../core/store/send-claims.ts';
import { keys } from '../core/store/keys.ts';
import { isReferralAskedOutcome } from './occasions.ts';

/**
 * Whether a client was asked for a referral since an instant: a touch logged since then with an
 * outcome such as `referral-asked`. One Query on the client's partition, touches since the instant only.
 */
export async function wasAskedForReferralSince(table: TableContext, clientId: string, sinceInstant: string): Promise<boolean> {
  const touches = await queryAll(table, {
    KeyConditionExpression: 'PK = :client AND SK BETWEEN :from AND :to',
    ExpressionAttributeValues: {
      ':client': keys.clientPartition(clientId),
      ':from': keys.touch(clientId, sinceInstant, '').SK,
      ':to': 'TOUCH#\uffff',
    },
    ProjectionExpression: 'outcome',
  });
  return touches.some((touch) => isReferralAskedOutcome(typeof touch.outcome === 'string' ? touch.outcome : undefined));
}

// ---- which business dates an RM's reminders were answered for ------------------------------------

/** How long a nothing-due marker is kept: far longer than the catch-up looks back. */
const KEEP_MARKERS_DAYS = 90;

/**
 * The marker of a run that completed for an RM with nothing due: no email, so no send claim, yet the
 * date is answered. Its own partition per date (not the send-claim key: a claim there would stop a
 * later re-run of the same date from sending if something became due).
 */
export function nothingDueKey(rmId: string, businessDate: IsoDate) {
  return { PK: `REMINDERSDONE#${businessDate}`, SK: `RM#${rmId}` };
}

export async function markNothingDue(table: TableContext, rmId: string, businessDate: IsoDate, now: Date): Promise<void> {
  await table.doc.send(
    new PutCommand({
      TableName: table.tableName,
      Item: {
        ...nothingDueKey(rmId, businessDate),
        type: 'REMINDERS_NOTHING_DUE',
        markedAt: now.toISOString(),
        expiresAt: Math.floor(now.getTime() / 1000) + KEEP_MARKERS_DAYS * 86_400,
      },
    }),
  );
}

/**
 * The last of `businessDates` each RM's reminders were answered for: its email was sent (a send claim
 * with status 'sent') or its run found nothing due (a nothing-due marker). One BatchGet of two keys per
 * RM and date, so the cost is bounded by how far back the caller looks; RMs with neither are absent.
 */
export async function lastAnsweredDates(
  table: TableContext,
  job: string,
  rmIds: readonly string[],
  businessDates: readonly IsoDate[],
): Promise<Map<string, IsoDate>> {
  const keyList = rmIds.flatMap((rmId) =>
    businessDates.flatMap((businessDate) => [claimKey({ job, rmId, businessDate }), nothingDueKey(rmId, businessDate)]),
  );
  const answered = new Map<string, IsoDate>();
  if (keyList.length === 0) return answered;
  for (const item of await batchGet(table, keyList)) {
    const pk = String(item.PK);
    const rmId = String(item.SK).replace(/^RM#/, '');
    const claimPrefix = claimKey({ job, rmId, businessDate: '' }).PK;
    let date: IsoDate | undefined;
    if (pk.startsWith(claimPrefix) && item.status === 'sent') date = pk.slice(claimPrefix.length);
    else if (pk.startsWith('REMINDERSDONE#')) date = pk.slice('REMINDERSDONE#'.length);
    if (date && date > (answered.get(rmId) ?? '')) answered.set(rmId, date);
  }
  return answered;
}
