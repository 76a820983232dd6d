// The fan-out against DynamoDB Local, the local SES and a real SQS API (fauxqs): planner, queue, workers, run record, exactly once, for the three morning jobs.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { createTestStore, inbox, testConfig } from '../../support/local-aws.ts';
import { createWorkQueue, startLocalSqs, type LocalSqs } from '../../../bin/local/local-sqs.ts';
import { startThrottlingSes } from '../../support/throttling-ses.ts';
import { drain, messagesLeft } from '../../../bin/local/sqs-event-source.ts';
import { client, contact } from '../../../lambdas/core/model.ts';
import { createJobDeps } from '../../../lambdas/core/deps.ts';
import { fixedClock } from '../../../lambdas/core/clock.ts';
import { silentLog } from '../../../lambdas/core/log.ts';
import { localTimeToInstant } from '../../../lambdas/core/dates/calendar.ts';
import type { JobDeps } from '../../../lambdas/core/job.ts';
import type { RadarStore } from '../../../lambdas/core/store/radar-store.ts';
import { putClients } from '../../../lambdas/core/store/client-writes.ts';
import { listSent } from '../../../lambdas/core/store/send-claims.ts';
import { SesMailer, sendingSesClient } from '../../../lambdas/core/mail/mailer.ts';
import { checkRun, planRun } from '../../../lambdas/core/fanout/planner.ts';
import { processWorkBatch } from '../../../lambdas/core/fanout/worker.ts';
import { Pacer } from '../../../lambdas/core/fanout/pacing.ts';
import { readRun } from '../../../lambdas/core/fanout/run-record.ts';
import { SqsWorkQueue } from '../../../lambdas/core/fanout/sqs-queue.ts';
import { runInProcess } from '../../../lambdas/core/fanout/run-in-process.ts';
import type { WorkItem } from '../../../lambdas/core/fanout/work-item.ts';
import type { PerRmJob } from '../../../lambdas/core/fanout/per-rm-job.ts';
import { callListWork } from '../../../lambdas/call-list/job.ts';
import { touchRemindersWork } from '../../../lambdas/touch-reminders/job.ts';
import { runCli } from '../../support/cli.ts';
import { digestSubject, prospectScanOnNews, STEEL_IPO, steelRmOf } from './news.ts';

const TZ = 'Asia/Shanghai';
const DAY = '2026-03-05'; // a Thursday
const RMS = 1_000;
const WORKERS = 4;
const suffix = randomUUID().slice(0, 8);

let store: RadarStore;
let tableName: string;
let local: LocalSqs;

function deps(overrides: Partial<JobDeps> = {}): JobDeps {
  const config = testConfig(overrides.store?.table.tableName ?? tableName, { SEND_RATE_CAP: '2000', WORKER_CONCURRENCY: String(WORKERS) });
  return { ...createJobDeps(config, silentLog, fixedClock(localTimeToInstant(DAY, '07:30', TZ).toISOString())), store, ...overrides };
}

/** A table of `count` RMs, each covering steel (today's story is in their digest) with a book of one client never called (a call list) whose finance head has a birthday today (a reminder). */
async function loadRms(into: RadarStore, count: number, tag = suffix): Promise<void> {
  const ids = Array.from({ length: count }, (_, i) => `rm-${String(i).padStart(4, '0')}`);
  await into.putRms(ids.map((rmId) => steelRmOf(rmId, `${rmId}-${tag}@bank.example`)));
  await putClients(into, ids.map((rmId) => client.parse({ clientId: `c-${rmId}`, rmId, kind: 'corporate', tier: 'B', name: `Client of ${rmId}` })));
  await into.putContacts(ids.map((rmId) => contact.parse({ contactId: 'cfo', clientId: `c-${rmId}`, name: 'Finance Head', role: 'CFO', birthday: { monthDay: '03-05' } })));
}

