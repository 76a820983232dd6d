// Exactly-once sending against DynamoDB Local and the local SES: retries, concurrency, crashes.
import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, inbox } from '../support/local-aws.ts';
import { sendOnce } from '../../lambdas/core/mail/send-once.ts';
import { SesMailer, type Mailer } from '../../lambdas/core/mail/mailer.ts';
import { claimSend, markSent, releaseClaim } from '../../lambdas/core/store/send-claims.ts';
import { entities } from '../../lambdas/core/store/entities.ts';
import { fixedClock } from '../../lambdas/core/clock.ts';
import { ConflictError } from '../../lambdas/core/errors.ts';
import type { TableContext } from '../../lambdas/core/store/dynamo.ts';

let table: TableContext;
const mailer = new SesMailer('radar@bank.example');

beforeAll(async () => {
  ({ table } = (await createTestStore()).store);
});

const email = (to: string) => ({ to, subject: '测试 test', html: '<p>你好</p>', text: '你好' });

describe('sendOnce', () => {
  it('sends one email when invoked many times at once and again later', async () => {
    const to = `${randomUUID()}@bank.example`;
    const deps = { table, mailer, clock: fixedClock('2026-11-30T00:00:00Z'), leaseSeconds: 900 };
    const key = { job: 'test', rmId: 'rm-1', businessDate: '2026-11-30' };
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => sendOnce(deps, key, email(to))));
    expect(outcomes.filter((o) => o.outcome === 'sent')).toHaveLength(1);
    expect((await sendOnce(deps, key, email(to))).outcome).toBe('already-sent');
    const received = await inbox(to);
    expect(received).toHaveLength(1);
    expect(received[0]?.subject).toBe('测试 test');
  });

  it('lets a run that crashed after claiming send once the lease has run out', async () => {
    const to = `${randomUUID()}@bank.example`;
    const key = { job: 'test', rmId: 'rm-2', businessDate: '2026-11-30' };
    // The crashed run: claimed at 08:00, never sent.
    expect(await claimSend(table, key, new Date('2026-11-30T00:00:00Z'), 900)).toMatchObject({ key, owner: expect.any(String) });
    // Within the lease, another run may still be sending: this one waits a little, then reports it not sent.
    const tooSoon = { table, mailer, clock: fixedClock('2026-11-30T00:05:00Z'), leaseSeconds: 900, waitForOtherRunMs: 300 };
    expect((await sendOnce(tooSoon, key, email(to))).outcome).toBe('in-progress');
    const afterLease = { ...tooSoon, clock: fixedClock('2026-11-30T00:20:00Z') };
    expect((await sendOnce(afterLease, key, email(to))).outcome).toBe('sent');
    expect(await inbox(to)).toHaveLength(1);
  });

  it('releases the claim when sending fails, so the next run retries at once', async () => {
    const to = `${randomUUID()}@bank.example`;
    const key = { job: 'test', rmId: 'rm-3', businessDate: '2026-11-30' };
    const failing: Mailer = { send: () => Promise.reject(new Error('Throttling')) };
    const clock = fixedClock('2026-11-30T00:00:00Z');
    expect((await sendOnce({ table, mailer: failing, clock, leaseSeconds: 900 }, key, email(to))).outcome).toBe('failed');
    expect((await sendOnce({ table, mailer, clock, leaseSeconds: 900 }, key, email(to))).outcome).toBe('sent');
    expect(await inbox(to)).toHaveLength(1);
  });

  it('stores extra attributes on the claim it marks sent (what the email carried), and sends as before without them', async () => {
    const to = `${randomUUID()}@bank.example`;
    const deps = { table, mailer, clock: fixedClock('2026-11-30T00:00:00Z'), leaseSeconds: 900 };
    const claim = async (rmId: string) =>
      (await table.doc.send(new GetCommand({ TableName: table.tableName, Key: entities.sendClaim.key({ job: 'test', rmId, businessDate: '2026-11-30' }), ConsistentRead: true }))).Item;
    // A digest's worth of entry references and more: 4,000 of about 43 characters stay far below the 400 KB item limit.
    const refs = Array.from({ length: 4_000 }, (_, n) => `2026-11-30/${String(n).padStart(32, 'x')}`);
    const key = { job: 'test', rmId: 'rm-4', businessDate: '2026-11-30' };
    expect((await sendOnce(deps, key, email(to), { sentAttributes: { digestEntries: refs } })).outcome).toBe('sent');
    expect(await claim('rm-4')).toMatchObject({ status: 'sent', messageId: expect.any(String), digestEntries: refs });

    const plain = { ...key, rmId: 'rm-5' };
    expect((await sendOnce(deps, plain, email(to))).outcome).toBe('sent');
    expect(Object.keys((await claim('rm-5'))!).sort()).toEqual(['PK', 'SK', 'attempts', 'claimedAt', 'expiresAt', 'leaseUntil', 'messageId', 'owner', 'sentAt', 'status', 'type']);
    expect(await inbox(to)).toHaveLength(2);
  });

  it('refuses extra attributes that would overwrite the claim’s own', async () => {
    const key = { job: 'test', rmId: 'rm-6', businessDate: '2026-11-30' };
    const held = await claimSend(table, key, new Date('2026-11-30T00:00:00Z'), 900);
    expect(held).toBeDefined();
    await expect(markSent(table, held!, 'm-1', new Date('2026-11-30T00:00:01Z'), { status: 'claimed' })).rejects.toThrow(/status/);
  });
});

