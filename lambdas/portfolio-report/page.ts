// What the workbench shows of the weekly report: the signed-in RM's own, and a manager's team and the reports of everyone below them (read only).
import type { AppConfig } from '../core/config.ts';
import { NotFoundError } from '../core/errors.ts';
import type { IsoDate, Rm } from '../core/model.ts';
import type { RadarStore } from '../core/store/radar-store.ts';
import { composeReport, mergeBooks, renderCharts, reportSettings, reportWeekOf, type ComposedReport } from './build.ts';
import type { RenderedChart } from './email.ts';
import { readBook } from './read-book.ts';
import { teamName, teamOf, teamTableOf, type TeamTable } from './team.ts';
import { reportingTree } from '../core/reporting-lines.ts';

/** Whose report a page asks for: the viewer's own, the viewer's team, or one RM of the viewer's team. */
export type ReportTarget = { kind: 'own' } | { kind: 'team' } | { kind: 'member'; rmId: string };

export interface ReportPage {
  viewer: Rm;
  target: ReportTarget;
  /** Whose figures these are (the RM, or the manager for a team). */
  subject: Rm;
  weekKey: IsoDate;
  report: ComposedReport;
  /** The report's charts, drawn with the page: the page carries them inline, so a page view builds the report once. */
  charts: RenderedChart[];
  team?: TeamTable;
  /** Everyone below the viewer in the manager_id tree, for links to their reports; empty for an RM who leads no one. */
  members: Rm[];
}

/**
 * The report a viewer may see, computed from the book as it is now (nothing is written: a GET). Anyone
 * else's report, or a team for someone who leads none, is a NotFoundError (404, like any other RM's data).
 */
export async function loadReportPage(
  deps: { store: RadarStore; config: AppConfig },
  viewerId: string,
  target: ReportTarget,
  date: IsoDate,
): Promise<ReportPage> {
  const viewer = await deps.store.getRm(viewerId);
  if (!viewer) throw new NotFoundError(`no RM ${viewerId}`);
  const rms = await deps.store.listRms();
  const team = teamOf(reportingTree(rms), new Map(rms.map((rm) => [rm.rmId, rm])), viewer.rmId);
  const members = team.map(({ rm }) => rm);
  const { weekKey } = reportWeekOf(date, deps.config.report.weekday);
  if (target.kind === 'team') {
    if (team.length === 0) throw new NotFoundError(`RM ${viewerId} leads no team`);
    const books = await Promise.all(members.map((rm) => readBook(deps.store, rm, date, deps.config.timeZone)));
    const subject = { scope: 'team' as const, ownerId: viewer.rmId, who: teamName(viewer), locale: viewer.locale };
    const report = await composeReport(deps, subject, mergeBooks(date, books), weekKey);
    const { charts } = await renderCharts(report.specs);
    return { viewer, target, subject: viewer, weekKey, report, charts, team: teamTableOf(viewer, team, books, date, reportSettings(deps.config)), members };
  }
  // Only the viewer and the RMs below them in the manager_id tree: anyone else's report is not there for the viewer.
  const subject = target.kind === 'own' ? viewer : members.find((rm) => rm.rmId === target.rmId);
  if (!subject) throw new NotFoundError(`RM ${target.kind === 'member' ? target.rmId : viewerId} is not in ${viewerId}'s team`);
  const book = await readBook(deps.store, subject, date, deps.config.timeZone);
  // Shown in the viewer's language: a manager reads a member's report in their own.
  const report = await composeReport(deps, { scope: 'rm', ownerId: subject.rmId, who: subject.name, locale: viewer.locale }, book, weekKey);
  const { charts } = await renderCharts(report.specs);
  return { viewer, target, subject, weekKey, report, charts, members };
}
