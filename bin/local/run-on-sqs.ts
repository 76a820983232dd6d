// A fanned-out job on a real SQS API (fauxqs) for `npm start`: the planner enqueues on a fresh work queue, Lambda's event source is played by a poller per worker.
import type { Job } from '../../lambdas/core/job.ts';
import type { PerRmJob } from '../../lambdas/core/fanout/per-rm-job.ts';
import { runAndSummarise } from '../../lambdas/core/fanout/run-in-process.ts';
import { Pacer } from '../../lambdas/core/fanout/pacing.ts';
import { SqsWorkQueue } from '../../lambdas/core/fanout/sqs-queue.ts';
import { processWorkBatch } from '../../lambdas/core/fanout/worker.ts';
import { createWorkQueue, type LocalSqs } from './local-sqs.ts';
import { drain } from './sqs-event-source.ts';

/** Deliveries of an item before fauxqs dead-letters it, as the stack's queue (lib/fan-out.ts MAX_RECEIVE_COUNT). */
const MAX_RECEIVES = 5;

/**
 * The job through planner, queue and workers as deployed: batches with partial failures, a throttled item
 * requeued as a delayed copy, a failed one shown again after the visibility timeout, until the queue is empty or
 * only dead letters are left (their RMs count as failed in the summary, the next run sends them).
 */
export function runOnSqs(job: PerRmJob, local: LocalSqs, options: { visibilitySeconds?: number } = {}): Job {
  return async (deps, jobOptions = {}) => {
    const queue = await createWorkQueue(local, { visibilitySeconds: options.visibilitySeconds ?? 5, maxReceiveCount: MAX_RECEIVES });
    const sqsQueue = new SqsWorkQueue(queue.queueUrl, local.sqs);
    return runAndSummarise(deps, job, jobOptions, sqsQueue, async (workDeps, workJob, record) => {
      const workers = workDeps.config.fanOut.workerConcurrency;
      // A retried item reports its last delivery's work only: the summary counts each item once.
      const last = new Map<string, Parameters<typeof record>>();
      await drain(
        queue,
        (event) => processWorkBatch(event, workDeps, workJob, new Pacer(), { throttled: { queue: sqsQueue }, onWork: (item, work) => last.set(`${item.rmId}#${item.part ?? ''}`, [item, work]) }),
        workers,
      );
      for (const [item, work] of last.values()) record(item, work);
    });
  };
}
