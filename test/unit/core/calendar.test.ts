// Business dates: the date in the configured zone, working days with CN holidays and make-up days, lunar dates.
import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { BusinessCalendar, addDays, businessDateOf, daysBetween, localTimeToInstant, statutoryHolidaysOf } from '../../../lambdas/core/dates/calendar.ts';
import { gregorianDateOf, LunarRangeError, lunarDateOf, publishedDayOf, qingmingOf } from '../../../lambdas/core/dates/chinese-calendar.ts';

describe('businessDateOf', () => {
  it('is the local date, not the UTC date', () => {
    // 23:30 UTC on 1 March is already 2 March in Shanghai.
    expect(businessDateOf(new Date('2026-03-01T23:30:00Z'), 'Asia/Shanghai')).toBe('2026-03-02');
    expect(businessDateOf(new Date('2026-03-01T23:30:00Z'), 'UTC')).toBe('2026-03-01');
    expect(businessDateOf(new Date('2026-03-02T03:00:00Z'), 'America/New_York')).toBe('2026-03-01');
  });
});

describe('localTimeToInstant', () => {
  it('converts a wall-clock time in a zone to UTC, across a DST change too', () => {
    expect(localTimeToInstant('2026-03-05', '00:00', 'Asia/Shanghai').toISOString()).toBe('2026-03-04T16:00:00.000Z');
    expect(localTimeToInstant('2026-07-01', '09:00', 'Europe/London').toISOString()).toBe('2026-07-01T08:00:00.000Z');
    expect(localTimeToInstant('2026-01-01', '09:00', 'Europe/London').toISOString()).toBe('2026-01-01T09:00:00.000Z');
  });
  it('moves a time skipped by a clock change forward, and takes the earlier of a time that occurs twice', () => {
    // Santiago skips midnight: the day starts at 01:00 local (04:00Z), not at 23:00 the day before.
    expect(localTimeToInstant('2024-09-08', '00:00', 'America/Santiago').toISOString()).toBe('2024-09-08T04:00:00.000Z');
    expect(businessDateOf(localTimeToInstant('2024-09-08', '00:00', 'America/Santiago'), 'America/Santiago')).toBe('2024-09-08');
    expect(localTimeToInstant('2026-03-08', '02:30', 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(localTimeToInstant('2026-11-01', '01:30', 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });
});

describe('date arithmetic', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(daysBetween('2026-11-01', '2026-12-01')).toBe(30);
  });
});

describe('BusinessCalendar (CN)', () => {
  const cn = new BusinessCalendar({ market: 'CN' });
  it('knows weekends, public holidays and make-up working days (调休)', () => {
    expect(cn.isBusinessDay('2026-11-30')).toBe(true); // a Monday
    expect(cn.isBusinessDay('2026-11-29')).toBe(false); // a Sunday
    expect(cn.isBusinessDay('2026-10-01')).toBe(false); // National Day
    expect(cn.isBusinessDay('2026-10-10')).toBe(true); // a Saturday made a working day
  });
  it('covers the days off before the first business day after them', () => {
    expect(cn.daysCoveredBy('2026-11-30')).toEqual(['2026-11-28', '2026-11-29', '2026-11-30']);
    expect(cn.daysCoveredBy('2026-12-01')).toEqual(['2026-12-01']);
    expect(cn.daysCoveredBy('2026-10-08')).toHaveLength(8); // 1–7 October are National Day holidays
  });
  it('takes configured extra holidays and working days', () => {
    const custom = new BusinessCalendar({ market: 'weekends-only', extraHolidays: ['2026-12-24'], extraWorkdays: ['2026-12-26'] });
    expect(custom.isBusinessDay('2026-12-24')).toBe(false);
    expect(custom.isBusinessDay('2026-12-26')).toBe(true);
    expect(custom.isBusinessDay('2026-10-01')).toBe(true);
    expect(custom.nextBusinessDay('2026-12-23')).toBe('2026-12-25');
  });
});

describe('BusinessCalendar (CN) for a year without a published schedule', () => {
  const cn = new BusinessCalendar({ market: 'CN' });
  it('computes the statutory holidays, lunar ones included, and agrees with a published year', () => {
    expect([...statutoryHolidaysOf(2026)].sort()).toEqual([
      '2026-01-01', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-04-05',
      '2026-05-01', '2026-05-02', '2026-06-19', '2026-09-25', '2026-10-01', '2026-10-02', '2026-10-03',
    ]);
    for (const holiday of statutoryHolidaysOf(2026)) expect(cn.isBusinessDay(holiday)).toBe(false);
  });
  it('keeps New Year, Spring Festival and National Day off in 2027, and says the year is not authoritative', () => {
    expect(cn.isAuthoritative(2026)).toBe(true);
    expect(cn.isAuthoritative(2027)).toBe(false);
    expect(cn.isBusinessDay('2027-01-01')).toBe(false); // a Friday
    expect(cn.isBusinessDay('2027-02-08')).toBe(false); // the third day of the Year of the Goat
    expect(cn.isBusinessDay('2027-10-01')).toBe(false);
    expect(cn.isBusinessDay('2027-10-04')).toBe(true); // a Monday after the statutory days
  });
});

describe('BusinessCalendar (CN) in the process time zone of the test runner', () => {
  const cn = new BusinessCalendar({ market: 'CN' });
  it('reads dates as calendar dates, not as instants in the local zone', () => {
    expect(cn.isBusinessDay('2026-12-07')).toBe(true); // a Monday
    expect(cn.isBusinessDay('2026-12-05')).toBe(false); // a Saturday
    expect(cn.daysCoveredBy('2026-12-07')).toEqual(['2026-12-05', '2026-12-06', '2026-12-07']);
    expect(statutoryHolidaysOf(2027)).toContain('2027-04-05'); // Qingming
    expect(statutoryHolidaysOf(2027)).toContain('2027-02-06'); // Spring Festival
  });
});

describe('the chinese-days tables, read on ISO dates', () => {
  it('give the lunar dates the library gives, every third day of lunar 1900–2099', () => {
    const mismatches: string[] = [];
    for (let date = '1900-01-31'; date < '2100-01-01'; date = addDays(date, 3)) {
      const expected = chineseDays.getLunarDate(date); // this one function counts days from a fixed instant
      const actual = lunarDateOf(date);
      if (
        actual.year !== expected.lunarYear ||
        actual.month !== expected.lunarMon ||
        actual.day !== expected.lunarDay ||
        actual.isLeapMonth !== expected.isLeap
      ) {
        mismatches.push(date);
      }
    }
    expect(mismatches).toEqual([]);
  });
  it('turn the first of every regular lunar month back into its Gregorian date', () => {
    for (let lunarYear = 1900; lunarYear <= 2099; lunarYear++) {
      for (let month = 1; month <= 12; month++) {
        const date = gregorianDateOf(lunarYear, month, 1);
        expect(lunarDateOf(date)).toEqual({ year: lunarYear, month, day: 1, isLeapMonth: false });
      }
    }
  });
  it('refuse dates outside the lunar table and lunar days that do not exist', () => {
    expect(() => lunarDateOf('1899-12-31')).toThrow(LunarRangeError);
    expect(() => gregorianDateOf(2101, 1, 1)).toThrow(LunarRangeError);
    expect(() => gregorianDateOf(2025, 12, 30)).toThrow(/does not exist/); // the twelfth month of lunar 2025 has 29 days
  });
  it('put Qingming on a day the published schedules list as a holiday, every year since it became one (2008)', () => {
    for (let year = 2008; year <= 2026; year++) expect(publishedDayOf(qingmingOf(year)), String(year)).toBe('holiday');
    expect([2027, 2028, 2029, 2030, 2031, 2032].map(qingmingOf)).toEqual(['2027-04-05', '2028-04-04', '2029-04-04', '2030-04-05', '2031-04-05', '2032-04-04']);
  });
});
