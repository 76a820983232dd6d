// The call-list job: for each RM, build (or reuse) the stored list for the business date and email it once.
import pLimit from 'p-limit';
import type { Job, JobDeps, JobOptions, JobSummary } from '../core/job.ts';
import { emptySummary, recordSendOutcome, resolveBusinessDate } from '../core/job.ts';
import type { IsoDate, Rm } from '../core/model.ts';
import { sendOnce } from '../core/mail/send-once.ts';
import { errorLogFields } from '../core/errors.ts';
import { CallListStore } from './store.ts';
import { buildCallList } from './build.ts';
import { renderCallListEmail } from './email.ts';
import type { StoredCallList } from './model.ts';
import { callListJob } from './descriptor.ts';

const RM_CONCURRENCY = 4;

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

export const runCallList: Job = async (deps: JobDeps, options?: JobOptions): Promise<JobSummary> => {
  const { businessDate, isBusinessDay } = resolveBusinessDate(deps, options);
  const summary = emptySummary(callListJob.name, businessDate);
  if (!isBusinessDay) {
    deps.log.info('call list skipped', { businessDate, reason: 'not a business day' });
    return { ...summary, skipped: 'not a business day' };
  }
  const rms = await deps.store.listRms();
  const read: Record<string, number> = { rms: rms.length, listsBuilt: 0, listsReused: 0, lines: 0 };
  const add = (counts: Record<string, number>) => {
    for (const [name, count] of Object.entries(counts)) read[name] = (read[name] ?? 0) + count;
  };
  const limit = pLimit(RM_CONCURRENCY);
  await Promise.all(
    rms.map((rm) =>
      limit(async () => {
        try {
          const { list, built, read: counts } = await ensureCallList(deps, rm, businessDate);
          add(counts);
          add({ [built ? 'listsBuilt' : 'listsReused']: 1, lines: list.lines.length });
          if (list.lines.length === 0) {
            summary.emails.notNeeded += 1;
            return;
          }
          const sent = await sendOnce(
            { table: deps.store.table, mailer: deps.mailer, clock: deps.clock, leaseSeconds: deps.config.sendLeaseSeconds },
            { job: callListJob.name, rmId: rm.rmId, businessDate },
            renderCallListEmail(rm, list, deps.links),
            { resendMaybeSent: options?.resendMaybeSent },
          );
          // A suppressed email leaves the list stored: the RM still sees it in the CLI.
          recordSendOutcome(summary, sent.outcome, deps.log, rm.rmId);
          if (sent.outcome === 'failed') {
            deps.log.error('call list email failed', { rmId: rm.rmId, businessDate, ...errorLogFields(sent.error) });
          }
        } catch (error) {
          // One RM's failure must not cost the others their lists; the run reports it and fails for a retry.
          summary.emails.failed += 1;
          deps.log.error('call list failed for an RM', { rmId: rm.rmId, businessDate, ...errorLogFields(error) });
        }
      }),
    ),
  );
  deps.log.info('call list finished', { businessDate, ...read, ...summary.emails });
  return { ...summary, read };
};
