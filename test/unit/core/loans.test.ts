// Days past due on a business date, from the date a loan went past due; and the import turning days into that date.
import { describe, expect, it } from 'vitest';
import { daysPastDueOn, pastDueSinceFor } from '../../../lambdas/core/loans.ts';
import { validateRows } from '../../../lambdas/core/import/importer.ts';
import { loanSpec } from '../../../lambdas/core/import/entities.ts';
import { localTimeToInstant } from '../../../lambdas/core/dates/calendar.ts';

describe('days past due', () => {
  it('grows with the business date without a re-import', () => {
    const loan = { pastDueSince: '2026-02-26' };
    expect(daysPastDueOn(loan, '2026-03-09')).toBe(11);
    expect(daysPastDueOn(loan, '2026-03-10')).toBe(12);
    expect(daysPastDueOn(loan, '2026-04-01')).toBe(34);
  });

  it('is 0 on and before the date the loan went past due, and for a current loan', () => {
    expect(daysPastDueOn({ pastDueSince: '2026-02-26' }, '2026-02-26')).toBe(0);
    expect(daysPastDueOn({ pastDueSince: '2026-02-26' }, '2026-02-01')).toBe(0);
    expect(daysPastDueOn({}, '2026-03-09')).toBe(0);
  });

  it('reads an item stored before pastDueSince existed as its snapshot, on every date', () => {
    expect(daysPastDueOn({ daysPastDue: 12 }, '2026-03-05')).toBe(12);
    expect(daysPastDueOn({ daysPastDue: 12 }, '2026-06-05')).toBe(12);
    // The date wins over a snapshot when both are there.
    expect(daysPastDueOn({ pastDueSince: '2026-03-01', daysPastDue: 12 }, '2026-03-05')).toBe(4);
  });

  it('turns days past due as of a date into the date the loan went past due', () => {
    expect(pastDueSinceFor(11, '2026-03-09')).toBe('2026-02-26');
    expect(pastDueSinceFor(1, '2026-03-01')).toBe('2026-02-28');
    expect(pastDueSinceFor(0, '2026-03-09')).toBeUndefined();
  });
});

describe('importing loans as of a date', () => {
  const context = { asOf: '2026-03-09', now: new Date('2026-03-09T01:00:00Z'), toInstant: (date: string, time: string) => localTimeToInstant(date, time, 'Asia/Shanghai') };
  const headers = ['loan_id', 'client_id', 'amount', 'currency', 'start_date', 'maturity_date', 'days_past_due', 'past_due_since'];
  const row = (line: number, daysPastDue: string, pastDueSince = '') => ({
    line,
    values: {
      loan_id: `l-${line}`, client_id: 'c-1', amount: '1000000', currency: 'CNY', start_date: '2025-01-01', maturity_date: '2027-01-01',
      days_past_due: daysPastDue, past_due_since: pastDueSince,
    },
  });

  it('stores the date the loan went past due, never the day count', () => {
    const { valid, problems } = validateRows(loanSpec, headers, [row(2, '11'), row(3, '0'), row(4, ''), row(5, '', '2026/2/20'), row(6, '11', '2026-02-26')], context);
    expect(problems).toEqual([]);
    expect(valid.map((v) => [v.value.loanId, v.value.pastDueSince, v.value.daysPastDue])).toEqual([
      ['l-2', '2026-02-26', undefined],
      ['l-3', undefined, undefined],
      ['l-4', undefined, undefined],
      ['l-5', '2026-02-20', undefined],
      ['l-6', '2026-02-26', undefined],
    ]);
  });

  it('reports a past_due_since that disagrees with days_past_due, or lies after the as-of date', () => {
    const { valid, problems } = validateRows(loanSpec, headers, [row(2, '5', '2026-02-26'), row(3, '0', '2026-02-26'), row(4, '', '2026-03-10')], context);
    expect(valid).toEqual([]);
    expect(problems.map((p) => `${p.line}:${p.column}`)).toEqual(['2:past_due_since', '3:past_due_since', '4:past_due_since']);
    expect(problems[0]!.message).toBe('2026-02-26 disagrees with days_past_due 5 as of 2026-03-09 (that is 2026-03-04)');
    expect(problems[2]!.message).toBe('2026-03-10 is after the as-of date 2026-03-09');
  });
});
