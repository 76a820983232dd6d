// The call-list job: for one RM, build (or reuse) the stored list for the business date and email it once.
import type { Job, JobDeps, JobOptions } from '../core/job.ts';
import type { PerRmJob, RmWork } from '../core/fanout/per-rm-job.ts';
import { runInProcess } from '../core/fanout/run-in-process.ts';
import type { IsoDate, Rm } from '../core/model.ts';
import { sendOnce } from '../core/mail/send-once.ts';
import { errorLogFields } from '../core/errors.ts';
import { CallListStore } from './store.ts';
import { buildCallList } from './build.ts';
import { renderCallListEmail } from './email.ts';
import type { StoredCallList } from './model.ts';
import { callListJob } from './descriptor.ts';


/**
 * The list stored for an RM and date, built and stored first if there is none. A stored list is
 * never rebuilt, so re-runs and concurrent runs see (and email) the same list.
 */
export async function ensureCallList(
  deps: Pick<JobDeps, 'store' | 'config' | 'clock'>,
  rm: Rm,
  businessDate: IsoDate,
): Promise<{ list: StoredCallList; built: boolean; read: Record<string, number> }> {
  const lists = new CallListStore(deps.store.table);
  const existing = await lists.get(rm.rmId, businessDate);
  if (existing) return { list: existing, built: false, read: {} };
  const { list, stats } = await buildCallList(deps, rm, businessDate, deps.clock.now());
  const stored = await lists.putIfAbsent(list, deps.clock.now());
  return {
    list: stored.list,
    built: stored.created,
    read: {
      candidates: stats.inactiveCandidates,
      exceptionClients: stats.exceptionClients,
      loans: stats.loans,
      contactLookups: stats.contactLookups,
    },
  };
}

/** One RM's call list for the date: built or reused, then emailed once (nothing to send when it is empty). */
async function callListForRm(deps: JobDeps, rm: Rm, businessDate: IsoDate, options: Pick<JobOptions, 'resendMaybeSent'>): Promise<RmWork> {
  const { list, built, read: counts } = await ensureCallList(deps, rm, businessDate);
  const read = { ...counts, [built ? 'listsBuilt' : 'listsReused']: 1, lines: list.lines.length };
  if (list.lines.length === 0) return { outcome: 'not-needed', read };
  const sent = await sendOnce(
    { table: deps.store.table, mailer: deps.mailer, clock: deps.clock, leaseSeconds: deps.config.sendLeaseSeconds },
    { job: callListJob.name, rmId: rm.rmId, businessDate },
    renderCallListEmail(rm, list, deps.links),
    { resendMaybeSent: options.resendMaybeSent },
  );
  // A suppressed email leaves the list stored: the RM still sees it in the CLI.
  if (sent.outcome === 'failed') deps.log.error('call list email failed', { rmId: rm.rmId, businessDate, ...errorLogFields(sent.error) });
  return { outcome: sent.outcome, read, error: sent.error };
}

/** The call-list job per RM: no shared work, one work item per RM. */
export const callListWork: PerRmJob = { name: callListJob.name, counters: ['listsBuilt', 'listsReused', 'lines'], forRm: callListForRm };

/** Every RM's call list for the business date, through the planner and the workers (see lambdas/core/fanout/). */
export const runCallList: Job = runInProcess(callListWork);
