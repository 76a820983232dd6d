// Exactly-once sending against DynamoDB Local and the local SES: retries, concurrency, crashes.
import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, inbox } from '../support/local-aws.ts';
import { sendOnce } from '../../lambdas/core/mail/send-once.ts';
import { SesMailer, type Mailer } from '../../lambdas/core/mail/mailer.ts';
import { claimKey, claimSend, markSent } from '../../lambdas/core/store/send-claims.ts';
import { fixedClock } from '../../lambdas/core/clock.ts';
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
    expect(await claimSend(table, key, new Date('2026-11-30T00:00:00Z'), 900)).toBe(true);
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
      (await table.doc.send(new GetCommand({ TableName: table.tableName, Key: claimKey({ job: 'test', rmId, businessDate: '2026-11-30' }), ConsistentRead: true }))).Item;
    // A digest's worth of entry references and more: 4,000 of about 43 characters stay far below the 400 KB item limit.
    const refs = Array.from({ length: 4_000 }, (_, n) => `2026-11-30/${String(n).padStart(32, 'x')}`);
    const key = { job: 'test', rmId: 'rm-4', businessDate: '2026-11-30' };
    expect((await sendOnce(deps, key, email(to), { sentAttributes: { digestEntries: refs } })).outcome).toBe('sent');
    expect(await claim('rm-4')).toMatchObject({ status: 'sent', messageId: expect.any(String), digestEntries: refs });

    const plain = { ...key, rmId: 'rm-5' };
    expect((await sendOnce(deps, plain, email(to))).outcome).toBe('sent');
    expect(Object.keys((await claim('rm-5'))!).sort()).toEqual(['PK', 'SK', 'claimedAt', 'expiresAt', 'leaseUntil', 'messageId', 'sentAt', 'status', 'type']);
    expect(await inbox(to)).toHaveLength(2);
  });

  it('refuses extra attributes that would overwrite the claim’s own', async () => {
    const key = { job: 'test', rmId: 'rm-6', businessDate: '2026-11-30' };
    expect(await claimSend(table, key, new Date('2026-11-30T00:00:00Z'), 900)).toBe(true);
    await expect(markSent(table, key, 'm-1', new Date('2026-11-30T00:00:01Z'), { status: 'claimed' })).rejects.toThrow(/status/);
  });
});
