// The call-list job against DynamoDB Local and the local SES: stored lists, one email per RM with a CSV, CLI review, exactly once.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'csv-parse/sync';
import { createTestStore, inbox, testConfig } from '../../support/local-aws.ts';
import { client, contact, loan, rm } from '../../../lambdas/core/model.ts';
import { createJobDeps } from '../../../lambdas/core/deps.ts';
import { fixedClock } from '../../../lambdas/core/clock.ts';
import { silentLog } from '../../../lambdas/core/log.ts';
import { localTimeToInstant } from '../../../lambdas/core/dates/calendar.ts';
import type { AppConfig } from '../../../lambdas/core/config.ts';
import type { JobDeps } from '../../../lambdas/core/job.ts';
import type { RadarStore } from '../../../lambdas/core/store/radar-store.ts';
import type { Mailer } from '../../../lambdas/core/mail/mailer.ts';
import { runCallList } from '../../../lambdas/call-list/job.ts';
import { CallListStore } from '../../../lambdas/call-list/store.ts';
import { callListRows } from '../../../lambdas/call-list/csv.ts';
import { putClients } from '../../../lambdas/core/store/client-writes.ts';
import { runCli } from '../../support/cli.ts';

const TZ = 'Asia/Shanghai';
const local = (date: string, time: string) => localTimeToInstant(date, time, TZ).toISOString();
const suffix = randomUUID().slice(0, 8);
const address = (rmId: string) => `${rmId}-${suffix}@bank.example`;

let store: RadarStore;
let tableName: string;
let config: AppConfig;
let lists: CallListStore;

/** Job dependencies on the test table and the local SES, with the clock at 08:30 Shanghai time on `date`. */
function depsOn(date: string, mailer?: Mailer): JobDeps {
  const deps = createJobDeps(config, silentLog, fixedClock(local(date, '08:30')));
  return { ...deps, store, ...(mailer ? { mailer } : {}) };
}

/** Runs the CLI in-process and returns what it printed. */
const cli = (args: string[], at: string) => runCli(args, { tableName, at });

const emailsFor = async (rmId: string, date: string) =>
  (await inbox(address(rmId))).filter((email) => email.subject.includes(date));

beforeAll(async () => {
  ({ store, tableName } = await createTestStore());
  config = testConfig(tableName);
  lists = new CallListStore(store.table);
  await store.putRms([
    rm.parse({ rmId: 'rm-a', name: 'Grace Lee', email: address('rm-a'), locale: 'en', dailyCallCapacity: 3 }),
    rm.parse({ rmId: 'rm-b', name: '王敏', email: address('rm-b'), locale: 'zh-CN' }),
    rm.parse({ rmId: 'rm-c', name: 'Chen Yu', email: address('rm-c'), locale: 'en' }),
  ]);
  await putClients(store, [
    client.parse({ clientId: 'a-arrears', rmId: 'rm-a', kind: 'corporate', tier: 'B', name: 'Shencheng Materials', lastContactAt: local('2026-03-01', '10:00') }),
    client.parse({
      clientId: 'a-big',
      rmId: 'rm-a',
      kind: 'corporate',
      tier: 'A',
      name: 'East China Steel Trading',
      companyName: 'East China Steel Trading Co., Ltd.',
      lastContactAt: local('2026-01-17', '10:00'),
      balances: { demandDeposits: 4_000_000, timeDeposits: 8_000_000, aum: 0 },
      productsHeld: ['cash management'],
    }),
    client.parse({ clientId: 'a-never', rmId: 'rm-a', kind: 'individual', tier: 'B', name: 'Li Qiang', balances: { demandDeposits: 0, timeDeposits: 0, aum: 500_000 } }),
    client.parse({ clientId: 'a-small', rmId: 'rm-a', kind: 'individual', tier: 'C', name: 'Zhou Min', lastContactAt: local('2025-10-01', '10:00') }),
    client.parse({ clientId: 'a-dnc', rmId: 'rm-a', kind: 'individual', tier: 'A', name: 'Do Not Call', doNotContact: true }),
    client.parse({ clientId: 'a-snoozed', rmId: 'rm-a', kind: 'individual', tier: 'A', name: 'Snoozed', snoozedUntil: '2026-03-20' }),
    client.parse({ clientId: 'a-recent', rmId: 'rm-a', kind: 'corporate', tier: 'A', name: 'Recent', lastContactAt: local('2026-03-01', '10:00') }),
    // 00:30 local on 19 Feb is still 18 Feb in UTC: 14 local days before 5 Mar, so within tier A's ideal.
    client.parse({ clientId: 'a-late', rmId: 'rm-a', kind: 'corporate', tier: 'A', name: 'Late', lastContactAt: local('2026-02-19', '00:30') }),
    client.parse({
      clientId: 'b-1',
      rmId: 'rm-b',
      kind: 'corporate',
      tier: 'A',
      name: '华东钢贸有限公司',
      lastContactAt: local('2026-01-01', '10:00'),
      balances: { demandDeposits: 3_000_000, timeDeposits: 0, aum: 0 },
    }),
    client.parse({ clientId: 'c-1', rmId: 'rm-c', kind: 'corporate', tier: 'C', name: 'Quiet Co', lastContactAt: local('2026-03-02', '10:00') }),
  ]);
  await store.putContacts([
    contact.parse({ contactId: 'p-1', clientId: 'a-big', name: 'Wang Wei', role: 'General Manager', phone: '13900000001' }),
    contact.parse({ contactId: 'p-2', clientId: 'a-big', name: 'Zhao Lan', role: 'CFO', phone: '13800000002' }),
    contact.parse({ contactId: 'p-3', clientId: 'b-1', name: '赵会计', role: '财务总监', phone: '13700000003' }),
  ]);
  await store.putLoans([
    loan.parse({ loanId: 'l-1', clientId: 'a-arrears', amount: 5_000_000, currency: 'CNY', startDate: '2026-01-20', maturityDate: '2027-01-20', pastDueSince: '2026-02-21' }), // 12 days past due on 5 March
  ]);
});

