// The team view: one row per RM of a manager's team (coverage, list completion, arrears, maturities, pipeline), pure.
import { addDays } from '../core/dates/calendar.ts';
import type { IsoDate, Locale, Rm } from '../core/model.ts';
import type { BookInput, PortfolioFigures } from './figures.ts';
import { formatAmount } from './view.ts';

export interface TeamMember {
  rm: Pick<Rm, 'rmId' | 'name'>;
  book: BookInput;
  figures: PortfolioFigures;
}

export interface TeamRow {
  rmId: string;
  name: string;
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
}

/** The RMs whose manager is `managerId`, in id order. */
export function teamOf(rms: readonly Rm[], managerId: string): Rm[] {
  return rms.filter((rm) => rm.managerId === managerId && rm.rmId !== managerId).sort((a, b) => a.rmId.localeCompare(b.rmId));
}

export function teamRows(members: readonly TeamMember[], date: IsoDate): TeamRow[] {
  const horizon = addDays(date, 30);
  return members.map(({ rm, book, figures }) => {
    const coverage = Object.values(figures.activity.coverage);
    const clients = coverage.reduce((n, c) => n + c.clients, 0);
    const contacted = coverage.reduce((n, c) => n + c.contacted, 0);
    const late = (['11-30', '31-90', '90+'] as const).map((id) => figures.quality.arrears[id]);
    return {
      rmId: rm.rmId,
      name: rm.name,
      coverage: clients > 0 ? contacted / clients : 0,
      listCompletion: figures.activity.callLists.share,
      arrears: { count: late.reduce((n, b) => n + b.count, 0), amount: late.reduce((n, b) => n + b.amount, 0) },
      maturingNext30Days: book.loans.filter((l) => l.maturityDate >= date && l.maturityDate <= horizon).reduce((n, l) => n + l.amount, 0),
      pipeline: Object.values(figures.activity.prospects.byStage).reduce((n, c) => n + c, 0) + figures.activity.prospects.other,
    };
  });
}

const copy = {
  en: { title: 'Your team, one row per RM', columns: ['RM', 'Coverage', 'Call-list completion', 'Arrears > 10 days', 'Maturing in 30 days', 'Prospects this week'] },
  'zh-CN': { title: '团队明细（每位客户经理一行）', columns: ['客户经理', '覆盖率', '清单完成率', '逾期10天以上', '30天内到期', '本周潜在客户'] },
} as const;

export function teamTable(rows: readonly TeamRow[], locale: Locale): TeamTable {
  const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
  return {
    title: copy[locale].title,
    columns: [...copy[locale].columns],
    rows: rows.map((r) => [
      `${r.name} (${r.rmId})`,
      pct(r.coverage),
      pct(r.listCompletion),
      `${r.arrears.count} · ${formatAmount(r.arrears.amount, locale)}`,
      formatAmount(r.maturingNext30Days, locale),
      String(r.pipeline),
    ]),
  };
}
