// The planner's edges on DynamoDB Local: a job's own reason to skip a day, shared work that fails, extra parts beside each RM's item, a quota too low for the workers.
import { describe, expect, it } from 'vitest';
import { createTestStore, testConfig } from '../../support/local-aws.ts';
import { rm } from '../../../lambdas/core/model.ts';
import { createJobDeps } from '../../../lambdas/core/deps.ts';
import { fixedClock } from '../../../lambdas/core/clock.ts';
import { silentLog } from '../../../lambdas/core/log.ts';
import { localTimeToInstant } from '../../../lambdas/core/dates/calendar.ts';
import { InProcessQueue } from '../../../lambdas/core/fanout/queue.ts';
import { checkRun, planRun } from '../../../lambdas/core/fanout/planner.ts';
import { readRun } from '../../../lambdas/core/fanout/run-record.ts';
import type { PerRmJob } from '../../../lambdas/core/fanout/per-rm-job.ts';
import type { WorkItem } from '../../../lambdas/core/fanout/work-item.ts';

const DAY = '2026-03-05';

async function setUp(overrides: Record<string, string> = {}) {
  const { store, tableName } = await createTestStore();
  await store.putRms(['rm-a', 'rm-b', 'rm-lead'].map((rmId) => rm.parse({ rmId, name: rmId, email: `${rmId}@bank.example`, locale: 'en' })));
  const deps = { ...createJobDeps(testConfig(tableName, overrides), silentLog, fixedClock(localTimeToInstant(DAY, '07:30', 'Asia/Shanghai').toISOString())), store };
  const enqueued: WorkItem[] = [];
  const queue = new InProcessQueue({ maxAttempts: 1, retryDelayMs: 0 });
  queue.enqueue = async (items) => void enqueued.push(...items);
  return { store, deps, queue, enqueued };
}

const noWork: PerRmJob['forRm'] = async () => ({ outcome: 'not-needed' });

describe('planRun', () => {
  it("skips a day the job says it has nothing to do, writing no run record", async () => {
    const { store, deps, queue, enqueued } = await setUp();
    const weekly: PerRmJob = { name: 'weekly-test', skip: () => 'not this week', forRm: noWork };
    expect(await planRun(deps, weekly, queue, { replan: false })).toEqual({ status: 'skipped', businessDate: DAY, reason: 'not this week' });
    expect(enqueued).toEqual([]);
    expect(await readRun(store.table, 'weekly-test', DAY)).toBeUndefined();
    // Nor does the deadline check call that day incomplete (no RunIncomplete alarm on a weekly job's other days).
    expect(await checkRun(deps, weekly)).toEqual({ complete: true });
    expect(await checkRun(deps, { ...weekly, skip: () => undefined })).toMatchObject({ complete: false });
  });

  it('lets a retried schedule plan at once when the shared work failed, instead of waiting out the lease', async () => {
    const { deps, queue, enqueued } = await setUp();
    let attempts = 0;
    const flaky: PerRmJob = {
      name: 'flaky-test',
      prepare: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('feed reader timed out');
        return { read: { feeds: 2 }, shared: { failingFeeds: [] } };
      },
      forRm: noWork,
    };
    await expect(planRun(deps, flaky, queue, { replan: false })).rejects.toThrow('feed reader timed out');
    expect(enqueued).toEqual([]);
    const retried = await planRun(deps, flaky, queue, { replan: false });
    expect(retried).toMatchObject({ status: 'planned', planned: 3, read: { feeds: 2, rms: 3 } });
    // Every item carries the shared context.
    expect(enqueued.map((item) => item.shared)).toEqual([{ failingFeeds: [] }, { failingFeeds: [] }, { failingFeeds: [] }]);
  });

  it("enqueues a job's extra parts beside each RM's item and counts them in the run", async () => {
    const { store, deps, queue, enqueued } = await setUp();
    const withTeams: PerRmJob = { name: 'team-test', extraParts: (rms) => rms.filter((r) => r.rmId === 'rm-lead').map((r) => ({ rmId: r.rmId, part: 'team' })), forRm: noWork };
    expect(await planRun(deps, withTeams, queue, { replan: false })).toMatchObject({ status: 'planned', planned: 4, read: { rms: 3 } });
    expect(enqueued.map((item) => [item.rmId, item.part])).toEqual([
      ['rm-a', undefined],
      ['rm-b', undefined],
      ['rm-lead', undefined],
      ['rm-lead', 'team'],
    ]);
    expect(await readRun(store.table, 'team-test', DAY)).toMatchObject({ planned: 4, done: 0, complete: false });
  });

  it('paces to the SES quota it read, and warns when that rate is too low for the workers to finish a batch within their timeout', async () => {
    // 20 workers: allowed at the 14/s cap; on a sandbox account's 1/s each waits 20 s between sends, so a batch of ten waits 180 s.
    const { deps, queue, enqueued } = await setUp({ WORKER_CONCURRENCY: '20' });
    const warnings: unknown[][] = [];
    const watched = { ...deps, log: { ...silentLog, warn: (message: string, extra?: Record<string, unknown>) => void warnings.push([message, extra]) } };
    expect(await planRun(watched, { name: 'sandbox-test', forRm: noWork }, queue, { replan: false, sesSendRate: 1 })).toMatchObject({ status: 'planned', sendRate: 1 });
    expect(enqueued[0]!.sendIntervalMs).toBe(20_000);
    expect(warnings).toEqual([[expect.stringContaining('lower fanOut.workerConcurrency'), { job: 'sandbox-test', sendRate: 1, workers: 20, mostWorkers: 10 }]]);
    // At 14/s the same workers fit (each waits 1.43 s, a batch 13 s).
    warnings.length = 0;
    expect(await planRun(watched, { name: 'production-test', forRm: noWork }, queue, { replan: false, sesSendRate: 14 })).toMatchObject({ status: 'planned', sendRate: 14 });
    expect(enqueued.at(-1)!.sendIntervalMs).toBe(1_429);
    expect(warnings).toEqual([]);
  });
});
