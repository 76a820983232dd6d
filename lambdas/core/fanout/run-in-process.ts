// A fanned-out job as one `Job` call: the planner fills an in-process queue and workers drain it (CLI, npm start, tests).
import { emptySummary, recordSendOutcome, resolveBusinessDate, type Job } from '../job.ts';
import type { PerRmJob } from './per-rm-job.ts';
import { planRun } from './planner.ts';
import { InProcessQueue } from './queue.ts';
import { Pacer } from './pacing.ts';
import { workOn } from './worker.ts';

/**
 * The same planner and worker code the Lambdas run, on this process's queue. An operator's run plans
 * again whatever the run record says (replan) and tries each RM once: a failed RM makes the run report
 * failure, and the next run (or `rm-radar run` again) sends it, as the claims allow only one email.
 */
export function runInProcess(job: PerRmJob): Job {
  return async (deps, options = {}) => {
    // A day off touches neither the store nor the mailer (the planner would say so too, after the meter is read).
    const day = resolveBusinessDate({ clock: deps.clock, config: deps.config }, options);
    if (!day.isBusinessDay) {
      deps.log.info('run skipped', { job: job.name, businessDate: day.businessDate, reason: 'not a business day' });
      return { ...emptySummary(job.name, day.businessDate), skipped: 'not a business day' };
    }
    const queue = new InProcessQueue({ maxAttempts: 1, retryDelayMs: 0 });
    const itemsBefore = deps.store.meter.itemsRead;
    // The cap alone sets the pace here: the local SES has no quota to read.
    const plan = await planRun(deps, job, queue, { ...options, replan: true });
    const summary = emptySummary(job.name, plan.businessDate);
    if (plan.status !== 'planned') return { ...summary, skipped: plan.status === 'skipped' ? plan.reason : 'planned by another run' };
    const read: Record<string, number> = { ...plan.read, ...Object.fromEntries((job.counters ?? []).map((name) => [name, 0])) };
    const workers = deps.config.fanOut.workerConcurrency;
    const pacers = Array.from({ length: workers }, () => new Pacer());
    await queue.drain(async (item, _attempt, worker) => {
      const work = await workOn(deps, job, item, pacers[worker]!);
      for (const [name, count] of Object.entries(work.read ?? {})) read[name] = (read[name] ?? 0) + count;
      if (work.outcome === 'not-needed') summary.emails.notNeeded += 1;
      else recordSendOutcome(summary, work.outcome, deps.log, item.rmId);
    }, workers);
    if (job.itemsReadCounter) read[job.itemsReadCounter] = deps.store.meter.itemsRead - itemsBefore;
    deps.log.info('run finished', { job: job.name, businessDate: plan.businessDate, ...read, ...summary.emails });
    return { ...summary, read };
  };
}
