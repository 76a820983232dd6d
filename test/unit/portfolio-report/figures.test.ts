// The portfolio report's figures from a small known book: numbers and trends, structure, quality, activity.
import { describe, expect, it } from 'vitest';
import { collateralKindOf, computeFigures, totalsOf, type BookInput, type ReportSettings } from '../../../lambdas/portfolio-report/figures.ts';
import type { Snapshot } from '../../../lambdas/portfolio-report/snapshot.ts';
import { localTimeToInstant } from '../../../lambdas/core/dates/calendar.ts';
import { aClient, aLoan, pastDue, rules, TZ } from '../call-list/fixtures.ts';

const D = '2026-11-16'; // a Monday
const at = (date: string, time = '10:00') => localTimeToInstant(date, time, TZ).toISOString();
const settings: ReportSettings = { rules, maturityConcentrationShare: 0.3, timeZone: TZ };

const clients = [
  aClient({ clientId: 'c1', tier: 'A', balances: { demandDeposits: 600_000, timeDeposits: 400_000, aum: 2_000_000 }, lastContactAt: at('2026-11-10') }),
  aClient({ clientId: 'c2', tier: 'A', balances: { demandDeposits: 100_000, timeDeposits: 900_000, aum: 0 }, lastContactAt: at('2026-09-01') }),
  aClient({ clientId: 'c3', tier: 'B', companyName: 'Harbour Steel', balances: { demandDeposits: 300_000, timeDeposits: 0, aum: 500_000 } }),
  aClient({ clientId: 'c4', tier: 'C', doNotContact: true }),
  aClient({ clientId: 'c5', tier: 'C', lastContactAt: at('2026-10-01') }),
];

// Book: 10,000,000 in all.
const loans = [
  aLoan({ loanId: 'l1', clientId: 'c1', amount: 4_000_000, collateral: '房产抵押', maturityDate: '2026-12-20', lastCheckedOn: '2026-10-01' }),
  aLoan({ loanId: 'l2', clientId: 'c2', amount: 2_000_000, collateral: '存货质押', maturityDate: '2026-11-30', ...pastDue(5, D), lastCheckedOn: '2026-06-01' }),
  aLoan({ loanId: 'l3', clientId: 'c3', amount: 1_500_000, collateral: 'Guarantee', maturityDate: '2027-03-15', ...pastDue(25, D), lastCheckedOn: '2026-11-01' }),
  aLoan({ loanId: 'l4', clientId: 'c3', amount: 1_000_000, collateral: '信用', maturityDate: '2028-01-01', ...pastDue(60, D), lastCheckedOn: '2026-11-01' }),
  aLoan({ loanId: 'l5', clientId: 'c5', amount: 900_000, maturityDate: '2026-11-10', ...pastDue(120, D) }),
  aLoan({ loanId: 'l6', clientId: 'c1', amount: 600_000, collateral: 'a letter of comfort', maturityDate: '2027-10-31', lastCheckedOn: '2026-11-01' }),
];

const book: BookInput = {
  businessDate: D,
  clients,
  loans,
  touches: [
    { clientId: 'c1', channel: 'visit', at: at('2026-11-10') },
    { clientId: 'c1', channel: 'call', at: at('2026-11-09', '00:10') }, // Monday 00:10 local: in the week
    { clientId: 'c5', channel: 'call', at: at('2026-11-08', '23:50') }, // the Sunday before: not in the week
    { clientId: 'c2', channel: 'meal', at: at('2026-11-15', '20:00') },
    { clientId: 'c2', channel: 'call', at: at('2026-11-16', '09:00') }, // the report day itself: next week's
  ],
  callLists: [
    { businessDate: '2026-11-09', listed: 4, done: 3 },
    { businessDate: '2026-11-10', listed: 6, done: 2 },
  ],
  openFollowUps: [{ dueOn: '2026-11-01' }, { dueOn: '2026-11-15' }, { dueOn: D }, { dueOn: '2026-11-20' }],
  prospects: [{ stage: 'preparing', isNew: true }, { stage: 'filed', isNew: false }, { stage: 'preparing', isNew: false }, { isNew: true }],
};

function snapshotOn(date: string, demandDeposits: number, loansOutstanding: number, clientsA = 2): Snapshot {
  return {
    scope: 'rm',
    ownerId: 'rm-1',
    date,
    takenAt: `${date}T01:00:00.000Z`,
    totals: { demandDeposits, timeDeposits: 1_300_000, aum: 2_500_000, loansOutstanding, clients: { A: clientsA, B: 1, C: 2 } },
  };
}

