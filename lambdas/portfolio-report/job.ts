// The portfolio-report job: once a week, each RM's report and each manager's team report, built, snapshotted and emailed once.
import pLimit from 'p-limit';
import type { Job, JobDeps, JobOptions, JobSummary } from '../core/job.ts';
import { emptySummary, recordSendOutcome, resolveBusinessDate } from '../core/job.ts';
import type { Rm } from '../core/model.ts';
import { sendOnce } from '../core/mail/send-once.ts';
import { claimState } from '../core/store/send-claims.ts';
import type { SendKey } from '../core/store/entities.ts';
import { errorLogFields } from '../core/errors.ts';
import { addDays, datesInRange } from '../core/dates/calendar.ts';
import { readBook } from './read-book.ts';
import { buildReport, mergeBooks, reportSettings, reportWeekOf, type BuiltReport } from './build.ts';
import { renderReportEmail } from './email.ts';
import { reportCsvFiles } from './export.ts';
import type { BookInput } from './figures.ts';
import { teamName, teamOf, teamTableOf } from './team.ts';
import { reportingTree } from '../core/reporting-lines.ts';

import { portfolioReportJob } from './descriptor.ts';

export const PORTFOLIO_REPORT_JOB = portfolioReportJob.name;
/** The send-claim namespace of team reports: a manager gets their own report and their team's, each once a week. */
export const TEAM_REPORT_SEND = 'portfolio-report-team';
const RM_CONCURRENCY = 2;

/**
 * Sends once a week: a run on or after the week's report day sends unless a claim of an earlier day of
 * the same week exists (sent, maybe-sent or in progress). Claims stay keyed by the run's business date,
 * like every job's, so `rm-radar run portfolio-report --date D --resend-uncertain` works as for the others.
 */
export const runPortfolioReport: Job = async (deps: JobDeps, options?: JobOptions): Promise<JobSummary> => {
  const { businessDate, isBusinessDay } = resolveBusinessDate(deps, options);
  const summary = emptySummary(PORTFOLIO_REPORT_JOB, businessDate);
  if (!isBusinessDay) return { ...summary, skipped: 'not a business day' };
  const { weekKey, due } = reportWeekOf(businessDate, deps.config.report.weekday);
  if (!due) return { ...summary, skipped: 'the weekly report is not due yet this week' };

  const rms = await deps.store.listRms();
  const read: Record<string, number> = { rms: rms.length, reports: 0, teamReports: 0, snapshotsWritten: 0 };
  const books = new Map<string, BookInput>();
  const bookOf = async (rm: Rm) => {
    const cached = books.get(rm.rmId);
    if (cached) return cached;
    const book = await readBook(deps.store, rm, businessDate, deps.config.timeZone);
    books.set(rm.rmId, book);
    return book;
  };
  const limit = pLimit(RM_CONCURRENCY);

  const deliver = async (key: SendKey, to: Rm, build: () => Promise<{ report: BuiltReport; team?: Parameters<typeof renderReportEmail>[0]['team'] }>) => {
    try {
      // The week's report may have gone out (or be maybe-sent) on an earlier day of the week, or today: nothing is read or rendered again.
      const earlierDays = datesInRange(weekKey, addDays(businessDate, -1));
      const states = await Promise.all(earlierDays.map((day) => claimState(deps.store.table, { ...key, businessDate: day })));
      if (states.some((state) => state !== 'none') || (await claimState(deps.store.table, key)) === 'sent') {
        summary.emails.alreadySent += 1;
        return;
      }
      const { report, team } = await build();
      if (report.snapshotWritten) read.snapshotsWritten! += 1;
      const baseName = `portfolio-${key.rmId}-${weekKey}${team ? '-team' : ''}`;
      const email = renderReportEmail({
        to: to.email,
        businessDate,
        view: report.view,
        charts: report.charts,
        exports: reportCsvFiles(report.view, report.figures.structure.topExposures, baseName, team),
        ...(team ? { team } : {}),
      });
      const sent = await sendOnce(
        { table: deps.store.table, mailer: deps.mailer, clock: deps.clock, leaseSeconds: deps.config.sendLeaseSeconds },
        key,
        email,
        { resendMaybeSent: options?.resendMaybeSent },
      );
      recordSendOutcome(summary, sent.outcome, deps.log, to.rmId);
      if (sent.outcome === 'failed') deps.log.error('portfolio report email failed', { rmId: to.rmId, job: key.job, weekKey, ...errorLogFields(sent.error) });
    } catch (error) {
      // One report's failure must not cost the others theirs; the run fails, so a retry sends what is missing.
      summary.emails.failed += 1;
      deps.log.error('portfolio report failed', { rmId: to.rmId, job: key.job, weekKey, ...errorLogFields(error) });
    }
  };

  await Promise.all(
    rms.map((rm) =>
      limit(() =>
        deliver({ job: PORTFOLIO_REPORT_JOB, rmId: rm.rmId, businessDate }, rm, async () => {
          read.reports! += 1;
          const report = await buildReport({ store: deps.store, config: deps.config, now: deps.clock.now() }, { scope: 'rm', ownerId: rm.rmId, who: rm.name, locale: rm.locale }, await bookOf(rm), weekKey);
          return { report };
        }),
      ),
    ),
  );

  // Every manager gets a report on everyone below them, at any depth; a manager_id loop is cut (and logged), never followed.
  const byId = new Map(rms.map((rm) => [rm.rmId, rm]));
  const tree = reportingTree(rms);
  if (tree.loops.length > 0) deps.log.warn('manager_id loops ignored: the RMs on them report to no one', { loops: tree.loops.map((loop) => loop.join(' > ')) });
  for (const managerId of tree.managers()) {
    const manager = byId.get(managerId)!;
    const members = teamOf(tree, byId, managerId);
    await deliver({ job: TEAM_REPORT_SEND, rmId: managerId, businessDate }, manager, async () => {
      read.teamReports! += 1;
      const memberBooks = await Promise.all(members.map(({ rm }) => limit(() => bookOf(rm))));
      const report = await buildReport(
        { store: deps.store, config: deps.config, now: deps.clock.now() },
        { scope: 'team', ownerId: managerId, who: teamName(manager), locale: manager.locale },
        mergeBooks(businessDate, memberBooks),
        weekKey,
      );
      return { report, team: teamTableOf(manager, members, memberBooks, businessDate, reportSettings(deps.config)) };
    });
  }

  deps.log.info('portfolio report finished', { businessDate, weekKey, ...read, ...summary.emails });
  return { ...summary, read };
};
