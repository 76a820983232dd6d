// Dates typed into the workbench's forms: year-month-day in either language, read to ISO; anything else refused, never guessed.
import { describe, expect, it } from 'vitest';
import { dateInput, DATE_ISSUE, optionalDateInput, readDateInput } from '../../../lambdas/web/date-input.ts';

describe('readDateInput', () => {
  it('reads year-month-day with dashes, slashes, dots or 年月日, with or without leading zeros, in full-width too', () => {
    for (const text of ['2026-03-12', '2026/3/12', '2026.03.12', '2026年3月12日', '2026 年 3 月 12 日', ' 2026-3-12 ', '２０２６－０３－１２', '２０２６年３月１２日']) {
      expect(readDateInput(text), text).toBe('2026-03-12');
    }
  });

  it('refuses day-first and month-first dates, days that do not exist, and anything else', () => {
    for (const text of ['12/03/2026', '03/12/2026', '2026-02-30', '2026-13-01', '2026-03', '26-03-12', 'next week', '', '2026-03-12T00:00']) {
      expect(readDateInput(text), text).toBeUndefined();
    }
  });
});

describe('the form fields', () => {
  it('a required date is read or names its issue; an optional one left empty is absent', () => {
    expect(dateInput.parse('2026年3月20日')).toBe('2026-03-20');
    const failed = dateInput.safeParse('20/03/2026');
    expect(failed.success).toBe(false);
    expect(failed.error!.issues[0]!.message).toBe(DATE_ISSUE);
    expect(optionalDateInput.parse('')).toBeUndefined();
    expect(optionalDateInput.parse('  ')).toBeUndefined();
    expect(optionalDateInput.parse(undefined)).toBeUndefined();
    expect(optionalDateInput.parse('2026/4/1')).toBe('2026-04-01');
    expect(optionalDateInput.safeParse('April 1').success).toBe(false);
  });
});
