// The touch-reminders job against DynamoDB Local and the local SES: the right reminders, one email per RM, exactly once.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, inbox, testConfig } from '../../support/local-aws.ts';
import { client, contact, lifeEvent, loan, rm } from '../../../lambdas/core/model.ts';
import { createJobDeps } from '../../../lambdas/core/deps.ts';
import { fixedClock } from '../../../lambdas/core/clock.ts';
import type { Log } from '../../../lambdas/core/log.ts';
import { silentLog } from '../../../lambdas/core/log.ts';
import { localTimeToInstant } from '../../../lambdas/core/dates/calendar.ts';
import type { AppConfig } from '../../../lambdas/core/config.ts';
import type { JobDeps } from '../../../lambdas/core/job.ts';
import type { RadarStore } from '../../../lambdas/core/store/radar-store.ts';
import { collectReminders, runTouchReminders } from '../../../lambdas/touch-reminders/job.ts';
import { isReferralAskDue, reminderWindow } from '../../../lambdas/touch-reminders/occasions.ts';
import { BusinessCalendar } from '../../../lambdas/core/dates/calendar.ts';
import { putClients } from '../../../lambdas/core/store/client-writes.ts';
import { runCli } from '../../support/cli.ts';

const TZ = 'Asia/Shanghai';
const local = (date: string, time: string) => localTimeToInstant(date, time, TZ).toISOString();
const suffix = randomUUID().slice(0, 8);
const address = (rmId: string) => `${rmId}-${suffix}@bank.example`;

// Monday 14 September 2026: it also covers Saturday 12 and Sunday 13. Mid-Autumn is Friday 25 September.
const MONDAY = '2026-09-14';
const COVERED = ['2026-09-12', '2026-09-13', '2026-09-14'];

let store: RadarStore;
let tableName: string;
let config: AppConfig;
/** Tier-A clients whose yearly referral ask falls on the covered days; the second was already asked. */
let referralDue: string;
let referralAsked: string;

function depsAt(instant: string, log: Log = silentLog): JobDeps {
  return { ...createJobDeps(config, log, fixedClock(instant)), store };
}

/** This job's emails to one of this file's RMs for a date (the addresses are unique to this run). */
const emailsFor = async (rmId: string, date: string) =>
  (await inbox(address(rmId))).filter((email) => email.subject.includes(date) && /reminders|客户关怀/i.test(email.subject));

/** Tier-A client ids whose referral ask is due on the covered days (found, not hard-coded: the spread is a hash). */
function referralDueIds(count: number): string[] {
  const ids: string[] = [];
  for (let i = 0; ids.length < count; i++) if (isReferralAskDue(`ref-${i}`, COVERED)) ids.push(`ref-${i}`);
  return ids;
}

/** Runs the CLI in-process and returns what it printed. */
/** The CLI's stdout and stderr together, as a person at the terminal sees them. */
const cli = async (args: string[], at: string) => {
  const run = await runCli(args, { tableName, at });
  return { code: run.code, output: run.combined };
};

