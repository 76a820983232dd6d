// Which occasions a run reminds of: lead times, month and year ends, 29 February, catch-up, lunar dates, time zones.
import { describe, expect, it } from 'vitest';
import { addDays as addDaysIso, BusinessCalendar } from '../../../lambdas/core/dates/calendar.ts';
import { fixedClock } from '../../../lambdas/core/clock.ts';
import { resolveBusinessDate } from '../../../lambdas/core/job.ts';
import { loadConfig } from '../../../lambdas/core/config.ts';
import type { CalendarEntry } from '../../../lambdas/core/store/radar-store.ts';
import type { FollowUp, IsoDate, Loan } from '../../../lambdas/core/model.ts';
import {
  arrearsReminders,
  calendarKeysFor,
  followUpReminders,
  isMilestoneAge,
  isMilestoneAnniversary,
  isReferralAskDue,
  isReferralAskedOutcome,
  isReminderDue,
  occasionDatesFor,
  pickMainContact,
  referralAskDate,
  remindersFromCalendarEntry,
  reminderWindow,
  sortReminders,
  suggestedActionFor,
  whenGroupOf,
  withDayItself,
  yearlyDateIn,
  type Reminder,
} from '../../../lambdas/touch-reminders/occasions.ts';
import { gregorianDateOfLunar, lunarDateOf, lunarMonthDaysOn } from '../../../lambdas/touch-reminders/lunar.ts';

const weekendsOnly = new BusinessCalendar({ market: 'weekends-only' });
const china = new BusinessCalendar({ market: 'CN' });
const leads = { birthday: [3, 0], event: [7, 0] };

function birthday(monthDay: string, extra: { year?: number; calendar?: 'gregorian' | 'lunar' } = {}): CalendarEntry {
  return {
    kind: 'birthday',
    rmId: 'rm-1',
    clientId: 'c-1',
    contact: {
      contactId: 'p-1',
      clientId: 'c-1',
      name: '赵总',
      role: 'CFO',
      birthday: { monthDay, calendar: extra.calendar ?? 'gregorian', ...(extra.year ? { year: extra.year } : {}) },
    },
  };
}

/** What a run on `businessDate` reminds of for one entry, with the window and candidates the job would use. */
function remindersOn(businessDate: IsoDate, entry: CalendarEntry, calendar = weekendsOnly): Reminder[] {
  const window = reminderWindow(businessDate, calendar);
  const candidates = occasionDatesFor(window.coveredDays, [...leads.birthday, ...leads.event]);
  return remindersFromCalendarEntry(entry, candidates, window, leads);
}

describe('lead times', () => {
  it('always include the day itself, largest lead first, without duplicates', () => {
    expect(withDayItself([3])).toEqual([3, 0]);
    expect(withDayItself([30, 7, 7, 0])).toEqual([30, 7, 0]);
    expect(withDayItself([])).toEqual([0]);
  });

  it('reach across a month end and a year end', () => {
    expect(occasionDatesFor(['2026-01-29'], [3, 0])).toEqual(['2026-01-29', '2026-02-01']);
    expect(occasionDatesFor(['2026-12-30'], [3, 0])).toEqual(['2026-12-30', '2027-01-02']);
    expect(isReminderDue('2027-01-02', [3], ['2026-12-30'])).toBe(true);
    expect(isReminderDue('2027-01-03', [3], ['2026-12-30'])).toBe(false);
  });

  it('find a birthday 3 days ahead across the year end and again on the day', () => {
    const ahead = remindersOn('2026-12-29', birthday('01-01', { year: 1976 }));
    expect(ahead).toMatchObject([{ kind: 'birthday', occasionDate: '2027-01-01', daysUntil: 3, age: 51 }]);
    const onTheDay = remindersOn('2027-01-01', birthday('01-01', { year: 1976 }));
    expect(onTheDay).toMatchObject([{ occasionDate: '2027-01-01', daysUntil: 0 }]);
    expect(remindersOn('2026-12-30', birthday('01-01'))).toEqual([]);
  });

  it('find a birthday on the 1st of a month from the end of the month before', () => {
    expect(remindersOn('2026-04-28', birthday('05-01'))).toMatchObject([{ occasionDate: '2026-05-01', daysUntil: 3 }]);
  });
});

