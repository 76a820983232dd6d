// What the workbench shows of the weekly report: the signed-in RM's own, and a manager's team and team members' (read only).
import type { AppConfig } from '../core/config.ts';
import { NotFoundError } from '../core/errors.ts';
import type { IsoDate, Rm } from '../core/model.ts';
import type { RadarStore } from '../core/store/radar-store.ts';
import { composeReport, mergeBooks, renderCharts, reportSettings, reportWeekOf, type ComposedReport } from './build.ts';
import type { RenderedChart } from './email.ts';
import { computeFigures } from './figures.ts';
import { readBook } from './read-book.ts';
import { teamOf, teamRows, teamTable, type TeamTable } from './team.ts';

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
  /** The viewer's team, for links to their reports; empty for an RM who leads no one. */
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
  const members = teamOf(await deps.store.listRms(), viewer.rmId);
  const { weekKey } = reportWeekOf(date, deps.config.report.weekday);
  if (target.kind === 'team') {
    if (members.length === 0) throw new NotFoundError(`RM ${viewerId} leads no team`);
    const books = await Promise.all(members.map((rm) => readBook(deps.store, rm, date, deps.config.timeZone)));
    const subject = { scope: 'team' as const, ownerId: viewer.rmId, who: viewer.locale === 'zh-CN' ? `${viewer.name}团队` : `${viewer.name}'s team`, locale: viewer.locale };
    const report = await composeReport(deps, subject, mergeBooks(date, books), weekKey);
    const rows = teamRows(members.map((rm, i) => ({ rm, book: books[i]!, figures: computeFigures(books[i]!, [], reportSettings(deps.config)) })), date);
    const { charts } = await renderCharts(report.specs);
    return { viewer, target, subject: viewer, weekKey, report, charts, team: teamTable(rows, viewer.locale), members };
  }
  const subject = target.kind === 'own' ? viewer : members.find((rm) => rm.rmId === target.rmId);
  if (!subject) throw new NotFoundError(`RM ${target.kind === 'member' ? target.rmId : viewerId} is not in ${viewerId}'s team`);
  const book = await readBook(deps.store, subject, date, deps.config.timeZone);
  // Shown in the viewer's language: a manager reads a member's report in their own.
  const report = await composeReport(deps, { scope: 'rm', ownerId: subject.rmId, who: subject.name, locale: viewer.locale }, book, weekKey);
  const { charts } = await renderCharts(report.specs);
  return { viewer, target, subject, weekKey, report, charts, members };
}
