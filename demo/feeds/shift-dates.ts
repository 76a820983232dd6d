// Moves the demo feeds' dates next to the demo business date, so the news is always "yesterday" whatever day the demo runs.
import { addDays, daysBetween } from '../../lambdas/core/dates/calendar.ts';
import type { IsoDate } from '../../lambdas/core/model.ts';

/** The elements that carry item and feed dates in RSS 0.9x/2.0, RSS 1.0 (dc:date) and Atom. */
const DATE_ELEMENTS = ['pubDate', 'lastBuildDate', 'updated', 'published', 'dc:date'];

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** `Thu, 19 Nov 2026` (the weekday is optional) in an RFC 822 date. */
const RFC822_DAY = /^(\s*)(?:[A-Z][a-z]{2},\s*)?(\d{1,2})\s+([A-Z][a-z]{2})\s+(\d{4})/;
/** `2026-11-19` at the start of an ISO 8601 date-time. */
const ISO_DAY = /^(\s*)(\d{4})-(\d{2})-(\d{2})/;

/**
 * Shifts every date in a feed by the same number of whole days, so that the newest one falls on the
 * day before `businessDate`; times of day, zones and the order of items are kept. Only the calendar
 * day is rewritten, as written in the feed's own zone. Works on any ASCII-compatible text, including
 * GBK read as latin1 (see shiftFeedBytes): date elements are plain ASCII.
 */
export function shiftFeedDates(xml: string, businessDate: IsoDate): string {
  const pattern = new RegExp(`(<(${DATE_ELEMENTS.join('|')})>)([^<]*)(</\\2>)`, 'g');
  const days = [...xml.matchAll(pattern)].map((match) => dayOf(match[3]!)).filter((day): day is IsoDate => Boolean(day));
  if (days.length === 0) return xml;
  const newest = days.reduce((a, b) => (a > b ? a : b));
  const shift = daysBetween(newest, addDays(businessDate, -1));
  if (shift === 0) return xml;
  return xml.replace(pattern, (whole, open: string, _name: string, value: string, close: string) => {
    const shifted = shiftValue(value, shift);
    return shifted === undefined ? whole : `${open}${shifted}${close}`;
  });
}

/** The same for a feed file's bytes in any ASCII-compatible encoding (UTF-8, GBK, GB18030, Big5). */
export function shiftFeedBytes(bytes: Uint8Array, businessDate: IsoDate): Buffer {
  // latin1 maps every byte to one character and back, so multi-byte characters pass through untouched.
  return Buffer.from(shiftFeedDates(Buffer.from(bytes).toString('latin1'), businessDate), 'latin1');
}

function dayOf(value: string): IsoDate | undefined {
  const rfc = RFC822_DAY.exec(value);
  if (rfc) {
    const month = MONTHS.indexOf(rfc[3]!);
    if (month < 0) return undefined;
    return `${rfc[4]}-${String(month + 1).padStart(2, '0')}-${rfc[2]!.padStart(2, '0')}`;
  }
  const iso = ISO_DAY.exec(value);
  return iso ? `${iso[2]}-${iso[3]}-${iso[4]}` : undefined;
}

function shiftValue(value: string, days: number): string | undefined {
  const day = dayOf(value);
  if (!day) return undefined;
  const moved = addDays(day, days);
  const [year, month, date] = moved.split('-');
  const rfc = RFC822_DAY.exec(value);
  if (rfc) {
    const weekday = WEEKDAYS[new Date(`${moved}T00:00:00Z`).getUTCDay()];
    return `${rfc[1]}${weekday}, ${date} ${MONTHS[Number(month) - 1]} ${year}${value.slice(rfc[0].length)}`;
  }
  const iso = ISO_DAY.exec(value)!;
  return `${iso[1]}${moved}${value.slice(iso[0].length)}`;
}