describe('29 February', () => {
  it('is kept on 28 February in common years and on 29 February in leap years', () => {
    expect(yearlyDateIn('02-29', 2027)).toBe('2027-02-28');
    expect(yearlyDateIn('02-29', 2028)).toBe('2028-02-29');
    expect(yearlyDateIn('02-29', 2100)).toBe('2100-02-28');
    expect(calendarKeysFor('2027-02-28').monthDays).toEqual(['02-28', '02-29']);
    expect(calendarKeysFor('2028-02-28').monthDays).toEqual(['02-28']);
  });

  it('reminds of a leap-day birthday on 28 February in a common year, with the age', () => {
    // 2027-02-28 is a Sunday: the lead reminder comes on Thursday the 25th, the day itself on Monday 1 March.
    expect(remindersOn('2027-02-25', birthday('02-29', { year: 1980 }))).toMatchObject([
      { occasionDate: '2027-02-28', daysUntil: 3, age: 47, milestone: false },
    ]);
    expect(remindersOn('2027-03-01', birthday('02-29', { year: 1980 }))).toMatchObject([
      { occasionDate: '2027-02-28', daysUntil: -1 },
    ]);
  });

  it('reminds of it on 29 February in a leap year, not on the 28th', () => {
    expect(remindersOn('2028-02-29', birthday('02-29', { year: 1980 }))).toMatchObject([{ occasionDate: '2028-02-29', daysUntil: 0, age: 48 }]);
    expect(remindersOn('2028-02-28', birthday('02-29', { year: 1980 })).map((r) => r.daysUntil)).toEqual([1]);
    expect(remindersOn('2028-02-28', birthday('02-28'))).toMatchObject([{ occasionDate: '2028-02-28', daysUntil: 0 }]);
  });
});

describe('ages and milestones', () => {
  it('shows the age only when the birth year is known', () => {
    const [withYear] = remindersOn('2026-03-05', birthday('03-05', { year: 1976 }));
    const [withoutYear] = remindersOn('2026-03-05', birthday('03-05'));
    expect(withYear).toMatchObject({ age: 50, milestone: true });
    expect(withoutYear).not.toHaveProperty('age');
    expect(withoutYear).toMatchObject({ milestone: false });
  });

  it('highlights round anniversaries and ages', () => {
    expect([1, 5, 10, 15, 20, 21].map(isMilestoneAnniversary)).toEqual([false, true, true, true, true, false]);
    expect([30, 45, 60, 0].map(isMilestoneAge)).toEqual([true, false, true, false]);
    const founded: CalendarEntry = { kind: 'anniversary', rmId: 'rm-1', clientId: 'c-1', anniversary: 'founded', date: '2006-12-01' };
    expect(remindersOn('2026-11-24', founded)).toMatchObject([{ kind: 'anniversary', years: 20, milestone: true, daysUntil: 7 }]);
    expect(remindersOn('2027-12-01', founded)).toMatchObject([{ years: 21, milestone: false, daysUntil: 0 }]);
    // Founded this year: no anniversary yet.
    expect(remindersOn('2026-12-01', { ...founded, date: '2026-12-01' })).toEqual([]);
  });
});

