// The weekly portfolio report's figures (看数字 / 看结构 / 看质量 / activity), computed from one book: pure, no I/O.
import { addDays } from '../core/dates/calendar.ts';
import { daysPastDueOn } from '../core/loans.ts';
import { channels, tiers, type Channel, type Client, type IsoDate, type Loan, type Tier, type Touch } from '../core/model.ts';
import { inactivityOf, localDateOf, type CallListRules } from '../call-list/priority.ts';
import type { Snapshot, SnapshotTotals } from './snapshot.ts';
import { ipoStages, type IpoStage } from '../prospect-scan/signals/types.ts';

export const collateralKinds = ['mortgage', 'pledge', 'guarantee', 'unsecured', 'other'] as const;
export type CollateralKind = (typeof collateralKinds)[number];

/** Arrears buckets in days past due, as the credit side reports them. */
export const arrearsBuckets = [
  { id: '1-10', from: 1, to: 10 },
  { id: '11-30', from: 11, to: 30 },
  { id: '31-90', from: 31, to: 90 },
  { id: '90+', from: 91, to: Number.POSITIVE_INFINITY },
] as const;
export type ArrearsBucketId = (typeof arrearsBuckets)[number]['id'];

export interface ReportSettings {
  /** Tier cadence, large-loan threshold and post-loan check interval: the call list's rules, so both agree. */
  rules: Pick<CallListRules, 'tierCadence' | 'largeLoanThreshold' | 'postLoanCheckDays'>;
  /** A maturity month holding more than this share of the loan book is flagged (到期集中). */
  maturityConcentrationShare: number;
  timeZone: string;
}

/** One call list of the week, reduced to what completion needs. */
export interface ListTally {
  businessDate: IsoDate;
  listed: number;
  done: number;
}

export interface ProspectSighting {
  stage?: IpoStage;
  /** First seen this week (the digest entry has no earlier "known since"). */
  isNew: boolean;
}

/** Everything the figures are computed from: one RM's book as read on the report date. */
export interface BookInput {
  businessDate: IsoDate;
  clients: readonly Client[];
  loans: readonly Loan[];
  /** Touches from the start of the week (businessDate − 7) up to the report date. */
  touches: readonly Pick<Touch, 'at' | 'channel' | 'clientId'>[];
  callLists: readonly ListTally[];
  openFollowUps: readonly { dueOn: IsoDate }[];
  prospects: readonly ProspectSighting[];
}

/** A figure and what it was at the three reference points, when history reaches back that far. */
export interface Trended {
  value: number;
  lastWeek?: Baseline;
  startOfMonth?: Baseline;
  startOfYear?: Baseline;
}
export interface Baseline {
  /** The date of the snapshot compared with. */
  on: IsoDate;
  value: number;
  change: number;
}

export interface LadderMonth {
  /** `YYYY-MM` */
  month: string;
  amount: number;
  count: number;
  share: number;
  concentrated: boolean;
}

export interface Exposure {
  clientId: string;
  name: string;
  amount: number;
  share: number;
}

export interface PortfolioFigures {
  businessDate: IsoDate;
  weekStart: IsoDate;
  /** The date of the oldest snapshot this report could compare with (the report's own, on a first report). */
  historySince: IsoDate;
  numbers: {
    demandDeposits: Trended;
    timeDeposits: Trended;
    aum: Trended;
    loansOutstanding: Trended;
    clients: Record<Tier, Trended>;
  };
  structure: {
    demandShare: number;
    ladder: LadderMonth[];
    /** Loans past their maturity date but still on the book. */
    pastMaturity: { amount: number; count: number };
    /** Loans maturing after the ladder's twelve months. */
    beyondLadder: { amount: number; count: number };
    concentrationShare: number;
    collateral: Record<CollateralKind, { amount: number; count: number; share: number }>;
    topExposures: Exposure[];
    topExposuresShare: number;
  };
  quality: {
    demandShare: number;
    /** Mortgage (抵押) and pledge (质押) loans as a share of the book. */
    collateralisedShare: number;
    arrears: Record<ArrearsBucketId, { count: number; amount: number }>;
    overdueChecks: Array<{ loanId: string; clientId: string; amount: number; dueOn: IsoDate }>;
  };
  activity: {
    touchesByChannel: Record<Channel, number>;
    touchesTotal: number;
    coverage: Record<Tier, { contacted: number; clients: number; share: number }>;
    callLists: { lists: number; listed: number; done: number; share: number };
    overdueFollowUps: number;
    prospects: { byStage: Record<IpoStage, number>; other: number; newThisWeek: number };
  };
}

