// Who goes on the call list and in which order: cadence per tier, time-zone edges, exceptions, exclusions, capacity.
import { describe, expect, it } from 'vitest';
import {
  contactCutoff,
  exclusionOf,
  inactivityOf,
  loanExceptionsOf,
  selectCallList,
  valueWeight,
  MAX_OVERDUE_FACTOR,
} from '../../../lambdas/call-list/priority.ts';
import { localTimeToInstant } from '../../../lambdas/core/dates/calendar.ts';
import { aClient, aLoan, pastDue, rules, TZ } from './fixtures.ts';

const D = '2026-03-05'; // a Thursday
const local = (date: string, time: string) => localTimeToInstant(date, time, TZ).toISOString();

function select(clients: Parameters<typeof selectCallList>[0]['clients'], loans: Parameters<typeof selectCallList>[0]['loans'] = [], capacity = 15) {
  return selectCallList({ rmId: 'rm-1', businessDate: D, timeZone: TZ, rules, capacity, clients, loans });
}

describe('cadence per tier', () => {
  it.each([
    ['A', 14, 'ok'],
    ['A', 15, 'amber'],
    ['A', 30, 'amber'],
    ['A', 31, 'red'],
    ['B', 30, 'ok'],
    ['B', 31, 'amber'],
    ['B', 61, 'red'],
    ['C', 90, 'ok'],
    ['C', 91, 'amber'],
    ['C', 181, 'red'],
  ] as const)('tier %s, %i days since the last touch → %s', (tier, days, status) => {
    const at = local(new Date(Date.parse(`${D}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10), '10:00');
    const inactivity = inactivityOf(aClient({ clientId: 'c', tier, lastContactAt: at }), D, rules, TZ);
    expect(inactivity.daysSinceContact).toBe(days);
    expect(inactivity.status).toBe(status);
  });

  it('counts a touch at 23:30 local time for that local day, not for the UTC date', () => {
    // 2026-02-19 23:30 in Shanghai is 15:30 UTC the same day; 2026-02-19 00:30 is 16:30 UTC the day before.
    const lateEvening = aClient({ clientId: 'late', lastContactAt: local('2026-02-18', '23:30') });
    const justAfterMidnight = aClient({ clientId: 'early', lastContactAt: local('2026-02-19', '00:30') });
    expect(justAfterMidnight.lastContactAt).toBe('2026-02-18T16:30:00.000Z');
    expect(inactivityOf(lateEvening, D, rules, TZ)).toMatchObject({ daysSinceContact: 15, status: 'amber' });
    expect(inactivityOf(justAfterMidnight, D, rules, TZ)).toMatchObject({ daysSinceContact: 14, status: 'ok' });
    const lateOnTheLastOkDay = aClient({ clientId: 'x', lastContactAt: local('2026-02-19', '23:30') });
    expect(inactivityOf(lateOnTheLastOkDay, D, rules, TZ).status).toBe('ok');
  });

  it('puts the query cutoff at local midnight, so the query returns exactly the clients past the ideal', () => {
    const cutoff = contactCutoff(D, 'A', rules, TZ);
    expect(cutoff).toBe('2026-02-18T16:00:00.000Z');
    // Every half hour across two days around the cutoff: "read by the query" and "due" agree.
    for (let t = Date.parse('2026-02-17T12:00:00Z'); t < Date.parse('2026-02-20T12:00:00Z'); t += 30 * 60_000) {
      const at = new Date(t).toISOString();
      const due = inactivityOf(aClient({ clientId: 'c', lastContactAt: at }), D, rules, TZ).status !== 'ok';
      expect(at < cutoff, at).toBe(due);
    }
  });

  it('treats a never-contacted client as fully overdue unless the relationship is newer than the ideal interval', () => {
    expect(inactivityOf(aClient({ clientId: 'n' }), D, rules, TZ)).toMatchObject({
      neverContacted: true,
      status: 'red',
      overdueFactor: MAX_OVERDUE_FACTOR,
    });
    expect(inactivityOf(aClient({ clientId: 'new', relationshipSince: '2026-03-01' }), D, rules, TZ).status).toBe('ok');
    expect(inactivityOf(aClient({ clientId: 'old', relationshipSince: '2026-01-01' }), D, rules, TZ).status).toBe('red');
  });
});

describe('exclusions', () => {
  it('never lists do-not-contact clients, clients snoozed past the date, or other RMs’ clients', () => {
    expect(exclusionOf(aClient({ clientId: 'a', doNotContact: true }), 'rm-1', D)).toBe('do-not-contact');
    expect(exclusionOf(aClient({ clientId: 'b', snoozedUntil: '2026-03-06' }), 'rm-1', D)).toBe('snoozed');
    expect(exclusionOf(aClient({ clientId: 'c', snoozedUntil: D }), 'rm-1', D)).toBeUndefined();
    expect(exclusionOf(aClient({ clientId: 'd', rmId: 'rm-2' }), 'rm-1', D)).toBe('other-rm');
    const selection = select(
      [
        aClient({ clientId: 'dnc', doNotContact: true }),
        aClient({ clientId: 'snoozed', snoozedUntil: '2026-03-10' }),
        aClient({ clientId: 'other', rmId: 'rm-2' }),
        aClient({ clientId: 'back-today', snoozedUntil: D }),
      ],
      [aLoan({ loanId: 'l-dnc', clientId: 'dnc', ...pastDue(30, D) })],
    );
    expect(selection.entries.map((e) => e.client.clientId)).toEqual(['back-today']);
    expect(selection.excluded).toEqual({ 'do-not-contact': 1, snoozed: 1, 'other-rm': 1 });
  });
});

describe('loan exceptions', () => {
  it('labels arrears over the alert days "must act", 1–10 days "watch"', () => {
    expect(loanExceptionsOf(aLoan({ loanId: 'l', clientId: 'c', ...pastDue(11, D) }), D, rules).map((e) => e.kind)).toEqual(['arrears-act']);
    expect(loanExceptionsOf(aLoan({ loanId: 'l', clientId: 'c', ...pastDue(10, D) }), D, rules).map((e) => e.kind)).toEqual(['arrears-watch']);
    expect(loanExceptionsOf(aLoan({ loanId: 'l', clientId: 'c', ...pastDue(1, D) }), D, rules).map((e) => e.kind)).toEqual(['arrears-watch']);
    expect(loanExceptionsOf(aLoan({ loanId: 'l', clientId: 'c' }), D, rules)).toEqual([]);
  });

  it('finds large loans whose post-loan check is due, not small ones', () => {
    const due = aLoan({ loanId: 'big', clientId: 'c', amount: 500_000, startDate: '2025-06-01', lastCheckedOn: '2025-12-01' });
    expect(loanExceptionsOf(due, D, rules)).toMatchObject([{ kind: 'loan-check', dueOn: '2026-03-01' }]);
    const small = aLoan({ loanId: 'small', clientId: 'c', amount: 50_000, startDate: '2025-06-01' });
    expect(loanExceptionsOf(small, D, rules)).toEqual([]);
    const checkedRecently = aLoan({ loanId: 'ok', clientId: 'c', amount: 500_000, startDate: '2025-06-01', lastCheckedOn: '2026-02-01' });
    expect(loanExceptionsOf(checkedRecently, D, rules)).toEqual([]);
  });

  it('finds loans maturing within the window', () => {
    const inWindow = aLoan({ loanId: 'm', clientId: 'c', amount: 50_000, maturityDate: '2026-04-04' });
    expect(loanExceptionsOf(inWindow, D, rules)).toMatchObject([{ kind: 'maturing', since: '2026-03-05' }]);
    expect(loanExceptionsOf({ ...inWindow, maturityDate: '2026-04-05' }, D, rules)).toEqual([]);
  });

  it('lets a touch after an exception arose handle it, but not an older one', () => {
    const loans = [aLoan({ loanId: 'm', clientId: 'c', amount: 50_000, maturityDate: '2026-03-20' })];
    const touchedInWindow = aClient({ clientId: 'c', lastContactAt: local('2026-03-02', '10:00') });
    const touchedBefore = aClient({ clientId: 'c', lastContactAt: local('2026-02-10', '10:00') });
    expect(select([touchedInWindow], loans).entries).toEqual([]);
    expect(select([touchedBefore], loans).entries.map((e) => e.category)).toEqual(['maturing']);
  });

  it('counts days past due from the date the loan went past due: a loan imported once keeps ageing', () => {
    // Imported on 3 March as 9 days past due: watch on 4 and 5 March (10 days), must act from 6 March (11 days).
    const loan = aLoan({ loanId: 'l', clientId: 'c', ...pastDue(9, '2026-03-03') });
    expect(loanExceptionsOf(loan, '2026-03-04', rules)).toMatchObject([{ kind: 'arrears-watch', daysPastDue: 10, since: '2026-02-23' }]);
    expect(loanExceptionsOf(loan, '2026-03-06', rules)).toMatchObject([{ kind: 'arrears-act', daysPastDue: 12, since: '2026-03-05' }]);
    expect(loanExceptionsOf(loan, '2026-03-20', rules)).toMatchObject([{ kind: 'arrears-act', daysPastDue: 26 }]);
    // Not past due before that date.
    expect(loanExceptionsOf(loan, '2026-02-22', rules)).toEqual([]);
  });

  it('keeps a logged call counting on the next days without a re-import, until the alert interval has passed', () => {
    // The reviewer's case: imported once on 9 March with 11 days past due; the RM calls that day.
    const loans = [aLoan({ loanId: 'l', clientId: 'c', ...pastDue(11, '2026-03-09') })];
    const called = aClient({ clientId: 'c', lastContactAt: local('2026-03-09', '16:00') });
    const listed = (date: string) =>
      selectCallList({ rmId: 'rm-1', businessDate: date, timeZone: TZ, rules, capacity: 15, clients: [called], loans }).entries.map((e) => e.category);
    expect(listed('2026-03-10')).toEqual([]);
    expect(listed('2026-03-11')).toEqual([]);
    // ARREARS_ALERT_DAYS (10) after the call the loan, still in arrears, asks for a call again.
    expect(listed('2026-03-18')).toEqual([]);
    expect(listed('2026-03-19')).toEqual(['arrears-act']);
  });

  it('reads a loan stored before pastDueSince existed as its days-past-due snapshot', () => {
    const legacy = aLoan({ loanId: 'l', clientId: 'c', daysPastDue: 12 });
    expect(loanExceptionsOf(legacy, D, rules)).toMatchObject([{ kind: 'arrears-act', daysPastDue: 12 }]);
    expect(loanExceptionsOf(legacy, '2026-03-20', rules)).toMatchObject([{ kind: 'arrears-act', daysPastDue: 12 }]);
  });

  it('brings a loan long in arrears back every alert interval', () => {
    const loans = [aLoan({ loanId: 'a', clientId: 'c', ...pastDue(40, D) })];
    const touched5DaysAgo = aClient({ clientId: 'c', lastContactAt: local('2026-02-28', '10:00') });
    const touched12DaysAgo = aClient({ clientId: 'c', lastContactAt: local('2026-02-21', '10:00') });
    expect(select([touched5DaysAgo], loans).entries).toEqual([]);
    expect(select([touched12DaysAgo], loans).entries.map((e) => e.category)).toEqual(['arrears-act']);
  });

  it('never lets a contact dated after the business date handle an exception (a typo or a 9999-12-31 placeholder)', () => {
    const loans = [
      aLoan({ loanId: 'big', clientId: 'typo', amount: 5_000_000, ...pastDue(40, D) }),
      aLoan({ loanId: 'same', clientId: 'control', amount: 5_000_000, ...pastDue(40, D) }),
      aLoan({ loanId: 'later', clientId: 'placeholder', amount: 5_000_000, ...pastDue(40, D) }),
    ];
    const clients = [
      aClient({ clientId: 'typo', lastContactAt: local('2062-03-01', '10:00') }),
      aClient({ clientId: 'control', lastContactAt: local('2026-01-10', '10:00') }),
      aClient({ clientId: 'placeholder', lastContactAt: '9999-12-31T00:00:00.000Z' }),
    ];
    const listed = select(clients, loans).entries.map((e) => [e.client.clientId, e.category]);
    expect(listed).toEqual(expect.arrayContaining([['typo', 'arrears-act'], ['control', 'arrears-act'], ['placeholder', 'arrears-act']]));
    expect(listed).toHaveLength(3);
    // A call on the business date itself still handles it.
    const calledToday = aClient({ clientId: 'typo', lastContactAt: local(D, '09:00') });
    expect(select([calledToday], loans).entries).toEqual([]);
  });
});

describe('ordering and capacity', () => {
  // 13 days ago: within tier A's ideal, and before every exception below arose.
  const recent = local('2026-02-20', '09:00');
  const clients = [
    aClient({ clientId: 'inactive-small', lastContactAt: local('2026-01-01', '09:00') }),
    aClient({ clientId: 'inactive-big', lastContactAt: local('2026-02-01', '09:00'), balances: { demandDeposits: 2_000_000, timeDeposits: 10_000_000, aum: 0 } }),
    aClient({ clientId: 'maturing', lastContactAt: recent }),
    aClient({ clientId: 'check', lastContactAt: recent }),
    aClient({ clientId: 'watch', lastContactAt: recent }),
    aClient({ clientId: 'act-12', lastContactAt: recent }),
    aClient({ clientId: 'act-30', lastContactAt: recent }),
    aClient({ clientId: 'fine', lastContactAt: recent }),
  ];
  const loans = [
    aLoan({ loanId: 'l1', clientId: 'maturing', amount: 50_000, maturityDate: '2026-03-25' }),
    aLoan({ loanId: 'l2', clientId: 'check', amount: 800_000, startDate: '2025-06-01', lastCheckedOn: '2025-12-04' }),
    aLoan({ loanId: 'l3', clientId: 'watch', ...pastDue(4, D) }),
    aLoan({ loanId: 'l4', clientId: 'act-12', ...pastDue(12, D) }),
    aLoan({ loanId: 'l5', clientId: 'act-30', ...pastDue(30, D) }),
  ];

  it('puts exceptions first (must act, watch, check, maturing), then inactive clients by priority', () => {
    const selection = select(clients, loans);
    expect(selection.entries.map((e) => e.client.clientId)).toEqual([
      'act-30',
      'act-12',
      'watch',
      'check',
      'maturing',
      'inactive-big',
      'inactive-small',
    ]);
    expect(selection.eligible).toBe(7);
  });

  it('weighs value against overdue-ness: a big client 32 days overdue outranks a small one 63 days overdue', () => {
    const [big, small] = select(clients, loans).entries.slice(5);
    // small: 63 days / 14 = 4.5 → capped at 4, value weight 1 → 4.0; big: 32 / 14 = 2.29 × (1 + log10(121)) = 7.05.
    expect(small!.score).toBeCloseTo(4, 5);
    expect(big!.score).toBeCloseTo((32 / 14) * valueWeight(12_000_000), 5);
    expect(valueWeight(12_000_000)).toBeCloseTo(3.08, 2);
    expect(big!.score).toBeGreaterThan(small!.score);
  });

  it('caps the list at the RM’s capacity; what does not fit is counted and stays eligible', () => {
    const selection = select(clients, loans, 3);
    expect(selection.entries.map((e) => e.client.clientId)).toEqual(['act-30', 'act-12', 'watch']);
    expect(selection.overflow).toBe(4);
    // The next day nothing was touched: the clients that did not fit are still eligible.
    const nextDay = selectCallList({ rmId: 'rm-1', businessDate: '2026-03-06', timeZone: TZ, rules, capacity: 15, clients, loans });
    expect(nextDay.entries.map((e) => e.client.clientId)).toEqual(expect.arrayContaining(['check', 'maturing', 'inactive-big', 'inactive-small']));
  });

  it('lists each client once even when several loans raise exceptions, under the most urgent one', () => {
    const selection = select(
      [aClient({ clientId: 'c', lastContactAt: local('2026-02-15', '09:00') })],
      [aLoan({ loanId: 'a', clientId: 'c', amount: 50_000, maturityDate: '2026-03-20' }), aLoan({ loanId: 'b', clientId: 'c', ...pastDue(3, D) })],
    );
    expect(selection.entries).toHaveLength(1);
    expect(selection.entries[0]!.category).toBe('arrears-watch');
    expect(selection.entries[0]!.exceptions.map((e) => e.kind)).toEqual(['arrears-watch', 'maturing']);
  });
});
