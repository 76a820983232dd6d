// A worker process killed half-way through a batch, after some sends: its messages come back and another worker finishes, once each (call-list and prospect-scan).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, inbox, testConfig } from '../../support/local-aws.ts';
import { createWorkQueue, startLocalSqs, type LocalSqs } from '../../../bin/local/local-sqs.ts';
import { drain, messagesLeft } from '../../../bin/local/sqs-event-source.ts';
import { client } from '../../../lambdas/core/model.ts';
import { createJobDeps } from '../../../lambdas/core/deps.ts';
import { fixedClock } from '../../../lambdas/core/clock.ts';
import { silentLog } from '../../../lambdas/core/log.ts';
import { localTimeToInstant } from '../../../lambdas/core/dates/calendar.ts';
import type { RadarStore } from '../../../lambdas/core/store/radar-store.ts';
import { putClients } from '../../../lambdas/core/store/client-writes.ts';
import { listSent } from '../../../lambdas/core/store/send-claims.ts';
import { planRun } from '../../../lambdas/core/fanout/planner.ts';
import { processWorkBatch } from '../../../lambdas/core/fanout/worker.ts';
import { Pacer } from '../../../lambdas/core/fanout/pacing.ts';
import { readRun } from '../../../lambdas/core/fanout/run-record.ts';
import { SqsWorkQueue } from '../../../lambdas/core/fanout/sqs-queue.ts';
import { callListWork } from '../../../lambdas/call-list/job.ts';
import { prospectScanOnNews, STEEL_IPO, steelRmOf } from './news.ts';

const DAY = '2026-03-05';
const CLOCK = localTimeToInstant(DAY, '07:30', 'Asia/Shanghai').toISOString();
const RMS = 25;
const CRASH_AFTER = 4;
const suffix = randomUUID().slice(0, 8);

let store: RadarStore;
let tableName: string;
let local: LocalSqs;

beforeAll(async () => {
  ({ store, tableName } = await createTestStore());
  local = await startLocalSqs();
  const ids = Array.from({ length: RMS }, (_, i) => `rm-${String(i).padStart(2, '0')}`);
  // Each RM covers steel (today's story goes into their digest) and has a client never called (a call list).
  await store.putRms(ids.map((rmId) => steelRmOf(rmId, `${rmId}-${suffix}@bank.example`)));
  await putClients(store, ids.map((rmId) => client.parse({ clientId: `c-${rmId}`, rmId, kind: 'corporate', tier: 'B', name: `Client of ${rmId}` })));
});

afterAll(() => local?.stop());

describe.each([
  { job: callListWork, subject: /^Call list/ },
  { job: prospectScanOnNews(), subject: /^Prospect radar/ },
])('a $job.name worker that dies half-way through a batch', ({ job, subject }) => {
  it('is delivered again: no RM gets two emails and none gets none', async () => {
    const deps = { ...createJobDeps(testConfig(tableName, { SEND_RATE_CAP: '1000' }), silentLog, fixedClock(CLOCK)), store };
    const queue = await createWorkQueue(local, { visibilitySeconds: 2, maxReceiveCount: 5 });
    await planRun(deps, job, new SqsWorkQueue(queue.queueUrl, local.sqs), { replan: false });

    const worker = spawn(process.execPath, [fileURLToPath(new URL('./crashing-worker.ts', import.meta.url))], {
      env: { ...process.env, TABLE_NAME: tableName, SENDER_EMAIL: 'radar@bank.example', SQS_URL: local.url, QUEUE_URL: queue.queueUrl, QUEUE_ARN: queue.queueArn, CRASH_AFTER: String(CRASH_AFTER), CLOCK, JOB: job.name },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    worker.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => worker.on('exit', (_code, killedBy) => resolve(killedBy)));
    expect(signal, stderr).toBe('SIGKILL');
    // It died after some sends, with the rest of its batch (and the queue) not done.
    const sentBeforeCrash = await listSent(store.table, job.name, DAY);
    expect(sentBeforeCrash).toHaveLength(CRASH_AFTER);
    // All of them: the crashed batch's messages were never deleted, the four it sent included.
    expect(await messagesLeft(queue)).toBe(RMS);

    await drain(queue, (event) => processWorkBatch(event, deps, job, new Pacer()), 2);
    const perRm = new Map<string, number>();
    for (const email of await inbox(suffix)) {
      if (!subject.test(email.subject)) continue;
      for (const to of email.destination.to) perRm.set(to, (perRm.get(to) ?? 0) + 1);
      if (job.name === 'prospect-scan') expect(email.body.text).toContain(STEEL_IPO);
    }
    expect(perRm.size).toBe(RMS);
    expect([...perRm.values()].every((count) => count === 1)).toBe(true);
    expect(await readRun(store.table, job.name, DAY)).toMatchObject({ planned: RMS, done: RMS, complete: true, counts: { sent: RMS, alreadySent: 0 } });
  }, 180_000);
});
