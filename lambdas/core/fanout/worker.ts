// The worker: one work item is one RM's work for a job and date, paced to the run's send rate, its outcome recorded.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { JobDeps } from '../job.ts';
import { errorLogFields, RadarError, ValidationError } from '../errors.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { PerRmJob, RmWork } from './per-rm-job.ts';
import { recordRmOutcome, type RmOutcome } from './run-record.ts';
import { Pacer } from './pacing.ts';
import { MAX_DELAY_SECONDS, type DelayedEnqueuer, type VisibilityChanger } from './queue.ts';
import { MAX_THROTTLE_REQUEUES, parseWorkItem, type WorkItem } from './work-item.ts';

/** An RM's email could not be sent this time (refused, throttled past the cap, held by another run): its item is delivered again. */
export class RetryLaterError extends RadarError {
  override name = 'RetryLaterError';
  readonly statusCode = 503;
}

/** The job's mailer, each send waiting its turn so that this worker keeps to its share of the run's rate. */
export function pacedMailer(mailer: Mailer, pacer: Pacer, intervalMs: number): Mailer {
  return { send: async (email) => (await pacer.wait(intervalMs), mailer.send(email)) };
}

/**
 * Works one item: the RM's work (whose failure is its outcome, never another RM's), then its outcome on the run
 * record. With `throttled`, an RM whose send SES throttled is put back on the queue, delayed, as a fresh copy
 * (outcome 'requeued', not final) until it has been throttled more than `maxRequeues` times; then it fails.
 */
export async function workOn(deps: JobDeps, job: PerRmJob, item: WorkItem, pacer: Pacer, throttled?: RequeueOptions): Promise<RmWork> {
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
  if (throttled && work.outcome === 'failed' && isSesThrottling(work.error) && (await requeueThrottled(deps, job, item, throttled))) {
    return { ...work, outcome: 'requeued' };
  }
  await recordItemOutcome(deps, job, item, work.outcome);
  return work;
}

/** The item's RM outcome on its run's record. */
function recordItemOutcome(deps: JobDeps, job: PerRmJob, item: WorkItem, outcome: RmOutcome): Promise<boolean> {
  return recordRmOutcome(deps.store.table, { job: job.name, businessDate: item.businessDate }, { rmId: item.rmId, part: item.part }, outcome, deps.clock.now());
}

/**
 * Puts a fresh copy of a throttled item on the queue, delivered after `requeueDelaySeconds`, carrying one
 * throttle more. The RM is recorded as requeued first, so the copy's own outcome always lands after it. False
 * (the item fails as any other, and the caller records that) when the RM was throttled more than the cap
 * allows, or the queue refused the copy: nothing is lost, the original comes back.
 */
async function requeueThrottled(deps: JobDeps, job: PerRmJob, item: WorkItem, throttled: RequeueOptions): Promise<boolean> {
  const throttles = (item.throttles ?? 0) + 1;
  const context = { job: job.name, rmId: item.rmId, part: item.part, businessDate: item.businessDate, throttles };
  if (throttles > Math.min(throttled.maxRequeues ?? MAX_THROTTLE_REQUEUES, MAX_THROTTLE_REQUEUES)) {
    deps.log.warn('work item throttled too often: failed, to be dead-lettered', context);
    return false;
  }
  const delaySeconds = requeueDelaySeconds(throttles, throttled.baseSeconds, throttled.maxDelaySeconds, throttled.random);
  await recordItemOutcome(deps, job, item, 'requeued');
  try {
    await throttled.queue.enqueueAfter({ ...item, throttles }, delaySeconds);
  } catch (error) {
    deps.log.warn('throttled work item not requeued: failed, delivered again', { ...context, ...errorLogFields(error) });
    return false;
  }
  deps.log.info('throttled work item requeued', { ...context, delaySeconds });
  return true;
}

/** Whether SQS should deliver the item again: only when trying later can help (a failed send, a claim another run holds). */
export const needsRetry = (work: RmWork): boolean => work.outcome === 'failed' || work.outcome === 'in-progress';

/** Whether SES refused the send for its rate or quota (nothing was sent): the item is worth trying again soon, not only after the visibility timeout. */
export function isSesThrottling(error: unknown): boolean {
  const named = error as { name?: unknown; Code?: unknown } | undefined;
  return named?.name === 'Throttling' || named?.Code === 'Throttling';
}

/**
 * The one back-off of throttled items: the `n`-th wait doubles from `baseSeconds`, plus up to one base of jitter so
 * throttled workers do not come back together, never more than `maxSeconds`. The doubling stops one base short of
 * the maximum so the jitter still spreads the waits there.
 */
