// Items only the touch-reminders job needs beyond RadarStore: referral asks recorded as touches, answered dates, reminded marks, the day's key clients.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { IsoDate } from '../core/model.ts';
import { batchGet, batchWrite, queryAll, type TableContext } from '../core/store/dynamo.ts';
import { entities, expiresAt, upTo } from '../core/store/entities.ts';
import { isReferralAskedOutcome, type Reminder } from './occasions.ts';
import { reminderKey } from './handled.ts';

/**
 * Whether a client was asked for a referral since an instant: a touch logged since then with an
 * outcome such as `referral-asked`. One Query on the client's partition, touches since the instant only.
 */
export async function wasAskedForReferralSince(table: TableContext, clientId: string, sinceInstant: string): Promise<boolean> {
  const touches = await queryAll(table, {
    KeyConditionExpression: 'PK = :client AND SK BETWEEN :from AND :to',
    ExpressionAttributeValues: {
      ':client': entities.client.partition(clientId),
      ':from': entities.touch.key(clientId, sinceInstant, '').SK,
      ':to': upTo(entities.touch.sortKeyPrefix),
    },
    ProjectionExpression: 'outcome',
  });
  return touches.some((touch) => isReferralAskedOutcome(typeof touch.outcome === 'string' ? touch.outcome : undefined));
}

// ---- the RM's key clients as a date's run found them ----------------------------------------------

const storedKeyClients = z.object({ clientIds: z.array(z.string()) });

/** Keeps the ids of the RM's reachable tier-A clients for the date (entities.keyClients), for Today to read in one GetItem. */
export async function storeKeyClients(table: TableContext, rmId: string, businessDate: IsoDate, clientIds: readonly string[], now: Date): Promise<void> {
  await putMarker(table, { ...entities.keyClients.key(rmId, businessDate), type: entities.keyClients.type, clientIds: [...clientIds] }, now, entities.keyClients.ttl.days);
}

/** The key clients a run of the date stored for the RM; undefined when no run has stored them (yet). */
export async function keyClientsOf(table: TableContext, rmId: string, businessDate: IsoDate): Promise<string[] | undefined> {
  const result = await table.doc.send(
    new GetCommand({ TableName: table.tableName, Key: entities.keyClients.key(rmId, businessDate), ReturnConsumedCapacity: 'TOTAL' }),
  );
  table.meter.record(result.Item ? 1 : 0, result.ConsumedCapacity);
  return result.Item ? storedKeyClients.parse(result.Item).clientIds : undefined;
}

// ---- which business dates an RM's reminders were answered for ------------------------------------

/**
 * Marks a run that completed for an RM with nothing due: no email, so no send claim, yet the date is
 * answered (entities.nothingDue; kept far longer than the catch-up looks back).
 */
export async function markNothingDue(table: TableContext, rmId: string, businessDate: IsoDate, now: Date): Promise<void> {
  await putMarker(table, { ...entities.nothingDue.key(rmId, businessDate), type: entities.nothingDue.type }, now, entities.nothingDue.ttl.days);
}

/** Puts one of the job's own items, stamped with when it was written and kept `ttlDays` from then. */
async function putMarker(table: TableContext, item: Record<string, unknown>, now: Date, ttlDays: number): Promise<void> {
  await table.doc.send(new PutCommand({ TableName: table.tableName, Item: { ...item, markedAt: now.toISOString(), expiresAt: expiresAt(now, ttlDays) } }));
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
    businessDates.flatMap((businessDate) => [entities.sendClaim.key({ job, rmId, businessDate }), entities.nothingDue.key(rmId, businessDate)]),
  );
  const answered = new Map<string, IsoDate>();
  if (keyList.length === 0) return answered;
  for (const item of await batchGet(table, keyList)) {
    const claim = entities.sendClaim.decode(item);
    const done = claim ? (claim.job === job && item.status === 'sent' ? claim : undefined) : entities.nothingDue.decode(item);
    if (done && done.businessDate > (answered.get(done.rmId) ?? '')) answered.set(done.rmId, done.businessDate);
  }
  return answered;
}

// ---- which occasions an RM's emails already carried, per lead time -------------------------------

/** One reminder of one occasion: an email that carried it is not repeated by a run of another date. */
export interface ReminderMark {
  /** Which occasion: its reminderKey (kind, client, subject, date), or a festival's id and date. */
  occasionRef: string;
  occasionDate: IsoDate;
  /**
   * Which of its reminders: the lead time in days, or `0-ahead` for the day itself greeted on the
   * business day before a day off, which is another message than the catch-up after it.
   */
  step: string;
}

