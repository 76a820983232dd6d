// The drop-zone import function on DynamoDB Local and the local SES, its objects in a local folder behind the
// same interface as S3: good and bad files, a late RM file, a redelivered event, GB18030, order within a day.
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, writeFile, mkdir, rm as remove } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { createTestStore, inbox, testConfig } from '../../support/local-aws.ts';
import { SesMailer } from '../../../lambdas/core/mail/mailer.ts';
import { silentLog } from '../../../lambdas/core/log.ts';
import { MaybeSentError } from '../../../lambdas/core/errors.ts';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { entities } from '../../../lambdas/core/store/entities.ts';
import { rm } from '../../../lambdas/core/model.ts';
import type { Clock } from '../../../lambdas/core/clock.ts';
import type { RadarStore } from '../../../lambdas/core/store/radar-store.ts';
import { FolderStore } from '../../../lambdas/dropzone/folder-store.ts';
import { PAUSE_WHEN_LEFT_MS, type DropZoneDeps } from '../../../lambdas/dropzone/import-object.ts';
import type { FileReport } from '../../../lambdas/dropzone/report.ts';

type Handler = (event: unknown, context: unknown) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

const fixture = (name: string) => readFile(new URL(`../../fixtures/import/${name}`, import.meta.url));
const lambdaContext = { functionName: 'dropzone', awsRequestId: 'test', invokedFunctionArn: 'arn:aws:lambda:ap-east-1:123456789012:function:dropzone', memoryLimitInMB: '1024', functionVersion: '$LATEST', getRemainingTimeInMillis: () => 600_000 };
const operator = `operator-${randomUUID().slice(0, 8)}@bank.example`;

let store: RadarStore;
let folder: string;
let objects: FolderStore;
let handler: Handler;
let now = new Date('2026-12-01T01:00:00Z');
const clock: Clock = { now: () => new Date(now) };

beforeAll(async () => {
  const { store: testStore, tableName } = await createTestStore();
  store = testStore;
  folder = await mkdtemp(join(tmpdir(), 'dropzone-'));
  objects = new FolderStore(folder);
  // The module reads its configuration at cold start, as in Lambda.
  Object.assign(process.env, { TABLE_NAME: tableName, SENDER_EMAIL: 'radar@bank.example', DROPZONE_BUCKET: 'test-bucket', POWERTOOLS_METRICS_DISABLED: 'true' });
  const { dropZoneHandler } = await import('../../../lambdas/dropzone/handler.ts');
  const config = testConfig(tableName, { DROPZONE_OPERATOR_EMAIL: operator, DROPZONE_WAIT_MINUTES: '30' });
  const deps: DropZoneDeps = { store, objects, mailer: new SesMailer('radar@bank.example'), clock, log: silentLog, config };
  const metrics = new Metrics({ namespace: 'RmRadarTest', serviceName: 'rm-radar' });
  handler = dropZoneHandler(deps, new Logger({ logLevel: 'SILENT' }), metrics) as unknown as Handler;
});

afterAll(async () => {
  await remove(folder, { recursive: true, force: true });
});

beforeEach(() => {
  now = new Date(now.getTime() + 3_600_000);
});

/** Puts a file in the drop zone and returns the SQS message S3's notification would become. */
async function drop(key: string, content: string | Uint8Array, versionId = randomUUID()): Promise<{ messageId: string; body: string }> {
  const path = join(folder, key);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
  const encodedKey = encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+');
  const notification = { Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: 'test-bucket' }, object: { key: encodedKey, size: 1, versionId } } }] };
  return { messageId: randomUUID(), body: JSON.stringify(notification) };
}

const deliver = (...messages: { messageId: string; body: string }[]) => handler({ Records: messages }, lambdaContext);
const readReport = async (key: string) => JSON.parse(await readFile(join(folder, key), 'utf8')) as FileReport;
const exists = (key: string) => readFile(join(folder, key)).then(() => true, () => false);
const mailsAbout = async (fileName: string) => (await inbox(operator)).filter((mail) => mail.subject.includes(fileName));

