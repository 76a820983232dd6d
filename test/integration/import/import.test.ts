// CSV imports against DynamoDB Local: all-or-nothing on bad rows, encodings, local date forms, re-import.
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../../support/local-aws.ts';
import { importCsv } from '../../../lambdas/core/import/importer.ts';
import type { RadarStore } from '../../../lambdas/core/store/radar-store.ts';

const fixture = (name: string) => readFile(new URL(`../../fixtures/import/${name}`, import.meta.url));
const options = { timeZone: 'Asia/Shanghai' };
let store: RadarStore;

beforeAll(async () => {
  ({ store } = await createTestStore());
  const report = await importCsv(store, 'rms', await fixture('rms.csv'), options);
  expect(report).toMatchObject({ rows: 2, written: 2, problems: [] });
});

describe('import', () => {
  it('reports every bad row with line, column and reason, and writes nothing', async () => {
    const report = await importCsv(store, 'clients', await fixture('clients-bad.csv'), options);
    const found = report.problems.map((p) => `${p.line}:${p.column}`);
    expect(found).toEqual(['3:client_id', '4:founded_on', '5:tier', '6:rm_id', '7:client_id', '8:demand_deposits']);
    expect(report.problems.find((p) => p.line === 7)?.message).toMatch(/duplicate id "c-1" \(first on line 2\)/);
    expect(report.problems.find((p) => p.line === 6)?.message).toMatch(/no RM with id "rm-zz"/);
    expect(report.written).toBe(0);
    expect(await store.getClients(['c-1', 'c-5', 'c-7'])).toEqual([]);
  });

  it('writes only the valid rows with --skip-invalid, and nothing on a dry run', async () => {
    const dry = await importCsv(store, 'clients', await fixture('clients-bad.csv'), { ...options, dryRun: true, skipInvalid: true });
    expect(dry.written).toBe(0);
    const report = await importCsv(store, 'clients', await fixture('clients-bad.csv'), { ...options, skipInvalid: true });
    expect(report.written).toBe(1);
    const c1 = await store.getClient('c-1');
    expect(c1).toMatchObject({ foundedOn: '2006-12-01', balances: { demandDeposits: 1_200_000 } });
    // A date without a time is local midnight in Asia/Shanghai.
    expect(c1?.lastContactAt).toBe('2026-09-30T16:00:00.000Z');
  });

  it('imports a UTF-8 file with BOM, with Chinese date forms and amounts in 万', async () => {
    const report = await importCsv(store, 'clients', await fixture('clients-bom.csv'), options);
    expect(report).toMatchObject({ encoding: 'utf-8', written: 2, problems: [] });
    const c10 = await store.getClient('c-10');
    expect(c10).toMatchObject({
      name: '沪钢物资贸易有限公司',
      foundedOn: '2006-12-01',
      relationshipSince: '2018-03-05',
      balances: { demandDeposits: 1_200_000, timeDeposits: 2_000_000, aum: 0 },
      productsHeld: ['结算账户', '票据贴现'],
      lastContactAt: '2026-11-02T02:30:00.000Z',
      doNotContact: false,
    });
  });

  it('detects GB18030 and imports Chinese headers-free contacts with lunar birthdays', async () => {
    const report = await importCsv(store, 'contacts', await fixture('contacts-gb18030.csv'), options);
    expect(report).toMatchObject({ encoding: 'gb18030', written: 2, problems: [] });
    const contacts = await store.getContacts('c-10');
    expect(contacts.find((c) => c.contactId === 'p-1')).toMatchObject({ name: '赵建华', role: '财务总监', birthday: { monthDay: '03-05', year: 1975, calendar: 'gregorian' } });
    expect(contacts.find((c) => c.contactId === 'p-2')?.birthday).toEqual({ monthDay: '08-15', calendar: 'lunar' });
    expect((await store.listCalendar('rm-a', { lunarMonthDay: '08-15' })).map((e) => e.kind)).toEqual(['birthday']);
  });

  it('updates on re-import instead of duplicating', async () => {
    const bytes = await fixture('contacts-gb18030.csv');
    await importCsv(store, 'contacts', bytes, options);
    await importCsv(store, 'contacts', bytes, options);
    expect(await store.getContacts('c-10')).toHaveLength(2);
  });

  it('imports thousands of rows through batched writes', async () => {
    const header = 'client_id,rm_id,kind,tier,name,demand_deposits';
    const lines = Array.from({ length: 3000 }, (_, i) => `bulk-${i},rm-b,individual,${'ABC'[i % 3]},Client ${i},${1000 + i}`);
    const report = await importCsv(store, 'clients', Buffer.from([header, ...lines].join('\n')), options);
    expect(report).toMatchObject({ rows: 3000, written: 3000, problems: [] });
    expect(await store.listClientsByLastContact('rm-b', 'A')).toHaveLength(1000);
  });
});