/**
 * The occasion of a reminder. Follow-ups and arrears have none: they are shown every day until done;
 * nor referral asks, suggested again every 30 days until asked.
 */
function occasionRefOf(reminder: Reminder): string | undefined {
  switch (reminder.kind) {
    case 'follow-up':
    case 'arrears':
    case 'referral':
      return undefined;
    case 'festival':
      return `festival:${reminder.festivalId}:${reminder.occasionDate}`;
    default:
      return reminderKey(reminder);
  }
}

export function markId(mark: ReminderMark): string {
  return `${mark.occasionRef}#${mark.step}`;
}

function marksOfReminder(reminder: Reminder): Array<{ lead: number; mark: ReminderMark }> {
  const occasionRef = occasionRefOf(reminder);
  if (!occasionRef) return [];
  return (reminder.dueLeads ?? [0]).map((lead) => ({
    lead,
    mark: { occasionRef, occasionDate: reminder.occasionDate, step: lead === 0 && reminder.daysUntil > 0 ? '0-ahead' : String(lead) },
  }));
}

/** The marks of the reminders an email carries: one per occasion and due lead. */
export function marksOf(reminders: readonly Reminder[]): ReminderMark[] {
  return reminders.flatMap((reminder) => marksOfReminder(reminder).map(({ mark }) => mark));
}

/** The reminders without the leads already reminded (marks by id); a reminder with no lead left is dropped. */
export function withoutReminded(reminders: readonly Reminder[], reminded: ReadonlySet<string>): Reminder[] {
  if (reminded.size === 0) return [...reminders];
  return reminders.flatMap((reminder) => {
    if (!occasionRefOf(reminder)) return [reminder];
    const dueLeads = marksOfReminder(reminder)
      .filter(({ mark }) => !reminded.has(markId(mark)))
      .map(({ lead }) => lead);
    if (dueLeads.length === 0) return [];
    return [reminder.dueLeads ? { ...reminder, dueLeads } : reminder];
  });
}

/**
 * Marks, written just before a run's email is sent, saying that the email of `businessDate` carries
 * these occasions' lead times. A mark counts only once that email's send claim says sent (see
 * remindedByOtherDates), so a send that fails or never happens leaves the occasion to the next run.
 */
export async function markReminded(table: TableContext, rmId: string, businessDate: IsoDate, marks: readonly ReminderMark[], now: Date): Promise<void> {
  await batchWrite(
    table,
    marks.map((mark) => ({
      put: {
        ...entities.reminded.key(rmId, mark.occasionDate, mark.occasionRef, mark.step),
        type: entities.reminded.type,
        via: businessDate,
        markedAt: now.toISOString(),
        // Kept after the occasion longer than any run that could cover it again.
        expiresAt: expiresAt(new Date(`${mark.occasionDate}T00:00:00Z`), entities.reminded.ttl.days),
      },
    })),
  );
}

/**
 * The marks (by markId) already carried by an email of another business date that was sent: a re-run of
 * a day the next run caught up, for one, sends them no more. One BatchGet of the marks, one of the claims
 * of the dates they name; the business date's own marks are left to its send claim (sent once anyway).
 */
export async function remindedByOtherDates(
  table: TableContext,
  job: string,
  rmId: string,
  businessDate: IsoDate,
  marks: readonly ReminderMark[],
): Promise<Set<string>> {
  if (marks.length === 0) return new Set();
  const byKey = new Map(marks.map((mark) => [keyId(entities.reminded.key(rmId, mark.occasionDate, mark.occasionRef, mark.step)), mark]));
  const found = (await batchGet(table, [...byKey.values()].map((m) => entities.reminded.key(rmId, m.occasionDate, m.occasionRef, m.step))))
    .map((item) => ({ mark: byKey.get(keyId(item)), via: String(item.via) }))
    .filter((entry): entry is { mark: ReminderMark; via: IsoDate } => entry.mark !== undefined && entry.via !== businessDate);
  const claimsByKey = new Map([...new Set(found.map((entry) => entry.via))].map((via) => [keyId(entities.sendClaim.key({ job, rmId, businessDate: via })), via]));
  if (claimsByKey.size === 0) return new Set();
  const claims = await batchGet(table, [...claimsByKey.values()].map((via) => entities.sendClaim.key({ job, rmId, businessDate: via })), { consistent: true });
  const sentVia = new Set(claims.filter((claim) => claim.status === 'sent').map((claim) => claimsByKey.get(keyId(claim))));
  return new Set(found.filter((entry) => sentVia.has(entry.via)).map((entry) => markId(entry.mark)));
}

function keyId(key: { PK?: unknown; SK?: unknown }): string {
  return `${String(key.PK)}|${String(key.SK)}`;
}
