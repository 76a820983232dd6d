// What the business calendar and the lunar calendar answer over many years, as JSON: run under several TZ values and compared.
import { addDays, BusinessCalendar, datesInRange, statutoryHolidaysOf } from '../../lambdas/core/dates/calendar.ts';
import { lunarDateOf } from '../../lambdas/core/dates/chinese-calendar.ts';
import { loadConfig } from '../../lambdas/core/config.ts';
import { festivalDatesBetween, festivalsFromConfig } from '../../lambdas/touch-reminders/festivals.ts';
import { lunarMonthDaysOn } from '../../lambdas/touch-reminders/lunar.ts';
import { reminderWindow } from '../../lambdas/touch-reminders/occasions.ts';

export function calendarFingerprint() {
  const cn = new BusinessCalendar({ market: 'CN' });
  const days = datesInRange('2020-01-01', '2040-12-31');
  const lunarSample: string[] = [];
  for (let date = '1950-01-01'; date <= '2099-12-31'; date = addDays(date, 7)) lunarSample.push(date);
  const festivals = festivalsFromConfig(loadConfig({ TABLE_NAME: 'rm-radar', SENDER_EMAIL: 'radar@bank.example' }).reminders.festivals);
  const years = Array.from({ length: 2099 - 2027 + 1 }, (_, index) => 2027 + index);
  return {
    businessDays: days.map((date) => (cn.isBusinessDay(date) ? '1' : '0')).join(''),
    statutoryHolidays: years.map((year) => [...statutoryHolidaysOf(year)].sort().join(',')),
    lunarDates: lunarSample.map((date) => {
      const lunar = lunarDateOf(date);
      return `${lunar.year}-${lunar.month}-${lunar.day}${lunar.isLeapMonth ? 'L' : ''}:${lunarMonthDaysOn(date).join('|')}`;
    }),
    festivals: festivals.map((festival) => festivalDatesBetween(festival, '2026-01-01', '2050-12-31').join(',')),
    windows: datesInRange('2026-09-20', '2026-10-20').map((date) => {
      const window = reminderWindow(date, cn);
      return `${window.coveredDays.join(',')}/${window.reminderDays.join(',')}`;
    }),
  };
}

if (import.meta.main) process.stdout.write(JSON.stringify(calendarFingerprint()));
