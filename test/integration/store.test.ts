// The store against DynamoDB Local: round-trips, indexes and the atomic touch log.
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../support/local-aws.ts';
import type { RadarStore } from '../../lambdas/core/store/radar-store.ts';
import { BatchWriteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { client, contact, lifeEvent, loan, rm } from '../../lambdas/core/model.ts';
import { queryAll } from '../../lambdas/core/store/dynamo.ts';
import { entities } from '../../lambdas/core/store/entities.ts';
import { NotFoundError } from '../../lambdas/core/errors.ts';
import { putClients } from '../../lambdas/core/store/client-writes.ts';

let store: RadarStore;

beforeAll(async () => {
  ({ store } = await createTestStore());
  await store.putRms([
    rm.parse({ rmId: 'rm-1', name: '王敏', email: 'wang@bank.example', locale: 'zh-CN' }),
    rm.parse({ rmId: 'rm-2', name: 'Grace Lee', email: 'grace@bank.example', locale: 'en' }),
  ]);
  await putClients(store, [
    client.parse({ clientId: 'c-1', rmId: 'rm-1', kind: 'corporate', tier: 'A', name: '华东钢贸有限公司', lastContactAt: '2026-10-01T02:00:00Z', foundedOn: '2006-12-01' }),
    client.parse({ clientId: 'c-2', rmId: 'rm-1', kind: 'corporate', tier: 'A', name: '申城物资', lastContactAt: '2026-09-01T02:00:00Z' }),
    client.parse({ clientId: 'c-3', rmId: 'rm-1', kind: 'individual', tier: 'A', name: '李强' }),
  ]);
});

describe('RadarStore', () => {
  it('lists an RM’s clients of a tier oldest contact first, never-contacted before all', async () => {
    const clients = await store.listClientsByLastContact('rm-1', 'A');
    expect(clients.map((c) => c.clientId)).toEqual(['c-3', 'c-2', 'c-1']);
    const older = await store.listClientsByLastContact('rm-1', 'A', { contactedBefore: '2026-09-15' });
    expect(older.map((c) => c.clientId)).toEqual(['c-3', 'c-2']);
  });

  it('lists all RMs from the registry', async () => {
    expect((await store.listRms()).map((r) => r.rmId).sort()).toEqual(['rm-1', 'rm-2']);
  });

  it('logs a touch and moves the last contact in the same write, never backwards', async () => {
    await store.logTouch({ clientId: 'c-2', channel: 'visit', at: '2026-11-20T01:00:00Z', note: 'met the CFO', followUpOn: '2026-12-01' });
    let c2 = await store.getClient('c-2');
    expect(c2?.lastContactAt).toBe('2026-11-20T01:00:00.000Z');
    expect(c2?.lastTouch?.channel).toBe('visit');
    await store.logTouch({ clientId: 'c-2', channel: 'call', at: '2026-11-01T01:00:00Z' });
    c2 = await store.getClient('c-2');
    expect(c2?.lastContactAt).toBe('2026-11-20T01:00:00.000Z');
    const dossier = await store.getDossier('c-2');
    expect(dossier.touches).toHaveLength(2);
    expect(await store.listOpenFollowUps('rm-1', '2026-12-31')).toHaveLength(1);
    const order = await store.listClientsByLastContact('rm-1', 'A');
    expect(order.map((c) => c.clientId)).toEqual(['c-3', 'c-1', 'c-2']);
  });

  it('keeps the last contact consistent under concurrent touches', async () => {
    const times = ['2026-11-21T01:00:00Z', '2026-11-25T01:00:00Z', '2026-11-23T01:00:00Z', '2026-11-22T01:00:00Z'];
    await Promise.all(times.map((at) => store.logTouch({ clientId: 'c-3', channel: 'call', at })));
    expect((await store.getClient('c-3'))?.lastContactAt).toBe('2026-11-25T01:00:00.000Z');
    expect((await store.getDossier('c-3')).touches).toHaveLength(4);
  });

  it('indexes birthdays, anniversaries and loans for the jobs, and re-indexes a client moved to another RM', async () => {
    await store.putContacts([contact.parse({ contactId: 'p-1', clientId: 'c-1', name: '赵总', role: 'CFO', birthday: { monthDay: '12-03' } })]);
    await store.putLoans([
      loan.parse({ loanId: 'l-1', clientId: 'c-1', amount: 5_000_000, currency: 'CNY', startDate: '2025-12-20', maturityDate: '2026-12-20', pastDueSince: '2026-02-21' }),
    ]);
    expect((await store.listCalendar('rm-1', { monthDay: '12-03' })).map((e) => e.kind)).toEqual(['birthday']);
    expect((await store.listCalendar('rm-1', { monthDay: '12-01' })).map((e) => e.kind)).toEqual(['anniversary']);
    expect((await store.listLoansInArrears('rm-1')).map((l) => l.loanId)).toEqual(['l-1']);
    expect((await store.listLoansMaturing('rm-1', '2026-12-01', '2026-12-20')).map((l) => l.loanId)).toEqual(['l-1']);

    await store.putLifeEvents([lifeEvent.parse({ eventId: 'e-1', clientId: 'c-1', kind: 'listing', date: '2027-03-15' })]);
    await store.logTouch({ clientId: 'c-1', channel: 'visit', at: '2026-10-02T02:00:00Z', followUpOn: '2026-12-10', note: 'send the term sheet' });

    const moved = await store.getClient('c-1');
    await putClients(store, [{ ...moved!, rmId: 'rm-2' }]);
    expect(await store.listLoansInArrears('rm-1')).toEqual([]);
    expect((await store.listLoansInArrears('rm-2')).map((l) => l.loanId)).toEqual(['l-1']);
    expect((await store.listCalendar('rm-2', { monthDay: '12-03' })).map((e) => e.kind)).toEqual(['birthday']);
    expect((await store.listCalendar('rm-2', { date: '2027-03-15' })).map((e) => e.kind)).toEqual(['event']);
    expect((await store.listOpenFollowUps('rm-2', '2026-12-31')).map((f) => f.note)).toEqual(['send the term sheet']);
    expect((await store.listOpenFollowUps('rm-1', '2026-12-31')).filter((f) => f.clientId === 'c-1')).toEqual([]);
  });

  it('never undoes a touch logged while an import of the same client is under way', async () => {
    await putClients(store, [client.parse({ clientId: 'r-1', rmId: 'rm-1', kind: 'corporate', tier: 'B', name: '并发测试公司', lastContactAt: '2026-01-02T02:00:00Z' })]);
    const send = store.table.doc.send.bind(store.table.doc);
    let touchedInBetween = false;
    // The touch lands after the import read the client and before it writes it back.
    store.table.doc.send = (async (command: Parameters<typeof send>[0]) => {
      if (!touchedInBetween && command instanceof PutCommand && command.input.Item?.SK === 'CLIENT') {
        touchedInBetween = true;
        await store.logTouch({ clientId: 'r-1', channel: 'call', at: '2026-03-05T03:00:00Z', note: 'called the CFO' });
      }
      return send(command);
    }) as typeof store.table.doc.send;
    try {
      await putClients(store, [client.parse({ clientId: 'r-1', rmId: 'rm-1', kind: 'corporate', tier: 'A', name: '并发测试公司', lastContactAt: '2026-01-02T02:00:00Z' })]);
    } finally {
      store.table.doc.send = send;
    }
    expect(touchedInBetween).toBe(true);
    const stored = await store.getClient('r-1');
    expect(stored).toMatchObject({ tier: 'A', lastContactAt: '2026-03-05T03:00:00.000Z', lastTouch: { channel: 'call' } });
  });

  it('finishes moving a client on a re-run after an import died half-way', async () => {
    await putClients(store, [client.parse({ clientId: 'm-1', rmId: 'rm-1', kind: 'corporate', tier: 'A', name: '搬迁测试公司' })]);
    await store.putLoans([loan.parse({ loanId: 'l-m1', clientId: 'm-1', amount: 900_000, currency: 'CNY', startDate: '2026-01-01', maturityDate: '2027-01-01', pastDueSince: '2026-02-13' })]);
    const moved = client.parse({ clientId: 'm-1', rmId: 'rm-2', kind: 'corporate', tier: 'A', name: '搬迁测试公司' });
    const send = store.table.doc.send.bind(store.table.doc);
    // The import dies while it moves the client's loans.
    store.table.doc.send = (async (command: Parameters<typeof send>[0]) => {
      const requests = command instanceof BatchWriteCommand ? Object.values(command.input.RequestItems ?? {}).flat() : [];
      if (requests.some((r) => String(r.PutRequest?.Item?.SK ?? '').startsWith('LOAN#'))) throw new Error('connection reset');
      return send(command);
    }) as typeof store.table.doc.send;
    await expect(putClients(store, [moved])).rejects.toThrow('connection reset');
    store.table.doc.send = send;

    await putClients(store, [moved]);
    expect((await store.getClient('m-1'))?.rmId).toBe('rm-2');
    expect((await store.listLoansInArrears('rm-2')).map((l) => l.loanId)).toContain('l-m1');
    expect((await store.listLoansInArrears('rm-1')).map((l) => l.loanId)).not.toContain('l-m1');
  });

  it('reads a client page by key: the newest touches with a limit, open follow-ups only, not the whole history', async () => {
    await putClients(store, [client.parse({ clientId: 'h-1', rmId: 'rm-1', kind: 'corporate', tier: 'A', name: '历史很长公司' })]);
    await store.putContacts([contact.parse({ contactId: 'p-h1', clientId: 'h-1', name: '钱总' })]);
    await store.putLoans([loan.parse({ loanId: 'l-h1', clientId: 'h-1', amount: 800_000, currency: 'CNY', startDate: '2025-01-01', maturityDate: '2027-01-01' })]);
    await store.putLifeEvents([lifeEvent.parse({ eventId: 'e-h1', clientId: 'h-1', kind: 'custom', date: '2020-05-01', recurrence: 'yearly' })]);
    for (let day = 1; day <= 30; day += 1) {
      const at = `2026-09-${String(day).padStart(2, '0')}T02:00:00.000Z`;
      await store.logTouch({ clientId: 'h-1', channel: 'call', at, ...(day % 10 === 0 ? { followUpOn: '2026-12-01', note: `promise ${day}` } : {}) });
    }
    const [first] = await store.listOpenFollowUps('rm-1', '2026-12-31').then((open) => open.filter((f) => f.clientId === 'h-1' && f.note === 'promise 10'));
    await store.completeFollowUp('h-1', first!.touchId);

    store.meter.reset();
    const dossier = await store.getDossier('h-1', 5);
    expect(dossier.touches.map((t) => t.at.slice(0, 10))).toEqual(['2026-09-30', '2026-09-29', '2026-09-28', '2026-09-27', '2026-09-26']);
    expect(dossier.followUps.map((f) => f.note).sort()).toEqual(['promise 20', 'promise 30']);
    expect(dossier).toMatchObject({ client: { clientId: 'h-1' }, contacts: [{ contactId: 'p-h1' }], loans: [{ loanId: 'l-h1' }], events: [{ eventId: 'e-h1' }] });
    // The client, its contact, loan and event, the three follow-ups (the done one read and dropped) and the five touches shown: not the 30 touches.
    expect(store.meter.itemsRead).toBe(1 + 1 + 1 + 1 + 3 + 5);
  });

  it('reads to the end of a query whatever limit a caller passes (DynamoDB takes a 32-bit Limit)', async () => {
    const items = await queryAll(
      store.table,
      { KeyConditionExpression: 'PK = :client', ExpressionAttributeValues: { ':client': entities.client.partition('c-1') } },
      Number.MAX_SAFE_INTEGER,
    );
    expect(items.length).toBeGreaterThan(0);
  });

  it('keeps the arrears index sparse and ordered by the date loans went past due; reads old snapshots; closes loans', async () => {
    await store.putRms([rm.parse({ rmId: 'rm-3', name: 'Chen Yu', email: 'chen@bank.example', locale: 'en' })]);
    await putClients(store, [client.parse({ clientId: 'a-1', rmId: 'rm-3', kind: 'corporate', tier: 'B', name: 'Arrears Test Co' })]);
    const aLoan = (loanId: string, extra: object) =>
      loan.parse({ loanId, clientId: 'a-1', amount: 1_000_000, currency: 'CNY', startDate: '2025-06-01', maturityDate: '2027-06-01', ...extra });
    await store.putLoans([aLoan('recent', { pastDueSince: '2026-03-01' }), aLoan('oldest', { pastDueSince: '2026-01-15' }), aLoan('current', {})]);
    // A loan written before pastDueSince existed: a snapshot and the old sort key.
    await store.table.doc.send(
      new PutCommand({
        TableName: store.table.tableName,
        Item: { PK: 'CLIENT#a-1', SK: 'LOAN#legacy', GSI1PK: 'RM#rm-3#ARREARS', GSI1SK: '99987#legacy', type: 'LOAN', rmId: 'rm-3', ...aLoan('legacy', { daysPastDue: 12 }) },
      }),
    );
    expect((await store.listLoansInArrears('rm-3')).map((l) => l.loanId)).toEqual(['oldest', 'recent', 'legacy']);
    expect((await store.listLoansInArrears('rm-3')).find((l) => l.loanId === 'legacy')).toMatchObject({ daysPastDue: 12 });

    // Paid up: re-imported without a past-due date, the loan leaves the index.
    await store.putLoans([aLoan('recent', {})]);
    expect((await store.listLoansInArrears('rm-3')).map((l) => l.loanId)).toEqual(['oldest', 'legacy']);
    expect((await store.listLoansOfClient('a-1')).map((l) => l.loanId).sort()).toEqual(['current', 'legacy', 'oldest', 'recent']);

    expect(await store.closeLoan('a-1', 'oldest')).toMatchObject({ loanId: 'oldest', pastDueSince: '2026-01-15' });
    await expect(store.closeLoan('a-1', 'oldest')).rejects.toThrow(NotFoundError);
    await expect(store.closeLoan('a-1', 'oldest')).rejects.toThrow('client a-1 has no loan with id oldest');
    await store.deleteLoans([{ clientId: 'a-1', loanId: 'legacy' }]);
    expect(await store.listLoansInArrears('rm-3')).toEqual([]);
    expect((await store.listLoansOfClient('a-1')).map((l) => l.loanId).sort()).toEqual(['current', 'recent']);
  });
});