beforeAll(async () => {
  ({ store, tableName } = await createTestStore());
  config = testConfig(tableName, { FESTIVAL_LEAD_DAYS: '11', HOLIDAY_MARKET: 'CN' });
  [referralDue, referralAsked] = referralDueIds(2) as [string, string];

  await store.putRms([
    rm.parse({ rmId: 'rm-zh', name: '王敏', email: address('rm-zh'), locale: 'zh-CN' }),
    rm.parse({ rmId: 'rm-en', name: 'Grace Lee', email: address('rm-en'), locale: 'en' }),
    rm.parse({ rmId: 'rm-quiet', name: 'Chen Yu', email: address('rm-quiet'), locale: 'en' }),
  ]);
  await putClients(store, [
    client.parse({
      clientId: 'steel',
      rmId: 'rm-zh',
      kind: 'corporate',
      tier: 'A',
      name: '华东钢贸',
      companyName: '华东钢贸有限公司',
      foundedOn: '2006-09-21',
      relationshipSince: '2016-09-13',
      lastContactAt: local('2026-09-01', '10:00'),
    }),
    client.parse({ clientId: 'family', rmId: 'rm-zh', kind: 'individual', tier: 'B', name: '孙家' }),
    client.parse({ clientId: 'private', rmId: 'rm-zh', kind: 'individual', tier: 'A', name: '勿扰先生', doNotContact: true }),
    client.parse({ clientId: referralDue, rmId: 'rm-zh', kind: 'corporate', tier: 'A', name: '申城物资' }),
    client.parse({ clientId: referralAsked, rmId: 'rm-zh', kind: 'corporate', tier: 'A', name: '已问过公司' }),
    client.parse({ clientId: 'en-client', rmId: 'rm-en', kind: 'individual', tier: 'B', name: 'Li Qiang' }),
    client.parse({ clientId: 'quiet-client', rmId: 'rm-quiet', kind: 'individual', tier: 'C', name: 'Zhou Min' }),
  ]);
  await store.putContacts([
    // Birthday on Thursday 17th, 3 days ahead (a lead day on the weekend was sent the Friday before); born 1976, turns 50.
    contact.parse({ contactId: 'cfo', clientId: 'steel', name: '赵总', role: 'CFO', birthday: { monthDay: '09-17', year: 1976 } }),
    // Lunar 08-07 is Thursday 17 September 2026: 3 days ahead.
    contact.parse({ contactId: 'chair', clientId: 'steel', name: '钱董', role: '董事长', birthday: { monthDay: '08-07', year: 1960, calendar: 'lunar' } }),
    // Not yet: 30 September.
    contact.parse({ contactId: 'sales', clientId: 'steel', name: '周经理', role: '销售', birthday: { monthDay: '09-30' } }),
    contact.parse({ contactId: 'dnc', clientId: 'private', name: '勿扰先生', birthday: { monthDay: '09-14' } }),
    contact.parse({ contactId: 'li', clientId: 'en-client', name: 'Li Qiang', birthday: { monthDay: '09-14' } }),
    contact.parse({ contactId: 'zhou', clientId: 'quiet-client', name: 'Zhou Min', birthday: { monthDay: '03-01' } }),
  ]);
  await store.putLoans([
    loan.parse({ loanId: 'L-30', clientId: 'steel', amount: 8_000_000, currency: 'CNY', startDate: '2025-10-14', maturityDate: '2026-10-14' }),
    loan.parse({ loanId: 'L-7', clientId: 'steel', amount: 2_000_000, currency: 'CNY', startDate: '2025-09-21', maturityDate: '2026-09-21' }),
    loan.parse({ loanId: 'L-later', clientId: 'steel', amount: 1_000_000, currency: 'CNY', startDate: '2025-10-20', maturityDate: '2026-10-20' }),
    loan.parse({ loanId: 'L-arrears', clientId: 'family', amount: 300_000, currency: 'CNY', startDate: '2025-01-01', maturityDate: '2027-01-01', pastDueSince: '2026-09-02' }), // 12 days on Monday
    loan.parse({ loanId: 'L-tolerated', clientId: 'family', amount: 300_000, currency: 'CNY', startDate: '2025-01-01', maturityDate: '2027-01-01', pastDueSince: '2026-09-09' }), // 5 days on Monday
    loan.parse({ loanId: 'L-quiet', clientId: 'quiet-client', amount: 100_000, currency: 'CNY', startDate: '2025-01-01', maturityDate: '2027-06-30' }),
  ]);
  await store.putLifeEvents([
    lifeEvent.parse({ eventId: 'ipo', clientId: 'steel', date: '2026-09-21', kind: 'listing', note: '科创板上市' }),
    lifeEvent.parse({ eventId: 'wedding', clientId: 'family', date: '2000-09-12', kind: 'wedding', recurrence: 'yearly', note: '结婚纪念日' }),
  ]);
  await store.logTouch({ clientId: 'steel', channel: 'visit', at: local('2026-09-01', '10:00'), note: '答应发送授信方案', followUpOn: '2026-09-10' });
  await store.logTouch({ clientId: 'family', channel: 'call', at: local('2026-08-20', '15:00'), note: '下月回访', followUpOn: '2026-10-01' });
  await store.logTouch({ clientId: referralAsked, channel: 'meal', at: local('2026-04-02', '12:00'), outcome: 'referral-asked' });
});

