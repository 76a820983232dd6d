// S3 object-created notifications arriving through SQS: each object imported once; what must be retried is
// reported back as a failed batch item, so SQS delivers that message again (and dead-letters it in the end).
import * as z from 'zod';
import { loggableMessage } from '../core/errors.ts';
import { importObject, PAUSE_WHEN_LEFT_MS, type DropZoneDeps, type ObjectOutcome } from './import-object.ts';

const MAX_RECORDS_PER_MESSAGE = 100;

const s3Record = z.object({
  eventName: z.string().max(100),
  s3: z.object({
    object: z.object({ key: z.string().min(1).max(4096), versionId: z.string().max(1024).optional() }),
  }),
});

/** An S3 notification, or the test event S3 sends when notifications are configured. */
const s3Notification = z.union([
  z.object({ Records: z.array(s3Record).max(MAX_RECORDS_PER_MESSAGE) }),
  z.object({ Event: z.literal('s3:TestEvent') }),
]);

const sqsEvent = z.object({
  Records: z.array(z.object({ messageId: z.string().min(1), body: z.string().max(262_144) })).max(10_000),
});

export interface QueueBatchResult {
  batchItemFailures: { itemIdentifier: string }[];
  outcomes: ObjectOutcome[];
}

/** Imports the objects the messages name; a message whose object waits, is busy or failed is handed back to SQS. */
export async function importQueuedObjects(deps: DropZoneDeps, event: unknown): Promise<QueueBatchResult> {
  const result: QueueBatchResult = { batchItemFailures: [], outcomes: [] };
  for (const message of sqsEvent.parse(event).Records) {
    // Too little time to start another file: it goes back to the queue untouched.
    if ((deps.timeLeftMs?.() ?? Infinity) < PAUSE_WHEN_LEFT_MS) {
      result.batchItemFailures.push({ itemIdentifier: message.messageId });
      continue;
    }
    try {
      const notification = s3Notification.parse(JSON.parse(message.body));
      if (!('Records' in notification)) continue;
      let retry = false;
      for (const record of notification.Records) {
        if (!record.eventName.startsWith('ObjectCreated:')) continue;
        const key = objectKeyOf(record.s3.object.key);
        // An unversioned bucket's objects have the version "null", as S3 calls it.
        const outcome = await importObject(deps, { key, versionId: record.s3.object.versionId ?? 'null' });
        result.outcomes.push(outcome);
        if (outcome.status === 'waiting' || outcome.status === 'busy') {
          deps.log.info('drop zone file held for a retry', { file: key, status: outcome.status, ...('waitingFor' in outcome ? { waitingFor: outcome.waitingFor } : {}) });
          retry = true;
        }
      }
      if (retry) result.batchItemFailures.push({ itemIdentifier: message.messageId });
    } catch (error) {
      deps.log.error('drop zone message failed', { messageId: message.messageId, error: loggableMessage(error) });
      result.batchItemFailures.push({ itemIdentifier: message.messageId });
    }
  }
  return result;
}

/** S3 notifications carry keys URL-encoded with spaces as "+". */
export function objectKeyOf(encoded: string): string {
  return decodeURIComponent(encoded.replace(/\+/g, ' '));
}
