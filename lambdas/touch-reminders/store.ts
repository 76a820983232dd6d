// Reads only the touch-reminders job needs beyond RadarStore: referral asks recorded as touches.
import { queryAll, type TableContext } from '../core/store/dynamo.ts';
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