describe('touch-reminders job', () => {
  it('sends nothing on a day off', async () => {
    const summary = await runTouchReminders(depsAt(local('2026-09-13', '07:30')));
    expect(summary).toMatchObject({ businessDate: '2026-09-13', skipped: 'not a business day' });
    expect(await emailsFor('rm-zh', '2026-09-13')).toEqual([]);
  });

  it('works on the Shanghai business date while UTC is still Sunday, and emails each RM with something due once', async () => {
    const logged: unknown[] = [];
    const log: Log = { debug() {}, info: (m, e) => logged.push([m, e]), warn() {}, error: (m, e) => logged.push([m, e]) };
    const summary = await runTouchReminders(depsAt('2026-09-13T23:30:00Z', log));
    expect(summary.businessDate).toBe(MONDAY);
    expect(summary.emails).toEqual({ sent: 2, alreadySent: 0, failed: 0, notNeeded: 1, suppressed: 0, maybeSent: 0 });

    const [zh] = await emailsFor('rm-zh', MONDAY);
    expect(await emailsFor('rm-zh', MONDAY)).toHaveLength(1);
    expect(await emailsFor('rm-en', MONDAY)).toHaveLength(1);
    expect(await emailsFor('rm-quiet', MONDAY)).toHaveLength(0);

    const text = zh!.body.text ?? '';
    expect(zh!.subject).toContain(`客户关怀提醒 ${MONDAY}`);
    expect(zh!.body.html).toContain('<h2');
    // Follow-ups and arrears first, in the "today" group.
    expect(text).toMatch(/== 今天[\s\S]*答应的跟进：答应发送授信方案 — 应于9月10日（周四）完成，已逾期 4 天/);
    expect(text).toContain('贷款 L-arrears（CNY 300,000）已逾期 12 天');
    expect(text).not.toContain('L-tolerated');
    // Caught up from the weekend: the yearly wedding anniversary (Saturday) and 10 years with the bank (Sunday).
    expect(text).toContain('婚礼 26 周年：结婚纪念日 — 9月12日（周六，休息日），已过 2 天');
    expect(text).toContain('与本行合作 10 周年 ★ 整数 — 9月13日（周日，休息日），已过 1 天');
    // This week: birthdays (Gregorian and lunar), the founding anniversary, the listing, the 7-day maturity.
    expect(text).toContain('华东钢贸有限公司 · 赵总（CFO） — 生日，50 岁 ★ 整数 — 9月17日（周四），还有 3 天');
    expect(text).toContain('华东钢贸有限公司 · 钱董（董事长） — 农历八月初七生日，66 岁 — 9月17日（周四），还有 3 天');
    expect(text).toContain('公司成立 20 周年 ★ 整数 — 9月21日（周一），还有 7 天');
    expect(text).toContain('上市：科创板上市 — 9月21日（周一），还有 7 天');
    expect(text).toContain('贷款 L-7（CNY 2,000,000）到期 — 9月21日（周一），还有 7 天');
    // Later: the 30-day maturity and Mid-Autumn (11 days ahead, a public holiday) for the reachable key clients.
    expect(text).toContain('贷款 L-30（CNY 8,000,000）到期 — 10月14日（周三），还有 30 天');
    expect(text).toMatch(/3 位重点客户：[^\n]*华东钢贸有限公司[^\n]* — 中秋节 — 9月25日（周五，休息日），还有 11 天/);
    // The yearly referral ask: only the key client not asked this year.
    expect(text).toContain('申城物资 — 今年尚未请求转介绍');
    expect(text).not.toContain('已问过公司 — 今年尚未请求转介绍');
    // Context on the lines: last touch and open follow-ups; the main contact for non-birthday lines.
    expect(text).toContain('上次联系 9月1日（周二），13 天前；1 项待办跟进');
    expect(text).toContain('上次联系 8月20日（周四） 电话，25 天前；1 项待办跟进');
    expect(text).toContain('孙家 — 贷款 L-arrears');
    // Not yet due, or a client who asked not to be contacted.
    expect(text).not.toContain('周经理');
    expect(text).not.toContain('L-later');
    expect(text).not.toContain('勿扰');

    const [en] = await emailsFor('rm-en', MONDAY);
    const enText = en!.body.text ?? '';
    expect(en!.subject).toBe(`Touch reminders for ${MONDAY}: 1 today, 0 this week, 0 coming up`);
    expect(enText).toContain('* Li Qiang — Birthday — today, Mon 14 Sep');
    expect(enText).toContain('Suggested: Call or message with birthday wishes on the day');

    // Logs carry ids and counts, never names or addresses.
    const logText = JSON.stringify(logged);
    expect(logText).toContain('rm-zh');
    for (const personal of ['王敏', '赵总', 'Li Qiang', '@bank.example', '华东钢贸']) expect(logText).not.toContain(personal);
  });

  it('does not send again when run twice, or three times at once', async () => {
    const again = await runTouchReminders(depsAt(local(MONDAY, '09:00')));
    expect(again.emails).toEqual({ sent: 0, alreadySent: 2, failed: 0, notNeeded: 1, suppressed: 0, maybeSent: 0 });

    const tuesday = '2026-09-15';
    const runs = await Promise.all([0, 1, 2].map(() => runTouchReminders(depsAt(local(tuesday, '07:30')))));
    expect(runs.reduce((sum, run) => sum + run.emails.sent, 0)).toBe(1);
    expect(await emailsFor('rm-zh', MONDAY)).toHaveLength(1);
    expect(await emailsFor('rm-en', MONDAY)).toHaveLength(1);
    const tuesdayEmails = await emailsFor('rm-zh', tuesday);
    expect(tuesdayEmails).toHaveLength(1);
    // The overdue follow-up stays until done; the weekend's anniversaries do not come again.
    const text = tuesdayEmails[0]!.body.text ?? '';
    expect(text).toContain('已逾期 5 天');
    expect(text).not.toContain('与本行合作 10 周年');
    // The loan in arrears was written once: a day later it is a day further past due.
    expect(text).toContain('贷款 L-arrears（CNY 300,000）已逾期 13 天');
  });

  it('drops a follow-up once it is done', async () => {
    const calendar = new BusinessCalendar(config.calendar);
    const rmZh = (await store.getRm('rm-zh'))!;
    const before = await collectReminders({ store, config }, rmZh, reminderWindow('2026-09-17', calendar));
    const followUp = before.reminders.find((r) => r.kind === 'follow-up');
    expect(followUp).toBeDefined();
    await store.completeFollowUp('steel', followUp!.kind === 'follow-up' ? followUp!.touchId : '');
    const after = await collectReminders({ store, config }, rmZh, reminderWindow('2026-09-17', calendar));
    expect(after.reminders.filter((r) => r.kind === 'follow-up')).toEqual([]);
    expect(after.clients.steel?.openFollowUps).toBe(0);
  });

  it('previews with the CLI without sending', async () => {
    const wednesday = '2026-09-16';
    const thursday = '2026-09-17';
    const preview = await cli(['reminders', 'show', '--rm', 'rm-zh', '--date', thursday], local(wednesday, '08:00'));
    expect(preview.code).toBe(0);
    expect(preview.output).toContain(`Subject: 客户关怀提醒 ${thursday}`);
    expect(preview.output).toContain('赵总（CFO） — 生日，50 岁 ★ 整数 — 今天 9月17日（周四）');
    expect(await emailsFor('rm-zh', thursday)).toEqual([]);

    const quiet = await cli(['reminders', 'show', '--rm', 'rm-quiet', '--date', wednesday], local(wednesday, '08:00'));
    expect(quiet.output).toContain('nothing due for rm-quiet');
    const dayOff = await cli(['reminders', 'show', '--rm', 'rm-zh', '--date', '2026-09-19'], local(wednesday, '08:00'));
    expect(dayOff.output).toContain('2026-09-19 is not a business day');
    const unknown = await cli(['reminders', 'show', '--rm', 'nobody'], local(wednesday, '08:00'));
    expect(unknown).toMatchObject({ code: 1, output: expect.stringContaining('no RM with id nobody') });
  });

  it('runs through `rm-radar run touch-reminders`', async () => {
    const thursday = '2026-09-17';
    const run = await cli(['run', 'touch-reminders', '--date', thursday], local(thursday, '08:00'));
    expect(run.code).toBe(0);
    expect(run.output).toContain(`touch-reminders ${thursday}:`);
    expect(await emailsFor('rm-zh', thursday)).toHaveLength(1);
  });
});
