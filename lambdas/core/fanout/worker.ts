// The worker: one work item is one RM's work for a job and date, paced to the run's send rate, its outcome recorded.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { JobDeps } from '../job.ts';
import { errorLogFields, RadarError, ValidationError } from '../errors.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { PerRmJob, RmWork } from './per-rm-job.ts';
import { recordRmOutcome } from './run-record.ts';
import { Pacer } from './pacing.ts';
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
      work = await job.forRm({ ...deps, mailer: pacedMailer(deps.mailer, pacer, item.sendIntervalMs) }, rm, item.businessDate, { resendMaybeSent: item.resendMaybeSent });
    }
  } catch (error) {
    work = { outcome: 'failed', error };
    deps.log.error('work item failed', { job: job.name, rmId: item.rmId, businessDate: item.businessDate, ...errorLogFields(error) });
  }
  await recordRmOutcome(deps.store.table, { job: job.name, businessDate: item.businessDate }, item.rmId, work.outcome, deps.clock.now());
  return work;
}

/** Whether SQS should deliver the item again: only when trying later can help (a failed send, a claim another run holds). */
export const needsRetry = (work: RmWork): boolean => work.outcome === 'failed' || work.outcome === 'in-progress';

/**
 * A batch of SQS messages with Powertools' batch processor: each failed RM is reported as a batch item
 * failure, so only it is delivered again (after the visibility timeout) and, after maxReceiveCount, dead-lettered.
 * Records run one after another: the pacer spaces the sends, and a batch's reads stay a few at a time.
 */
export function processWorkBatch(event: SQSEvent, deps: JobDeps, job: PerRmJob, pacer: Pacer, onWork?: (item: WorkItem, work: RmWork) => void): Promise<SQSBatchResponse> {
  const processor = new BatchProcessor(EventType.SQS);
  const handleRecord = async (record: SQSRecord) => {
    const item = parseWorkItem(record.body);
    const work = await workOn(deps, job, item, pacer);
    onWork?.(item, work);
    if (needsRetry(work)) throw new RetryLaterError(`${job.name} for ${item.rmId}: ${work.outcome}; delivered again later`);
  };
  return processPartialResponse(event, handleRecord, processor, { processInParallel: false, throwOnFullBatchFailure: false });
}