/** Planner, then WORKERS pollers calling the worker's batch handler until the queue is empty. */
async function runOnQueue(job: PerRmJob, options: { visibilitySeconds?: number; workerDeps?: JobDeps } = {}) {
  const queue = await createWorkQueue(local, { visibilitySeconds: options.visibilitySeconds ?? 30, maxReceiveCount: 10 });
  const plan = await planRun(deps(), job, new SqsWorkQueue(queue.queueUrl, local.sqs), { replan: false });
  const workerDeps = options.workerDeps ?? deps();
  const receives = new Map<string, number>();
  await drain(
    queue,
    (event) => {
      for (const record of event.Records) receives.set(record.messageId, Number(record.attributes.ApproximateReceiveCount));
      return processWorkBatch(event, workerDeps, job, new Pacer());
    },
    WORKERS,
  );
  return { plan, queue, receives };
}

/** Recipient → how many emails of this run's RMs (tagged `tag`) it holds with a subject matching `marker`. */
async function emailsPerRm(marker: RegExp, tag = suffix) {
  const counts = new Map<string, number>();
  for (const email of await inbox(tag)) {
    if (!marker.test(email.subject)) continue;
    for (const to of email.destination.to) counts.set(to, (counts.get(to) ?? 0) + 1);
  }
  return counts;
}

beforeAll(async () => {
  ({ store, tableName } = await createTestStore());
  local = await startLocalSqs();
  await loadRms(store, RMS);
}, 300_000);

afterAll(() => local?.stop());

describe('the fan-out on SQS', () => {
  it(`plans ${RMS} work items per job and the workers send exactly ${RMS} emails per job; the run records are complete`, async () => {
    // The three jobs at once, each on its own queue with its own workers, as their schedules may overlap.
    const jobs = [callListWork, touchRemindersWork, prospectScanOnNews()];
    const runs = await Promise.all(jobs.map((job) => runOnQueue(job)));
    for (const [index, job] of jobs.entries()) {
      const { plan, queue } = runs[index]!;
      expect(plan).toMatchObject({ status: 'planned', planned: RMS });
      expect(await messagesLeft(queue)).toBe(0);
      expect(await listSent(store.table, job.name, DAY)).toHaveLength(RMS);
      const run = await readRun(store.table, job.name, DAY);
      expect(run).toMatchObject({ planned: RMS, done: RMS, complete: true, counts: { sent: RMS, failed: 0, alreadySent: 0 } });
      expect(run!.finishedAt! >= run!.startedAt).toBe(true);
    }
    const callLists = await emailsPerRm(new RegExp(`^Call list for ${DAY}`));
    const reminders = await emailsPerRm(new RegExp(`^Touch reminders for ${DAY}`));
    const digests = await emailsPerRm(digestSubject(DAY));
    expect(callLists.size).toBe(RMS);
    expect([...callLists.values()].every((count) => count === 1)).toBe(true);
    expect(reminders.size).toBe(RMS);
    expect([...reminders.values()].every((count) => count === 1)).toBe(true);
    expect(digests.size).toBe(RMS);
    expect([...digests.values()].every((count) => count === 1)).toBe(true);
    // Each digest was built from its own RM's entries: the story, once.
    const digest = (await inbox(`rm-0007-${suffix}`)).find((email) => digestSubject(DAY).test(email.subject))!;
    expect(digest.body.text!.split(STEEL_IPO)).toHaveLength(2);

    expect((await checkRun(deps(), callListWork)).complete).toBe(true);
    // A Saturday has nothing to do: complete.
    expect((await checkRun(deps(), callListWork, '2026-03-07')).complete).toBe(true);

    const shown = await runCli(['runs', 'show', '--date', DAY], { tableName });
    expect(shown.output).toContain(`call-list ${DAY}: complete at`);
    expect(shown.output).toContain(`planned ${RMS}, done ${RMS} (sent ${RMS},`);
  }, 600_000);

  it.each([
    { job: callListWork, day: '2026-03-06' },
    { job: prospectScanOnNews(), day: '2026-03-10' },
  ])('enqueues one set of $job.name work items when two planners run for the same job and date (a retried schedule)', async ({ job, day }) => {
    const queue = await createWorkQueue(local, { visibilitySeconds: 30, maxReceiveCount: 10 });
    const sqsQueue = new SqsWorkQueue(queue.queueUrl, local.sqs);
    const at = fixedClock(localTimeToInstant(day, '07:30', TZ).toISOString());
    const plans = await Promise.all([1, 2].map(() => planRun({ ...deps(), clock: at }, job, sqsQueue, { replan: false })));
    expect(plans.map((plan) => plan.status).sort()).toEqual(['already-planned', 'planned']);
    expect(await messagesLeft(queue)).toBe(RMS);
    // Planned but not worked: the deadline check says incomplete (the RunIncomplete alarm's metric).
    expect((await checkRun({ ...deps(), clock: at }, job)).complete).toBe(false);
    // A third, after the first finished: still nothing more.
    expect((await planRun({ ...deps(), clock: at }, job, sqsQueue, { replan: false })).status).toBe('already-planned');
    expect(await messagesLeft(queue)).toBe(RMS);
  }, 300_000);
});

