// Cell parsers: the date, birthday, amount and flag forms people type in Excel.
import { describe, expect, it } from 'vitest';
import { parseAmount, parseBirthday, parseFlag, parseList, parseLocalDate, parseLocalDateTime } from '../../../lambdas/core/import/values.ts';
import { localTimeToInstant } from '../../../lambdas/core/dates/calendar.ts';
import { birthday } from '../../../lambdas/core/model.ts';

describe('parseLocalDate', () => {
  it.each([
    ['2026-03-05', '2026-03-05'],
    ['2026/3/5', '2026-03-05'],
    ['2026.3.5', '2026-03-05'],
    ['2026年3月5日', '2026-03-05'],
    ['2026 年 3 月 5 日', '2026-03-05'],
    ['20260305', '2026-03-05'],
    ['2024-02-29', '2024-02-29'],
  ])('reads %s', (input, expected) => expect(parseLocalDate(input)).toBe(expected));

  it.each(['2026-02-30', '2025-02-29', '3/5/2026', 'yesterday', '2026-13-01'])('rejects %s', (input) =>
    expect(parseLocalDate(input)).toBeUndefined(),
  );
});

describe('parseBirthday', () => {
  it('keeps the year only when given', () => {
    expect(parseBirthday('1975-03-05')).toEqual({ monthDay: '03-05', year: 1975 });
    expect(parseBirthday('3月5日')).toEqual({ monthDay: '03-05' });
    expect(parseBirthday('02-29')).toEqual({ monthDay: '02-29' });
    // Only the shape: whether 02-30 exists depends on the calendar (it does in the lunar one).
    expect(parseBirthday('1975年2月30日')).toEqual({ monthDay: '02-30', year: 1975 });
    expect(parseBirthday('13-01')).toBeUndefined();
  });
});

describe('parseLocalDateTime', () => {
  const toInstant = (date: string, time: string) => localTimeToInstant(date, time, 'Asia/Shanghai');
  it('reads local times in the configured zone and keeps explicit offsets', () => {
    expect(parseLocalDateTime('2026-03-05 09:30', toInstant)).toBe('2026-03-05T01:30:00.000Z');
    expect(parseLocalDateTime('2026/3/5', toInstant)).toBe('2026-03-04T16:00:00.000Z');
    expect(parseLocalDateTime('2026-03-05T09:30:00+08:00', toInstant)).toBe('2026-03-05T01:30:00.000Z');
    expect(parseLocalDateTime('soon', toInstant)).toBeUndefined();
  });
  it('keeps the time and offset of ISO forms with seconds, fractions or a space for the T', () => {
    expect(parseLocalDateTime('2026-03-05 23:30:00+08:00', toInstant)).toBe('2026-03-05T15:30:00.000Z');
    expect(parseLocalDateTime('2026-03-05 23:30:00-05:00', toInstant)).toBe('2026-03-06T04:30:00.000Z');
    expect(parseLocalDateTime('2026-03-05T09:30:00+0800', toInstant)).toBe('2026-03-05T01:30:00.000Z');
    expect(parseLocalDateTime('2026-03-05T23:30:00.000', toInstant)).toBe('2026-03-05T15:30:00.000Z');
  });
  it('rejects what it does not understand instead of reading it as midnight', () => {
    expect(parseLocalDateTime('2026-03-05 junk', toInstant)).toBeUndefined();
    expect(parseLocalDateTime('2026-03-05 25:00', toInstant)).toBeUndefined();
    expect(parseLocalDate('2026-03-05 junk')).toBeUndefined();
    expect(parseLocalDate('2026/3/5 0:00')).toBe('2026-03-05');
  });
});

describe('other cells', () => {
  it('reads amounts with separators and Chinese units', () => {
    expect(parseAmount('1,200,000')).toBe(1_200_000);
    expect(parseAmount('¥3,000.50')).toBe(3000.5);
    expect(parseAmount('120万')).toBe(1_200_000);
    expect(parseAmount('1.5亿')).toBe(150_000_000);
    expect(parseAmount('12abc')).toBeUndefined();
  });
  it('reads flags and lists', () => {
    expect([parseFlag('是'), parseFlag('no'), parseFlag('maybe')]).toEqual([true, false, undefined]);
    expect(parseList('结算账户|票据贴现、代发工资')).toEqual(['结算账户', '票据贴现', '代发工资']);
  });
});

describe('birthday in the model', () => {
  it('accepts the 30th of any lunar month but only real Gregorian month-days', () => {
    expect(birthday.safeParse({ monthDay: '02-30', calendar: 'lunar' }).success).toBe(true);
    expect(birthday.safeParse({ monthDay: '02-30', calendar: 'gregorian' }).success).toBe(false);
    expect(birthday.safeParse({ monthDay: '02-29' }).success).toBe(true);
    expect(birthday.safeParse({ monthDay: '04-31', calendar: 'lunar' }).success).toBe(false);
  });
});
