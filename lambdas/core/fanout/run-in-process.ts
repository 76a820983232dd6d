// A fanned-out job as one `Job` call: the planner fills an in-process queue and workers drain it (CLI, tests); the run's summary from its items' work.
import { emptySummary, recordSendOutcome, resolveBusinessDate, type Job, type JobDeps, type JobOptions, type JobSummary } from '../job.ts';
import type { PerRmJob, RmWork } from './per-rm-job.ts';
import { planRun } from './planner.ts';
import { InProcessQueue, type WorkQueue } from './queue.ts';
import { Pacer } from './pacing.ts';
import { workOn, type RequeueOptions } from './worker.ts';
import type { WorkItem } from './work-item.ts';

/** How the items of a planned run are worked: each item's work is handed to `record` (the CLI's queue, or SQS in npm start). */
export type WorkItems = (deps: JobDeps, job: PerRmJob, record: (item: WorkItem, work: RmWork) => void) => Promise<void>;

/**
 * Plans a run as an operator's run (replan: whatever the run record says) onto `queue`, lets `workItems`
 * work it, and sums what each item did into the summary the CLI and `npm start` print.
 */
export async function runAndSummarise(deps: JobDeps, job: PerRmJob, options: JobOptions, queue: WorkQueue, workItems: WorkItems): Promise<JobSummary> {
  // A day off touches neither the store nor the mailer (the planner would say so too, after the meter is read).
  const day = resolveBusinessDate({ clock: deps.clock, config: deps.config }, options);
  if (!day.isBusinessDay) {
    deps.log.info('run skipped', { job: job.name, businessDate: day.businessDate, reason: 'not a business day' });
    return { ...emptySummary(job.name, day.businessDate), skipped: 'not a business day' };
  }
  const itemsBefore = deps.store.meter.itemsRead;
  // The cap alone sets the pace here: the local SES has no quota to read.
  const plan = await planRun(deps, job, queue, { ...options, replan: true });
  const summary = emptySummary(job.name, plan.businessDate);
  if (plan.status !== 'planned') return { ...summary, skipped: plan.status === 'skipped' ? plan.reason : 'planned by another run' };
  const read: Record<string, number> = { ...plan.read, ...Object.fromEntries((job.counters ?? []).map((name) => [name, 0])) };
  await workItems(deps, job, (item, work) => {
    // Not final: its delayed copy reports the RM's outcome.
    if (work.outcome === 'requeued') return;
    for (const [name, count] of Object.entries(work.read ?? {})) read[name] = (read[name] ?? 0) + count;
    if (work.outcome === 'not-needed') summary.emails.notNeeded += 1;
    else recordSendOutcome(summary, work.outcome, deps.log, item.rmId);
  });
  if (job.itemsReadCounter) read[job.itemsReadCounter] = deps.store.meter.itemsRead - itemsBefore;
  deps.log.info('run finished', { job: job.name, businessDate: plan.businessDate, ...read, ...summary.emails });
  return { ...summary, read };
}

/**
 * The same planner and worker code the Lambdas run, on this process's queue. Each RM is tried once: a
 * failed RM makes the run report failure, and the next run (or `rm-radar run` again) sends it, as the
 * claims allow only one email. With `settings.throttle`, an RM that SES throttled is requeued, delayed, as on
 * SQS, and the run waits for it; without it (the CLI's jobs) a throttled RM fails now, so an operator's run
 * does not sit for up to an hour of back-off.
 */
export function runInProcess(job: PerRmJob, settings: { throttle?: Omit<RequeueOptions, 'queue'> } = {}): Job {
  return (deps, options = {}) => {
    const queue = new InProcessQueue({ maxAttempts: 1, retryDelayMs: 0 });
    return runAndSummarise(deps, job, options, queue, async (workDeps, workJob, record) => {
      const workers = workDeps.config.fanOut.workerConcurrency;
      const pacers = Array.from({ length: workers }, () => new Pacer());
      await queue.drain(async (item, _attempt, worker) => record(item, await workOn(workDeps, workJob, item, pacers[worker]!, settings.throttle && { ...settings.throttle, queue })), workers);
    });
  };
}
