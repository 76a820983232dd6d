// Parsers for cell values as people type them in Excel: local date forms, month-days, lists, amounts, flags.
import type { IsoDate, MonthDay } from '../model.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** A time of day as Excel writes it after a date: 9:30, 09:30:15, 09:30:15.250 (hours and minutes captured). */
const TIME = String.raw`(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?`;
/** The same, captured whole. */
const TIME_WHOLE = String.raw`(\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)`;

/** Year, month and day in ISO or a common local form, not yet checked to be a real date. */
function dateParts(text: string): { year: number; month: number; day: number } | undefined {
  const value = text.trim();
  const match =
    new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]${TIME})?$`).exec(value) ??
    /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/.exec(value) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  return match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : undefined;
}

/**
 * A date in ISO or a common local form — 2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日, 20260305,
 * also with a time after it as Excel exports dates — as YYYY-MM-DD, or undefined when the text is
 * not a real date.
 */
export function parseLocalDate(text: string): IsoDate | undefined {
  const parts = dateParts(text);
  return parts ? realDate(parts.year, parts.month, parts.day) : undefined;
}

/**
 * A birthday as month-day with an optional year: any full date form above, or 03-05, 3/5, 3月5日.
 * Only the shape is checked here: whether the day exists depends on the calendar (二月三十 is a
 * real lunar birthday), which the model checks.
 */
export function parseBirthday(text: string): { monthDay: MonthDay; year?: number } | undefined {
  const value = text.trim();
  const full = dateParts(value);
  const short = /^(\d{1,2})[-/.](\d{1,2})$/.exec(value) ?? /^(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/.exec(value);
  const month = full?.month ?? Number(short?.[1]);
  const day = full?.day ?? Number(short?.[2]);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31)) return undefined;
  return { monthDay: `${pad(month)}-${pad(day)}`, ...(full ? { year: full.year } : {}) };
}

/**
 * A point in time: an ISO timestamp with an offset (a space may stand for the T), or a local date
 * or date and time, read in the configured zone. Returns the UTC instant as ISO, or undefined.
 */
export function parseLocalDateTime(text: string, toInstant: (date: IsoDate, time: string) => Date): string | undefined {
  const value = text.trim();
  const withOffset = new RegExp(String.raw`^(\d{4}-\d{2}-\d{2})[T ]${TIME_WHOLE}\s*(Z|[+-]\d{2}:?\d{2})$`, 'i').exec(value);
  if (withOffset) {
    const offset = withOffset[3]!.toUpperCase() === 'Z' ? 'Z' : withOffset[3]!.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
    const parsed = new Date(`${withOffset[1]}T${withOffset[2]}${offset}`);
    return Number.isNaN(parsed.getTime()) || !parseLocalDate(withOffset[1]!) ? undefined : parsed.toISOString();
  }
  const withTime = new RegExp(String.raw`^(.+?)[ T]${TIME}$`).exec(value);
  const date = parseLocalDate(withTime ? withTime[1]! : value);
  if (!date) return undefined;
  if (withTime && (Number(withTime[2]) > 23 || Number(withTime[3]) > 59)) return undefined;
  const time = withTime ? `${pad(Number(withTime[2]))}:${withTime[3]}` : '00:00';
  return toInstant(date, time).toISOString();
}

/** An amount as typed: 1,200,000 or 1200000.50 or ¥1,200,000; also 120万 (ten-thousands) and 1.2亿. */
export function parseAmount(text: string): number | undefined {
  const value = text.trim().replace(/[¥￥$,，\s]/g, '').replace(/(CNY|RMB|USD|HKD|元)$/i, '');
  const match = /^(\d+(?:\.\d+)?)(万|亿)?$/.exec(value);
  if (!match) return undefined;
  const multiplier = match[2] === '万' ? 10_000 : match[2] === '亿' ? 100_000_000 : 1;
  return Math.round(Number(match[1]) * multiplier * 100) / 100;
}

/** A yes/no flag: true/false, yes/no, y/n, 1/0, 是/否. Empty is undefined. */
export function parseFlag(text: string): boolean | undefined {
  const value = text.trim().toLowerCase();
  if (['true', 'yes', 'y', '1', '是'].includes(value)) return true;
  if (['false', 'no', 'n', '0', '否'].includes(value)) return false;
  return undefined;
}

/** A list in one cell, separated by `|`, `;`, `；`, `、` or `,`. */
export function parseList(text: string): string[] {
  return text
    .split(/[|;；、,，]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

function realDate(year: number, month: number, day: number): IsoDate | undefined {
  const date = `${year}-${pad(month)}-${pad(day)}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date) ? date : undefined;
}
