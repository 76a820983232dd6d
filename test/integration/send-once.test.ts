// Exactly-once sending against DynamoDB Local and the local SES: retries, concurrency, crashes.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, inbox } from '../support/local-aws.ts';
import { sendOnce } from '../../lambdas/core/mail/send-once.ts';
import { SesMailer, type Mailer } from '../../lambdas/core/mail/mailer.ts';
import { claimSend } from '../../lambdas/core/store/send-claims.ts';
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
});
