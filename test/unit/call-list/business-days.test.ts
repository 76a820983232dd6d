// The call list runs on business days only: weekends and CN holidays off, 调休 make-up days on, extra days configurable.
import { describe, expect, it } from 'vitest';
import { resolveBusinessDate } from '../../../lambdas/core/job.ts';
import { fixedClock } from '../../../lambdas/core/clock.ts';
import { loadConfig } from '../../../lambdas/core/config.ts';
import { silentLog } from '../../../lambdas/core/log.ts';
import { runCallList } from '../../../lambdas/call-list/job.ts';
import type { JobDeps } from '../../../lambdas/core/job.ts';

const config = (env: Record<string, string> = {}) => loadConfig({ TABLE_NAME: 'unit-test', SENDER_EMAIL: 'radar@bank.example', ...env });

// A run on a day off must not touch the store or the mailer at all: both throw if used.
const untouchable = new Proxy({}, { get: () => { throw new Error('must not be used on a day off'); } });
const depsAt = (date: string, env?: Record<string, string>): JobDeps => ({
  store: untouchable as JobDeps['store'],
  mailer: untouchable as JobDeps['mailer'],
  clock: fixedClock(`${date}T00:30:00Z`),
  config: config(env),
  log: silentLog,
});

describe('business days', () => {
  it.each([
    ['2026-03-05', true, 'a Thursday'],
    ['2026-03-07', false, 'a Saturday'],
    ['2026-02-16', false, 'Spring Festival holiday (a Monday)'],
    ['2026-02-14', true, 'a 调休 make-up Saturday'],
    ['2026-02-28', true, 'another 调休 make-up Saturday'],
    ['2026-10-01', false, 'National Day'],
  ])('%s is a business day: %s (%s)', (date, expected) => {
    expect(resolveBusinessDate(depsAt(date)).isBusinessDay).toBe(expected);
  });

  it('honours configured extra holidays and workdays, and a weekends-only market', () => {
    expect(resolveBusinessDate(depsAt('2026-03-05', { EXTRA_HOLIDAYS: '2026-03-05' })).isBusinessDay).toBe(false);
    expect(resolveBusinessDate(depsAt('2026-03-07', { EXTRA_WORKDAYS: '2026-03-07' })).isBusinessDay).toBe(true);
    expect(resolveBusinessDate(depsAt('2026-02-16', { HOLIDAY_MARKET: 'weekends-only' })).isBusinessDay).toBe(true);
    expect(resolveBusinessDate(depsAt('2026-02-14', { HOLIDAY_MARKET: 'weekends-only' })).isBusinessDay).toBe(false);
  });

  it('uses the business date in the configured zone: 00:30 UTC is already 08:30 in Shanghai, 19:30 the day before in New York', () => {
    expect(resolveBusinessDate(depsAt('2026-03-05')).businessDate).toBe('2026-03-05');
    expect(resolveBusinessDate(depsAt('2026-03-05', { TIME_ZONE: 'America/New_York' })).businessDate).toBe('2026-03-04');
  });

  it('skips a holiday without reading or sending anything', async () => {
    const summary = await runCallList(depsAt('2026-02-16'));
    expect(summary).toMatchObject({ job: 'call-list', businessDate: '2026-02-16', skipped: 'not a business day' });
    expect(summary.emails.sent).toBe(0);
  });
});
