// The portfolio-report job: once a week, each RM's report and each manager's team report, built, snapshotted and emailed once, one work item each.
import pLimit from 'p-limit';
import type { Job, JobDeps } from '../core/job.ts';
import type { ExtraPart, PerRmJob, RmWork, RmWorkOptions } from '../core/fanout/per-rm-job.ts';
import { runInProcess } from '../core/fanout/run-in-process.ts';
import type { IsoDate, Rm } from '../core/model.ts';
import { sendOnce } from '../core/mail/send-once.ts';
import { claimState } from '../core/store/send-claims.ts';
import type { SendKey } from '../core/store/entities.ts';
import { errorLogFields } from '../core/errors.ts';
import { addDays, datesInRange } from '../core/dates/calendar.ts';
import { readBook } from './read-book.ts';
import { buildReport, mergeBooks, reportSettings, reportWeekOf, type BuiltReport } from './build.ts';
import { renderReportEmail } from './email.ts';
import { reportCsvFiles } from './export.ts';
import { teamName, teamOf, teamTableOf } from './team.ts';
import { reportingTree } from '../core/reporting-lines.ts';

import { portfolioReportJob } from './descriptor.ts';

export const PORTFOLIO_REPORT_JOB = portfolioReportJob.name;
/** The send-claim namespace of team reports: a manager gets their own report and their team's, each once a week. */
export const TEAM_REPORT_SEND = 'portfolio-report-team';
const RM_CONCURRENCY = 2;

/** The part of a manager's team report: one work item per manager beside their own report's. */
export const TEAM_PART = 'team';

/** At most this many RMs below a manager on one team item (the ids ride on the work item). */
const MAX_TEAM_MEMBERS = 1_000;

/**
 * Sends once a week: a run on or after the week's report day sends unless a claim of an earlier day of
 * the same week exists (sent, maybe-sent or in progress). Claims stay keyed by the run's business date,
 * like every job's, so `rm-radar run portfolio-report --date D --resend-uncertain` works as for the others.
 */
function notDueReason(deps: Pick<JobDeps, 'config'>, businessDate: IsoDate): string | undefined {
  return reportWeekOf(businessDate, deps.config.report.weekday).due ? undefined : 'the weekly report is not due yet this week';
}

/** One report, built and emailed once a week: nothing is read or rendered when the week's report went out (or may have) already. */
async function deliver(
  deps: JobDeps,
  key: SendKey,
  to: Rm,
  options: RmWorkOptions,
  build: () => Promise<{ report: BuiltReport; team?: Parameters<typeof renderReportEmail>[0]['team']; read: Record<string, number> }>,
): Promise<RmWork> {
  const { weekKey } = reportWeekOf(key.businessDate, deps.config.report.weekday);
  const earlierDays = datesInRange(weekKey, addDays(key.businessDate, -1));
  const states = await Promise.all(earlierDays.map((day) => claimState(deps.store.table, { ...key, businessDate: day })));
  if (states.some((state) => state !== 'none') || (await claimState(deps.store.table, key)) === 'sent') return { outcome: 'already-sent' };
  const { report, team, read } = await build();
  const baseName = `portfolio-${key.rmId}-${weekKey}${team ? '-team' : ''}`;
  const email = renderReportEmail({
    to: to.email,
    businessDate: key.businessDate,
    view: report.view,
    charts: report.charts,
    exports: reportCsvFiles(report.view, report.figures.structure.topExposures, baseName, team),
    ...(team ? { team } : {}),
  });
  const sent = await sendOnce(
    { table: deps.store.table, mailer: deps.mailer, clock: deps.clock, leaseSeconds: deps.config.sendLeaseSeconds },
    key,
    email,
    { resendMaybeSent: options.resendMaybeSent },
  );
  if (sent.outcome === 'failed') deps.log.error('portfolio report email failed', { rmId: to.rmId, job: key.job, weekKey, ...errorLogFields(sent.error) });
  return { outcome: sent.outcome, read: { ...read, snapshotsWritten: report.snapshotWritten ? 1 : 0 }, error: sent.error };
}

/** An RM's own weekly report, or (part `team`) a manager's team report over the members the planner listed. */
async function reportForRm(deps: JobDeps, rm: Rm, businessDate: IsoDate, options: RmWorkOptions): Promise<RmWork> {
  const { weekKey } = reportWeekOf(businessDate, deps.config.report.weekday);
  const context = { store: deps.store, config: deps.config, now: deps.clock.now() };
  if (options.part !== TEAM_PART) {
    return deliver(deps, { job: PORTFOLIO_REPORT_JOB, rmId: rm.rmId, businessDate }, rm, options, async () => {
      const book = await readBook(deps.store, rm, businessDate, deps.config.timeZone);
      return { report: await buildReport(context, { scope: 'rm', ownerId: rm.rmId, who: rm.name, locale: rm.locale }, book, weekKey), read: { reports: 1 } };
    });
  }
  return deliver(deps, { job: TEAM_REPORT_SEND, rmId: rm.rmId, businessDate }, rm, options, async () => {
    // Everyone below the manager as the planner listed them, read again by key, and their tree again: one who left the team since is left out.
    const byId = new Map([rm, ...(await deps.store.getRms(options.rmIds ?? []))].map((r) => [r.rmId, r]));
    const members = teamOf(reportingTree([...byId.values()]), byId, rm.rmId);
    const limit = pLimit(RM_CONCURRENCY);
    const memberBooks = await Promise.all(members.map(({ rm: member }) => limit(() => readBook(deps.store, member, businessDate, deps.config.timeZone))));
    const report = await buildReport(context, { scope: 'team', ownerId: rm.rmId, who: teamName(rm), locale: rm.locale }, mergeBooks(businessDate, memberBooks), weekKey);
    return { report, team: teamTableOf(rm, members, memberBooks, businessDate, reportSettings(deps.config)), read: { teamReports: 1 } };
  });
}

/**
 * Every manager with anyone below them (at any depth of the manager_id tree): one team item, carrying the ids
 * of everyone below. A manager_id loop is cut (and logged), never followed.
 */
function teamParts(rms: readonly Rm[], deps: Pick<JobDeps, 'log'>): ExtraPart[] {
  const tree = reportingTree(rms);
  if (tree.loops.length > 0) deps.log.warn('manager_id loops ignored: the RMs on them report to no one', { loops: tree.loops.map((loop) => loop.join(' > ')) });
  return tree.managers().map((managerId) => ({ rmId: managerId, part: TEAM_PART, rmIds: tree.below(managerId).slice(0, MAX_TEAM_MEMBERS) }));
}

/** The weekly report per RM and per manager's team, through the planner and workers (see lambdas/core/fanout/). */
export const portfolioReportWork: PerRmJob = {
  name: PORTFOLIO_REPORT_JOB,
  counters: ['reports', 'teamReports', 'snapshotsWritten'],
  skip: notDueReason,
  extraParts: teamParts,
  forRm: reportForRm,
};

export const runPortfolioReport: Job = runInProcess(portfolioReportWork);
