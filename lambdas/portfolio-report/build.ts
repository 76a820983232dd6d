// Builds one weekly report (an RM's or a team's): history by key, the figures, the snapshot, the view and the charts.
import type { AppConfig } from '../core/config.ts';
import { addDays, weekdayOf } from '../core/dates/calendar.ts';
import type { IsoDate, Locale, Tier } from '../core/model.ts';
import type { RadarStore } from '../core/store/radar-store.ts';
import { chartSpecs, type ChartSpec, type TrendPoint } from './charts/specs.ts';
import { CHART_FONT_FAMILY, renderPng } from './charts/render.ts';
import type { RenderedChart } from './email.ts';
import { computeFigures, totalsOf, type BookInput, type PortfolioFigures, type ReportSettings } from './figures.ts';
import type { SnapshotScope, SnapshotTotals } from './snapshot.ts';
import { SnapshotStore } from './store.ts';
import { reportView, type ReportView } from './view.ts';

/** How far back the balance trend reaches: twelve weekly snapshots and this week's. */
export const TREND_WEEKS = 12;

export interface BuiltReport {
  figures: PortfolioFigures;
  view: ReportView;
  charts: RenderedChart[];
  /** Whether this run wrote the week's snapshot (false on a re-run: the first one stays). */
  snapshotWritten: boolean;
  /** Milliseconds spent rendering each chart, for the run's log and the benchmark. */
  chartMs: Record<string, number>;
}

/**
 * The date that stands for a report week: the configured weekday (ISO 1–7) of the week holding `date`.
 * A run before it in the week has no report due; a run on or after it sends the week's report once.
 */
export function reportWeekOf(date: IsoDate, isoWeekday: number): { weekKey: IsoDate; due: boolean } {
  const iso = weekdayOf(date) === 0 ? 7 : weekdayOf(date);
  const weekKey = addDays(date, isoWeekday - iso);
  return { weekKey, due: date >= weekKey };
}

/** Whose report it is: an RM's own, or a manager's team (ownerId is the manager). */
export interface ReportSubject {
  scope: SnapshotScope;
  ownerId: string;
  who: string;
  locale: Locale;
}

export function reportSettings(config: AppConfig): ReportSettings {
  return { rules: config.callList, maturityConcentrationShare: config.report.maturityConcentrationShare, timeZone: config.timeZone };
}

export interface ComposedReport {
  figures: PortfolioFigures;
  view: ReportView;
  specs: ChartSpec[];
  totals: SnapshotTotals;
}

/** The report from a book and its history, read only: what the email and the workbench page both show. */
export async function composeReport(
  deps: { store: RadarStore; config: AppConfig },
  subject: ReportSubject,
  book: BookInput,
  weekKey: IsoDate,
): Promise<ComposedReport> {
  const trendFrom = addDays(weekKey, -7 * TREND_WEEKS);
  const history = await new SnapshotStore(deps.store.table).historyFor(subject.scope, subject.ownerId, weekKey, trendFrom);
  const figures = computeFigures(book, history.snapshots, reportSettings(deps.config));
  const totals = totalsOf(book);
  const trend: TrendPoint[] = [...history.snapshots.filter((s) => s.date >= trendFrom), { date: weekKey, totals }];
  const view = reportView(figures, {
    locale: subject.locale,
    who: subject.who,
    largeLoanThreshold: deps.config.callList.largeLoanThreshold,
    postLoanCheckDays: deps.config.callList.postLoanCheckDays,
    tierMaxDays: Object.fromEntries(Object.entries(deps.config.callList.tierCadence).map(([tier, c]) => [tier, c.maxDays])) as Record<Tier, number>,
  });
  return { figures, view, specs: chartSpecs(figures, trend, subject.locale, CHART_FONT_FAMILY), totals };
}

/** The report for sending: composed, the week's snapshot written (once), and the charts rendered. */
export async function buildReport(
  deps: { store: RadarStore; config: AppConfig; now: Date },
  subject: ReportSubject,
  book: BookInput,
  weekKey: IsoDate,
): Promise<BuiltReport> {
  const { figures, view, specs, totals } = await composeReport(deps, subject, book, weekKey);
  const stored = await new SnapshotStore(deps.store.table).putIfAbsent(
    { scope: subject.scope, ownerId: subject.ownerId, date: weekKey, totals, takenAt: deps.now.toISOString() },
    deps.now,
  );
  const { charts, chartMs } = await renderCharts(specs);
  return { figures, view, charts, snapshotWritten: stored.created, chartMs };
}

/** The report's charts as PNGs, one after the other (resvg is CPU-bound), each with its rendering time. */
export async function renderCharts(specs: readonly ChartSpec[]): Promise<{ charts: RenderedChart[]; chartMs: Record<string, number> }> {
  const chartMs: Record<string, number> = {};
  const charts: RenderedChart[] = [];
  for (const spec of specs) {
    const started = performance.now();
    const png = await renderPng(spec);
    chartMs[spec.id] = Math.round(performance.now() - started);
    charts.push({ id: spec.id, title: spec.title, png });
  }
  return { charts, chartMs };
}

/** A team's book: its RMs' books together (the team report's figures are the same figures over all of them). */
export function mergeBooks(date: IsoDate, books: readonly BookInput[]): BookInput {
  return {
    businessDate: date,
    clients: books.flatMap((b) => b.clients),
    loans: books.flatMap((b) => b.loans),
    touches: books.flatMap((b) => b.touches),
    callLists: books.flatMap((b) => b.callLists),
    openFollowUps: books.flatMap((b) => b.openFollowUps),
    prospects: books.flatMap((b) => b.prospects),
  };
}
