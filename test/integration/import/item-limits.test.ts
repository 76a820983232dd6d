// Imports against DynamoDB Local that DynamoDB would refuse: caught by the validation (dry run included), or reported row by row when a write fails.
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { createTestStore } from '../../support/local-aws.ts';
import { importCsv, ImportWriteError } from '../../../lambdas/core/import/importer.ts';
import { createDocumentClient } from '../../../lambdas/core/store/dynamo.ts';
import { RadarStore } from '../../../lambdas/core/store/radar-store.ts';
import { rm, TEXT_BOUNDS } from '../../../lambdas/core/model.ts';
import { ITEM_LIMITS, itemSize } from '../../../lambdas/core/store/item-limits.ts';

const options = { timeZone: 'Asia/Shanghai' };
const csv = (...lines: string[]) => Buffer.from(lines.join('\n'));
let store: RadarStore;
let tableName: string;

/** 120 contacts of client c-1, lines 2 to 121; `role` sets the role on one line. */
function contactsFile(prefix: string, role?: { line: number; value: string }): Buffer {
  const rows = Array.from({ length: 120 }, (_, i) => `${prefix}-${i + 2},c-1,Contact ${i + 2},${role?.line === i + 2 ? role.value : 'CFO'}`);
  return csv('contact_id,client_id,name,role', ...rows);
}

/** A store over the same table whose `failOn`-th BatchWriteItem fails as a lost connection would. */
function storeFailingOnBatch(failOn: number): RadarStore {
  const dynamodb = new DynamoDBClient({});
  let batches = 0;
  dynamodb.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'BatchWriteItemCommand' && ++batches === failOn) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      return next(args);
    },
    { step: 'initialize', name: 'failOneBatch' },
  );
  return new RadarStore(createDocumentClient(dynamodb), tableName);
}

beforeAll(async () => {
  ({ store, tableName } = await createTestStore());
  await importCsv(store, 'rms', csv('rm_id,name,email,locale', 'rm-a,Grace Lee,grace@bank.example,en'), options);
  await importCsv(store, 'clients', csv('client_id,rm_id,kind,tier,name', 'c-1,rm-a,corporate,A,Steel'), options);
});

describe('rows DynamoDB would refuse', () => {
  it('a 420 KB role is reported by the dry run with its row and column, and the import writes nothing', async () => {
    const file = contactsFile('big-role', { line: 102, value: 'r'.repeat(420 * 1024) });
    const dry = await importCsv(store, 'contacts', file, { ...options, dryRun: true });
    expect(dry.problems).toEqual([{ line: 102, column: 'role', message: `must be at most ${TEXT_BOUNDS.label} characters` }]);
    const report = await importCsv(store, 'contacts', file, options);
    expect(report).toMatchObject({ written: 0, problems: [{ line: 102, column: 'role' }] });
    expect(await store.getContacts('c-1')).toEqual([]);
  });

  it('a 2,400-byte company name is reported by the dry run with its row and column, and the import writes nothing', async () => {
    const file = csv('client_id,rm_id,kind,tier,name,company_name', 'c-2,rm-a,corporate,A,Fine,Fine Ltd', `c-3,rm-a,corporate,A,Long,${'钢'.repeat(800)}`);
    const dry = await importCsv(store, 'clients', file, { ...options, dryRun: true });
    expect(dry.problems).toEqual([{ line: 3, column: 'company_name', message: `must be at most ${TEXT_BOUNDS.name} characters` }]);
    expect((await importCsv(store, 'clients', file, options)).written).toBe(0);
    expect(await store.getClients(['c-2', 'c-3'])).toEqual([]);
  });

  it('an RM whose lists, each within its bound, make an item over 400 KB is reported by the dry run, and nothing is written', async () => {
    const watchList = Array.from({ length: TEXT_BOUNDS.watchList }, (_, i) => `${String(i).padStart(3, '0')}${'钢'.repeat(TEXT_BOUNDS.name - 3)}`).join('|');
    const keywords = Array.from({ length: TEXT_BOUNDS.keywords }, (_, i) => `${String(i).padStart(2, '0')}${'钢'.repeat(TEXT_BOUNDS.label - 2)}`).join('|');
    const industries = Array.from({ length: TEXT_BOUNDS.industries / 2 }, (_, i) => `industry ${i}:${keywords}`).join(';');
    const file = csv('rm_id,name,email,locale,industries,watch_list', `rm-big,Big,big@bank.example,en,${industries},${watchList}`, 'rm-ok,Ok,ok@bank.example,en,,');
    const dry = await importCsv(store, 'rms', file, { ...options, dryRun: true });
    expect(dry.problems).toEqual([
      { line: 2, column: 'watch_list', message: expect.stringMatching(/^makes an item of [\d,]+ bytes; DynamoDB stores at most 409,600$/) },
    ]);
    expect((await importCsv(store, 'rms', file, options)).written).toBe(0);
    expect(await store.getRms(['rm-big', 'rm-ok'])).toEqual([]);
    // DynamoDB agrees: written past the check, the item is refused.
    const coverage = industries.split(';').map((part) => ({ name: part.split(':')[0]!, keywords: part.split(':')[1]!.split('|') }));
    const bigRm = rm.parse({ rmId: 'rm-big', name: 'Big', email: 'big@bank.example', locale: 'en', watchList: watchList.split('|'), industries: coverage });
    await expect(store.putRms([bigRm])).rejects.toThrow(/size/i);
  });
});