afterEach(() => vi.restoreAllMocks());

describe('call-list job', () => {
  it('stores each RM’s list for the business date: exceptions first, exclusions honoured, capped at capacity', async () => {
    const summary = await runCallList(depsOn('2026-03-05'));
    expect(summary.businessDate).toBe('2026-03-05');
    expect(summary.emails).toEqual({ sent: 2, alreadySent: 0, failed: 0, notNeeded: 1, suppressed: 0, maybeSent: 0 });
    const listA = await lists.get('rm-a', '2026-03-05');
    expect(listA?.lines.map((l) => [l.clientId, l.category, l.status])).toEqual([
      ['a-arrears', 'arrears-act', 'open'],
      ['a-big', 'inactive', 'open'],
      ['a-never', 'inactive', 'open'],
    ]);
    expect(listA).toMatchObject({ eligible: 4, overflow: 1, locale: 'en' });
    expect(listA!.lines[0]!.reason).toBe('loan 5.0M 12 days past due · tier B');
    expect(listA!.lines[1]).toMatchObject({
      reason: 'no contact for 47 days · deposits 12.0M · tier A',
      contact: { name: 'Zhao Lan', role: 'CFO', phone: '13800000002' },
      talkingPoints: ['offer payroll services (not held yet)', 'offer trade finance (not held yet)'],
    });
    const listB = await lists.get('rm-b', '2026-03-05');
    expect(listB?.lines.map((l) => l.reason)).toEqual(['距上次联系63天 · 存款300万 · A类']);
    expect((await lists.get('rm-c', '2026-03-05'))?.lines).toEqual([]);
  });

  it('sends one email per RM with the list as a CSV that parses back to the same rows, and none for an empty list', async () => {
    const [emailA] = await emailsFor('rm-a', '2026-03-05');
    expect(await emailsFor('rm-a', '2026-03-05')).toHaveLength(1);
    expect(await emailsFor('rm-b', '2026-03-05')).toHaveLength(1);
    expect(await inbox(address('rm-c'))).toHaveLength(0);
    expect(emailA!.subject).toBe('Call list for 2026-03-05: 3 clients (1 must act today)');
    // The local SES parsed the raw MIME we sent with mailparser and keeps its parts (attachments in base64).
    expect(emailA!.body.html).toContain('East China Steel Trading');
    expect(emailA!.body.text).toContain('no contact for 47 days');
    expect(emailA!.attachments).toHaveLength(1);
    const attachment = emailA!.attachments[0]!;
    expect(attachment.filename).toBe('call-list-rm-a-2026-03-05.csv');
    expect(attachment.contentType).toBe('text/csv');
    const csvBytes = Buffer.from(attachment.content, 'base64');
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const stored = (await lists.get('rm-a', '2026-03-05'))!;
    expect(parse(csvBytes, { bom: true })).toEqual(callListRows(stored));

    const [emailB] = await emailsFor('rm-b', '2026-03-05');
    const csvB = parse(Buffer.from(emailB!.attachments[0]!.content, 'base64'), { bom: true }) as string[][];
    expect(csvB[0]![0]).toBe('序号');
    expect(csvB[1]).toContain('华东钢贸有限公司');
    expect(csvB[1]).toContain('13700000003');
  });

  it('shows the stored list in the CLI as a table, CSV and JSON', async () => {
    const table = await cli(['call-list', 'show', '--rm', 'rm-a', '--date', '2026-03-05'], local('2026-03-05', '09:00'));
    expect(table.code).toBe(0);
    expect(table.output).toContain('call list of rm-a for 2026-03-05: 3 lines, 0 handled, 1 more eligible did not fit');
    expect(table.output).toMatch(/1\s+open\s+! must act today\s+Shencheng Materials \(a-arrears\)/);
    const csv = await cli(['call-list', 'show', '--rm', 'rm-a', '--format', 'csv'], local('2026-03-05', '09:00'));
    expect(parse(csv.output)).toEqual(callListRows((await lists.get('rm-a', '2026-03-05'))!));
    const json = await cli(['call-list', 'show', '--rm', 'rm-a', '--format', 'json'], local('2026-03-05', '09:00'));
    expect(JSON.parse(json.output).lines).toHaveLength(3);
    const missing = await cli(['call-list', 'show', '--rm', 'rm-a', '--date', '2026-03-04'], local('2026-03-05', '09:00'));
    expect(missing.code).toBe(1);
    expect(missing.errors).toContain('no call list stored for RM rm-a for 2026-03-04');
  });

  it('records a call with `done` (a touch, the line done) and a snooze; both clients leave the next day’s list', async () => {
    const done = await cli(['call-list', 'done', 'a-big', '--outcome', 'reached CFO', '--note', 'wants FX hedging'], local('2026-03-05', '23:30'));
    expect(done.code).toBe(0);
    const snooze = await cli(['call-list', 'snooze', 'a-never', '--until', '2026-03-16'], local('2026-03-05', '23:40'));
    expect(snooze.code).toBe(0);
    const listA = (await lists.get('rm-a', '2026-03-05'))!;
    expect(listA.lines.find((l) => l.clientId === 'a-big')).toMatchObject({ status: 'done', outcome: 'reached CFO', note: 'wants FX hedging', source: 'cli' });
    expect(listA.lines.find((l) => l.clientId === 'a-never')).toMatchObject({ status: 'snoozed', source: 'cli' });
    const big = await store.getClient('a-big');
    expect(big?.lastContactAt).toBe('2026-03-05T15:30:00.000Z');
    expect(big?.lastTouch).toMatchObject({ channel: 'call', outcome: 'reached CFO' });
    expect((await store.getClient('a-never'))?.snoozedUntil).toBe('2026-03-16');

    await runCallList(depsOn('2026-03-06'));
    const next = (await lists.get('rm-a', '2026-03-06'))!;
    // a-late's touch at 00:30 local on 19 Feb makes it due one day later than its UTC date would.
    expect(next.lines.map((l) => l.clientId)).toEqual(['a-arrears', 'a-small', 'a-late']);
  });

  it('never changes a stored list when the day is run again, even after the data changed', async () => {
    const before = (await lists.get('rm-b', '2026-03-05'))!;
    await store.logTouch({ clientId: 'b-1', channel: 'visit', at: local('2026-03-05', '11:00') });
    const summary = await runCallList(depsOn('2026-03-05'));
    expect(summary.emails).toEqual({ sent: 0, alreadySent: 2, failed: 0, notNeeded: 1, suppressed: 0, maybeSent: 0 });
    expect(summary.read).toMatchObject({ listsBuilt: 0, listsReused: 3 });
    expect(await lists.get('rm-b', '2026-03-05')).toEqual(before);
    expect(await emailsFor('rm-b', '2026-03-05')).toHaveLength(1);
  });

  it('sends exactly once per RM when runs overlap (concurrent invocations on a fresh day)', async () => {
    const summaries = await Promise.all([1, 2, 3].map(() => runCallList(depsOn('2026-03-10'))));
    const sent = summaries.reduce((sum, s) => sum + s.emails.sent, 0);
    const alreadySent = summaries.reduce((sum, s) => sum + s.emails.alreadySent, 0);
    expect(sent).toBe(1); // rm-a only: rm-b's client was visited, rm-c has nobody due
    expect(alreadySent).toBe(2);
    expect(await emailsFor('rm-a', '2026-03-10')).toHaveLength(1);
    expect(summaries.reduce((sum, s) => sum + (s.read.listsBuilt ?? 0), 0)).toBe(3);
  });

  it('retries a failed send on the next run, and then sends it only once', async () => {
    const failing: Mailer = { send: async () => Promise.reject(new Error('SES is throttling')) };
    const first = await runCallList(depsOn('2026-03-11', failing));
    expect(first.emails.failed).toBe(1);
    expect(await emailsFor('rm-a', '2026-03-11')).toHaveLength(0);
    const retry = await runCallList(depsOn('2026-03-11'));
    expect(retry.emails).toMatchObject({ sent: 1, failed: 0 });
    await runCallList(depsOn('2026-03-11'));
    expect(await emailsFor('rm-a', '2026-03-11')).toHaveLength(1);
  });

  it('skips weekends and holidays without storing or sending anything', async () => {
    const summary = await runCallList(depsOn('2026-03-07'));
    expect(summary.skipped).toBe('not a business day');
    expect(await lists.get('rm-a', '2026-03-07')).toBeUndefined();
  });
});