describe('life events', () => {
  const wedding: CalendarEntry = {
    kind: 'event',
    rmId: 'rm-1',
    clientId: 'c-1',
    event: { eventId: 'e-1', clientId: 'c-1', date: '2026-05-20', kind: 'wedding', recurrence: 'once', note: '女儿婚礼' },
  };

  it('reminds of a one-off event a week ahead and on the day, with a gift suggested', () => {
    const [ahead] = remindersOn('2026-05-13', wedding);
    expect(ahead).toMatchObject({ kind: 'life-event', eventKind: 'wedding', daysUntil: 7, note: '女儿婚礼' });
    expect(suggestedActionFor(ahead!)).toBe('event-gift');
    expect(remindersOn('2026-05-20', wedding)).toHaveLength(1);
    expect(remindersOn('2027-05-20', wedding)).toEqual([]);
  });

  it('repeats a yearly event with the number of years', () => {
    const yearly: CalendarEntry = { ...wedding, event: { ...wedding.event, recurrence: 'yearly', date: '2016-05-20' } } as CalendarEntry;
    const [tenth] = remindersOn('2026-05-20', yearly);
    expect(tenth).toMatchObject({ years: 10, milestone: true });
    expect(suggestedActionFor(tenth!)).toBe('event-gift');
    expect(suggestedActionFor(remindersOn('2027-05-20', yearly)[0]!)).toBe('event-call');
  });
});

describe('catch-up after days off', () => {
  it('covers the weekend on Monday', () => {
    const window = reminderWindow('2026-03-09', weekendsOnly);
    expect(window.coveredDays).toEqual(['2026-03-07', '2026-03-08', '2026-03-09']);
    expect(window.daysAhead).toEqual(['2026-03-09']);
    expect(reminderWindow('2026-03-06', weekendsOnly).daysAhead).toEqual(['2026-03-06', '2026-03-07', '2026-03-08']);
  });

  it('sends on Monday a birthday that fell on Saturday, and a lead reminder due on Sunday', () => {
    expect(remindersOn('2026-03-09', birthday('03-07'))).toMatchObject([{ occasionDate: '2026-03-07', daysUntil: -2 }]);
    // 3 days before Wednesday 11 March is Sunday the 8th: it comes on Monday, 2 days ahead.
    expect(remindersOn('2026-03-09', birthday('03-11'))).toMatchObject([{ occasionDate: '2026-03-11', daysUntil: 2 }]);
    // Nothing twice: Friday does not send Saturday's birthday on the day.
    expect(remindersOn('2026-03-06', birthday('03-07'))).toEqual([]);
  });

  it('covers a public holiday on the first working day after it (National Day 2026)', () => {
    const window = reminderWindow('2026-10-08', china);
    expect(window.coveredDays[0]).toBe('2026-10-01');
    expect(window.coveredDays.at(-1)).toBe('2026-10-08');
    expect(remindersOn('2026-10-08', birthday('10-03'), china)).toMatchObject([{ occasionDate: '2026-10-03', daysUntil: -5 }]);
    // A make-up working Saturday (2026-02-14) is a business day and covers only itself.
    expect(reminderWindow('2026-02-14', china).coveredDays).toEqual(['2026-02-14']);
  });
});

describe('the business date in the configured time zone', () => {
  it('is Monday in Shanghai while UTC is still Sunday, and Monday covers the weekend', () => {
    const config = loadConfig({ TABLE_NAME: 'rm-radar', SENDER_EMAIL: 'radar@bank.example', HOLIDAY_MARKET: 'weekends-only' });
    const { businessDate, calendar, isBusinessDay } = resolveBusinessDate({ clock: fixedClock('2026-03-08T23:30:00Z'), config });
    expect(businessDate).toBe('2026-03-09');
    expect(isBusinessDay).toBe(true);
    expect(reminderWindow(businessDate, calendar).coveredDays).toEqual(['2026-03-07', '2026-03-08', '2026-03-09']);
    const utc = loadConfig({ TABLE_NAME: 'rm-radar', SENDER_EMAIL: 'radar@bank.example', TIME_ZONE: 'UTC', HOLIDAY_MARKET: 'weekends-only' });
    expect(resolveBusinessDate({ clock: fixedClock('2026-03-08T23:30:00Z'), config: utc }).isBusinessDay).toBe(false);
  });
});