describe('a write that fails anyway', () => {
  it('names the rows written and not written, and running the same import again completes it', async () => {
    const file = contactsFile('flaky');
    const failure = await importCsv(storeFailingOnBatch(3), 'contacts', file, options).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ImportWriteError);
    const { writtenLines, notWrittenLines, message } = failure as ImportWriteError;
    expect(writtenLines.length).toBeGreaterThan(0);
    expect(notWrittenLines.length).toBeGreaterThan(0);
    expect([...writtenLines, ...notWrittenLines].sort((a, b) => a - b)).toEqual(Array.from({ length: 120 }, (_, i) => i + 2));
    expect(message).toMatch(/^writing failed after \d+ of 120 rows \(.*socket hang up\): written: lines \d+-\d+.*; not written, or only in part: .*lines \d+-\d+/);
    // What the error says was written is in the table, and nothing else.
    const stored = new Set((await store.getContacts('c-1')).map((c) => c.contactId));
    expect([...stored].sort()).toEqual(writtenLines.map((line) => `flaky-${line}`).sort());

    const again = await importCsv(store, 'contacts', file, options);
    expect(again).toMatchObject({ written: 120, problems: [] });
    expect(await store.getContacts('c-1')).toHaveLength(120);
  });

  it('names the clients written when a batch of client writes fails', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => `bulk-${i + 2},rm-a,corporate,B,Bulk ${i + 2},Bulk Trading ${i + 2} Co.`);
    const file = csv('client_id,rm_id,kind,tier,name,company_name', ...rows);
    const failure = (await importCsv(storeFailingOnBatch(2), 'clients', file, options).catch((error: unknown) => error)) as ImportWriteError;
    expect(failure).toBeInstanceOf(ImportWriteError);
    const stored = await store.getClients(rows.map((_, i) => `bulk-${i + 2}`));
    expect(stored.map((c) => c.clientId).sort()).toEqual(failure.writtenLines.map((line) => `bulk-${line}`).sort());
    expect(failure.notWrittenLines.length).toBeGreaterThan(0);
    expect((await importCsv(store, 'clients', file, options)).written).toBe(60);
  });
});

describe('the item size as DynamoDB counts it', () => {
  it('agrees with DynamoDB Local at the 400 KB limit, for an item with lists, maps and numbers', async () => {
    const base = { PK: 'SIZE#1', SK: 'S', list: ['钢材', 'steel'], map: { a: 1_200_000, b: true, c: 'x' }, amount: 1234.56, capacity: 15, small: 0.05 };
    const padTo = (bytes: number) => ({ ...base, pad: 'p'.repeat(bytes - itemSize({ ...base, pad: '' })) });
    expect(itemSize(padTo(ITEM_LIMITS.itemBytes))).toBe(ITEM_LIMITS.itemBytes);
    await store.table.doc.send(new PutCommand({ TableName: tableName, Item: padTo(ITEM_LIMITS.itemBytes) }));
    await expect(store.table.doc.send(new PutCommand({ TableName: tableName, Item: padTo(ITEM_LIMITS.itemBytes + 1) }))).rejects.toThrow(/size/i);
  });
});