const TOP_EXPOSURES = 10;
const LADDER_MONTHS = 12;

/** The report's figures for a book on its business date, against the earlier snapshots in `history`. */
export function computeFigures(book: BookInput, history: readonly Snapshot[], settings: ReportSettings): PortfolioFigures {
  const date = book.businessDate;
  const totals = totalsOf(book);
  const earlier = history.filter((snapshot) => snapshot.date < date).sort((a, b) => a.date.localeCompare(b.date));
  const references = referencePoints(date);
  const trended = (pick: (t: SnapshotTotals) => number): Trended => {
    const value = pick(totals);
    const at = (on: IsoDate) => baselineOn(earlier, on, pick, value);
    return { value, lastWeek: at(references.lastWeek), startOfMonth: at(references.startOfMonth), startOfYear: at(references.startOfYear) };
  };

  const loans = book.loans;
  const loanTotal = sum(loans.map((loan) => loan.amount));
  const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);
  const deposits = totals.demandDeposits + totals.timeDeposits;
  const demandShare = share(totals.demandDeposits, deposits);
  const collateral = collateralSplit(loans, loanTotal);

  return {
    businessDate: date,
    weekStart: references.lastWeek,
    historySince: earlier[0]?.date ?? date,
    numbers: {
      demandDeposits: trended((t) => t.demandDeposits),
      timeDeposits: trended((t) => t.timeDeposits),
      aum: trended((t) => t.aum),
      loansOutstanding: trended((t) => t.loansOutstanding),
      clients: Object.fromEntries(tiers.map((tier) => [tier, trended((t) => t.clients[tier])])) as Record<Tier, Trended>,
    },
    structure: {
      demandShare,
      ...maturityLadder(loans, date, loanTotal, settings.maturityConcentrationShare),
      concentrationShare: settings.maturityConcentrationShare,
      collateral,
      ...topExposures(book.clients, loans, loanTotal),
    },
    quality: {
      demandShare,
      collateralisedShare: collateral.mortgage.share + collateral.pledge.share,
      arrears: arrearsOf(loans, date),
      overdueChecks: overdueChecks(loans, date, settings.rules),
    },
    activity: {
      ...touchesOf(book.touches, references.lastWeek, date, settings.timeZone),
      coverage: coverageOf(book.clients, date, settings),
      callLists: completionOf(book.callLists),
      overdueFollowUps: book.openFollowUps.filter((f) => f.dueOn < date).length,
      prospects: prospectsOf(book.prospects),
    },
  };
}

/** The totals a snapshot keeps, so later reports can show the trend. */
export function totalsOf(book: Pick<BookInput, 'clients' | 'loans'>): SnapshotTotals {
  const clients = Object.fromEntries(tiers.map((tier) => [tier, 0])) as Record<Tier, number>;
  for (const client of book.clients) clients[client.tier] += 1;
  return {
    demandDeposits: sum(book.clients.map((c) => c.balances.demandDeposits)),
    timeDeposits: sum(book.clients.map((c) => c.balances.timeDeposits)),
    aum: sum(book.clients.map((c) => c.balances.aum)),
    loansOutstanding: sum(book.loans.map((loan) => loan.amount)),
    clients,
  };
}

