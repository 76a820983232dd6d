// Festivals for courtesy touches: the built-in catalogue, custom entries from config, their dates in any year.
import type { builtInFestivalIds } from '../core/config.ts';
import type { IsoDate, Locale, MonthDay } from '../core/model.ts';
import { addDays, year as yearOf } from '../core/dates/calendar.ts';
import { gregorianDateOfLunar } from './lunar.ts';
import { dueLeadsOf, timingOf, withDayItself, yearlyDateIn, type ReminderWindow, type Timing } from './occasions.ts';
import { ConfigError } from '../core/errors.ts';

export interface Festival {
  id: string;
  calendar: 'gregorian' | 'lunar';
  monthDay: MonthDay;
  names: Record<Locale, string>;
  /** A festival when a gift is customary (moon cakes, zongzi, New Year hampers), not only greetings. */
  giftCustom: boolean;
}

type BuiltInFestivalId = (typeof builtInFestivalIds)[number];

const catalogue: Record<BuiltInFestivalId, Omit<Festival, 'id'>> = {
  'new-year': { calendar: 'gregorian', monthDay: '01-01', names: { 'zh-CN': '元旦', en: "New Year's Day" }, giftCustom: false },
  'spring-festival': { calendar: 'lunar', monthDay: '01-01', names: { 'zh-CN': '春节', en: 'Spring Festival' }, giftCustom: true },
  lantern: { calendar: 'lunar', monthDay: '01-15', names: { 'zh-CN': '元宵节', en: 'Lantern Festival' }, giftCustom: false },
  'dragon-boat': { calendar: 'lunar', monthDay: '05-05', names: { 'zh-CN': '端午节', en: 'Dragon Boat Festival' }, giftCustom: true },
  'mid-autumn': { calendar: 'lunar', monthDay: '08-15', names: { 'zh-CN': '中秋节', en: 'Mid-Autumn Festival' }, giftCustom: true },
  'double-ninth': { calendar: 'lunar', monthDay: '09-09', names: { 'zh-CN': '重阳节', en: 'Double Ninth Festival' }, giftCustom: false },
};

/**
 * Festivals from the configured list: a built-in id, or `lunar:MM-DD:Name` / `gregorian:MM-DD:Name`
 * (custom names are shown as written in both locales; custom festivals are greeting-only).
 */
export function festivalsFromConfig(entries: readonly string[]): Festival[] {
  return entries.map((entry) => {
    if (entry in catalogue) return { id: entry, ...catalogue[entry as BuiltInFestivalId] };
    const [calendar, monthDay, ...nameParts] = entry.split(':');
    const name = nameParts.join(':').trim();
    if ((calendar !== 'lunar' && calendar !== 'gregorian') || !monthDay || !name) {
      throw new ConfigError(`festival "${entry}" is neither a built-in id nor lunar:MM-DD:Name / gregorian:MM-DD:Name`);
    }
    return { id: `${calendar}-${monthDay}`, calendar, monthDay, names: { 'zh-CN': name, en: name }, giftCustom: false };
  });
}

/**
 * The Gregorian dates of a festival that fall between two dates (both included). A lunar festival
 * of lunar year Y falls in Gregorian year Y or Y+1, so the lunar years around the range are tried.
 */
export function festivalDatesBetween(festival: Festival, from: IsoDate, to: IsoDate): IsoDate[] {
  const [month, day] = festival.monthDay.split('-').map(Number) as [number, number];
  const dates: IsoDate[] = [];
  for (let year = yearOf(from) - 1; year <= yearOf(to); year++) {
    const date = festival.calendar === 'lunar' ? gregorianDateOfLunar(year, month, day) : yearlyDateIn(festival.monthDay, year);
    if (date >= from && date <= to && !dates.includes(date)) dates.push(date);
  }
  return dates;
}

/**
 * Festivals to remind of in a run: `leadDays` ahead when a gift is customary, and on the day for
 * greetings. Unlike birthdays these are never caught up late: most festivals are public holidays and
 * a greeting after the day is worth little, so a reminder day that is a day off moves to the business
 * day before (like every lead time), and so does the day itself.
 */
export function festivalsDue(festivals: readonly Festival[], window: ReminderWindow, leadDays: number): Array<{ festival: Festival } & Timing> {
  const due: Array<{ festival: Festival } & Timing> = [];
  const first = window.reminderDays[0]!;
  for (const festival of festivals) {
    const leads = festival.giftCustom ? withDayItself([leadDays]) : [0];
    const last = addDays(window.reminderDays.at(-1)!, leads[0]!);
    for (const occasionDate of festivalDatesBetween(festival, first, last)) {
      const dueLeads = dueLeadsOf(occasionDate, leads, window, false);
      if (dueLeads.length > 0) due.push({ festival, ...timingOf(occasionDate, dueLeads, window) });
    }
  }
  return due;
}
