// Chinese lunar calendar ↔ Gregorian dates for lunar birthdays and festivals, through chinese-days.
import chineseDays from 'chinese-days';
import type { IsoDate, MonthDay } from '../core/model.ts';
import { addDays } from '../core/dates/calendar.ts';

export interface LunarDate {
  year: number;
  month: number;
  day: number;
  /** True in the leap (intercalary) month, which repeats the month before it. */
  isLeapMonth: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The lunar date of a Gregorian date (the library reads `YYYY-MM-DD` as a calendar date, whatever the process zone). */
export function lunarDateOf(date: IsoDate): LunarDate {
  const lunar = chineseDays.getLunarDate(date);
  return { year: lunar.lunarYear, month: lunar.lunarMon, day: lunar.lunarDay, isLeapMonth: lunar.isLeap };
}

/** Days in a (regular) lunar month: 29 or 30. */
export function lunarMonthLength(lunarYear: number, lunarMonth: number): number {
  return chineseDays.monthDays(lunarYear, lunarMonth);
}

/**
 * The lunar month-days celebrated on a Gregorian date: usually one; two on the 29th of a month
 * that has no 30th (a "30th" is kept on the month's last day); none in a leap month, because a
 * lunar birthday or festival is kept in the regular month only.
 */
export function lunarMonthDaysOn(date: IsoDate): MonthDay[] {
  const lunar = lunarDateOf(date);
  if (lunar.isLeapMonth) return [];
  const monthDays = [`${pad(lunar.month)}-${pad(lunar.day)}`];
  if (lunar.day === 29 && lunarMonthLength(lunar.year, lunar.month) === 29) monthDays.push(`${pad(lunar.month)}-30`);
  return monthDays;
}

/**
 * The Gregorian date of a lunar month-day in a lunar year (regular month, a missing 30th kept on
 * the 29th). The library is asked for the 1st of the month only, through a local-time Date, so that
 * neither an overflowing day nor the process time zone can shift the answer.
 */
export function gregorianDateOfLunar(lunarYear: number, lunarMonth: number, lunarDay: number): IsoDate {
  const firstOfMonth = chineseDays.getSolarDateFromLunar(new Date(lunarYear, lunarMonth - 1, 1)).date;
  const day = Math.min(lunarDay, lunarMonthLength(lunarYear, lunarMonth));
  return addDays(firstOfMonth, day - 1);
}
