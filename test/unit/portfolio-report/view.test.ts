// The report's rows in both languages: every figure has a label, a value and a one-line explanation.
import { describe, expect, it } from 'vitest';
import { computeFigures, type BookInput } from '../../../lambdas/portfolio-report/figures.ts';
import { formatAmount, reportView } from '../../../lambdas/portfolio-report/view.ts';
import { aClient, aLoan, rules, TZ } from '../call-list/fixtures.ts';
import type { Locale } from '../../../lambdas/core/model.ts';

const D = '2026-11-16';
const book: BookInput = {
  businessDate: D,
  clients: [aClient({ clientId: 'c1', balances: { demandDeposits: 1_000_000, timeDeposits: 0, aum: 0 } })],
  loans: [aLoan({ loanId: 'l1', clientId: 'c1', amount: 4_000_000, maturityDate: '2026-12-20' })],
  touches: [],
  callLists: [],
  openFollowUps: [],
  prospects: [],
};
const settings = { rules, maturityConcentrationShare: 0.3, timeZone: TZ };
const options = (locale: Locale) => ({
  locale,
  who: 'Grace',
  largeLoanThreshold: rules.largeLoanThreshold,
  postLoanCheckDays: rules.postLoanCheckDays,
  tierMaxDays: { A: 30, B: 60, C: 180 },
});

describe('report view', () => {
  it.each(['zh-CN', 'en'] as const)('every row in %s has a label, a value and a one-line explanation', (locale) => {
    const view = reportView(computeFigures(book, [], settings), options(locale));
    const rows = view.sections.flatMap((s) => s.rows);
    expect(rows.length).toBeGreaterThan(30);
    // Only the months with maturities have a row; the chart shows all twelve.
    expect(rows.filter((r) => r.id.startsWith('maturity-')).map((r) => r.id)).toEqual(['maturity-2026-12']);
    for (const row of rows) {
      expect(row.label.length, row.id).toBeGreaterThan(0);
      expect(row.value.length, row.id).toBeGreaterThan(0);
      expect(row.explanation, row.id).toMatch(/\S/);
      expect(row.explanation, row.id).not.toContain('\n');
      expect(row.explanation, row.id).not.toMatch(/undefined|NaN/);
    }
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });

  it('says on a first report when history starts, and shows no changes', () => {
    const en = reportView(computeFigures(book, [], settings), options('en'));
    expect(en.historyNote).toBe('History starts on 2026-11-16: this is the first report, so the change columns fill from next week.');
    expect(en.sections[0]!.rows[0]!.changes).toEqual(['—', '—', '—']);
    const zh = reportView(computeFigures(book, [], settings), options('zh-CN'));
    expect(zh.historyNote).toContain('历史数据自 2026-11-16 起记录');
  });

  it('flags the concentrated month and explains it in both languages', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const rows = reportView(computeFigures(book, [], settings), options(locale)).sections[1]!.rows;
      const december = rows.find((r) => r.id === 'maturity-2026-12')!;
      expect(december.warn).toBe(true);
      expect(december.explanation).toContain('100.0%');
      expect(december.explanation).toContain('30.0%');
      expect(rows.find((r) => r.id === 'maturity-2027-01')).toBeUndefined();
    }
  });

  it('reads as English with one loan and one borrower (singular verbs, the collateral named once)', () => {
    const rows = reportView(computeFigures(book, [], settings), options('en')).sections[1]!.rows;
    const explain = (id: string) => rows.find((r) => r.id === id)!.explanation;
    expect(explain('maturity-2026-12')).toMatch(/^1 loan matures in 2026-12: 100\.0% of the book/);
    expect(explain('beyond-ladder')).toBe('0 loans mature after the next twelve months.');
    expect(explain('top-exposures')).toMatch(/^Your largest borrower holds 100\.0% of the book/);
    expect(rows.filter((r) => r.id.startsWith('collateral-')).map((r) => r.explanation)).toContain('Pledge: 0 loans, 0.0% of the book.');
  });

  it('shows changes signed, in the locale’s units', () => {
    const history = [{ scope: 'rm' as const, ownerId: 'rm-1', date: '2026-11-09', takenAt: 'x', totals: { demandDeposits: 1_250_000, timeDeposits: 0, aum: 0, loansOutstanding: 3_000_000, clients: { A: 1, B: 0, C: 0 } } }];
    const zh = reportView(computeFigures(book, history, settings), options('zh-CN')).sections[0]!.rows;
    expect(zh[0]).toMatchObject({ value: '100万', changes: ['−25万', '—', '—'] });
    expect(zh[3]).toMatchObject({ value: '400万', changes: ['+100万', '—', '—'] });
    const en = reportView(computeFigures(book, history, settings), options('en')).sections[0]!.rows;
    expect(en[0]).toMatchObject({ value: '1M', changes: ['−250k', '—', '—'] });
    expect(en[4]).toMatchObject({ id: 'clients-A', value: '1', changes: ['±0', '—', '—'] });
  });

  it.each([
    [0, 'zh-CN', '0'],
    [12_345, 'zh-CN', '1.2万'],
    [250_000_000, 'zh-CN', '2.5亿'],
    [999, 'en', '999'],
    [12_345, 'en', '12.3k'],
    [4_560_000, 'en', '4.56M'],
  ] as const)('formats %d in %s as %s', (amount, locale, text) => {
    expect(formatAmount(amount, locale)).toBe(text);
  });
});
