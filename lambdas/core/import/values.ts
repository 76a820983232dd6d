// Parsers for cell values as people type them in Excel: local date forms, month-days, lists, amounts, flags.
import type { IsoDate, MonthDay } from '../model.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A date in ISO or a common local form — 2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日, 20260305 —
 * as YYYY-MM-DD, or undefined when the text is not a real date.
 */
export function parseLocalDate(text: string): IsoDate | undefined {
  const value = text.trim();
  const match =
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$/.exec(value) ??
    /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/.exec(value) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!match) return undefined;
  return realDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/**
 * A birthday as month-day with an optional year: any full date form above, or 03-05, 3/5, 3月5日.
 */
export function parseBirthday(text: string): { monthDay: MonthDay; year?: number } | undefined {
  const full = parseLocalDate(text);
  if (full) return { monthDay: full.slice(5), year: Number(full.slice(0, 4)) };
  const match = /^(\d{1,2})[-/.](\d{1,2})$/.exec(text.trim()) ?? /^(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/.exec(text.trim());
  if (!match) return undefined;
  // 2024 is a leap year, so 02-29 is accepted as a month-day.
  const date = realDate(2024, Number(match[1]), Number(match[2]));
  return date ? { monthDay: date.slice(5) } : undefined;
}

/**
 * A point in time: an ISO timestamp with offset, or a local date / date and time, read in `timeZone`.
 * Returns the UTC instant as ISO, or undefined.
 */
export function parseLocalDateTime(text: string, toInstant: (date: IsoDate, time: string) => Date): string | undefined {
  const value = text.trim();
  if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(value)) {
    const parsed = new Date(value);
    return Number.isNaN(parsed.getTime()) ? undefined : parsed.toISOString();
  }
  const withTime = /^(.+?)[ T](\d{1,2}):(\d{2})(?::\d{2})?$/.exec(value);
  const date = parseLocalDate(withTime ? withTime[1]! : value);
  if (!date) return undefined;
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