describe('numbers', () => {
  it('sums deposits, AUM and loans and counts clients per tier', () => {
    const totals = totalsOf(book);
    expect(totals).toEqual({
      demandDeposits: 1_000_000,
      timeDeposits: 1_300_000,
      aum: 2_500_000,
      loansOutstanding: 10_000_000,
      clients: { A: 2, B: 1, C: 2 },
    });
  });

  it('compares with the snapshot at or before last week, the start of the month and of the year (three snapshots)', () => {
    const history = [snapshotOn('2025-12-29', 700_000, 7_000_000, 1), snapshotOn('2026-10-26', 800_000, 9_000_000), snapshotOn('2026-11-09', 950_000, 9_500_000)];
    const figures = computeFigures(book, history, settings);
    expect(figures.numbers.demandDeposits).toEqual({
      value: 1_000_000,
      lastWeek: { on: '2026-11-09', value: 950_000, change: 50_000 },
      startOfMonth: { on: '2026-10-26', value: 800_000, change: 200_000 },
      startOfYear: { on: '2025-12-29', value: 700_000, change: 300_000 },
    });
    expect(figures.numbers.loansOutstanding.startOfMonth?.change).toBe(1_000_000);
    expect(figures.numbers.clients.A.startOfYear?.change).toBe(1);
    expect(figures.historySince).toBe('2025-12-29');
  });

  it('ignores snapshots of the report date and later, and leaves a comparison out when history does not reach it', () => {
    const history = [snapshotOn('2026-11-03', 900_000, 9_000_000), snapshotOn(D, 1, 1), snapshotOn('2026-11-23', 1, 1)];
    const figures = computeFigures(book, history, settings);
    expect(figures.numbers.demandDeposits.lastWeek).toEqual({ on: '2026-11-03', value: 900_000, change: 100_000 });
    expect(figures.numbers.demandDeposits.startOfMonth).toBeUndefined();
    expect(figures.numbers.demandDeposits.startOfYear).toBeUndefined();
    expect(figures.historySince).toBe('2026-11-03');
  });

  it('on a first report, history starts on the report date and nothing is compared', () => {
    const figures = computeFigures(book, [], settings);
    expect(figures.historySince).toBe(D);
    expect(figures.numbers.aum.lastWeek).toBeUndefined();
  });
});

describe('structure', () => {
  const figures = computeFigures(book, [], settings);

  it('gives the demand share of deposits', () => {
    expect(figures.structure.demandShare).toBeCloseTo(1_000_000 / 2_300_000, 10);
  });

  it('lays maturities over twelve months from the report month and flags a month above the share', () => {
    const ladder = figures.structure.ladder;
    expect(ladder.map((m) => m.month)).toEqual([
      '2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06', '2027-07', '2027-08', '2027-09', '2027-10',
    ]);
    expect(ladder[0]).toEqual({ month: '2026-11', amount: 2_000_000, count: 1, share: 0.2, concentrated: false });
    expect(ladder[1]).toEqual({ month: '2026-12', amount: 4_000_000, count: 1, share: 0.4, concentrated: true });
    expect(ladder[4]).toMatchObject({ amount: 1_500_000, concentrated: false });
    expect(ladder[11]).toMatchObject({ amount: 600_000, count: 1 });
    expect(ladder.filter((m) => m.concentrated).map((m) => m.month)).toEqual(['2026-12']);
    expect(figures.structure.pastMaturity).toEqual({ amount: 900_000, count: 1 });
    expect(figures.structure.beyondLadder).toEqual({ amount: 1_000_000, count: 1 });
  });

  it('takes the concentration share from the settings', () => {
    const strict = computeFigures(book, [], { ...settings, maturityConcentrationShare: 0.15 });
    expect(strict.structure.ladder.filter((m) => m.concentrated).map((m) => m.month)).toEqual(['2026-11', '2026-12']);
    const exactly = computeFigures(book, [], { ...settings, maturityConcentrationShare: 0.4 });
    expect(exactly.structure.ladder.some((m) => m.concentrated)).toBe(false);
  });

  it('splits loans by collateral kind', () => {
    const c = figures.structure.collateral;
    expect(c.mortgage).toEqual({ amount: 4_000_000, count: 1, share: 0.4 });
    expect(c.pledge).toEqual({ amount: 2_000_000, count: 1, share: 0.2 });
    expect(c.guarantee).toEqual({ amount: 1_500_000, count: 1, share: 0.15 });
    expect(c.unsecured).toEqual({ amount: 1_900_000, count: 2, share: 0.19 });
    expect(c.other).toEqual({ amount: 600_000, count: 1, share: 0.06 });
  });

  it.each([
    ['房产抵押', 'mortgage'],
    ['Real estate mortgage', 'mortgage'],
    ['存货质押', 'pledge'],
    ['Vehicle inventory pledge', 'pledge'],
    ['保证', 'guarantee'],
    ['第三方担保', 'guarantee'],
    ['Guarantee', 'guarantee'],
    ['信用', 'unsecured'],
    [undefined, 'unsecured'],
    ['a letter of comfort', 'other'],
  ] as const)('collateral %s is %s', (text, kind) => {
    expect(collateralKindOf(text)).toBe(kind);
  });

  it('ranks exposures by client and gives their share of the book', () => {
    expect(figures.structure.topExposures).toEqual([
      { clientId: 'c1', name: 'Client c1', amount: 4_600_000, share: 0.46 },
      { clientId: 'c3', name: 'Harbour Steel', amount: 2_500_000, share: 0.25 },
      { clientId: 'c2', name: 'Client c2', amount: 2_000_000, share: 0.2 },
      { clientId: 'c5', name: 'Client c5', amount: 900_000, share: 0.09 },
    ]);
    expect(figures.structure.topExposuresShare).toBeCloseTo(1, 10);
  });

  it('keeps only the ten largest exposures', () => {
    const many = Array.from({ length: 12 }, (_, i) => aLoan({ loanId: `m${i}`, clientId: `k${i}`, amount: (i + 1) * 100_000 }));
    const top = computeFigures({ ...book, loans: many }, [], settings).structure;
    expect(top.topExposures).toHaveLength(10);
    expect(top.topExposures[0]).toMatchObject({ clientId: 'k11', amount: 1_200_000 });
    expect(top.topExposures.at(-1)).toMatchObject({ clientId: 'k2' });
    expect(top.topExposuresShare).toBeCloseTo(7_500_000 / 7_800_000, 10);
  });
});