describe('lunar birthdays', () => {
  it('convert lunar dates both ways', () => {
    expect(gregorianDateOfLunar(2026, 1, 1)).toBe('2026-02-17');
    expect(gregorianDateOfLunar(2026, 8, 15)).toBe('2026-09-25');
    expect(gregorianDateOfLunar(2027, 8, 15)).toBe('2027-09-15');
    expect(lunarDateOf('2026-09-25')).toEqual({ year: 2026, month: 8, day: 15, isLeapMonth: false });
    // 2025 has a leap sixth month: its days are not a regular sixth month.
    expect(lunarDateOf('2025-08-04')).toMatchObject({ month: 6, isLeapMonth: true });
    expect(lunarMonthDaysOn('2025-08-04')).toEqual([]);
    expect(gregorianDateOfLunar(2025, 6, 11)).toBe('2025-07-05');
  });

  it("is reminded of on this year's Gregorian date with the age in lunar years", () => {
    const lunar = birthday('08-15', { year: 1970, calendar: 'lunar' });
    expect(remindersOn('2026-09-22', lunar)).toMatchObject([
      { kind: 'birthday', calendar: 'lunar', lunarMonthDay: '08-15', occasionDate: '2026-09-25', daysUntil: 3, age: 56 },
    ]);
    expect(remindersOn('2027-09-15', lunar)).toMatchObject([{ occasionDate: '2027-09-15', daysUntil: 0, age: 57 }]);
    expect(remindersOn('2026-09-15', lunar)).toEqual([]);
  });

  it('keeps a 30th on the 29th when the lunar month has no 30th', () => {
    // The twelfth month of lunar 2025 has 29 days: its last day is 2026-02-16.
    expect(lunarMonthDaysOn('2026-02-16')).toEqual(['12-29', '12-30']);
    expect(calendarKeysFor('2026-02-16').lunarMonthDays).toEqual(['12-29', '12-30']);
    expect(remindersOn('2026-02-16', birthday('12-30', { calendar: 'lunar' }))).toMatchObject([{ occasionDate: '2026-02-16' }]);
  });

  it('puts a lunar birthday early in the Gregorian year into the right lunar year for the age', () => {
    // Lunar 2026-12-20 is 2027-01-27; born lunar 1980-12-20, the person turns 46 in lunar years.
    expect(gregorianDateOfLunar(2026, 12, 20)).toBe('2027-01-27');
    expect(remindersOn('2027-01-27', birthday('12-20', { year: 1980, calendar: 'lunar' }))).toMatchObject([{ age: 46 }]);
  });
});

describe('follow-ups and arrears', () => {
  const followUp = (dueOn: string, touchId: string): FollowUp => ({ clientId: 'c-1', rmId: 'rm-1', touchId, dueOn, status: 'open', note: '送利率方案' });

  it('lists follow-ups due today, overdue ones until done, and those due on the coming days off', () => {
    const window = reminderWindow('2026-03-06', weekendsOnly);
    const reminders = followUpReminders(
      [followUp('2026-02-20', 'old'), followUp('2026-03-06', 'today'), followUp('2026-03-08', 'sunday'), followUp('2026-03-09', 'monday')],
      window,
    );
    expect(reminders.map((r) => [r.kind === 'follow-up' && r.touchId, r.daysUntil])).toEqual([
      ['old', -14],
      ['today', 0],
      ['sunday', 2],
    ]);
    expect(reminders.map((r) => whenGroupOf(r.daysUntil))).toEqual(['today', 'today', 'this-week']);
  });

  it('lists loans only beyond the arrears alert days', () => {
    const loan = (loanId: string, daysPastDue: number): Loan => ({
      loanId, clientId: 'c-1', amount: 1_000_000, currency: 'CNY', startDate: '2025-01-01', maturityDate: '2027-01-01', daysPastDue,
    });
    const window = reminderWindow('2026-03-06', weekendsOnly);
    expect(arrearsReminders([loan('a', 30), loan('b', 10), loan('c', 11)], window, 10).map((r) => r.kind === 'arrears' && r.loanId)).toEqual(['a', 'c']);
  });
});

