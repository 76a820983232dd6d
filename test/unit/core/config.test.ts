// Runtime configuration: defaults, parsing, and errors that name the bad variable.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../lambdas/core/config.ts';

const base = { TABLE_NAME: 'rm-radar', SENDER_EMAIL: 'radar@bank.example' };

describe('loadConfig', () => {
  it('fills sensible defaults', () => {
    const config = loadConfig(base);
    expect(config.timeZone).toBe('Asia/Shanghai');
    expect(config.callList.tierCadence.A).toEqual({ idealDays: 14, maxDays: 30 });
    expect(config.reminders.birthdayLeadDays).toEqual([3, 0]);
    expect(config.prospects).toMatchObject({ maxItemsPerFeed: 1_000, maxStoriesPerCompany: 20 });
    expect(config.sendLeaseSeconds).toBe(120);
    expect(loadConfig({ ...base, SEND_LEASE_SECONDS: '60' }).sendLeaseSeconds).toBe(60);
  });
  it('parses lists and cadences', () => {
    const config = loadConfig({ ...base, TIER_CADENCE: 'A:7/21,B:30/60,C:60/120', EXTRA_HOLIDAYS: '2026-12-24, 2026-12-31', BIRTHDAY_LEAD_DAYS: '5,1,0' });
    expect(config.callList.tierCadence.A).toEqual({ idealDays: 7, maxDays: 21 });
    expect(config.calendar.extraHolidays).toEqual(['2026-12-24', '2026-12-31']);
    expect(config.reminders.birthdayLeadDays).toEqual([5, 1, 0]);
  });
  it.each([
    [{ TIME_ZONE: 'Mars/Olympus' }, /TIME_ZONE: not an IANA time zone/],
    [{ SENDER_EMAIL: 'nobody' }, /SENDER_EMAIL/],
    [{ TIER_CADENCE: 'A:30/14,B:30/60,C:90/180' }, /TIER_CADENCE: "A:30\/14" is not TIER:IDEAL\/MAX/],
    [{ EXTRA_HOLIDAYS: '2026-13-01' }, /EXTRA_HOLIDAYS/],
    [{ TABLE_NAME: '' }, /TABLE_NAME/],
    [{ FEED_MAX_ITEMS_PER_RUN: '0' }, /FEED_MAX_ITEMS_PER_RUN/],
    [{ PROSPECT_MAX_STORIES_PER_COMPANY: '5000' }, /PROSPECT_MAX_STORIES_PER_COMPANY/],
    // One send may take the SES request timeout (30 s) and the retried write after it (20 s): a shorter lease
    // would let another run take over a claim whose email is still going out.
    [{ SEND_LEASE_SECONDS: '45' }, /SEND_LEASE_SECONDS: must be at least 60/],
  ])('rejects %o naming the variable', (override, message) => {
    expect(() => loadConfig({ ...base, ...override })).toThrow(message);
  });
});
