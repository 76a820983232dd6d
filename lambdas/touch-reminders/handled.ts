// Reminders an RM marked done or snoozed (in the workbench or from an email link), so later runs do not remind of them again.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { IsoDate, TouchSource } from '../core/model.ts';
import { batchGet, type TableContext } from '../core/store/dynamo.ts';
import type { TransactItem } from '../core/store/radar-store.ts';
import { entities, expiresAt } from '../core/store/entities.ts';
import type { Reminder } from './occasions.ts';

/**
 * A reminder's identity: its kind, client, subject and occasion date — ids only, since it travels in
 * email links. A follow-up is one reminder however long it stays overdue; arrears one per business date.
 */
export function reminderKey(reminder: Exclude<Reminder, { kind: 'festival' }>): string {
  switch (reminder.kind) {
    case 'follow-up':
      return `follow-up:${reminder.clientId}:${reminder.touchId}`;
    case 'arrears':
    case 'maturity':
      return `${reminder.kind}:${reminder.clientId}:${reminder.loanId}:${reminder.occasionDate}`;
    case 'birthday':
      return `birthday:${reminder.clientId}:${reminder.contact.contactId}:${reminder.occasionDate}`;
    case 'anniversary':
      return `anniversary:${reminder.clientId}:${reminder.anniversary}:${reminder.occasionDate}`;
    case 'life-event':
      return `life-event:${reminder.clientId}:${reminder.eventId}:${reminder.occasionDate}`;
    case 'referral':
      return `referral:${reminder.clientId}:${reminder.occasionDate}`;
  }
}

/** The client a reminder key belongs to (its second part). */
export function clientOfReminderKey(key: string): string | undefined {
  return key.split(':')[1];
}

export interface HandledMarker {
  key: string;
  status: 'done' | 'snoozed';
  /** A snoozed reminder is back from this date. */
  until?: IsoDate;
  /** Where it was done or snoozed: the workbench, an email link. */
  source?: TouchSource;
}

/** The marker as a write for a touch's transaction: only once, so a second tap records nothing twice. */
export function handledMarkerWrite(table: TableContext, rmId: string, clientId: string, marker: HandledMarker, now: Date): TransactItem {
  return {
    Put: {
      TableName: table.tableName,
      Item: markerItem(rmId, clientId, marker, now),
      ConditionExpression: 'attribute_not_exists(PK) OR #status = :snoozed',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':snoozed': 'snoozed' },
    },
  };
}

/** Snoozes a reminder (no touch is logged): it is left out until `until`. */
export async function snoozeReminder(table: TableContext, rmId: string, clientId: string, marker: HandledMarker & { status: 'snoozed'; until: IsoDate }, now: Date): Promise<void> {
  await table.doc.send(new PutCommand({ TableName: table.tableName, Item: markerItem(rmId, clientId, marker, now) }));
}

function markerItem(rmId: string, clientId: string, marker: HandledMarker, now: Date) {
  return {
    ...entities.reminderHandled.key(clientId, marker.key),
    type: entities.reminderHandled.type,
    rmId,
    clientId,
    ...marker,
    handledAt: now.toISOString(),
    expiresAt: expiresAt(now, entities.reminderHandled.ttl.days),
  };
}

/** The markers of these reminder keys (one BatchGet), by key. */
export async function handledMarkers(table: TableContext, reminderKeys: readonly string[]): Promise<Map<string, HandledMarker>> {
  const wanted = reminderKeys.flatMap((key) => {
    const clientId = clientOfReminderKey(key);
    return clientId ? [entities.reminderHandled.key(clientId, key)] : [];
  });
  const items = wanted.length > 0 ? await batchGet(table, wanted) : [];
  return new Map(
    items.map((item) => [
      String(item.key),
      { key: String(item.key), status: item.status as HandledMarker['status'], until: item.until as IsoDate | undefined, source: item.source as TouchSource | undefined },
    ]),
  );
}

/** Whether a marker keeps its reminder out of a run on `businessDate`. */
export function isHandledOn(marker: HandledMarker | undefined, businessDate: IsoDate): boolean {
  if (!marker) return false;
  return marker.status === 'done' || (marker.until !== undefined && businessDate < marker.until);
}
