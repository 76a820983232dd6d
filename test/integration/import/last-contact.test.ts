// A last contact in the future against DynamoDB Local: refused by the import and the CLI, never hiding arrears, correctable.
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, testConfig } from '../../support/local-aws.ts';
import { runCli } from '../../support/cli.ts';
import { importCsv } from '../../../lambdas/core/import/importer.ts';
import { putClients } from '../../../lambdas/core/store/client-writes.ts';
import { buildCallList } from '../../../lambdas/call-list/build.ts';
import { client, loan, rm } from '../../../lambdas/core/model.ts';
import { localTimeToInstant } from '../../../lambdas/core/dates/calendar.ts';
import type { RadarStore } from '../../../lambdas/core/store/radar-store.ts';
import type { AppConfig } from '../../../lambdas/core/config.ts';

const TZ = 'Asia/Shanghai';
const local = (date: string, time: string) => localTimeToInstant(date, time, TZ).toISOString();
const TODAY = '2026-03-05';
const NOW = local(TODAY, '09:00');
const options = { timeZone: TZ, now: new Date(NOW) };
const csv = (...lines: string[]) => Buffer.from(lines.join('\n'));
const CLIENTS_HEADER = 'client_id,rm_id,kind,tier,name,last_contact_at';

let store: RadarStore;
let tableName: string;
let config: AppConfig;
const cli = (args: string[]) => runCli(args, { tableName, at: NOW });

/** A 5M loan 40 days in arrears on TODAY. */
const arrearsLoan = (clientId: string) =>
  loan.parse({ loanId: `loan-${clientId}`, clientId, amount: 5_000_000, currency: 'CNY', startDate: '2025-06-01', maturityDate: '2027-06-01', pastDueSince: '2026-01-24' });

beforeAll(async () => {
  ({ store, tableName } = await createTestStore());
  config = testConfig(tableName);
  await store.putRms([rm.parse({ rmId: 'rm-a', name: 'Grace Lee', email: 'grace@bank.example', locale: 'en' })]);
});

describe('a last contact in the future', () => {
  it('is refused by the import with the row and column, and nothing is written', async () => {
    const report = await importCsv(
      store,
      'clients',
      csv(CLIENTS_HEADER, 'ok-1,rm-a,corporate,B,Fine,2026-03-01 10:00', 'typo,rm-a,corporate,B,Typo,2062-03-01', 'placeholder,rm-a,corporate,B,Placeholder,9999-12-31'),
      options,
    );
    expect(report.problems.map((p) => `${p.line}:${p.column}`)).toEqual(['3:last_contact_at', '4:last_contact_at']);
    expect(report.problems[0]!.message).toMatch(/"2062-03-01" is in the future/);
    expect(report.written).toBe(0);
    expect(await store.getClients(['ok-1', 'typo', 'placeholder'])).toEqual([]);
  });

  it('is accepted within the clock-skew allowance', async () => {
    const report = await importCsv(store, 'clients', csv(CLIENTS_HEADER, `skew,rm-a,corporate,B,Skew,${local(TODAY, '09:04')}`), options);
    expect(report).toMatchObject({ written: 1, problems: [] });
  });

  it('is refused by `touch log --at` and `call-list done --at`, naming the flag, and nothing is logged', async () => {
    await putClients(store, [client.parse({ clientId: 'cli-1', rmId: 'rm-a', kind: 'corporate', tier: 'A', name: 'CLI', lastContactAt: local('2026-02-01', '10:00') })]);
    const touch = await cli(['touch', 'log', '--client', 'cli-1', '--channel', 'call', '--at', '2062-03-05 14:30']);
    expect(touch.code).toBe(1);
    expect(touch.errors).toMatch(/--at "2062-03-05 14:30": .* is in the future/);
    const done = await cli(['call-list', 'done', 'cli-1', '--outcome', 'ok', '--at', '9999-12-31']);
    expect(done.code).toBe(1);
    expect(done.errors).toMatch(/--at "9999-12-31": .* is in the future/);
    const dossier = await store.getDossier('cli-1');
    expect(dossier.touches).toEqual([]);
    expect(dossier.client.lastContactAt).toBe(local('2026-02-01', '10:00'));
  });

  it('stored by an older version never hides a client in arrears next to an identical control client', async () => {
    // Written as the import used to accept it: a 2062 typo next to a control last seen in January.
    await putClients(store, [
      client.parse({ clientId: 'hidden', rmId: 'rm-a', kind: 'corporate', tier: 'B', name: 'Hidden', lastContactAt: local('2062-03-01', '10:00') }),
      client.parse({ clientId: 'control', rmId: 'rm-a', kind: 'corporate', tier: 'B', name: 'Control', lastContactAt: local('2026-01-10', '10:00') }),
    ], { now: new Date('2062-03-02T00:00:00Z') });
    await store.putLoans([arrearsLoan('hidden'), arrearsLoan('control')]);
    const rmA = (await store.getRm('rm-a'))!;
    const { list } = await buildCallList({ store, config }, rmA, TODAY, new Date(NOW));
    const arrears = list.lines.filter((line) => line.category === 'arrears-act').map((line) => line.clientId);
    expect(arrears.sort()).toEqual(['control', 'hidden']);
  });

  it('is corrected with `clients set-last-contact`, backwards, and the per-tier index follows', async () => {
    const corrected = await cli(['clients', 'set-last-contact', 'hidden', '--at', '2026-01-20 15:00']);
    expect(corrected.code).toBe(0);
    expect(corrected.output).toMatch(/2062-03-01T02:00:00.000Z → 2026-01-20T07:00:00.000Z/);
    expect((await store.getClient('hidden'))?.lastContactAt).toBe(local('2026-01-20', '15:00'));
    const dueInTierB = await store.listClientsByLastContact('rm-a', 'B', { contactedBefore: local('2026-02-01', '00:00') });
    expect(dueInTierB.map((c) => c.clientId)).toContain('hidden');

    expect((await cli(['clients', 'set-last-contact', 'hidden', '--at', '2062-01-01'])).errors).toMatch(/--at "2062-01-01": .* is in the future/);
    expect((await cli(['clients', 'set-last-contact', 'hidden'])).errors).toMatch(/either --at <datetime> or --never/);
    expect((await cli(['clients', 'set-last-contact', 'hidden', '--never'])).code).toBe(0);
    expect((await store.getClient('hidden'))?.lastContactAt).toBeUndefined();
    expect((await store.listClientsByLastContact('rm-a', 'B', { contactedBefore: '0001' })).map((c) => c.clientId)).toEqual(['hidden']);
  });

  it('stored by an older version is replaced by a re-import, though it is later than the file', async () => {
    await putClients(store, [client.parse({ clientId: 'feed', rmId: 'rm-a', kind: 'corporate', tier: 'B', name: 'Feed', lastContactAt: '9999-12-30T16:00:00.000Z' })], {
      now: new Date('9999-12-31T00:00:00Z'),
    });
    const report = await importCsv(store, 'clients', csv(CLIENTS_HEADER, 'feed,rm-a,corporate,B,Feed,2026-02-10 10:00'), options);
    expect(report).toMatchObject({ written: 1, problems: [] });
    expect((await store.getClient('feed'))?.lastContactAt).toBe(local('2026-02-10', '10:00'));
    // A real (past) stored contact still only moves forward.
    await importCsv(store, 'clients', csv(CLIENTS_HEADER, 'feed,rm-a,corporate,B,Feed,2026-01-01 10:00'), options);
    expect((await store.getClient('feed'))?.lastContactAt).toBe(local('2026-02-10', '10:00'));
  });
});
