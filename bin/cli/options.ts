// Option parsers shared by commands: each rejects bad input with a message naming the option.
import { InvalidArgumentError } from 'commander';
import { isoDate, type IsoDate } from '../../lambdas/core/model.ts';
import { parseLocalDate } from '../../lambdas/core/import/values.ts';

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
