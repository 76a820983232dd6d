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
  dueLeadsOf,
  occasionDatesFor,
  occasionDatesOf,
  pickMainContact,
  referralAskDate,
  remindersFromCalendarEntry,
  reminderWindow,
  sortReminders,
  suggestedActionFor,
  suggestedActionsFor,
  whenGroupOf,
  withDayItself,
  yearlyDateIn,
  type Reminder,
} from '../../../lambdas/touch-reminders/occasions.ts';
import { lunarDateOf } from '../../../lambdas/core/dates/chinese-calendar.ts';
import { markId, marksOf, withoutReminded } from '../../../lambdas/touch-reminders/store.ts';
import { gregorianDateOfLunar, lunarMonthDaysOn } from '../../../lambdas/touch-reminders/lunar.ts';

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
function remindersOn(businessDate: IsoDate, entry: CalendarEntry, calendar = weekendsOnly, lastAnswered?: IsoDate): Reminder[] {
  const window = reminderWindow(businessDate, calendar, lastAnswered);
  const candidates = occasionDatesOf(window, [...leads.birthday, ...leads.event]);
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
    const wednesday = reminderWindow('2026-12-30', weekendsOnly);
    expect(dueLeadsOf('2027-01-02', [3], wednesday)).toEqual([3]);
    expect(dueLeadsOf('2027-01-03', [3], wednesday)).toEqual([]);
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
    // 2027-02-28 is a Sunday: the lead reminder comes on Thursday the 25th, the day itself on Friday
    // the 26th (the last business day before it) and again, caught up, on Monday 1 March.
    expect(remindersOn('2027-02-25', birthday('02-29', { year: 1980 }))).toMatchObject([
      { occasionDate: '2027-02-28', daysUntil: 3, age: 47, milestone: false },
    ]);
    expect(remindersOn('2027-02-26', birthday('02-29', { year: 1980 }))).toMatchObject([
      { occasionDate: '2027-02-28', daysUntil: 2, dueLeads: [0], dayOff: true },
    ]);
    expect(remindersOn('2027-03-01', birthday('02-29', { year: 1980 }))).toMatchObject([
      { occasionDate: '2027-02-28', daysUntil: -1 },
    ]);
  });

  it('reminds of it on 29 February in a leap year, not on the 28th', () => {
    expect(remindersOn('2028-02-29', birthday('02-29', { year: 1980 }))).toMatchObject([{ occasionDate: '2028-02-29', daysUntil: 0, age: 48 }]);
    // Its lead day, Saturday 26 February 2028, is sent on Friday the 25th; Monday the 28th has nothing for it.
    expect(remindersOn('2028-02-25', birthday('02-29', { year: 1980 })).map((r) => r.daysUntil)).toEqual([4]);
    expect(remindersOn('2028-02-28', birthday('02-29', { year: 1980 }))).toEqual([]);
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

  it('sends a birthday that falls on Saturday on Friday ahead and again on Monday, a lead reminder due on Sunday on Friday', () => {
    expect(remindersOn('2026-03-06', birthday('03-07'))).toMatchObject([{ occasionDate: '2026-03-07', daysUntil: 1, dueLeads: [0], dayOff: true }]);
    expect(remindersOn('2026-03-09', birthday('03-07'))).toMatchObject([{ occasionDate: '2026-03-07', daysUntil: -2, dueLeads: [0], dayOff: true }]);
    // 3 days before Wednesday 11 March is Sunday the 8th: it comes early, on Friday, 5 days ahead — not late on Monday.
    expect(remindersOn('2026-03-06', birthday('03-11'))).toMatchObject([{ occasionDate: '2026-03-11', daysUntil: 5, dueLeads: [3] }]);
    expect(remindersOn('2026-03-09', birthday('03-11'))).toEqual([]);
    expect(remindersOn('2026-03-11', birthday('03-11'))).toMatchObject([{ daysUntil: 0, dueLeads: [0] }]);
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

describe('reminders whose day is a day off (CN calendar)', () => {
  it('send a Golden Week birthday early: the gift and the wishes on the last business day before, caught up after', () => {
    // National Day 2025: 1–8 October off, Sunday 28 September a make-up working day. Birthday Sunday 5 October.
    const goldenWeek = birthday('10-05');
    const [early] = remindersOn('2025-09-30', goldenWeek, china);
    // Its 3-day lead (Thursday 2 October) and the day itself are both sent on Tuesday 30 September.
    expect(early).toMatchObject({ occasionDate: '2025-10-05', daysUntil: 5, dueLeads: [3, 0], dayOff: true });
    expect(suggestedActionsFor(early!)).toEqual(['birthday-gift', 'birthday-wishes']);
    expect(remindersOn('2025-09-28', goldenWeek, china)).toEqual([]);
    expect(remindersOn('2025-09-29', goldenWeek, china)).toEqual([]);
    // Caught up after the holiday, as before.
    expect(remindersOn('2025-10-09', goldenWeek, china)).toMatchObject([{ daysUntil: -4, dueLeads: [0], dayOff: true }]);
    expect(remindersOn('2025-10-10', goldenWeek, china)).toEqual([]);
  });

  it('send a lead reminder that falls on a Saturday on the Friday before (Tuesday 10 March 2026, lead 3)', () => {
    expect(remindersOn('2026-03-06', birthday('03-10'), china)).toMatchObject([{ occasionDate: '2026-03-10', daysUntil: 4, dueLeads: [3] }]);
    expect(suggestedActionFor(remindersOn('2026-03-06', birthday('03-10'), china)[0]!)).toBe('birthday-gift');
    expect(remindersOn('2026-03-09', birthday('03-10'), china)).toEqual([]);
    expect(remindersOn('2026-03-10', birthday('03-10'), china)).toMatchObject([{ daysUntil: 0, dueLeads: [0] }]);
  });

  it('give the day itself sent ahead the action of the day', () => {
    const [friday] = remindersOn('2026-03-06', birthday('03-07'));
    expect(suggestedActionsFor(friday!)).toEqual(['birthday-wishes']);
  });

  /** Every run of a stretch of business days: the occasion-and-lead pairs each one reminds of. */
  function runsOver(from: IsoDate, to: IsoDate, failed: ReadonlySet<IsoDate> = new Set()): Map<string, IsoDate[]> {
    const allLeads = [30, 7, 3];
    const sentBy = new Map<string, IsoDate[]>();
    let lastAnswered: IsoDate | undefined;
    for (let date = from; date <= to; date = addDaysIso(date, 1)) {
      if (!china.isBusinessDay(date)) continue;
      const window = reminderWindow(date, china, lastAnswered);
      if (failed.has(date)) continue; // its email never went out: the date stays unanswered
      lastAnswered = date;
      for (const occasion of occasionDatesOf(window, allLeads)) {
        for (const lead of dueLeadsOf(occasion, allLeads, window)) {
          const key = `${occasion}#${lead}`;
          sentBy.set(key, [...(sentBy.get(key) ?? []), date]);
        }
      }
    }
    return sentBy;
  }

  const lastBusinessDayOnOrBefore = (date: IsoDate) => (china.isBusinessDay(date) ? date : china.previousBusinessDay(date));

  it('send every lead once, on the last business day on or before its reminder day, and the day itself on time', () => {
    const sentBy = runsOver('2025-08-01', '2026-12-31');
    for (let occasion = '2025-10-01'; occasion <= '2026-11-30'; occasion = addDaysIso(occasion, 1)) {
      for (const lead of [30, 7, 3]) {
        expect(sentBy.get(`${occasion}#${lead}`), `${occasion} lead ${lead}`).toEqual([lastBusinessDayOnOrBefore(addDaysIso(occasion, -lead))]);
      }
      // The day itself: on the day, or for a day off on the business days just before and after it.
      const dayItself = china.isBusinessDay(occasion) ? [occasion] : [china.previousBusinessDay(occasion), china.nextBusinessDay(occasion)];
      expect(sentBy.get(`${occasion}#0`), `${occasion} the day itself`).toEqual(dayItself);
    }
  });

  it('send what a failed run missed on the next run, still once per lead', () => {
    const failed = new Set(['2025-09-30', '2026-03-09', '2026-03-10']);
    const sentBy = runsOver('2025-08-01', '2026-12-31', failed);
    for (let occasion = '2025-10-01'; occasion <= '2026-11-30'; occasion = addDaysIso(occasion, 1)) {
      for (const lead of [30, 7, 3, 0]) {
        const runs = sentBy.get(`${occasion}#${lead}`) ?? [];
        expect(runs.length, `${occasion} lead ${lead}`).toBeGreaterThan(0);
        expect(runs.some((run) => failed.has(run))).toBe(false);
        if (lead > 0 || china.isBusinessDay(occasion)) expect(runs, `${occasion} lead ${lead}`).toHaveLength(1);
      }
    }
    // Birthday Monday 9 March 2026, whose runs of the 9th and 10th failed: sent on Wednesday the 11th.
    expect(sentBy.get('2026-03-09#0')).toEqual(['2026-03-11']);
    // The Golden Week birthday's early reminder failed on 30 September: sent on the next business day.
    expect(sentBy.get('2025-10-05#3')).toEqual(['2025-10-09']);
  });
});

describe('a window after a missed date', () => {
  it('starts after the last date answered for the RM', () => {
    const window = reminderWindow('2026-03-10', china, '2026-03-06');
    expect(window.businessDates).toEqual(['2026-03-09', '2026-03-10']);
    expect(window.coveredDays).toEqual(['2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10']);
    expect(window.reminderDays).toEqual(['2026-03-09', '2026-03-10']);
    // Without a date answered, or one that is not before the business date: the usual window.
    expect(reminderWindow('2026-03-10', china).coveredDays).toEqual(['2026-03-10']);
    expect(reminderWindow('2026-03-10', china, '2026-03-10').businessDates).toEqual(['2026-03-10']);
  });

  it("sends the missed date's birthday, a business day: not marked as a day off", () => {
    expect(remindersOn('2026-03-10', birthday('03-09'), china, '2026-03-06')).toMatchObject([{ occasionDate: '2026-03-09', daysUntil: -1, dueLeads: [0] }]);
    expect(remindersOn('2026-03-10', birthday('03-09'), china, '2026-03-06')[0]).not.toHaveProperty('dayOff');
    expect(remindersOn('2026-03-10', birthday('03-09'), china)).toEqual([]);
    // The weekend before the missed Monday comes along; what was sent on Friday does not come again.
    expect(remindersOn('2026-03-10', birthday('03-08'), china, '2026-03-06')).toMatchObject([{ daysUntil: -2, dayOff: true }]);
    expect(remindersOn('2026-03-10', birthday('03-10'), china, '2026-03-06')).toMatchObject([{ daysUntil: 0, dueLeads: [0] }]);
    expect(remindersOn('2026-03-10', birthday('03-12'), china, '2026-03-06')).toMatchObject([{ daysUntil: 2, dueLeads: [3] }]);
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

  /** A loan `daysPastDue` days past due on 6 March 2026. */
  const loan = (loanId: string, daysPastDue: number): Loan => ({
    loanId, clientId: 'c-1', amount: 1_000_000, currency: 'CNY', startDate: '2025-01-01', maturityDate: '2027-01-01',
    ...(daysPastDue > 0 ? { pastDueSince: addDaysIso('2026-03-06', -daysPastDue) } : {}),
  });

  it('lists loans only beyond the arrears alert days', () => {
    const window = reminderWindow('2026-03-06', weekendsOnly);
    expect(arrearsReminders([loan('a', 30), loan('b', 10), loan('c', 11), loan('d', 0)], window, 10).map((r) => r.kind === 'arrears' && r.loanId)).toEqual(['a', 'c']);
  });

  it('counts the days past due on the business date, so a loan imported once keeps ageing', () => {
    const tenDays = loan('b', 10);
    expect(arrearsReminders([tenDays], reminderWindow('2026-03-06', weekendsOnly), 10)).toEqual([]);
    expect(arrearsReminders([tenDays], reminderWindow('2026-03-09', weekendsOnly), 10)).toMatchObject([{ loanId: 'b', daysPastDue: 13, occasionDate: '2026-03-09' }]);
  });

  it('reads a loan stored with only a days-past-due snapshot as that snapshot', () => {
    const legacy: Loan = { ...loan('old', 0), daysPastDue: 12 };
    expect(arrearsReminders([legacy], reminderWindow('2026-03-20', weekendsOnly), 10)).toMatchObject([{ loanId: 'old', daysPastDue: 12 }]);
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


describe('once per lead time', () => {
  const birthdayReminder: Reminder = {
    kind: 'birthday',
    clientId: 'C1',
    contact: { contactId: 'K1', name: 'Mona Day' },
    calendar: 'gregorian',
    milestone: false,
    occasionDate: '2026-03-09',
    daysUntil: 3,
    dueLeads: [3, 0],
  };
  const followUp: Reminder = { kind: 'follow-up', clientId: 'C1', touchId: 'T1', occasionDate: '2026-03-01', daysUntil: -5 };

  it('marks each due lead of an occasion, and nothing of follow-ups (shown every day until done)', () => {
    // Three days ahead, the day itself is the greeting ahead of a day off, not the day's (or catch-up) message.
    expect(marksOf([birthdayReminder, followUp]).map(markId)).toEqual(['birthday:C1:K1:2026-03-09#3', 'birthday:C1:K1:2026-03-09#0-ahead']);
    expect(marksOf([{ ...birthdayReminder, daysUntil: -1, dueLeads: [0] }]).map(markId)).toEqual(['birthday:C1:K1:2026-03-09#0']);
  });

  it('takes out the leads already reminded, and an occasion with none left', () => {
    expect(withoutReminded([birthdayReminder, followUp], new Set(['birthday:C1:K1:2026-03-09#3']))).toEqual([
      { ...birthdayReminder, dueLeads: [0] },
      followUp,
    ]);
    expect(withoutReminded([birthdayReminder, followUp], new Set(marksOf([birthdayReminder]).map(markId)))).toEqual([followUp]);
    // Another year's birthday, or another contact, is another occasion.
    expect(withoutReminded([birthdayReminder], new Set(['birthday:C1:K1:2025-03-09#0', 'birthday:C1:K2:2026-03-09#0']))).toEqual([birthdayReminder]);
  });
});
