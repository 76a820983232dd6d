// Arrears over time: how many days a loan is past due on a business date, from the date it went past due.
import { addDays, daysBetween } from './dates/calendar.ts';
import type { IsoDate, Loan } from './model.ts';

/**
 * Days past due on `date`: `date − pastDueSince` (0 before it). A loan stored before pastDueSince
 * existed has only the `daysPastDue` snapshot of its import, read as is on every date (the old
 * behaviour) until the loan is imported again.
 */
export function daysPastDueOn(loan: Pick<Loan, 'pastDueSince' | 'daysPastDue'>, date: IsoDate): number {
  if (loan.pastDueSince) return Math.max(0, daysBetween(loan.pastDueSince, date));
  return loan.daysPastDue ?? 0;
}

/** The date a loan went past due, given its days past due as of a business date; undefined when current. */
export function pastDueSinceFor(daysPastDue: number, asOf: IsoDate): IsoDate | undefined {
  return daysPastDue > 0 ? addDays(asOf, -daysPastDue) : undefined;
}
