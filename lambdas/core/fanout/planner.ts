// The planner of a run: resolves the business date, does the shared work once, and enqueues one work item per RM.
import type { JobDeps, JobOptions } from '../job.ts';
import { resolveBusinessDate } from '../job.ts';
import type { IsoDate } from '../model.ts';
import type { PerRmJob, PreparedRun } from './per-rm-job.ts';
import type { WorkQueue } from './queue.ts';
import { claimPlanning, markPlanned, readRun, releasePlanning, type RunRecord } from './run-record.ts';
import { runSendRate, sendIntervalMs } from './pacing.ts';
import { mostPacedWorkers } from './worker-limits.ts';
import type { WorkItem } from './work-item.ts';

/** Work items sent to the queue per call of enqueue (the SQS adapter splits them into batches of ten). */
const ENQUEUE_PAGE = 500;

/** Longer than a planner takes to list and enqueue 50,000 RMs; a planner that died is taken over after it. */
export const PLANNING_LEASE_SECONDS = 600;

export type PlanResult =
  | { status: 'skipped'; businessDate: IsoDate; reason: string }
  /** Another planner planned (or is planning) this run: nothing enqueued. */
  | { status: 'already-planned'; businessDate: IsoDate }
  | { status: 'planned'; businessDate: IsoDate; planned: number; sendRate: number; read: Record<string, number> };

export interface PlanOptions extends JobOptions {
  /** Plan again although the run was planned (an operator's run); a scheduled planner leaves it false. */
  replan: boolean;
  /** SES's maximum send rate, when known (the Lambda planner reads it; see pacing.ts). */
  sesSendRate?: number;
}

export async function planRun(deps: JobDeps, job: PerRmJob, queue: WorkQueue, options: PlanOptions): Promise<PlanResult> {
  const { businessDate, isBusinessDay } = resolveBusinessDate(deps, options);
  if (!isBusinessDay) {
    deps.log.info('run skipped', { job: job.name, businessDate, reason: 'not a business day' });
    return { status: 'skipped', businessDate, reason: 'not a business day' };
  }
  const notDue = job.skip?.(deps, businessDate);
  if (notDue) {
    deps.log.info('run skipped', { job: job.name, businessDate, reason: notDue });
    return { status: 'skipped', businessDate, reason: notDue };
  }
  const claim = await claimPlanning(deps.store.table, { job: job.name, businessDate }, deps.clock.now(), { leaseSeconds: PLANNING_LEASE_SECONDS, replan: options.replan });
  if (!claim) {
    deps.log.info('run already planned by another planner', { job: job.name, businessDate });
    return { status: 'already-planned', businessDate };
  }
  let prepared: PreparedRun;
  let units: { rmId: string; part?: string; rmIds?: string[] }[];
  try {
    // Shared work first: the workers read what it stored (prospect-scan's stories).
    prepared = (await job.prepare?.(deps, businessDate)) ?? { read: {} };
    const rms = await deps.store.listRms();
    units = [...rms.map((rm) => ({ rmId: rm.rmId })), ...(job.extraParts?.(rms, deps) ?? [])];
  } catch (error) {
    // Nothing enqueued yet: let the schedule's retry plan at once rather than after the lease.
    await releasePlanning(deps.store.table, claim);
    throw error;
  }
  const sendRate = runSendRate(options.sesSendRate, deps.config.fanOut.sendRateCap);
  const workers = deps.config.fanOut.workerConcurrency;
  const interval = sendIntervalMs(sendRate, workers);
  // The stack checked the workers against the cap; a quota below the cap (a sandbox account) can make a
  // paced batch outlast the worker's timeout. The pace stays right (no throttling); the fix is a deploy.
  const mostWorkers = mostPacedWorkers(sendRate);
  if (options.sesSendRate !== undefined && workers > mostWorkers) {
    deps.log.warn('SES send rate too low for the workers: paced batches will outlast the worker timeout; lower fanOut.workerConcurrency', {
      job: job.name,
      sendRate,
      workers,
      mostWorkers,
    });
  }
  for (let start = 0; start < units.length; start += ENQUEUE_PAGE) {
    const items: WorkItem[] = units.slice(start, start + ENQUEUE_PAGE).map((unit) => ({
      job: job.name,
      ...unit,
      businessDate,
      sendIntervalMs: interval,
      ...(options.resendMaybeSent ? { resendMaybeSent: true } : {}),
      ...(prepared.shared ? { shared: prepared.shared } : {}),
    }));
    await queue.enqueue(items);
  }
  await markPlanned(deps.store.table, claim, units.length, sendRate, deps.clock.now());
  const rmCount = units.filter((unit) => !unit.part).length;
  deps.log.info('run planned', { job: job.name, businessDate, planned: units.length, sendRate, workers });
  return { status: 'planned', businessDate, planned: units.length, sendRate, read: { ...prepared.read, rms: rmCount } };
}

/** Whether the run of the date is done: complete, or nothing to do (not a business day, or the job skips it); the deadline check reports it. */
export async function checkRun(deps: JobDeps, job: PerRmJob, businessDate?: IsoDate): Promise<{ run?: RunRecord; complete: boolean }> {
  const resolved = resolveBusinessDate(deps, { businessDate });
  // Nothing to do that day (a day off, or a weekly job's other days): complete.
  if (!resolved.isBusinessDay || job.skip?.(deps, resolved.businessDate)) return { complete: true };
  const run = await readRun(deps.store.table, job.name, resolved.businessDate);
  return { run, complete: run?.complete === true };
}
