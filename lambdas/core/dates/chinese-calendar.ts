// The mainland calendar (published holidays, lunar dates, Qingming) from chinese-days' tables, on ISO dates: no answer depends on the process time zone.
import chineseDays from 'chinese-days';
import publishedTables from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import type { IsoDate } from '../model.ts';
import { addDays, daysBetween } from './calendar.ts';

// Only the library's tables and its pure month-length functions are used: its own date functions read
// Date objects in the process's zone, which shifts every answer a day west of UTC.
const published: { holidays: Readonly<Record<string, string>>; workdays: Readonly<Record<string, string>> } = publishedTables;

/** What the State Council's published schedule says of a date: a day off, a (make-up) working day, or nothing. */
export function publishedDayOf(date: IsoDate): 'holiday' | 'workday' | undefined {
  if (Object.hasOwn(published.workdays, date)) return 'workday';
  if (Object.hasOwn(published.holidays, date)) return 'holiday';
  return undefined;
}

/** National Day is a holiday every year, so a year whose 1 October the schedule lists is a published year. */
export function isPublishedYear(year: number): boolean {
  return publishedDayOf(`${year}-10-01`) === 'holiday';
}

export interface LunarDate {
  year: number;
  month: number;
  day: number;
  /** True in the leap (intercalary) month, which repeats the month before it. */
  isLeapMonth: boolean;
}

/** The lunar years the library's table covers; lunar 1900-01-01 is 31 January 1900. */
const FIRST_LUNAR_YEAR = 1900;
const LAST_LUNAR_YEAR = 2100;
const LUNAR_EPOCH: IsoDate = '1900-01-31';

export class LunarRangeError extends RangeError {
  constructor(what: string) {
    super(`${what} is outside the lunar calendar rm-radar knows (lunar years ${FIRST_LUNAR_YEAR}–${LAST_LUNAR_YEAR})`);
    this.name = 'LunarRangeError';
  }
}

/** The months of a lunar year in order, each with its length; a leap month follows the month it repeats. */
function monthsOf(lunarYear: number): Array<{ month: number; isLeapMonth: boolean; days: number }> {
  const leap = chineseDays.getYearLeapMonth(lunarYear);
  const months = [];
  for (let month = 1; month <= 12; month++) {
    months.push({ month, isLeapMonth: false, days: chineseDays.monthDays(lunarYear, month) });
    if (month === leap.leapMonth) months.push({ month, isLeapMonth: true, days: leap.days });
  }
  return months;
}

let yearStarts: number[] | undefined;

/** Days from the epoch to the first day of each lunar year (index 0: 1900), and one past the last year. */
function lunarYearStarts(): number[] {
  if (!yearStarts) {
    yearStarts = [0];
    for (let y = FIRST_LUNAR_YEAR; y <= LAST_LUNAR_YEAR; y++) {
      yearStarts.push(yearStarts.at(-1)! + monthsOf(y).reduce((sum, m) => sum + m.days, 0));
    }
  }
  return yearStarts;
}

/** The lunar date of a Gregorian date. */
export function lunarDateOf(date: IsoDate): LunarDate {
  const starts = lunarYearStarts();
  let offset = daysBetween(LUNAR_EPOCH, date);
  if (offset < 0 || offset >= starts.at(-1)!) throw new LunarRangeError(date);
  let index = 0;
  while (starts[index + 1]! <= offset) index++;
  const year = FIRST_LUNAR_YEAR + index;
  offset -= starts[index]!;
  for (const month of monthsOf(year)) {
    if (offset < month.days) return { year, month: month.month, day: offset + 1, isLeapMonth: month.isLeapMonth };
    offset -= month.days;
  }
  throw new LunarRangeError(date); // unreachable: the year's months add up to its length
}

/** Days in a regular lunar month: 29 or 30. */
export function lunarMonthLength(lunarYear: number, lunarMonth: number): number {
  if (lunarYear < FIRST_LUNAR_YEAR || lunarYear > LAST_LUNAR_YEAR) throw new LunarRangeError(`lunar year ${lunarYear}`);
  return chineseDays.monthDays(lunarYear, lunarMonth);
}

/** The Gregorian date of a day in a regular lunar month (the day must exist in that month). */
export function gregorianDateOf(lunarYear: number, lunarMonth: number, lunarDay: number): IsoDate {
  if (lunarYear < FIRST_LUNAR_YEAR || lunarYear > LAST_LUNAR_YEAR) throw new LunarRangeError(`lunar year ${lunarYear}`);
  const months = monthsOf(lunarYear);
  const target = months.findIndex((m) => m.month === lunarMonth && !m.isLeapMonth);
  if (target < 0 || lunarDay < 1 || lunarDay > months[target]!.days) {
    throw new RangeError(`lunar ${lunarYear}-${lunarMonth}-${lunarDay} does not exist`);
  }
  const before = months.slice(0, target).reduce((sum, m) => sum + m.days, 0);
  return addDays(LUNAR_EPOCH, lunarYearStarts()[lunarYear - FIRST_LUNAR_YEAR]! + before + lunarDay - 1);
}

/**
 * Qingming (清明, the sun at 15° longitude), 4 or 5 April, by the usual formula for solar terms:
 * ⌊Y·0.2422 + C⌋ − ⌊Y/4⌋ with Y the year within its century and C = 5.59 (1900s) or 4.81 (2000s).
 */
export function qingmingOf(year: number): IsoDate {
  if (year < 1901 || year > 2099) throw new RangeError(`Qingming is computed for 1901–2099 only, not ${year}`);
  const inCentury = year % 100;
  const day = Math.floor(inCentury * 0.2422 + (year >= 2000 ? 4.81 : 5.59)) - Math.floor(inCentury / 4);
  return `${year}-04-0${day}`;
}