describe('referral asks', () => {
  it('spread each client’s yearly ask between March and October, then every 30 days until mid-December', () => {
    const first = referralAskDate('c-42', 2026);
    expect(first >= '2026-03-01' && first <= '2026-10-27').toBe(true);
    expect(referralAskDate('c-42', 2026)).toBe(first);
    expect(isReferralAskDue('c-42', [first])).toBe(true);
    expect(isReferralAskDue('c-42', [addDaysIso(first, 1)])).toBe(false);
    expect(isReferralAskDue('c-42', [addDaysIso(first, 30)])).toBe(true);
    expect(isReferralAskDue('c-42', [addDaysIso(first, -1)])).toBe(false);
    const spread = new Set(Array.from({ length: 50 }, (_, i) => referralAskDate(`c-${i}`, 2026).slice(0, 7)));
    expect(spread.size).toBeGreaterThan(4);
  });

  it('recognise a touch outcome that records the ask', () => {
    expect(['referral-asked', 'Referral asked', 'referral_asked', '已请求转介绍'].map(isReferralAskedOutcome)).toEqual([true, true, true, true]);
    expect(['referral', 'asked', undefined].map(isReferralAskedOutcome)).toEqual([false, false, false]);
  });
});

describe('suggested actions and order', () => {
  it('suggest a gift ahead of a birthday, a lunch for a round one, wishes on the day', () => {
    const base = { kind: 'birthday' as const, clientId: 'c-1', contact: { contactId: 'p', name: 'x' }, calendar: 'gregorian' as const, occasionDate: '2026-03-05' };
    expect(suggestedActionFor({ ...base, daysUntil: 3, milestone: false })).toBe('birthday-gift');
    expect(suggestedActionFor({ ...base, daysUntil: 3, milestone: true })).toBe('birthday-lunch');
    expect(suggestedActionFor({ ...base, daysUntil: 0, milestone: true })).toBe('birthday-wishes');
    const loan = { kind: 'maturity' as const, clientId: 'c', loanId: 'l', amount: 1, currency: 'CNY', occasionDate: '2026-04-05' };
    expect([30, 7, 0].map((daysUntil) => suggestedActionFor({ ...loan, daysUntil }))).toEqual(['maturity-plan', 'maturity-funds', 'maturity-today']);
  });

  it('put follow-ups and arrears before courtesies, soonest first', () => {
    const sorted = sortReminders([
      { kind: 'referral', clientId: 'c-2', occasionDate: '2026-03-05', daysUntil: 0 },
      { kind: 'follow-up', clientId: 'c-1', touchId: 't2', occasionDate: '2026-03-05', daysUntil: 0 },
      { kind: 'follow-up', clientId: 'c-1', touchId: 't1', occasionDate: '2026-03-01', daysUntil: -4 },
      { kind: 'arrears', clientId: 'c-3', loanId: 'l', amount: 1, currency: 'CNY', daysPastDue: 12, occasionDate: '2026-03-05', daysUntil: 0 },
    ]);
    expect(sorted.map((r) => `${r.kind}${r.daysUntil}`)).toEqual(['follow-up-4', 'follow-up0', 'arrears0', 'referral0']);
  });

  it('pick a finance or top contact first', () => {
    expect(pickMainContact([{ contactId: 'a', role: '销售' }, { contactId: 'b', role: '财务总监' }])?.contactId).toBe('b');
    expect(pickMainContact([{ contactId: 'b' }, { contactId: 'a' }])?.contactId).toBe('a');
    expect(pickMainContact([])).toBeUndefined();
  });
});

