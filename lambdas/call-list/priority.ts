// Who goes on an RM's call list and in which order: cadence per tier, loan exceptions, exclusions, priority, capacity.
import type { AppConfig } from '../core/config.ts';
import type { Client, IsoDate, Loan, Tier } from '../core/model.ts';
import { addDays, businessDateOf, daysBetween, localTimeToInstant } from '../core/dates/calendar.ts';
import { daysPastDueOn } from '../core/loans.ts';
import type { Category } from './model.ts';

export type CallListRules = AppConfig['callList'];

/** Value is weighed in steps of ten: each tenfold of this amount adds one to the value weight. */
export const VALUE_UNIT = 100_000;
/** A client neglected for years must not swamp every big client: overdue-ness counts up to this many ideal intervals. */
export const MAX_OVERDUE_FACTOR = 4;

export type CadenceStatus = 'ok' | 'amber' | 'red';

export interface Inactivity {
  /** Whole local days since the last touch, or since the relationship began when never contacted. */
  daysSinceContact: number | undefined;
  neverContacted: boolean;
  status: CadenceStatus;
  /** Days since contact ÷ the tier's ideal days, capped at MAX_OVERDUE_FACTOR. */
  overdueFactor: number;
}

export interface ValueBreakdown {
  deposits: number;
  aum: number;
  loans: number;
  total: number;
}

export type Exclusion = 'do-not-contact' | 'snoozed' | 'other-rm';

export interface LoanException {
  kind: Exclude<Category, 'inactive'>;
  loan: Loan;
  /** The day the exception arose: a touch on or after it handles the exception. */
  since: IsoDate;
  /** loan-check: the day the post-loan check fell due; maturing: the maturity date. */
  dueOn?: IsoDate;
  /** arrears: days past due on the business date. */
  daysPastDue?: number;
}

export interface RankedEntry {
  client: Client;
  category: Category;
  exceptions: LoanException[];
  inactivity: Inactivity;
  value: ValueBreakdown;
  valueWeight: number;
  score: number;
}

export interface Selection {
  entries: RankedEntry[];
  /** Clients that qualified before the capacity cut. */
  eligible: number;
  overflow: number;
  excluded: Record<Exclusion, number>;
}

/** The local calendar date of an instant: a touch at 23:30 local time counts for that local day. */
export function localDateOf(instant: string, timeZone: string): IsoDate {
  return businessDateOf(new Date(instant), timeZone);
}

/**
 * The instant before which a client of `tier` is past its ideal interval on `businessDate`: local
 * midnight of (date − ideal days). The per-tier query reads only clients last contacted before it.
 */
export function contactCutoff(businessDate: IsoDate, tier: Tier, rules: CallListRules, timeZone: string): string {
  const lastOkDate = addDays(businessDate, -rules.tierCadence[tier].idealDays);
  return localTimeToInstant(lastOkDate, '00:00', timeZone).toISOString();
}

/** How long a client has gone without a touch, and whether that is past the tier's ideal (amber) or maximum (red). */
export function inactivityOf(client: Client, businessDate: IsoDate, rules: CallListRules, timeZone: string): Inactivity {
  const { idealDays, maxDays } = rules.tierCadence[client.tier];
  const neverContacted = !client.lastContactAt;
  const since = client.lastContactAt ? localDateOf(client.lastContactAt, timeZone) : client.relationshipSince;
  const days = since ? Math.max(0, daysBetween(since, businessDate)) : undefined;
  if (days === undefined) {
    // Never contacted and no known start: as overdue as a client can be.
    return { daysSinceContact: undefined, neverContacted, status: 'red', overdueFactor: MAX_OVERDUE_FACTOR };
  }
  const status: CadenceStatus = days > maxDays ? 'red' : days > idealDays ? 'amber' : 'ok';
  const overdueFactor = Math.min(MAX_OVERDUE_FACTOR, days / Math.max(1, idealDays));
  return { daysSinceContact: days, neverContacted, status, overdueFactor };
}

/** Why a client must not be on this RM's list today, if it must not. Snoozed until D means back on D. */
export function exclusionOf(client: Client, rmId: string, businessDate: IsoDate): Exclusion | undefined {
  if (client.rmId !== rmId) return 'other-rm';
  if (client.doNotContact) return 'do-not-contact';
  if (client.snoozedUntil && client.snoozedUntil > businessDate) return 'snoozed';
  return undefined;
}

/** The exceptions a loan raises on `businessDate`, before checking whether a touch handled them. */
export function loanExceptionsOf(loan: Loan, businessDate: IsoDate, rules: CallListRules): LoanException[] {
  const found: LoanException[] = [];
  // Counted from the date the loan went past due, so the days grow with the business date without a re-import
  // (loans stored before pastDueSince existed: their snapshot, see core/loans.ts).
  const daysPastDue = daysPastDueOn(loan, businessDate);
  if (daysPastDue > rules.arrearsAlertDays) {
    // Became "must act" on the first day past the alert threshold; comes back every alert interval while in arrears.
    const crossedOn = addDays(businessDate, -(daysPastDue - rules.arrearsAlertDays - 1));
    const lastInterval = addDays(businessDate, -Math.max(0, rules.arrearsAlertDays - 1));
    found.push({ kind: 'arrears-act', loan, daysPastDue, since: crossedOn > lastInterval ? crossedOn : lastInterval });
  } else if (daysPastDue > 0) {
    found.push({ kind: 'arrears-watch', loan, daysPastDue, since: addDays(businessDate, -(daysPastDue - 1)) });
  }
  if (loan.amount >= rules.largeLoanThreshold && loan.maturityDate >= businessDate) {
    const checkDueOn = addDays(loan.lastCheckedOn ?? loan.startDate, rules.postLoanCheckDays);
    if (checkDueOn <= businessDate) found.push({ kind: 'loan-check', loan, since: checkDueOn, dueOn: checkDueOn });
  }
  const windowOpensOn = addDays(loan.maturityDate, -rules.maturityWindowDays);
  if (loan.maturityDate >= businessDate && windowOpensOn <= businessDate) {
    found.push({ kind: 'maturing', loan, since: windowOpensOn, dueOn: loan.maturityDate });
  }
  return found;
}

