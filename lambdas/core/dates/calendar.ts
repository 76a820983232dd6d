// Business dates: the date in the configured time zone, date arithmetic on ISO dates, working days.
import type { IsoDate, MonthDay } from '../model.ts';
import { gregorianDateOf, isPublishedYear, publishedDayOf, qingmingOf } from './chinese-calendar.ts';

const DAY_MS = 86_400_000;

/** The calendar date at `now` in `timeZone` — the date every job works on, never the UTC date. */
export function businessDateOf(now: Date, timeZone: string): IsoDate {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Offset of `timeZone` from UTC at `at`, in minutes (Asia/Shanghai: +480). */
export function zoneOffsetMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The UTC instant of a local wall-clock time (`HH:MM`) on `date` in `timeZone`. Around a clock change
 * it resolves like Temporal's "compatible" rule: a time that occurs twice is the earlier one; a time
 * skipped by the change moves forward by the gap (a skipped midnight is the day's first instant).
 */
export function localTimeToInstant(date: IsoDate, time: string, timeZone: string): Date {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  const wallClockAsUtc = Date.UTC(year(date), month(date) - 1, day(date), hours, minutes);
  // The offsets a day either side cover any change on this date.
  const offsetBefore = zoneOffsetMinutes(new Date(wallClockAsUtc - DAY_MS), timeZone);
  const offsetAfter = zoneOffsetMinutes(new Date(wallClockAsUtc + DAY_MS), timeZone);
  const readsAsWallClock = (instant: number) => instant + zoneOffsetMinutes(new Date(instant), timeZone) * 60_000 === wallClockAsUtc;
  const candidates = [...new Set([offsetBefore, offsetAfter])]
    .map((offset) => wallClockAsUtc - offset * 60_000)
    .filter(readsAsWallClock);
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  return new Date(wallClockAsUtc - offsetBefore * 60_000);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(toUtcMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: IsoDate): number {
  return new Date(toUtcMs(date)).getUTCDay();
}

export function monthDayOf(date: IsoDate): MonthDay {
  return date.slice(5);
}

export function year(date: IsoDate): number {
  return Number(date.slice(0, 4));
}
export function month(date: IsoDate): number {
  return Number(date.slice(5, 7));
}
export function day(date: IsoDate): number {
  return Number(date.slice(8, 10));
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Every date from `from` to `to`, both included. */
export function datesInRange(from: IsoDate, to: IsoDate): IsoDate[] {
  const dates: IsoDate[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) dates.push(date);
  return dates;
}

function toUtcMs(date: IsoDate): number {
  return Date.UTC(year(date), month(date) - 1, day(date));
}

export type HolidayMarket = 'CN' | 'weekends-only';

const statutoryCache = new Map<number, ReadonlySet<IsoDate>>();

/**
 * The statutory public holidays of a year (全体公民放假的节日, as amended in 2024), computed — lunar
 * ones through the lunar calendar — for years without a published schedule: New Year's Day, Spring
 * Festival Eve and the first three days, Qingming, Labour Day (2 days), Dragon Boat, Mid-Autumn,
 * National Day (3 days). The published schedule adds bridging days and make-up working days.
 */
export function statutoryHolidaysOf(yearNumber: number): ReadonlySet<IsoDate> {
  const cached = statutoryCache.get(yearNumber);
  if (cached) return cached;
  const springFestival = gregorianDateOf(yearNumber, 1, 1);
  const days = new Set<IsoDate>([
    `${yearNumber}-01-01`,
    addDays(springFestival, -1),
    springFestival,
    addDays(springFestival, 1),
    addDays(springFestival, 2),
    qingmingOf(yearNumber),
    `${yearNumber}-05-01`,
    `${yearNumber}-05-02`,
    gregorianDateOf(yearNumber, 5, 5),
    gregorianDateOf(yearNumber, 8, 15),
    `${yearNumber}-10-01`,
    `${yearNumber}-10-02`,
    `${yearNumber}-10-03`,
  ]);
  statutoryCache.set(yearNumber, days);
  return days;
}

export interface BusinessCalendarOptions {
  market: HolidayMarket;
  /** Extra days off (e.g. a bank holiday the library does not know). */
  extraHolidays?: readonly IsoDate[];
  /** Extra working days (e.g. a make-up Saturday the library does not know). */
  extraWorkdays?: readonly IsoDate[];
}

/**
 * Which dates are working days. The CN market follows the State Council's published schedule,
 * including the make-up working days (调休), through the chinese-days library; years the library
 * does not cover yet fall back to Monday–Friday, with the configured extras on top.
 */
export class BusinessCalendar {
  private readonly holidays: ReadonlySet<IsoDate>;
  private readonly workdays: ReadonlySet<IsoDate>;
  private readonly market: HolidayMarket;

  constructor(options: BusinessCalendarOptions) {
    this.market = options.market;
    this.holidays = new Set(options.extraHolidays ?? []);
    this.workdays = new Set(options.extraWorkdays ?? []);
  }

  isBusinessDay(date: IsoDate): boolean {
    if (this.workdays.has(date)) return true;
    if (this.holidays.has(date)) return false;
    if (this.market === 'CN') {
      if (isPublishedYear(year(date))) {
        const published = publishedDayOf(date);
        if (published) return published === 'workday';
      } else if (statutoryHolidaysOf(year(date)).has(date)) return false;
    }
    const weekday = weekdayOf(date);
    return weekday !== 0 && weekday !== 6;
  }

  /**
   * Whether the year's calendar is the published one. For a CN year the State Council has not
   * published yet (or the library does not know yet), the statutory holidays are kept but the
   * make-up working days (调休) are unknown: set them with EXTRA_WORKDAYS / EXTRA_HOLIDAYS.
   */
  isAuthoritative(yearNumber: number): boolean {
    return this.market !== 'CN' || isPublishedYear(yearNumber);
  }

  /** The last business day strictly before `date`. */
  previousBusinessDay(date: IsoDate): IsoDate {
    let candidate = addDays(date, -1);
    for (let guard = 0; guard < 60 && !this.isBusinessDay(candidate); guard++) candidate = addDays(candidate, -1);
    return candidate;
  }

  /** The next business day strictly after `date`. */
  nextBusinessDay(date: IsoDate): IsoDate {
    let candidate = addDays(date, 1);
    for (let guard = 0; guard < 60 && !this.isBusinessDay(candidate); guard++) candidate = addDays(candidate, 1);
    return candidate;
  }

  /**
   * The days a run on `date` answers for: `date` itself plus the days off just before it, so the
   * first business day after a weekend or holiday also covers what fell on those days.
   */
  daysCoveredBy(date: IsoDate): IsoDate[] {
    return datesInRange(addDays(this.previousBusinessDay(date), 1), date);
  }
}
