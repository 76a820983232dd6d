// The weekly portfolio report fanned out on SQS (fauxqs): one item per RM and per manager's team, each email once, also when all items come again.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, inbox, testConfig } from '../../support/local-aws.ts';
import { createWorkQueue, startLocalSqs, type LocalSqs } from '../../../bin/local/local-sqs.ts';
import { drain, messagesLeft } from '../../../bin/local/sqs-event-source.ts';
import { client, rm } from '../../../lambdas/core/model.ts';
import { createJobDeps } from '../../../lambdas/core/deps.ts';
import { fixedClock } from '../../../lambdas/core/clock.ts';
import { silentLog } from '../../../lambdas/core/log.ts';
import { localTimeToInstant } from '../../../lambdas/core/dates/calendar.ts';
import type { RadarStore } from '../../../lambdas/core/store/radar-store.ts';
import { putClients } from '../../../lambdas/core/store/client-writes.ts';
import { checkRun, planRun } from '../../../lambdas/core/fanout/planner.ts';
import { processWorkBatch } from '../../../lambdas/core/fanout/worker.ts';
import { Pacer } from '../../../lambdas/core/fanout/pacing.ts';
import { readRun } from '../../../lambdas/core/fanout/run-record.ts';
import { SqsWorkQueue } from '../../../lambdas/core/fanout/sqs-queue.ts';
import { portfolioReportWork } from '../../../lambdas/portfolio-report/job.ts';

const MONDAY = '2026-11-16';
const suffix = randomUUID().slice(0, 8);
/** Two managers with five RMs each, and two RMs without a manager. */
const LEADS = ['lead-1', 'lead-2'];
const MEMBERS = Array.from({ length: 10 }, (_, i) => ({ rmId: `rm-${i}`, managerId: LEADS[i % 2]! }));
const LONE = ['rm-x', 'rm-y'];
const RMS = LEADS.length + MEMBERS.length + LONE.length;

let store: RadarStore;
let tableName: string;
let local: LocalSqs;

const depsOn = (date: string) => ({ ...createJobDeps(testConfig(tableName, { SEND_RATE_CAP: '1000' }), silentLog, fixedClock(localTimeToInstant(date, '08:00', 'Asia/Shanghai').toISOString())), store });

beforeAll(async () => {
  ({ store, tableName } = await createTestStore());
  local = await startLocalSqs();
  const email = (rmId: string) => `${rmId}-${suffix}@bank.example`;
  await store.putRms([
    ...[...LEADS, ...LONE].map((rmId) => rm.parse({ rmId, name: `RM ${rmId}`, email: email(rmId), locale: 'en' })),
    ...MEMBERS.map(({ rmId, managerId }) => rm.parse({ rmId, name: `RM ${rmId}`, email: email(rmId), locale: 'en', managerId })),
  ]);
  await putClients(
    store,
    [...LEADS, ...LONE, ...MEMBERS.map((m) => m.rmId)].map((rmId) =>
      client.parse({ clientId: `c-${rmId}`, rmId, kind: 'corporate', tier: 'A', name: `Client of ${rmId}`, balances: { demandDeposits: 1_000_000, timeDeposits: 0, aum: 0 } }),
    ),
  );
}, 120_000);

afterAll(() => local?.stop());

/** Emails of this test's RMs by recipient id and kind (own report or team report). */
async function reports(): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const email of await inbox(suffix)) {
    if (!email.subject.includes('Weekly portfolio report')) continue;
    const rmId = email.destination.to[0]!.replace(`-${suffix}@bank.example`, '');
    const key = `${email.subject.startsWith('Team: ') ? 'team' : 'own'}:${rmId}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

describe('the portfolio report on SQS', () => {
  it('sends each RM their report and each manager the team report, once, also when every item is delivered again', async () => {
    const queue = await createWorkQueue(local, { visibilitySeconds: 60, maxReceiveCount: 5 });
    const sqsQueue = new SqsWorkQueue(queue.queueUrl, local.sqs);
    // Two planners at once (a retried schedule): one set of items, one per RM and one per manager's team.
    const plans = await Promise.all([1, 2].map(() => planRun(depsOn(MONDAY), portfolioReportWork, sqsQueue, { replan: false })));
    expect(plans.map((plan) => plan.status).sort()).toEqual(['already-planned', 'planned']);
    expect(await messagesLeft(queue)).toBe(RMS + LEADS.length);
    await drain(queue, (event) => processWorkBatch(event, depsOn(MONDAY), portfolioReportWork, new Pacer()), 3);

    const sent = await reports();
    const expected = new Map([...[...LEADS, ...LONE, ...MEMBERS.map((m) => m.rmId)].map((rmId) => [`own:${rmId}`, 1] as const), ...LEADS.map((id) => [`team:${id}`, 1] as const)]);
    expect(sent).toEqual(expected);
    expect(await readRun(store.table, portfolioReportWork.name, MONDAY)).toMatchObject({ planned: RMS + LEADS.length, done: RMS + LEADS.length, complete: true, counts: { sent: RMS + LEADS.length } });

    // Every item again (an operator's re-run, or redeliveries): nothing more is sent.
    const again = await createWorkQueue(local, { visibilitySeconds: 60, maxReceiveCount: 5 });
    await planRun(depsOn(MONDAY), portfolioReportWork, new SqsWorkQueue(again.queueUrl, local.sqs), { replan: true });
    await drain(again, (event) => processWorkBatch(event, depsOn(MONDAY), portfolioReportWork, new Pacer()), 3);
    expect(await reports()).toEqual(expected);
  }, 300_000);

  it('plans nothing before the configured weekday, and the deadline check calls that day complete (no RunIncomplete alarm)', async () => {
    const queue = await createWorkQueue(local, { visibilitySeconds: 60, maxReceiveCount: 5 });
    const wednesdays = { ...depsOn('2026-11-30'), config: testConfig(tableName, { REPORT_WEEKDAY: '3' }) };
    expect(await planRun(wednesdays, portfolioReportWork, new SqsWorkQueue(queue.queueUrl, local.sqs), { replan: false })).toMatchObject({
      status: 'skipped',
      reason: 'the weekly report is not due yet this week',
    });
    expect(await messagesLeft(queue)).toBe(0);
    expect((await checkRun(wednesdays, portfolioReportWork)).complete).toBe(true);
  });
});