/**
 * A touch on or after the day an exception arose handles it (the RM logged the call with `done`). A
 * contact dated after the business date handles nothing: it is a typo or a placeholder (9999-12-31),
 * or it happened after the day this list is for.
 */
export function isHandled(exception: LoanException, client: Client, businessDate: IsoDate, timeZone: string): boolean {
  if (!client.lastContactAt) return false;
  const contactedOn = localDateOf(client.lastContactAt, timeZone);
  return contactedOn >= exception.since && contactedOn <= businessDate;
}

export function valueOf(client: Client, loans: readonly Loan[]): ValueBreakdown {
  const deposits = client.balances.demandDeposits + client.balances.timeDeposits;
  const aum = client.balances.aum;
  const loanTotal = loans.reduce((sum, loan) => sum + loan.amount, 0);
  return { deposits, aum, loans: loanTotal, total: deposits + aum + loanTotal };
}

/** 1 for a client with nothing at the bank, +1 for every tenfold of VALUE_UNIT (12M → 3.08). */
export function valueWeight(total: number): number {
  return 1 + Math.log10(1 + total / VALUE_UNIT);
}

/** Priority of an inactive client: how overdue relative to its tier, times how much it is worth. */
export function priorityScore(overdueFactor: number, weight: number): number {
  return overdueFactor * weight;
}

const CATEGORY_ORDER: Record<Category, number> = {
  'arrears-act': 0,
  'arrears-watch': 1,
  'loan-check': 2,
  maturing: 3,
  inactive: 4,
};

/**
 * Picks and orders an RM's list for a business date. `clients` are the candidates read (inactive per
 * tier, plus the clients named by loan exceptions); `loans` are the RM's loans read (in arrears and live).
 */
export function selectCallList(input: {
  rmId: string;
  businessDate: IsoDate;
  timeZone: string;
  rules: CallListRules;
  capacity: number;
  clients: readonly Client[];
  loans: readonly Loan[];
}): Selection {
  const { rmId, businessDate, timeZone, rules } = input;
  const loansByClient = new Map<string, Loan[]>();
  for (const loan of uniqueBy(input.loans, (l) => l.loanId)) {
    loansByClient.set(loan.clientId, [...(loansByClient.get(loan.clientId) ?? []), loan]);
  }
  const excluded: Record<Exclusion, number> = { 'do-not-contact': 0, snoozed: 0, 'other-rm': 0 };
  const entries: RankedEntry[] = [];
  for (const client of uniqueBy(input.clients, (c) => c.clientId)) {
    const exclusion = exclusionOf(client, rmId, businessDate);
    if (exclusion) {
      excluded[exclusion] += 1;
      continue;
    }
    const loans = loansByClient.get(client.clientId) ?? [];
    const exceptions = loans
      .flatMap((loan) => loanExceptionsOf(loan, businessDate, rules))
      .filter((exception) => !isHandled(exception, client, businessDate, timeZone))
      .sort(compareExceptions);
    const inactivity = inactivityOf(client, businessDate, rules, timeZone);
    if (exceptions.length === 0 && inactivity.status === 'ok') continue;
    const value = valueOf(client, loans);
    const weight = valueWeight(value.total);
    entries.push({
      client,
      category: exceptions[0]?.kind ?? 'inactive',
      exceptions,
      inactivity,
      value,
      valueWeight: weight,
      // Priority counts inactivity only when the client is past its ideal interval.
      score: inactivity.status === 'ok' ? 0 : priorityScore(inactivity.overdueFactor, weight),
    });
  }
  entries.sort(compareEntries);
  const capacity = Math.max(0, input.capacity);
  return {
    entries: entries.slice(0, capacity),
    eligible: entries.length,
    overflow: Math.max(0, entries.length - capacity),
    excluded,
  };
}

function compareExceptions(a: LoanException, b: LoanException): number {
  return (
    CATEGORY_ORDER[a.kind] - CATEGORY_ORDER[b.kind] ||
    (b.daysPastDue ?? 0) - (a.daysPastDue ?? 0) ||
    (a.dueOn ?? '').localeCompare(b.dueOn ?? '') ||
    b.loan.amount - a.loan.amount ||
    a.loan.loanId.localeCompare(b.loan.loanId)
  );
}

/** Exceptions first by urgency (most days past due, earliest due, largest), then inactive clients by priority. */
function compareEntries(a: RankedEntry, b: RankedEntry): number {
  const byCategory = CATEGORY_ORDER[a.category] - CATEGORY_ORDER[b.category];
  if (byCategory !== 0) return byCategory;
  const ea = a.exceptions[0];
  const eb = b.exceptions[0];
  if (ea && eb) {
    const byException = compareExceptions(ea, eb);
    if (byException !== 0 && ea.loan.loanId !== eb.loan.loanId) return byException;
  }
  return (
    b.score - a.score ||
    (b.inactivity.daysSinceContact ?? Number.MAX_SAFE_INTEGER) - (a.inactivity.daysSinceContact ?? Number.MAX_SAFE_INTEGER) ||
    a.client.clientId.localeCompare(b.client.clientId)
  );
}

function uniqueBy<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [keyOf(item), item])).values()];
}
