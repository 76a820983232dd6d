// Lunar birthdays and festivals: which lunar month-days a Gregorian date keeps, and where a lunar month-day falls.
import type { IsoDate, MonthDay } from '../core/model.ts';
import { gregorianDateOf, lunarDateOf, lunarMonthLength } from '../core/dates/chinese-calendar.ts';

const pad = (n: number) => String(n).padStart(2, '0');

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

/** The Gregorian date of a lunar month-day in a lunar year (regular month; a missing 30th kept on the 29th). */
export function gregorianDateOfLunar(lunarYear: number, lunarMonth: number, lunarDay: number): IsoDate {
  return gregorianDateOf(lunarYear, lunarMonth, Math.min(lunarDay, lunarMonthLength(lunarYear, lunarMonth)));
}
