// The worker: one work item is one RM's work for a job and date, paced to the run's send rate, its outcome recorded.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { JobDeps } from '../job.ts';
import { errorLogFields, RadarError, ValidationError } from '../errors.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { PerRmJob, RmWork } from './per-rm-job.ts';
import { recordRmOutcome } from './run-record.ts';
import { Pacer } from './pacing.ts';
import type { VisibilityChanger } from './queue.ts';
import { parseWorkItem, type WorkItem } from './work-item.ts';

/** An RM's email could not be sent this time (refused, throttled, held by another run): its item is delivered again. */
export class RetryLaterError extends RadarError {
  override name = 'RetryLaterError';
  readonly statusCode = 503;
}

/** The job's mailer, each send waiting its turn so that this worker keeps to its share of the run's rate. */
export function pacedMailer(mailer: Mailer, pacer: Pacer, intervalMs: number): Mailer {
  return { send: async (email) => (await pacer.wait(intervalMs), mailer.send(email)) };
}

/** Works one item: the RM's work (whose failure is its outcome, never another RM's), then its outcome on the run record. */
export async function workOn(deps: JobDeps, job: PerRmJob, item: WorkItem, pacer: Pacer): Promise<RmWork> {
  if (item.job !== job.name) throw new ValidationError(`work item for job ${item.job} reached the ${job.name} worker`);
  let work: RmWork;
  try {
    const rm = await deps.store.getRm(item.rmId);
    if (!rm) {
      // Removed since the run was planned: nobody to send to.
      deps.log.warn('work item for an RM that no longer exists', { job: job.name, rmId: item.rmId, businessDate: item.businessDate });
      work = { outcome: 'not-needed' };
    } else {
      work = await job.forRm({ ...deps, mailer: pacedMailer(deps.mailer, pacer, item.sendIntervalMs) }, rm, item.businessDate, {
        resendMaybeSent: item.resendMaybeSent,
        ...(item.shared ? { shared: item.shared } : {}),
        ...(item.part ? { part: item.part } : {}),
        ...(item.rmIds ? { rmIds: item.rmIds } : {}),
      });
    }
  } catch (error) {
    work = { outcome: 'failed', error };
    deps.log.error('work item failed', { job: job.name, rmId: item.rmId, part: item.part, businessDate: item.businessDate, ...errorLogFields(error) });
  }
  await recordRmOutcome(deps.store.table, { job: job.name, businessDate: item.businessDate }, { rmId: item.rmId, part: item.part }, work.outcome, deps.clock.now());
  return work;
}

/** Whether SQS should deliver the item again: only when trying later can help (a failed send, a claim another run holds). */
export const needsRetry = (work: RmWork): boolean => work.outcome === 'failed' || work.outcome === 'in-progress';

/** Whether SES refused the send for its rate or quota (nothing was sent): the item is worth trying again soon, not only after the visibility timeout. */
export function isSesThrottling(error: unknown): boolean {
  const named = error as { name?: unknown; Code?: unknown } | undefined;
  return named?.name === 'Throttling' || named?.Code === 'Throttling';
}

/**
 * Seconds before a throttled item is delivered again: doubling from `baseSeconds` with each receive, plus up
 * to one base of jitter so throttled workers do not come back together, at most 5 minutes. Five receives
 * (the queue's maxReceiveCount) then span about 2.5 minutes at the default base, time for the rate to recover.
 */
export function throttleBackoffSeconds(receiveCount: number, baseSeconds = 5, random: () => number = Math.random): number {
  const doubled = baseSeconds * 2 ** Math.max(0, Math.min(receiveCount - 1, 10));
  return Math.min(300, Math.round(doubled + random() * baseSeconds));
}

export interface WorkBatchOptions {
  /** Called with each item's work, e.g. for metrics. */
  onWork?: (item: WorkItem, work: RmWork) => void;
  /** Where a throttled item's visibility is shortened (the work queue); without it, it waits out the visibility timeout. */
  throttled?: { queue: VisibilityChanger; baseSeconds?: number };
}

/**
 * A batch of SQS messages with Powertools' batch processor: each failed RM is reported as a batch item
 * failure, so only it is delivered again (after the visibility timeout, or a short back-off when SES
 * throttled it) and, after maxReceiveCount, dead-lettered. A malformed message fails alone, with a
 * ValidationError naming what is wrong. Records run one after another: the pacer spaces the sends, and a
 * batch's reads stay a few at a time.
 */
export function processWorkBatch(event: SQSEvent, deps: JobDeps, job: PerRmJob, pacer: Pacer, options: WorkBatchOptions = {}): Promise<SQSBatchResponse> {
  const processor = new BatchProcessor(EventType.SQS);
  const handleRecord = async (record: SQSRecord) => {
    let item: WorkItem;
    try {
      item = parseWorkItem(record.body);
    } catch (error) {
      // Logged by message id only: the body is not ours to print.
      deps.log.error('work item rejected', { job: job.name, messageId: record.messageId, ...errorLogFields(error) });
      throw error;
    }
    const work = await workOn(deps, job, item, pacer);
    options.onWork?.(item, work);
    if (!needsRetry(work)) return;
    if (options.throttled && isSesThrottling(work.error)) await showSooner(deps, options.throttled, record);
    throw new RetryLaterError(`${job.name} for ${item.rmId}: ${work.outcome}; delivered again later`);
  };
  return processPartialResponse(event, handleRecord, processor, { processInParallel: false, throwOnFullBatchFailure: false });
}

/** Shortens a throttled item's wait; if SQS will not, the item still comes back after the visibility timeout. */
async function showSooner(deps: JobDeps, throttled: NonNullable<WorkBatchOptions['throttled']>, record: SQSRecord): Promise<void> {
  const seconds = throttleBackoffSeconds(Number(record.attributes.ApproximateReceiveCount) || 1, throttled.baseSeconds);
  try {
    await throttled.queue.showAgainAfter(record.receiptHandle, seconds);
  } catch (error) {
    deps.log.warn('throttled work item keeps the visibility timeout', { messageId: record.messageId, ...errorLogFields(error) });
  }
}
