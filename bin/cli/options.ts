// Option parsers shared by commands: each rejects bad input with a message naming the option.
import { InvalidArgumentError } from 'commander';
import { isoDate, type IsoDate } from '../../lambdas/core/model.ts';
import { parseLocalDate, parseLocalDateTime } from '../../lambdas/core/import/values.ts';
import { localTimeToInstant } from '../../lambdas/core/dates/calendar.ts';
import { futureContactProblem } from '../../lambdas/core/last-contact.ts';
import { ValidationError } from '../../lambdas/core/errors.ts';

/** Parses a date option in ISO or a common local form (2026/3/5, 2026年3月5日). */
export function dateOption(value: string): IsoDate {
  const parsed = parseLocalDate(value);
  if (!parsed || !isoDate.safeParse(parsed).success) {
    throw new InvalidArgumentError(`"${value}" is not a date (use YYYY-MM-DD)`);
  }
  return parsed;
}

export function positiveIntOption(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new InvalidArgumentError(`"${value}" is not a positive whole number`);
  return parsed;
}

/**
 * When a contact happened, from `--at`: local time in the configured zone or ISO with an offset,
 * never in the future (beyond the clock-skew allowance). Without `--at`: now.
 */
export function contactTimeOption(value: string | undefined, timeZone: string, now: Date): string {
  if (value === undefined) return now.toISOString();
  const at = parseLocalDateTime(value, (date, time) => localTimeToInstant(date, time, timeZone));
  if (!at) throw new ValidationError(`--at "${value}" is not a date and time (e.g. "2026-03-05 14:30")`);
  const problem = futureContactProblem(at, now);
  if (problem) throw new ValidationError(`--at "${value}": ${problem}`);
  return at;
}
