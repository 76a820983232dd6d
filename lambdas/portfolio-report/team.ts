// The team view: one row per RM anywhere below a manager (coverage, list completion, arrears, maturities, pipeline), pure.
import { addDays } from '../core/dates/calendar.ts';
import type { IsoDate, Locale, Rm } from '../core/model.ts';
import type { ReportingTree } from '../core/reporting-lines.ts';
import { computeFigures, type BookInput, type PortfolioFigures, type ReportSettings } from './figures.ts';
import { formatAmount } from './view.ts';

export interface TeamMember {
  rm: Pick<Rm, 'rmId' | 'name'>;
  /** Whom the RM reports to: the team's manager, or a manager below them. */
  reportsTo: Pick<Rm, 'rmId' | 'name'>;
  book: BookInput;
  figures: PortfolioFigures;
}

export interface TeamRow {
  rmId: string;
  name: string;
  reportsTo: Pick<Rm, 'rmId' | 'name'>;
  coverage: number;
  listCompletion: number;
  /** Loans more than 10 days past due (the buckets from 11 days on). */
  arrears: { count: number; amount: number };
  maturingNext30Days: number;
  pipeline: number;
}

export interface TeamTable {
  title: string;
  columns: string[];
  rows: string[][];
  /** The rows' numbers as computed, for the CSV export. */
  raw: TeamRow[];
}

/**
 * A manager's team: everyone below them in the manager_id tree, at any depth (a lead of leads sees
 * their leads' teams too), depth first, each with whom they report to. Empty for an RM who leads no one.
 */
export function teamOf(tree: ReportingTree, rms: ReadonlyMap<string, Rm>, managerId: string): Array<{ rm: Rm; reportsTo: Rm }> {
  return tree.below(managerId).map((rmId) => ({ rm: rms.get(rmId)!, reportsTo: rms.get(tree.managerOf(rmId)!)! }));
}

/** What a team report is called, in the manager's language. */
export function teamName(manager: Pick<Rm, 'name' | 'locale'>): string {
  return manager.locale === 'zh-CN' ? `${manager.name}团队` : `${manager.name}'s team`;
}

/** The team table of a manager's report from each member's book (`books[i]` is `members[i]`'s), in the manager's language. */
export function teamTableOf(manager: Rm, members: ReadonlyArray<{ rm: Rm; reportsTo: Rm }>, books: readonly BookInput[], date: IsoDate, settings: ReportSettings): TeamTable {
  const rows = teamRows(
    members.map((member, i) => ({ ...member, book: books[i]!, figures: computeFigures(books[i]!, [], settings) })),
    date,
  );
  return teamTable(rows, manager.locale, manager.rmId);
}

export function teamRows(members: readonly TeamMember[], date: IsoDate): TeamRow[] {
  const horizon = addDays(date, 30);
  return members.map(({ rm, reportsTo, book, figures }) => {
    const coverage = Object.values(figures.activity.coverage);
    const clients = coverage.reduce((n, c) => n + c.clients, 0);
    const contacted = coverage.reduce((n, c) => n + c.contacted, 0);
    const late = (['11-30', '31-90', '90+'] as const).map((id) => figures.quality.arrears[id]);
    return {
      rmId: rm.rmId,
      name: rm.name,
      reportsTo: { rmId: reportsTo.rmId, name: reportsTo.name },
      coverage: clients > 0 ? contacted / clients : 0,
      listCompletion: figures.activity.callLists.share,
      arrears: { count: late.reduce((n, b) => n + b.count, 0), amount: late.reduce((n, b) => n + b.amount, 0) },
      maturingNext30Days: book.loans.filter((l) => l.maturityDate >= date && l.maturityDate <= horizon).reduce((n, l) => n + l.amount, 0),
      pipeline: Object.values(figures.activity.prospects.byStage).reduce((n, c) => n + c, 0) + figures.activity.prospects.other,
    };
  });
}

const copy = {
  en: { title: 'Your team, one row per RM', columns: ['RM', 'Coverage', 'Call-list completion', 'Arrears > 10 days', 'Maturing in 30 days', 'Prospects this week'], reportsTo: 'Reports to' },
  'zh-CN': { title: '团队明细（每位客户经理一行）', columns: ['客户经理', '覆盖率', '清单完成率', '逾期10天以上', '30天内到期', '本周潜在客户'], reportsTo: '直属主管' },
} as const;

/** The team's rows for the email and the page; with more than one level below the manager, a column says whom each RM reports to. */
export function teamTable(rows: readonly TeamRow[], locale: Locale, managerId: string): TeamTable {
  const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
  const levels = rows.some((r) => r.reportsTo.rmId !== managerId);
  return {
    title: copy[locale].title,
    columns: [...copy[locale].columns, ...(levels ? [copy[locale].reportsTo] : [])],
    rows: rows.map((r) => [
      `${r.name} (${r.rmId})`,
      pct(r.coverage),
      pct(r.listCompletion),
      `${r.arrears.count} · ${formatAmount(r.arrears.amount, locale)}`,
      formatAmount(r.maturingNext30Days, locale),
      String(r.pipeline),
      ...(levels ? [`${r.reportsTo.name} (${r.reportsTo.rmId})`] : []),
    ]),
    raw: [...rows],
  };
}