describe('SES throttling', () => {
  /** Deliveries before an item is dead-lettered, as the stack's queue (lib/fan-out.ts MAX_RECEIVE_COUNT). */
  const MAX_RECEIVES = 5;
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  /** A table of its own (what is shown is the retry of throttled RMs, not the volume), the proxy in front of the local SES, a queue, and a planned call-list run. */
  async function throttledRun(rms: number, throttle: number | { forMs: number }, queueOptions: { visibilitySeconds: number; maxReceiveCount: number }) {
    const small = await createTestStore();
    const tag = randomUUID().slice(0, 8);
    await loadRms(small.store, rms, tag);
    const proxy = await startThrottlingSes(process.env.LOCAL_SES_URL!, throttle);
    closers.push(() => proxy.close());
    const mailer = new SesMailer('radar@bank.example', { ses: sendingSesClient({ endpoint: proxy.url }) });
    const queue = await createWorkQueue(local, queueOptions);
    const sqsQueue = new SqsWorkQueue(queue.queueUrl, local.sqs);
    expect(await planRun(deps({ store: small.store }), callListWork, sqsQueue, { replan: false })).toMatchObject({ status: 'planned', planned: rms });
    const table = small.store.table;
    return { store: small.store, tableName: small.tableName, table, tag, proxy, queue, sqsQueue, workerDeps: deps({ store: small.store, mailer }) };
  }

  const bodyOf = (record: SQSRecord): WorkItem => JSON.parse(record.body) as WorkItem;
  const isCopy = (record: SQSRecord) => bodyOf(record).throttles !== undefined;
  const receiveCount = (record: SQSRecord) => Number(record.attributes.ApproximateReceiveCount);
  const deadLetters = async (queue: { sqs: LocalSqs['sqs']; deadLetterUrl: string }) => {
    const bodies: WorkItem[] = [];
    for (;;) {
      const { Messages = [] } = await queue.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.deadLetterUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
      if (Messages.length === 0) return bodies;
      bodies.push(...Messages.map((message) => JSON.parse(message.Body!) as WorkItem));
    }
  };
  async function expectOneEmailEach(tag: string, rms: number) {
    const perRm = await emailsPerRm(new RegExp(`^Call list for ${DAY}`), tag);
    expect(perRm.size).toBe(rms);
    expect([...perRm.values()].every((count) => count === 1)).toBe(true);
  }

  it('slows the run down and completes it: each throttled RM comes back as a delayed copy, none lost, none sent twice', async () => {
    const rms = 60;
    const run = await throttledRun(rms, 20, { visibilitySeconds: 120, maxReceiveCount: MAX_RECEIVES });
    let copies = 0;
    let redelivered = 0;
    const started = Date.now();
    await drain(
      run.queue,
      (event) => {
        copies += event.Records.filter(isCopy).length;
        redelivered += event.Records.filter((record) => receiveCount(record) > 1).length;
        return processWorkBatch(event, run.workerDeps, callListWork, new Pacer(), { throttled: { queue: run.sqsQueue, baseSeconds: 1, maxDelaySeconds: 2 } });
      },
      WORKERS,
    );
    // A visibility timeout longer than the whole run: a throttled item that waited it out would show in the time.
    expect(Date.now() - started).toBeLessThan(120_000);
    expect(run.proxy.throttled).toBe(20);
    // Each throttle made a fresh copy, and no message was received twice: the receive counts did not grow.
    expect(copies).toBe(20);
    expect(redelivered).toBe(0);
    expect(run.proxy.passed).toBe(rms);
    expect(await listSent(run.table, callListWork.name, DAY)).toHaveLength(rms);
    expect(await readRun(run.table, callListWork.name, DAY)).toMatchObject({ done: rms, complete: true, counts: { sent: rms, failed: 0, requeued: 0 } });
    await expectOneEmailEach(run.tag, rms);
  }, 600_000);

  it(`completes through a throttle that lasts longer than ${MAX_RECEIVES} receives would have allowed: none dead-lettered, and while it lasts the run counts its RMs requeued, not failed`, async () => {
    const rms = 20;
    const throttleMs = 16_000;
    const run = await throttledRun(rms, { forMs: throttleMs }, { visibilitySeconds: 120, maxReceiveCount: MAX_RECEIVES });
    // Every copy waits 2 s: within the throttle an RM is tried at most every 2 s, so no RM reaches the cap of 11.
    const throttled = { queue: run.sqsQueue, baseSeconds: 1, maxDelaySeconds: 2, random: () => 0.6 };
    const throttlesOf = new Map<string, number>();
    const midway = new Promise<[Awaited<ReturnType<typeof readRun>>, string]>((resolve, reject) =>
      setTimeout(() => {
        Promise.all([readRun(run.table, callListWork.name, DAY), runCli(['runs', 'show', '--job', 'call-list', '--date', DAY], { tableName: run.tableName }).then((shown) => shown.output)])
          .then(resolve, reject);
      }, throttleMs / 2),
    );
    await drain(
      run.queue,
      (event) =>
        processWorkBatch(event, run.workerDeps, callListWork, new Pacer(), {
          throttled,
          onWork: (item, work) => {
            if (work.outcome === 'requeued') throttlesOf.set(item.rmId, (item.throttles ?? 0) + 1);
          },
        }),
      WORKERS,
    );
    const [during, shown] = await midway;
    expect(during).toMatchObject({ complete: false, counts: { failed: 0 } });
    expect(during!.counts.requeued).toBeGreaterThan(0);
    expect(during!.done + during!.counts.requeued).toBeLessThanOrEqual(rms);
    expect(shown).toContain('in progress');
    expect(shown).toContain('failed 0, requeued ');

    // Under the old back-off every throttle was one receive of the same message: these RMs would have been dead-lettered.
    expect(Math.max(...throttlesOf.values())).toBeGreaterThan(MAX_RECEIVES);
    expect(throttlesOf.size).toBe(rms);
    expect(await deadLetters(run.queue)).toEqual([]);
    expect(run.proxy.passed).toBe(rms);
    expect(await readRun(run.table, callListWork.name, DAY)).toMatchObject({ planned: rms, done: rms, complete: true, counts: { sent: rms, failed: 0, requeued: 0 } });
    await expectOneEmailEach(run.tag, rms);
  }, 600_000);

  it('sends nothing twice when a requeued original comes back beside its copy (the delete of the original was lost)', async () => {
    const rms = 20;
    const run = await throttledRun(rms, 10, { visibilitySeconds: 2, maxReceiveCount: MAX_RECEIVES });
    const lost = new Set<string>();
    let originalsBack = 0;
    await drain(
      run.queue,
      async (event) => {
        originalsBack += event.Records.filter((record) => lost.has(record.messageId)).length;
        const requeued = new Set<string>();
        const response = await processWorkBatch(event, run.workerDeps, callListWork, new Pacer(), {
          throttled: { queue: run.sqsQueue, baseSeconds: 1, maxDelaySeconds: 2 },
          onWork: (item, work) => void (work.outcome === 'requeued' && requeued.add(item.rmId)),
        });
        // The event source fails to delete these originals: they come back after the visibility timeout, as their copies do after their delay.
        const undeleted = event.Records.filter((record) => !isCopy(record) && receiveCount(record) === 1 && requeued.has(bodyOf(record).rmId));
        for (const record of undeleted) lost.add(record.messageId);
        return { batchItemFailures: [...response.batchItemFailures, ...undeleted.map((record) => ({ itemIdentifier: record.messageId }))] };
      },
      WORKERS,
    );
    expect(lost.size).toBe(10);
    expect(originalsBack).toBe(10);
    // One send per RM reached SES beyond the throttled ones: the claims let only one of the two copies send.
    expect(run.proxy.passed).toBe(rms);
    expect(await readRun(run.table, callListWork.name, DAY)).toMatchObject({ done: rms, complete: true, counts: { sent: rms, failed: 0, requeued: 0 } });
    await expectOneEmailEach(run.tag, rms);
  }, 600_000);

  it('fails an RM throttled more often than the cap, so that it ends in the dead-letter queue; the run counts it failed', async () => {
    const rms = 3;
    const maxRequeues = 2;
    const maxReceiveCount = 2;
    const run = await throttledRun(rms, { forMs: Infinity }, { visibilitySeconds: 120, maxReceiveCount });
    await drain(
      run.queue,
      (event) => processWorkBatch(event, run.workerDeps, callListWork, new Pacer(), { throttled: { queue: run.sqsQueue, baseSeconds: 1, maxDelaySeconds: 2, maxRequeues } }),
      WORKERS,
    );
    // Per RM: the original and its copies (each throttled once), then the last copy's receives, each failed with a short back-off.
    expect(run.proxy.throttled).toBe(rms * (1 + maxRequeues + maxReceiveCount - 1));
    expect(run.proxy.passed).toBe(0);
    const dead = await deadLetters(run.queue);
    expect(dead.map((item) => item.rmId).sort()).toEqual(['rm-0000', 'rm-0001', 'rm-0002']);
    expect(dead.every((item) => item.throttles === maxRequeues)).toBe(true);
    expect(await readRun(run.table, callListWork.name, DAY)).toMatchObject({ done: 0, complete: false, counts: { sent: 0, failed: rms, requeued: 0 } });
    const shown = await runCli(['runs', 'show', '--job', 'call-list', '--date', DAY], { tableName: run.tableName });
    expect(shown.output).toContain(`failed ${rms};`);
    expect(await emailsPerRm(new RegExp(`^Call list for ${DAY}`), run.tag)).toEqual(new Map());
  }, 600_000);

  it('fails a throttled RM as before (a short back-off, then again) when its copy cannot be enqueued: nothing lost', async () => {
    const rms = 5;
    const run = await throttledRun(rms, 3, { visibilitySeconds: 120, maxReceiveCount: MAX_RECEIVES });
    let refused = 0;
    const refusing = {
      enqueueAfter: () => ((refused += 1), Promise.reject(Object.assign(new Error('SQS unavailable'), { name: 'ServiceUnavailable' }))),
      showAgainAfter: (receiptHandle: string, seconds: number) => run.sqsQueue.showAgainAfter(receiptHandle, seconds),
    };
    let redelivered = 0;
    const started = Date.now();
    await drain(
      run.queue,
      (event) => {
        redelivered += event.Records.filter((record) => receiveCount(record) > 1).length;
        return processWorkBatch(event, run.workerDeps, callListWork, new Pacer(), { throttled: { queue: refusing, baseSeconds: 1 } });
      },
      WORKERS,
    );
    expect(Date.now() - started).toBeLessThan(120_000);
    expect(refused).toBe(3);
    expect(redelivered).toBe(3);
    expect(run.proxy.passed).toBe(rms);
    expect(await readRun(run.table, callListWork.name, DAY)).toMatchObject({ done: rms, complete: true, counts: { sent: rms, failed: 0, requeued: 0 } });
    await expectOneEmailEach(run.tag, rms);
  }, 600_000);

  it('requeues a throttled RM on the in-process queue too (rm-radar run): the run waits for it and sends each RM once', async () => {
    const rms = 8;
    const run = await throttledRun(rms, 4, { visibilitySeconds: 30, maxReceiveCount: MAX_RECEIVES });
    const summary = await runInProcess(callListWork, { throttle: { baseSeconds: 1, maxDelaySeconds: 1 } })(run.workerDeps);
    expect(summary.emails).toMatchObject({ sent: rms, failed: 0 });
    expect(run.proxy).toMatchObject({ throttled: 4, passed: rms });
    await expectOneEmailEach(run.tag, rms);
  }, 600_000);
});
