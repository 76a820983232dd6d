// Loans over time against DynamoDB Local: imported once as of a date they keep ageing; full imports and `loans close` remove repaid loans.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestStore, testConfig } from '../../support/local-aws.ts';
import { client, rm, type Rm } from '../../../lambdas/core/model.ts';
import { BusinessCalendar, localTimeToInstant } from '../../../lambdas/core/dates/calendar.ts';
import type { AppConfig } from '../../../lambdas/core/config.ts';
import type { RadarStore } from '../../../lambdas/core/store/radar-store.ts';
import { buildCallList } from '../../../lambdas/call-list/build.ts';
import { collectReminders } from '../../../lambdas/touch-reminders/job.ts';
import { reminderWindow } from '../../../lambdas/touch-reminders/occasions.ts';
import { putClients } from '../../../lambdas/core/store/client-writes.ts';
import { runCli } from '../../support/cli.ts';

const TZ = 'Asia/Shanghai';
const local = (date: string, time: string) => localTimeToInstant(date, time, TZ).toISOString();
const HEADER = 'loan_id,client_id,amount,currency,start_date,maturity_date,days_past_due';

let store: RadarStore;
let tableName: string;
let config: AppConfig;
let folder: string;
let theRm: Rm;

/** Runs the CLI in-process with the clock at `at` and returns what it printed. */
const cli = (args: string[], at: string) => runCli(args, { tableName, at });

async function csvFile(name: string, rows: string[]): Promise<string> {
  const path = join(folder, name);
  await writeFile(path, [HEADER, ...rows].join('\n'));
  return path;
}

/** Who is on the RM's call list for a date, with the category and reason. */
async function callList(date: string): Promise<Array<[string, string, string]>> {
  const { list } = await buildCallList({ store, config }, theRm, date, new Date(local(date, '08:30')));
  return list.lines.map((line) => [line.clientId, line.category, line.reason]);
}

async function arrearsReminders(date: string): Promise<string[]> {
  const { reminders } = await collectReminders({ store, config }, theRm, reminderWindow(date, new BusinessCalendar(config.calendar)));
  return reminders.flatMap((r) => (r.kind === 'arrears' ? [`${r.loanId}:${r.daysPastDue}`] : []));
}

beforeAll(async () => {
  ({ store, tableName } = await createTestStore());
  config = testConfig(tableName);
  folder = await mkdtemp(join(tmpdir(), 'rm-radar-loans-'));
  theRm = rm.parse({ rmId: 'rm-l', name: 'Grace Lee', email: 'grace-loans@bank.example', locale: 'en' });
  await store.putRms([theRm]);
  // Tier C, last contacted on 1 February: none is due for inactivity in March, and no call handled an arrears yet.
  const recent = local('2026-02-01', '10:00');
  await putClients(store, 
    ['once', 'yesterday', 'full-x', 'full-y', 'untouched', 'closer'].map((clientId) =>
      client.parse({ clientId, rmId: 'rm-l', kind: 'corporate', tier: 'C', name: `Client ${clientId}`, lastContactAt: recent }),
    ),
  );
});

afterEach(() => vi.restoreAllMocks());

describe('loans imported once keep ageing', () => {
  it('a call logged the day of the import keeps counting on the next days, until the alert interval has passed', async () => {
    // Imported once, on Monday 9 March, 11 days past due; the RM calls that afternoon.
    const file = await csvFile('once.csv', ['L-once,once,5000000,CNY,2025-06-01,2027-06-01,11']);
    const imported = await cli(['import', 'loans', file], local('2026-03-09', '08:00'));
    expect(imported.code).toBe(0);
    expect(imported.output).toContain('loans: 1 rows (utf-8) as of 2026-03-09, 1 valid, 0 with problems; 1 written');
    expect((await store.getDossier('once')).loans[0]).toMatchObject({ loanId: 'L-once', pastDueSince: '2026-02-26' });
    expect((await store.getDossier('once')).loans[0]!.daysPastDue).toBeUndefined();

    expect(await callList('2026-03-09')).toEqual([['once', 'arrears-act', 'loan 5.0M 11 days past due · tier C']]);
    await store.logTouch({ clientId: 'once', channel: 'call', at: local('2026-03-09', '16:00'), outcome: 'promised to repay' });

    expect(await callList('2026-03-10')).toEqual([]);
    expect(await callList('2026-03-11')).toEqual([]);
    expect(await callList('2026-03-18')).toEqual([]);
    // ARREARS_ALERT_DAYS (10) days after the call it is back, 21 days past due, with no re-import.
    expect(await callList('2026-03-19')).toEqual([['once', 'arrears-act', 'loan 5.0M 21 days past due · tier C']]);
    expect(await arrearsReminders('2026-03-19')).toContain('L-once:21');
  });

  it('--as-of reads days past due as of the extract’s date (yesterday’s file imported today)', async () => {
    const file = await csvFile('yesterday.csv', ['L-yesterday,yesterday,800000,CNY,2025-06-01,2027-06-01,11']);
    const imported = await cli(['import', 'loans', file, '--as-of', '2026-03-08'], local('2026-03-09', '08:00'));
    expect(imported.code).toBe(0);
    expect(imported.output).toContain('as of 2026-03-08');
    expect((await store.getDossier('yesterday')).loans[0]).toMatchObject({ pastDueSince: '2026-02-25' });
    const shown = await cli(['clients', 'show', 'yesterday'], local('2026-03-09', '10:00'));
    expect(shown.output).toContain('L-yesterday: CNY 800,000, 2025-06-01 → 2027-06-01, 12 days past due (since 2026-02-25)');
    const bad = await cli(['import', 'loans', file, '--as-of', 'soon'], local('2026-03-09', '08:00'));
    expect(bad.code).not.toBe(0);
    expect(bad.errors).toContain('"soon" is not a date');
  });
});