/** The claim item as stored. */
const storedClaim = async (key: { job: string; rmId: string; businessDate: string }) =>
  (await table.doc.send(new GetCommand({ TableName: table.tableName, Key: entities.sendClaim.key(key), ConsistentRead: true }))).Item;

/** The table, with the first `count` writes that record an email as sent failing as if the connection dropped. */
function failingSentWrites(count: number): TableContext {
  let left = count;
  const send = ((command: { input: unknown }) => {
    if (left > 0 && command instanceof UpdateCommand && JSON.stringify(command.input).includes('sentAt')) {
      left -= 1;
      return Promise.reject(Object.assign(new Error('socket hang up'), { name: 'TimeoutError', code: 'ECONNRESET' }));
    }
    return table.doc.send(command as UpdateCommand);
  }) as TableContext['doc']['send'];
  return { ...table, doc: Object.assign(Object.create(table.doc) as TableContext['doc'], { send }) };
}

describe('sendOnce after SES accepted the email', () => {
  it('retries recording the acceptance, so a run after the lease does not send a second email', async () => {
    const to = `${randomUUID()}@bank.example`;
    const key = { job: 'test', rmId: 'rm-accepted', businessDate: '2026-11-30' };
    const first = { table: failingSentWrites(2), mailer, clock: fixedClock('2026-11-30T00:00:00Z'), leaseSeconds: 120 };
    expect((await sendOnce(first, key, email(to))).outcome).toBe('sent');
    expect(await storedClaim(key)).toMatchObject({ status: 'sent', messageId: expect.any(String) });
    const afterLease = { table, mailer, clock: fixedClock('2026-11-30T00:10:00Z'), leaseSeconds: 120, waitForOtherRunMs: 0 };
    expect((await sendOnce(afterLease, key, email(to))).outcome).toBe('already-sent');
    expect(await inbox(to)).toHaveLength(1);
  });

  it('never sends again for a claim that holds a message id, whatever its status says', async () => {
    const to = `${randomUUID()}@bank.example`;
    const key = { job: 'test', rmId: 'rm-with-id', businessDate: '2026-11-30' };
    // A claim whose lease ran out but which records SES's acceptance.
    await table.doc.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { ...entities.sendClaim.key(key), type: 'SEND_CLAIM', status: 'claimed', owner: 'gone', leaseUntil: '2026-11-30T00:02:00.000Z', messageId: 'ses-1' },
      }),
    );
    const later = { table, mailer, clock: fixedClock('2026-11-30T00:10:00Z'), leaseSeconds: 120, waitForOtherRunMs: 0 };
    expect((await sendOnce(later, key, email(to))).outcome).toBe('already-sent');
    expect((await sendOnce(later, key, email(to), { resendMaybeSent: true })).outcome).toBe('already-sent');
    expect(await inbox(to)).toHaveLength(0);
  });
});

describe('claims belong to their owner', () => {
  const t = (time: string) => new Date(`2026-11-30T${time}Z`);

  it('a run whose lease ran out cannot release the live claim another run took over', async () => {
    const key = { job: 'test', rmId: 'rm-owner-1', businessDate: '2026-11-30' };
    const stale = await claimSend(table, key, t('00:00:00'), 60);
    const live = await claimSend(table, key, t('00:01:30'), 60);
    expect(stale).toBeDefined();
    expect(live).toBeDefined();
    expect(live!.owner).not.toBe(stale!.owner);
    expect(await releaseClaim(table, stale!)).toBe(false);
    // The live claim still blocks a third run until its own lease ends.
    expect(await claimSend(table, key, t('00:01:40'), 60)).toBeUndefined();
    // Its owner can still release it.
    expect(await releaseClaim(table, live!)).toBe(true);
  });

  it('a run whose lease ran out cannot mark sent the claim another run holds', async () => {
    const key = { job: 'test', rmId: 'rm-owner-2', businessDate: '2026-11-30' };
    const stale = await claimSend(table, key, t('00:00:00'), 60);
    expect(await claimSend(table, key, t('00:01:30'), 60)).toBeTruthy();
    await expect(markSent(table, stale!, 'ses-stale', t('00:01:35'))).rejects.toBeInstanceOf(ConflictError);
    expect(await storedClaim(key)).toMatchObject({ status: 'claimed' });
    expect((await storedClaim(key))!.messageId).toBeUndefined();
  });
});