describe('quality', () => {
  const figures = computeFigures(book, [], settings);

  it('gives the collateralised share (mortgage and pledge only)', () => {
    expect(figures.quality.collateralisedShare).toBeCloseTo(0.6, 10);
  });

  it('buckets arrears by days past due, in count and amount', () => {
    expect(figures.quality.arrears).toEqual({
      '1-10': { count: 1, amount: 2_000_000 },
      '11-30': { count: 1, amount: 1_500_000 },
      '31-90': { count: 1, amount: 1_000_000 },
      '90+': { count: 1, amount: 900_000 },
    });
  });

  it.each([
    [10, '1-10'],
    [11, '11-30'],
    [30, '11-30'],
    [31, '31-90'],
    [90, '31-90'],
    [91, '90+'],
  ] as const)('a loan %i days past due is in %s', (days, bucket) => {
    const f = computeFigures({ ...book, loans: [aLoan({ loanId: 'x', clientId: 'c1', ...pastDue(days, D) })] }, [], settings);
    expect(f.quality.arrears[bucket].count).toBe(1);
  });

  it('lists large live loans whose post-loan check is overdue', () => {
    // l2 checked 2026-06-01 (due 08-30), l1 checked 10-01 (due 12-30: not yet), l5 matured; l3, l4, l6 checked 11-01.
    expect(figures.quality.overdueChecks).toEqual([{ loanId: 'l2', clientId: 'c2', amount: 2_000_000, dueOn: '2026-08-30' }]);
  });
});

describe('activity', () => {
  const figures = computeFigures(book, [], settings);

  it('counts the week’s touches by channel in local time', () => {
    expect(figures.weekStart).toBe('2026-11-09');
    expect(figures.activity.touchesTotal).toBe(3);
    expect(figures.activity.touchesByChannel).toEqual({ call: 1, visit: 1, meal: 1, gift: 0, email: 0, message: 0 });
  });

  it('gives coverage per tier within the tier’s maximum interval, without do-not-contact clients', () => {
    expect(figures.activity.coverage).toEqual({
      A: { contacted: 1, clients: 2, share: 0.5 }, // c2 last contacted 76 days ago (A max 30)
      B: { contacted: 0, clients: 1, share: 0 }, // never contacted
      C: { contacted: 1, clients: 1, share: 1 }, // c4 is do-not-contact
    });
  });

  it('gives call-list completion, overdue follow-ups and prospects by stage', () => {
    expect(figures.activity.callLists).toEqual({ lists: 2, listed: 10, done: 5, share: 0.5 });
    expect(figures.activity.overdueFollowUps).toBe(2);
    expect(figures.activity.prospects).toEqual({
      byStage: { preparing: 2, filed: 1, approved: 0, offering: 0, listed: 0 },
      other: 1,
      newThisWeek: 2,
    });
  });

  it('handles an empty book without dividing by zero', () => {
    const empty = computeFigures({ ...book, clients: [], loans: [], touches: [], callLists: [], openFollowUps: [], prospects: [] }, [], settings);
    expect(empty.structure.demandShare).toBe(0);
    expect(empty.structure.ladder.every((m) => m.share === 0 && !m.concentrated)).toBe(true);
    expect(empty.activity.callLists.share).toBe(0);
    expect(empty.activity.coverage.A.share).toBe(0);
  });
});