/** Last week is seven days back; the start of the month and of the year are their first days. */
export function referencePoints(date: IsoDate): { lastWeek: IsoDate; startOfMonth: IsoDate; startOfYear: IsoDate } {
  return { lastWeek: addDays(date, -7), startOfMonth: `${date.slice(0, 7)}-01`, startOfYear: `${date.slice(0, 4)}-01-01` };
}

/** The latest snapshot on or before `on` (history sorted by date): the book as it stood then. */
function baselineOn(history: readonly Snapshot[], on: IsoDate, pick: (t: SnapshotTotals) => number, value: number): Baseline | undefined {
  let found: Snapshot | undefined;
  for (const snapshot of history) {
    if (snapshot.date <= on) found = snapshot;
    else break;
  }
  if (!found) return undefined;
  const then = pick(found.totals);
  return { on: found.date, value: then, change: value - then };
}

/**
 * Maps the free-text collateral of a loan file (担保方式) to the four kinds the credit side reports:
 * 抵押 mortgage, 质押 pledge, 保证 guarantee, 信用 unsecured; text it cannot place is 'other'.
 */
export function collateralKindOf(collateral: string | undefined): CollateralKind {
  const text = (collateral ?? '').trim().toLowerCase();
  if (text === '' || /信用|unsecured|^none$|^credit$|clean/.test(text)) return 'unsecured';
  if (/抵押|mortgage|real estate|property|land/.test(text)) return 'mortgage';
  if (/质押|pledge|存单|receivable|deposit receipt|equity/.test(text)) return 'pledge';
  if (/保证|担保|guarant/.test(text)) return 'guarantee';
  return 'other';
}

function collateralSplit(loans: readonly Loan[], total: number): PortfolioFigures['structure']['collateral'] {
  const split = Object.fromEntries(collateralKinds.map((kind) => [kind, { amount: 0, count: 0, share: 0 }])) as PortfolioFigures['structure']['collateral'];
  for (const loan of loans) {
    const entry = split[collateralKindOf(loan.collateral)];
    entry.amount += loan.amount;
    entry.count += 1;
  }
  for (const entry of Object.values(split)) entry.share = total > 0 ? entry.amount / total : 0;
  return split;
}

/** Twelve calendar months from the report's month on, each flagged when it holds more than `threshold` of the book. */
export function maturityLadder(loans: readonly Loan[], date: IsoDate, total: number, threshold: number) {
  const months = Array.from({ length: LADDER_MONTHS }, (_, index) => monthAfter(date.slice(0, 7), index));
  const byMonth = new Map(months.map((month) => [month, { month, amount: 0, count: 0, share: 0, concentrated: false } as LadderMonth]));
  const pastMaturity = { amount: 0, count: 0 };
  const beyondLadder = { amount: 0, count: 0 };
  for (const loan of loans) {
    const bucket = loan.maturityDate < date ? pastMaturity : (byMonth.get(loan.maturityDate.slice(0, 7)) ?? beyondLadder);
    bucket.amount += loan.amount;
    bucket.count += 1;
  }
  const ladder = [...byMonth.values()];
  for (const month of ladder) {
    month.share = total > 0 ? month.amount / total : 0;
    month.concentrated = month.share > threshold;
  }
  return { ladder, pastMaturity, beyondLadder };
}

function monthAfter(yearMonth: string, offset: number): string {
  const [y, m] = yearMonth.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + offset;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function topExposures(clients: readonly Client[], loans: readonly Loan[], total: number) {
  const names = new Map(clients.map((c) => [c.clientId, c.companyName ?? c.name]));
  const byClient = new Map<string, number>();
  for (const loan of loans) byClient.set(loan.clientId, (byClient.get(loan.clientId) ?? 0) + loan.amount);
  const topExposures = [...byClient]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, TOP_EXPOSURES)
    .map(([clientId, amount]) => ({ clientId, name: names.get(clientId) ?? clientId, amount, share: total > 0 ? amount / total : 0 }));
  return { topExposures, topExposuresShare: total > 0 ? sum(topExposures.map((e) => e.amount)) / total : 0 };
}

