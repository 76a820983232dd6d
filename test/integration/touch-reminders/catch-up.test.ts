// Touch reminders on days off and after a failed email, against DynamoDB Local and the local SES (CN calendar).
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, inbox, testConfig } from '../../support/local-aws.ts';
import { client, contact, rm } from '../../../lambdas/core/model.ts';
import { createJobDeps } from '../../../lambdas/core/deps.ts';
import { fixedClock } from '../../../lambdas/core/clock.ts';
import { silentLog } from '../../../lambdas/core/log.ts';
import { BusinessCalendar, localTimeToInstant } from '../../../lambdas/core/dates/calendar.ts';
import type { AppConfig } from '../../../lambdas/core/config.ts';
import type { JobDeps } from '../../../lambdas/core/job.ts';
import type { RadarStore } from '../../../lambdas/core/store/radar-store.ts';
import { listSent } from '../../../lambdas/core/store/send-claims.ts';
import { CATCH_UP_BUSINESS_DAYS, previousBusinessDates, runTouchReminders } from '../../../lambdas/touch-reminders/job.ts';
import { touchRemindersJob } from '../../../lambdas/touch-reminders/descriptor.ts';
import { lastAnsweredDates } from '../../../lambdas/touch-reminders/store.ts';
import { putClients } from '../../../lambdas/core/store/client-writes.ts';

const TZ = 'Asia/Shanghai';
const suffix = randomUUID().slice(0, 8);
const address = (rmId: string) => `${rmId}-${suffix}@bank.example`;

let store: RadarStore;
let config: AppConfig;
let calendar: BusinessCalendar;

/** The deps of a run on a date's morning; `failingMail`: every send fails, as after SES retries ran out. */
function depsOn(date: string, failingMail = false): JobDeps {
  const deps = { ...createJobDeps(config, silentLog, fixedClock(localTimeToInstant(date, '07:30', TZ).toISOString())), store };
  if (!failingMail) return deps;
  return { ...deps, mailer: { send: () => Promise.reject(Object.assign(new Error('SES throttled'), { name: 'Throttling' })) } };
}

const run = (date: string, failingMail = false) => runTouchReminders(depsOn(date, failingMail), { businessDate: date });

/** The text of this job's emails to one of this file's RMs for a business date. */
async function emailTexts(rmId: string, date: string): Promise<string[]> {
  const emails = (await inbox(address(rmId))).filter((email) => email.subject.includes(`Touch reminders for ${date}`));
  return emails.map((email) => email.body.text ?? '');
}

/** The last business date answered for an RM, as the next run after `date` would read it. */
async function lastAnsweredBefore(rmId: string, date: string): Promise<string | undefined> {
  const lookBack = previousBusinessDates(date, calendar, CATCH_UP_BUSINESS_DAYS);
  return (await lastAnsweredDates(store.table, touchRemindersJob.name, [rmId], lookBack)).get(rmId);
}

beforeAll(async () => {
  const created = await createTestStore();
  store = created.store;
  config = testConfig(created.tableName, { HOLIDAY_MARKET: 'CN', FESTIVALS: 'new-year' });
  calendar = new BusinessCalendar(config.calendar);
  await store.putRms([
    rm.parse({ rmId: 'rm-miss', name: 'Grace Lee', email: address('rm-miss'), locale: 'en' }),
    rm.parse({ rmId: 'rm-quiet', name: 'Chen Yu', email: address('rm-quiet'), locale: 'en' }),
    rm.parse({ rmId: 'rm-golden', name: 'Wang Min', email: address('rm-golden'), locale: 'en' }),
  ]);
  await putClients(store, [
    client.parse({ clientId: 'c-miss', rmId: 'rm-miss', kind: 'corporate', tier: 'B', name: 'Harbor Motors' }),
    client.parse({ clientId: 'c-quiet', rmId: 'rm-quiet', kind: 'individual', tier: 'C', name: 'Zhou Min' }),
    client.parse({ clientId: 'c-golden', rmId: 'rm-golden', kind: 'corporate', tier: 'B', name: 'Golden Steel' }),
  ]);
  await store.putContacts([
    // Monday 9 March 2026: the day whose email fails.
    contact.parse({ contactId: 'monday', clientId: 'c-miss', name: 'Mona Day', role: 'CFO', birthday: { monthDay: '03-09' } }),
    // Tuesday 10 March 2026: its 3-day lead (Saturday the 7th) is sent on Friday the 6th.
    contact.parse({ contactId: 'tuesday', clientId: 'c-miss', name: 'Tess Day', role: 'CEO', birthday: { monthDay: '03-10' } }),
    // Sunday 5 October 2025, in the National Day holiday (1–8 October).
    contact.parse({ contactId: 'golden', clientId: 'c-golden', name: 'Gold Week', role: 'CFO', birthday: { monthDay: '10-05', year: 1971 } }),
  ]);
});

