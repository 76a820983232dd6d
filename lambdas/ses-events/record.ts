// Records the bounces and complaints of an SNS delivery on the table; logs counts and hashed addresses only.
import { createHash } from 'node:crypto';
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

/** A short, stable fingerprint of an address, so logs can be correlated without holding the address. */
export function addressHash(address: string): string {
  return createHash('sha256').update(address).digest('hex').slice(0, 12);
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
    log.info('ses feedback recorded', {
      snsMessageId,
      type: notification.type,
      recipients: notification.events.length,
      outcomes,
      addressHashes: notification.events.map((e) => addressHash(e.address)),
    });
  }
  return summary;
}