describe('closing loans', () => {
  it('--full closes the loans of the file’s clients that the file no longer lists; --dry-run only shows them', async () => {
    const before = await csvFile('before.csv', [
      'X-keep,full-x,1000000,CNY,2025-06-01,2027-06-01,0',
      'X-repaid,full-x,2000000,CNY,2025-06-01,2027-06-01,15',
      'X-bad-row,full-x,3000000,CNY,2025-06-01,2027-06-01,0',
      'Y-1,full-y,1000000,CNY,2025-06-01,2027-06-01,0',
      'U-1,untouched,1000000,CNY,2025-06-01,2027-06-01,20',
    ]);
    expect((await cli(['import', 'loans', before], local('2026-03-09', '08:00'))).code).toBe(0);
    expect((await callList('2026-03-09')).map(([id, category]) => `${id}:${category}`)).toEqual(expect.arrayContaining(['full-x:arrears-act', 'untouched:arrears-act']));
    expect(await arrearsReminders('2026-03-09')).toEqual(expect.arrayContaining(['X-repaid:15', 'U-1:20']));

    // X-repaid was paid back and left the bank's file; X-bad-row is in the file but invalid; `untouched` is not in the file.
    const after = await csvFile('after.csv', [
      'X-keep,full-x,1000000,CNY,2025-06-01,2027-06-01,0',
      'X-bad-row,full-x,lots,CNY,2025-06-01,2027-06-01,0',
      'Y-1,full-y,1000000,CNY,2025-06-01,2027-06-01,0',
    ]);
    const dryRun = await cli(['import', 'loans', after, '--full', '--dry-run', '--skip-invalid'], local('2026-03-10', '08:00'));
    expect(dryRun.output).toContain('full import: 1 loans not in the file would be closed: full-x/X-repaid');
    expect((await store.listLoansOfClient('full-x')).map((l) => l.loanId).sort()).toEqual(['X-bad-row', 'X-keep', 'X-repaid']);

    // With a bad row and no --skip-invalid nothing is written and nothing closed.
    const blocked = await cli(['import', 'loans', after, '--full'], local('2026-03-10', '08:00'));
    expect(blocked.code).toBe(2);
    expect((await store.listLoansOfClient('full-x')).map((l) => l.loanId).sort()).toEqual(['X-bad-row', 'X-keep', 'X-repaid']);

    const full = await cli(['import', 'loans', after, '--full', '--skip-invalid', '--json'], local('2026-03-10', '08:00'));
    const report = JSON.parse(full.output) as { written: number; closed: number; missingLoans: unknown[] };
    expect(report).toMatchObject({ written: 2, closed: 1, missingLoans: [{ clientId: 'full-x', loanId: 'X-repaid' }] });
    // The invalid row's loan is still listed in the file, so it stays; other clients' loans are not touched.
    expect((await store.listLoansOfClient('full-x')).map((l) => l.loanId).sort()).toEqual(['X-bad-row', 'X-keep']);
    expect((await store.listLoansOfClient('untouched')).map((l) => l.loanId)).toEqual(['U-1']);

    expect((await callList('2026-03-10')).map(([id]) => id)).not.toContain('full-x');
    expect(await arrearsReminders('2026-03-10')).not.toContain('X-repaid:16');
    expect(await arrearsReminders('2026-03-10')).toContain('U-1:21');
  });

  it('`loans close` deletes one loan after checking it exists, and says so clearly when it does not', async () => {
    const file = await csvFile('closer.csv', ['C-1,closer,2000000,CNY,2025-06-01,2027-06-01,30']);
    expect((await cli(['import', 'loans', file], local('2026-03-09', '08:00'))).code).toBe(0);
    expect((await callList('2026-03-09')).map(([id]) => id)).toContain('closer');

    const wrongClient = await cli(['loans', 'close', 'C-1', '--client', 'once'], local('2026-03-09', '09:00'));
    expect(wrongClient).toMatchObject({ code: 1, errors: expect.stringContaining('client once has no loan with id C-1') });
    const closed = await cli(['loans', 'close', 'C-1', '--client', 'closer'], local('2026-03-09', '09:00'));
    expect(closed.code).toBe(0);
    expect(closed.output).toContain('closed loan C-1 of client closer (CNY 2,000,000)');
    expect(await store.listLoansOfClient('closer')).toEqual([]);
    expect((await callList('2026-03-09')).map(([id]) => id)).not.toContain('closer');
    expect(await arrearsReminders('2026-03-09')).not.toContain('C-1:30');

    const again = await cli(['loans', 'close', 'C-1', '--client', 'closer'], local('2026-03-09', '09:05'));
    expect(again).toMatchObject({ code: 1, errors: expect.stringContaining('client closer has no loan with id C-1') });
    const missingOption = await cli(['loans', 'close', 'C-1'], local('2026-03-09', '09:05'));
    expect(missingOption.code).not.toBe(0);
    expect(missingOption.errors).toContain("required option '--client <clientId>' not specified");
  });
});