describe('lead reminders on days off', () => {
  it('greets a Golden Week birthday on the last business day before the holiday, with the gift and the wishes', async () => {
    const summary = await run('2025-09-30');
    expect(summary.emails.sent).toBe(1);
    const [text] = await emailTexts('rm-golden', '2025-09-30');
    expect(text).toContain('Golden Steel · Gold Week (CFO) — Birthday, turns 54 — Sun 5 Oct (day off), in 5 days');
    expect(text).toContain("Suggested: Buy a small practical gift with the bank's mark; then call or message with birthday wishes on the day");
    // Nothing the day before; caught up on the first business day after the holiday.
    await run('2025-09-29');
    expect(await emailTexts('rm-golden', '2025-09-29')).toEqual([]);
    await run('2025-10-09');
    const [after] = await emailTexts('rm-golden', '2025-10-09');
    expect(after).toContain('Sun 5 Oct (day off, 4 days ago)');
  });

  it('sends a lead reminder whose day is a Saturday on the Friday before, not on Monday', async () => {
    const friday = await run('2026-03-06');
    expect(friday.emails).toMatchObject({ sent: 1, failed: 0 });
    const [text] = await emailTexts('rm-miss', '2026-03-06');
    expect(text).toContain('Harbor Motors · Tess Day (CEO) — Birthday — Tue 10 Mar, in 4 days');
    expect(text).toContain('Harbor Motors · Mona Day (CFO) — Birthday — Mon 9 Mar, in 3 days');
  });
});

describe('a day whose email failed', () => {
  it('is not answered: its reminders come with the next run', async () => {
    const monday = await run('2026-03-09', true);
    expect(monday.emails).toMatchObject({ sent: 0, failed: 1 });
    expect(await emailTexts('rm-miss', '2026-03-09')).toEqual([]);
    expect(await lastAnsweredBefore('rm-miss', '2026-03-10')).toBe('2026-03-06');

    const tuesday = await run('2026-03-10');
    expect(tuesday.emails).toMatchObject({ sent: 1, failed: 0 });
    const texts = await emailTexts('rm-miss', '2026-03-10');
    expect(texts).toHaveLength(1);
    const text = texts[0]!;
    expect(text).toContain('including 3 days before it whose reminders were not sent');
    expect(text).toContain('Mona Day (CFO) — Birthday — Mon 9 Mar, 1 day ago');
    expect(text).toContain('Tess Day (CEO) — Birthday — today, Tue 10 Mar');
    // The lead reminder already sent on Friday does not come again.
    expect(text.match(/Tess Day/g)).toHaveLength(1);
    expect((await listSent(store.table, touchRemindersJob.name, '2026-03-10')).map((s) => s.rmId)).toEqual(['rm-miss']);
  });

  it('is not sent twice: the run after the catch-up starts after it', async () => {
    expect(await lastAnsweredBefore('rm-miss', '2026-03-11')).toBe('2026-03-10');
    const again = await run('2026-03-10');
    expect(again.emails).toMatchObject({ sent: 0, alreadySent: 1 });
    const wednesday = await run('2026-03-11');
    expect(wednesday.emails.sent).toBe(0);
    expect(await emailTexts('rm-miss', '2026-03-11')).toEqual([]);
  });
});

describe('a failed day re-run by the operator after the next day caught it up', () => {
  it('does not repeat what the catch-up email carried, and sends what it did not', async () => {
    // Imported after Tuesday's email: a birthday on Monday that no email carried yet.
    await store.putContacts([contact.parse({ contactId: 'late-monday', clientId: 'c-miss', name: 'Neil Late', role: 'CTO', birthday: { monthDay: '03-09' } })]);
    const rerun = await run('2026-03-09');
    expect(rerun.emails).toMatchObject({ sent: 1, failed: 0 });
    const texts = await emailTexts('rm-miss', '2026-03-09');
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('Neil Late (CTO) — Birthday');
    expect(texts[0]).not.toContain('Mona Day');
    // Mona Day's birthday came once on the day (caught up on Tuesday), once ahead (Friday's lead reminder).
    const all = (await inbox(address('rm-miss'))).map((email) => email.body.text ?? '').join('\n');
    expect(all.match(/Mona Day \(CFO\) — Birthday — Mon 9 Mar, 1 day ago/g)).toHaveLength(1);
    expect(all.match(/Mona Day/g)).toHaveLength(2);
    // Running it once more sends nothing.
    expect((await run('2026-03-09')).emails).toMatchObject({ sent: 0, alreadySent: 1 });
  });
});

describe('an RM with nothing due', () => {
  it('is answered every day, so its window does not grow', async () => {
    // rm-quiet had nothing due on every run so far: each left a nothing-due marker.
    expect(await lastAnsweredBefore('rm-quiet', '2026-03-12')).toBe('2026-03-11');
    // Also on the day whose sends failed: nothing was to be sent to it.
    expect(await lastAnsweredBefore('rm-quiet', '2026-03-10')).toBe('2026-03-09');
    // An RM never answered within the look-back (as a new RM) starts with the usual window.
    expect(await lastAnsweredBefore('rm-new', '2026-03-11')).toBeUndefined();
    expect(previousBusinessDates('2026-03-10', calendar, 3)).toEqual(['2026-03-09', '2026-03-06', '2026-03-05']);
  });

  it('is still emailed when a re-run of the same date finds something due after all', async () => {
    await store.putContacts([contact.parse({ contactId: 'late', clientId: 'c-quiet', name: 'Zhou Min', birthday: { monthDay: '03-11' } })]);
    const rerun = await run('2026-03-11');
    expect(rerun.emails).toMatchObject({ sent: 1 });
    const [text] = await emailTexts('rm-quiet', '2026-03-11');
    expect(text).toContain('Zhou Min — Birthday — today, Wed 11 Mar');
  });
});