describe('the drop-zone import function', () => {
  it('imports a good file, writes its report, moves it to processed/ and emails the operator', async () => {
    const message = await drop('incoming/rms/rms-2026-12-01.csv', await fixture('rms.csv'));
    expect(await deliver(message)).toEqual({ batchItemFailures: [] });

    expect((await store.getRms(['rm-a', 'rm-b'])).map((rm) => rm.rmId).sort()).toEqual(['rm-a', 'rm-b']);
    const report = await readReport('reports/rms/rms-2026-12-01.csv.report.json');
    expect(report).toMatchObject({ outcome: 'imported', entity: 'rms', asOf: '2026-12-01', rowsRead: 2, rowsWritten: 2, rowsRejected: 0, problems: [], movedTo: 'processed/rms/rms-2026-12-01.csv' });
    expect(report.durationMs).toBeGreaterThanOrEqual(0);
    expect(await exists('processed/rms/rms-2026-12-01.csv')).toBe(true);
    expect(await exists('incoming/rms/rms-2026-12-01.csv')).toBe(false);
    const [mail] = await mailsAbout('rms-2026-12-01.csv');
    expect(mail?.subject).toBe('rm-radar import done: rms-2026-12-01.csv');
    expect(mail?.body.text).toMatch(/rows read: 2, written: 2, with problems: 0/);
  });

  it('writes nothing from a file with bad rows, and its report names each row and column but no value', async () => {
    const message = await drop('incoming/clients/clients-bad-2026-12-01.csv', await fixture('clients-bad.csv'));
    // Line 6 names an RM not imported: the file first waits for it, then, past the window, is judged as it is.
    const first = await deliver(message);
    expect(first.batchItemFailures).toEqual([{ itemIdentifier: message.messageId }]);
    now = new Date(now.getTime() + 31 * 60_000);
    expect(await deliver(message)).toEqual({ batchItemFailures: [] });

    expect(await store.getClients(['c-1', 'c-7'])).toEqual([]);
    const report = await readReport('reports/clients/clients-bad-2026-12-01.csv.report.json');
    expect(report).toMatchObject({ outcome: 'rejected', rowsRead: 7, rowsWritten: 0, rowsRejected: 6, movedTo: 'rejected/clients/clients-bad-2026-12-01.csv' });
    expect(report.problems.map((problem) => problem.replace(/\]:.*/, ']'))).toEqual([
      'line 3 [client_id]',
      'line 4 [founded_on]',
      'line 5 [tier]',
      'line 6 [rm_id]',
      'line 7 [client_id]',
      'line 8 [demand_deposits]',
    ]);
    expect(report.problems[5]).toBe('line 8 [demand_deposits]: (value) is not an amount');
    const mail = (await mailsAbout('clients-bad-2026-12-01.csv'))[0]!;
    expect(mail.subject).toBe('rm-radar import rejected: clients-bad-2026-12-01.csv');
    for (const text of [JSON.stringify(report), mail.body.text ?? '']) {
      for (const value of ['12abc', 'rm-zz', '2026-02-30', '重复编号公司', '李强', '"c-1"']) expect(text).not.toContain(value);
    }
    expect(await exists('rejected/clients/clients-bad-2026-12-01.csv')).toBe(true);
  });

  it('holds a clients file whose RM file has not arrived, and imports it once the RM file has', async () => {
    const clients = 'client_id,rm_id,kind,tier,name\nlate-1,rm-late,individual,A,Client One\nlate-2,rm-late,corporate,B,Client Two\n';
    const clientsMessage = await drop('incoming/clients/clients-20261202.csv', clients);
    expect((await deliver(clientsMessage)).batchItemFailures).toEqual([{ itemIdentifier: clientsMessage.messageId }]);
    expect(await store.getClients(['late-1'])).toEqual([]);
    expect(await exists('incoming/clients/clients-20261202.csv')).toBe(true);

    now = new Date(now.getTime() + 5 * 60_000);
    const rmsMessage = await drop('incoming/rms/rms-20261202.csv', 'rm_id,name,email,locale\nrm-late,Late Li,late.li@bank.example,en\n');
    expect(await deliver(rmsMessage)).toEqual({ batchItemFailures: [] });
    now = new Date(now.getTime() + 5 * 60_000);
    expect(await deliver(clientsMessage)).toEqual({ batchItemFailures: [] });
    expect((await store.getClients(['late-1', 'late-2'])).map((c) => c.rmId)).toEqual(['rm-late', 'rm-late']);
    expect(await readReport('reports/clients/clients-20261202.csv.report.json')).toMatchObject({ outcome: 'imported', asOf: '2026-12-02', rowsWritten: 2 });
  });

  it('applies a day in entity order: a contacts file waits while a clients file of its day is pending', async () => {
    await drop('incoming/clients/clients-2026-12-03.csv', 'client_id,rm_id,kind,tier,name\nord-1,rm-a,corporate,A,Order Co\n');
    const contacts = await drop('incoming/contacts/contacts-2026-12-03.csv', 'contact_id,client_id,name\nord-p1,ord-1,Zhao\n');
    expect((await deliver(contacts)).batchItemFailures).toHaveLength(1);
    // A clients file of another day does not hold it.
    const otherDay = await drop('incoming/contacts/contacts-2026-12-04.csv', 'contact_id,client_id,name\nord-p2,late-1,Qian\n');
    expect((await deliver(otherDay)).batchItemFailures).toEqual([]);
    expect(await readReport('reports/contacts/contacts-2026-12-04.csv.report.json')).toMatchObject({ outcome: 'imported', rowsWritten: 1 });
    // Past the window, the contacts file goes ahead; its client is not there yet, so it is rejected.
    now = new Date(now.getTime() + 31 * 60_000);
    expect((await deliver(contacts)).batchItemFailures).toEqual([]);
    const report = await readReport('reports/contacts/contacts-2026-12-03.csv.report.json');
    expect(report).toMatchObject({ outcome: 'rejected', rowsWritten: 0 });
    expect(report.problems).toEqual(['line 2 [client_id]: no client with id (value) (import clients first)']);
  });

  it('imports an object version once when its event is delivered twice, and recognises an identical re-upload', async () => {
    const content = 'event_id,client_id,date,kind\ntwice-1,late-1,2027-05-01,wedding\n';
    const message = await drop('incoming/events/events-2026-12-05.csv', content);
    expect(await deliver(message)).toEqual({ batchItemFailures: [] });
    const firstReport = await readFile(join(folder, 'reports/events/events-2026-12-05.csv.report.json'), 'utf8');
    expect(await deliver(message)).toEqual({ batchItemFailures: [] });
    expect(await readFile(join(folder, 'reports/events/events-2026-12-05.csv.report.json'), 'utf8')).toBe(firstReport);
    expect(await mailsAbout('events-2026-12-05.csv')).toHaveLength(1);

    const again = await drop('incoming/events/events-2026-12-05.csv', content);
    expect(await deliver(again)).toEqual({ batchItemFailures: [] });
    const report = await readReport('reports/events/events-2026-12-05.csv.report.json');
    expect(report).toMatchObject({ outcome: 'duplicate', rowsWritten: 0 });
    expect(report.summary).toMatch(/the same content as incoming\/events\/events-2026-12-05\.csv, imported at/);
    expect(await mailsAbout('events-2026-12-05.csv')).toHaveLength(2);
  });

  it('imports a GB18030 file as Chinese Excel writes it', async () => {
    await store.putRms([{ rmId: 'rm-a', name: 'Wang', email: 'wang@bank.example', locale: 'zh-CN', industries: [], watchList: [], dailyCallCapacity: 10 } as never]);
    const clients = await drop('incoming/clients/c10-2026-12-06.csv', 'client_id,rm_id,kind,tier,name\nc-10,rm-a,corporate,A,沪钢物资\n');
    expect(await deliver(clients)).toEqual({ batchItemFailures: [] });
    const message = await drop('incoming/contacts/contacts-gb18030-2026-12-06.csv', await fixture('contacts-gb18030.csv'));
    expect(await deliver(message)).toEqual({ batchItemFailures: [] });
    expect(await readReport('reports/contacts/contacts-gb18030-2026-12-06.csv.report.json')).toMatchObject({ outcome: 'imported', encoding: 'gb18030', rowsWritten: 2 });
    expect((await store.getContacts('c-10')).map((contact) => contact.name).sort()).toEqual(['赵建华', '钱秀英'].sort());
  });

  it('rejects a file under no known prefix and one over the size limit, and ignores S3 test events', async () => {
    const stray = await drop('incoming/balances/balances.csv', 'a,b\n1,2\n');
    expect(await deliver(stray)).toEqual({ batchItemFailures: [] });
    expect((await readReport('reports/balances/balances.csv.report.json')).problems[0]).toMatch(/^file: put files directly under incoming\/rms\//);
    expect(await exists('rejected/balances/balances.csv')).toBe(true);
    expect(await deliver({ messageId: 'test-event', body: JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent' }) })).toEqual({ batchItemFailures: [] });
    expect((await deliver({ messageId: 'garbage', body: 'not json' })).batchItemFailures).toEqual([{ itemIdentifier: 'garbage' }]);
  });

  it('does not email the operator twice when SES took the report email but its answer was lost', async () => {
    // A mailer whose email goes out but whose answer is lost, as a timeout after SES accepted it.
    const ses = new SesMailer('radar@bank.example');
    const lossy = { send: async (email: Parameters<SesMailer['send']>[0]) => { await ses.send(email); throw new MaybeSentError('the answer was lost'); } };
    const { dropZoneHandler } = await import('../../../lambdas/dropzone/handler.ts');
    const config = testConfig(store.table.tableName, { DROPZONE_OPERATOR_EMAIL: operator, DROPZONE_WAIT_MINUTES: '30' });
    const lossyHandler = dropZoneHandler({ store, objects, mailer: lossy, clock, log: silentLog, config }, new Logger({ logLevel: 'SILENT' }), new Metrics({ namespace: 'RmRadarTest', serviceName: 'rm-radar' })) as unknown as Handler;
    const message = await drop('incoming/rms/rms-lost-answer-2026-12-07.csv', 'rm_id,name,email,locale\nrm-lost,Lost Lu,lost.lu@bank.example,en\n');
    // Done, not retried: a retry would send the email again.
    expect(await lossyHandler({ Records: [message] }, lambdaContext)).toEqual({ batchItemFailures: [] });
    expect(await lossyHandler({ Records: [message] }, lambdaContext)).toEqual({ batchItemFailures: [] });
    expect(await exists('processed/rms/rms-lost-answer-2026-12-07.csv')).toBe(true);
    expect(await mailsAbout('rms-lost-answer-2026-12-07.csv')).toHaveLength(1);
  });

  it('pauses a file too large for one invocation between two batches and resumes after the last line written', async () => {
    await store.putRms([rm.parse({ rmId: 'rm-big', name: 'Big Book', email: 'big.book@bank.example', locale: 'en' })]);
    const rows = Array.from({ length: 2500 }, (_, i) => `big-${i},rm-big,individual,B,Client ${i}`);
    const message = await drop('incoming/clients/big-2026-12-08.csv', ['client_id,rm_id,kind,tier,name', ...rows].join('\n'));
    // Lambda's clock, asked by middy and the queue once each, then before each batch: plenty for two batches, then too little.
    let checks = 0;
    const shortOfTime = { ...lambdaContext, getRemainingTimeInMillis: () => (++checks <= 4 ? 600_000 : PAUSE_WHEN_LEFT_MS - 1) };
    expect((await handler({ Records: [message] }, shortOfTime)).batchItemFailures).toEqual([{ itemIdentifier: message.messageId }]);
    expect(await store.getClient('big-1999')).toBeDefined();
    expect(await store.getClient('big-2000')).toBeUndefined();
    expect(await exists('incoming/clients/big-2026-12-08.csv')).toBe(true);

    // Rows already written are not written again: one deleted meanwhile stays deleted.
    await store.table.doc.send(new DeleteCommand({ TableName: store.table.tableName, Key: entities.client.key('big-5') }));
    now = new Date(now.getTime() + 16 * 60_000);
    expect(await deliver(message)).toEqual({ batchItemFailures: [] });
    expect(await store.getClient('big-2499')).toBeDefined();
    expect(await store.getClient('big-5')).toBeUndefined();
    expect(await readReport('reports/clients/big-2026-12-08.csv.report.json')).toMatchObject({ outcome: 'imported', rowsRead: 2500, rowsWritten: 2500 });
  });

  it('hands a message back untouched when the invocation has too little time left to start a file', async () => {
    const message = await drop('incoming/rms/rms-late-2026-12-09.csv', 'rm_id,name,email,locale\nrm-tl,Tight Time,tight@bank.example,en\n');
    const almostOut = { ...lambdaContext, getRemainingTimeInMillis: () => PAUSE_WHEN_LEFT_MS - 1 };
    expect((await handler({ Records: [message] }, almostOut)).batchItemFailures).toEqual([{ itemIdentifier: message.messageId }]);
    expect(await store.getRm('rm-tl')).toBeUndefined();
    expect(await deliver(message)).toEqual({ batchItemFailures: [] });
    expect(await store.getRm('rm-tl')).toBeDefined();
  });
});
