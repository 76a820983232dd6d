// Pacing and the in-process queue: the send rate from quota and cap, spaced sends, retries and dead letters.
import { describe, expect, it } from 'vitest';
import { Pacer, runSendRate, sendIntervalMs } from '../../../lambdas/core/fanout/pacing.ts';
import { InProcessQueue } from '../../../lambdas/core/fanout/queue.ts';
import { mostPacedWorkers, PACED_BATCH_SECONDS, WORKER_BATCH_SIZE } from '../../../lambdas/core/fanout/worker-limits.ts';
import type { WorkItem } from '../../../lambdas/core/fanout/work-item.ts';

describe('the send rate', () => {
  it('is the lower of the SES quota and the cap, and the cap when the quota is unknown', () => {
    expect(runSendRate(14, 50)).toBe(14);
    expect(runSendRate(200, 50)).toBe(50);
    expect(runSendRate(undefined, 50)).toBe(50);
  });

  it('is shared by the workers: each waits workers/rate seconds between its sends', () => {
    expect(sendIntervalMs(14, 10)).toBe(715);
    expect(sendIntervalMs(50, 10)).toBe(200);
    expect(sendIntervalMs(1, 1)).toBe(1000);
  });

  it('bounds the workers by what keeps a batch’s waits within the worker’s timeout', () => {
    expect([1, 14, 50, 200].map(mostPacedWorkers)).toEqual([10, 140, 500, 2000]);
    // At that many workers a batch of ten waits no longer than PACED_BATCH_SECONDS.
    expect(((WORKER_BATCH_SIZE - 1) * sendIntervalMs(14, mostPacedWorkers(14))) / 1000).toBeLessThanOrEqual(PACED_BATCH_SECONDS);
  });

  it('spaces one worker’s sends, the first at once', async () => {
    const slept: number[] = [];
    const pacer = new Pacer(async (ms) => void slept.push(ms));
    await pacer.wait(500);
    await pacer.wait(500);
    await pacer.wait(500);
    expect(slept).toHaveLength(2);
    expect(slept[0]).toBeGreaterThan(400);
    expect(slept[1]).toBeGreaterThan(900);
  });
});

describe('InProcessQueue', () => {
  const item = (rmId: string): WorkItem => ({ job: 'call-list', rmId, businessDate: '2026-03-05', sendIntervalMs: 0 });

  it('works every item once with the given concurrency, and tries a failed one again up to maxAttempts', async () => {
    const queue = new InProcessQueue({ maxAttempts: 3, retryDelayMs: 1 });
    await queue.enqueue(['a', 'b', 'c', 'd'].map(item));
    const attempts = new Map<string, number>();
    let running = 0;
    let most = 0;
    const dead = await queue.drain(async (work) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      attempts.set(work.rmId, (attempts.get(work.rmId) ?? 0) + 1);
      if (work.rmId === 'b' && attempts.get('b')! < 2) throw new Error('throttled');
      if (work.rmId === 'd') throw new Error('always fails');
    }, 2);
    expect(Object.fromEntries(attempts)).toEqual({ a: 1, b: 2, c: 1, d: 3 });
    expect(dead.map((work) => work.rmId)).toEqual(['d']);
    expect(most).toBe(2);
    expect(queue.size).toBe(0);
  });

  it('takes a delayed item once it is due, without holding up the items behind it', async () => {
    const queue = new InProcessQueue({ maxAttempts: 1, retryDelayMs: 0 });
    await queue.enqueueAfter(item('late'), 1);
    await queue.enqueue(['a', 'b'].map(item));
    const started = Date.now();
    const order: [string, number][] = [];
    await queue.drain(async (work) => void order.push([work.rmId, Date.now() - started]), 1);
    expect(order.map(([rmId]) => rmId)).toEqual(['a', 'b', 'late']);
    expect(order[1]![1]).toBeLessThan(500);
    expect(order[2]![1]).toBeGreaterThanOrEqual(990);
    await expect(queue.enqueueAfter(item('x'), 901)).rejects.toThrow(/0 to 900/);
    await expect(queue.enqueueAfter(item('x'), 1.5)).rejects.toThrow(/whole number/);
  });
});