function doublingDelaySeconds(n: number, baseSeconds: number, maxSeconds: number, random: () => number): number {
  const doubled = Math.min(baseSeconds * 2 ** Math.max(0, Math.min(n - 1, 20)), Math.max(0, maxSeconds - baseSeconds));
  return Math.max(0, Math.min(maxSeconds, Math.round(doubled + random() * baseSeconds)));
}

/** The longest visibility a throttled item that failed is given: five minutes. */
const MAX_THROTTLE_VISIBILITY_SECONDS = 300;

/**
 * Seconds before a throttled item that failed is delivered again (its visibility), by its receive count (see
 * `doublingDelaySeconds`), at most 5 minutes. Five receives (the queue's maxReceiveCount) then span about 2.5 minutes
 * at the default base. This is the fallback once an item has been requeued `maxRequeues` times (or its requeue failed).
 */
export function throttleBackoffSeconds(receiveCount: number, baseSeconds = 5, random: () => number = Math.random): number {
  return doublingDelaySeconds(receiveCount, baseSeconds, MAX_THROTTLE_VISIBILITY_SECONDS, random);
}

/**
 * The delay (SQS DelaySeconds) of a throttled item's `throttles`-th copy (see `doublingDelaySeconds`), never more
 * than `maxSeconds` (SQS allows 900). At the defaults: 5, 10, 20, … 640, then 895 to 900 s; MAX_THROTTLE_REQUEUES (11)
 * copies wait about 66 minutes in all.
 */
export function requeueDelaySeconds(throttles: number, baseSeconds = 5, maxSeconds = MAX_DELAY_SECONDS, random: () => number = Math.random): number {
  return doublingDelaySeconds(throttles, baseSeconds, Math.min(maxSeconds, MAX_DELAY_SECONDS), random);
}

/** What a worker does when SES throttles a send: requeue a delayed copy, up to a cap. */
export interface RequeueOptions {
  /** The work queue the item came from. */
  queue: DelayedEnqueuer;
  /** The first wait of both back-offs (default 5 s). */
  baseSeconds?: number;
  /** The longest delay of a requeued copy (default, and at most, SQS's 900 s). */
  maxDelaySeconds?: number;
  /** Copies at most before the item fails as any other (default, and at most, MAX_THROTTLE_REQUEUES). */
  maxRequeues?: number;
  /** The jitter's source (tests). */
  random?: () => number;
}

/** On SQS: past the cap (or when the copy could not be sent), the failed item's visibility is shortened instead. */
export interface ThrottleOptions extends RequeueOptions {
  queue: DelayedEnqueuer & VisibilityChanger;
}

export interface WorkBatchOptions {
  /** Called with each item's work, e.g. for metrics. */
  onWork?: (item: WorkItem, work: RmWork) => void;
  /** The work queue, for a throttled item's delayed copy (or, past the cap, its shorter visibility); without it, it waits out the visibility timeout. */
  throttled?: ThrottleOptions;
}

/**
 * A batch of SQS messages with Powertools' batch processor: each failed RM is reported as a batch item
 * failure, so only it is delivered again (after the visibility timeout) and, after maxReceiveCount,
 * dead-lettered. An RM whose send SES throttled is instead requeued as a delayed copy and this message reported
 * done; past the cap, it fails with a short back-off. A malformed message fails alone, with a
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
    const work = await workOn(deps, job, item, pacer, options.throttled);
    options.onWork?.(item, work);
    // Done, or requeued as a delayed copy: this message is deleted (its receive count does not grow).
    if (!needsRetry(work)) return;
    if (options.throttled && isSesThrottling(work.error)) await showSooner(deps, options.throttled, record);
    throw new RetryLaterError(`${job.name} for ${item.rmId}: ${work.outcome}; delivered again later`);
  };
  return processPartialResponse(event, handleRecord, processor, { processInParallel: false, throwOnFullBatchFailure: false });
}

/** Shortens a throttled item's wait; if SQS will not, the item still comes back after the visibility timeout. */
async function showSooner(deps: JobDeps, throttled: ThrottleOptions, record: SQSRecord): Promise<void> {
  const seconds = throttleBackoffSeconds(Number(record.attributes.ApproximateReceiveCount) || 1, throttled.baseSeconds);
  try {
    await throttled.queue.showAgainAfter(record.receiptHandle, seconds);
  } catch (error) {
    deps.log.warn('throttled work item keeps the visibility timeout', { messageId: record.messageId, ...errorLogFields(error) });
  }
}