function arrearsOf(loans: readonly Loan[], date: IsoDate): PortfolioFigures['quality']['arrears'] {
  const result = Object.fromEntries(arrearsBuckets.map((b) => [b.id, { count: 0, amount: 0 }])) as PortfolioFigures['quality']['arrears'];
  for (const loan of loans) {
    const days = daysPastDueOn(loan, date);
    const bucket = arrearsBuckets.find((b) => days >= b.from && days <= b.to);
    if (!bucket) continue;
    result[bucket.id].count += 1;
    result[bucket.id].amount += loan.amount;
  }
  return result;
}

/** Large live loans whose post-loan check (every postLoanCheckDays since the last one, or the start) is due: the call list's rule. */
function overdueChecks(loans: readonly Loan[], date: IsoDate, rules: ReportSettings['rules']) {
  return loans
    .filter((loan) => loan.amount >= rules.largeLoanThreshold && loan.maturityDate >= date)
    .map((loan) => ({ loanId: loan.loanId, clientId: loan.clientId, amount: loan.amount, dueOn: addDays(loan.lastCheckedOn ?? loan.startDate, rules.postLoanCheckDays) }))
    .filter((check) => check.dueOn <= date)
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || b.amount - a.amount);
}

function touchesOf(touches: BookInput['touches'], from: IsoDate, to: IsoDate, timeZone: string) {
  const touchesByChannel = Object.fromEntries(channels.map((c) => [c, 0])) as Record<Channel, number>;
  let touchesTotal = 0;
  for (const touch of touches) {
    const day = localDateOf(touch.at, timeZone);
    if (day < from || day >= to) continue;
    touchesByChannel[touch.channel] += 1;
    touchesTotal += 1;
  }
  return { touchesByChannel, touchesTotal };
}

/** Share of a tier's clients (do-not-contact ones left out) contacted within the tier's maximum interval. */
function coverageOf(clients: readonly Client[], date: IsoDate, settings: ReportSettings): PortfolioFigures['activity']['coverage'] {
  const result = Object.fromEntries(tiers.map((tier) => [tier, { contacted: 0, clients: 0, share: 0 }])) as PortfolioFigures['activity']['coverage'];
  for (const client of clients) {
    if (client.doNotContact) continue;
    const entry = result[client.tier];
    entry.clients += 1;
    const { daysSinceContact, neverContacted } = inactivityOf(client, date, settings.rules as CallListRules, settings.timeZone);
    if (!neverContacted && daysSinceContact !== undefined && daysSinceContact <= settings.rules.tierCadence[client.tier].maxDays) entry.contacted += 1;
  }
  for (const entry of Object.values(result)) entry.share = entry.clients > 0 ? entry.contacted / entry.clients : 0;
  return result;
}

function completionOf(lists: readonly ListTally[]) {
  const listed = sum(lists.map((l) => l.listed));
  const done = sum(lists.map((l) => l.done));
  return { lists: lists.length, listed, done, share: listed > 0 ? done / listed : 0 };
}

function prospectsOf(sightings: readonly ProspectSighting[]) {
  const byStage = Object.fromEntries(ipoStages.map((s) => [s, 0])) as Record<IpoStage, number>;
  let other = 0;
  for (const sighting of sightings) {
    if (sighting.stage) byStage[sighting.stage] += 1;
    else other += 1;
  }
  return { byStage, other, newThisWeek: sightings.filter((s) => s.isNew).length };
}

function sum(values: readonly number[]): number {
  // Amounts are whole cents at most: rounding to cents keeps sums of many floats exact for display.
  return Math.round(values.reduce((total, value) => total + value, 0) * 100) / 100;
}
