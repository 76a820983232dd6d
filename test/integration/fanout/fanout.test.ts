// The fan-out against DynamoDB Local, the local SES and a real SQS API (fauxqs): planner, queue, workers, run record, exactly once, for the three morning jobs.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  it('slows the run down and completes it: throttled RMs are delivered again after a short back-off, none lost, none sent twice', async () => {
    // A table of its own, smaller: what is shown is the retry of the throttled RMs, not the volume.
    const small = await createTestStore();
    const rms = 60;
    const tag = randomUUID().slice(0, 8);
    await loadRms(small.store, rms, tag);
    const proxy = await startThrottlingSes(process.env.LOCAL_SES_URL!, 20);
    try {
      const mailer = new SesMailer('radar@bank.example', { ses: sendingSesClient({ endpoint: proxy.url }) });
      // A visibility timeout longer than the whole run may take: a throttled item that waited it out would show in the time.
      const visibilitySeconds = 120;
      const queue = await createWorkQueue(local, { visibilitySeconds, maxReceiveCount: 10 });
      const sqsQueue = new SqsWorkQueue(queue.queueUrl, local.sqs);
      const plan = await planRun(deps({ store: small.store }), callListWork, sqsQueue, { replan: false });
      expect(plan).toMatchObject({ status: 'planned', planned: rms });
      let redelivered = 0;
      const started = Date.now();
      await drain(
        queue,
        (event) => {
          redelivered += event.Records.filter((record) => Number(record.attributes.ApproximateReceiveCount) > 1).length;
          return processWorkBatch(event, deps({ store: small.store, mailer }), callListWork, new Pacer(), { throttled: { queue: sqsQueue, baseSeconds: 1 } });
        },
        WORKERS,
      );
      // Every throttled item came back after its back-off (seconds), not after the visibility timeout.
      expect(Date.now() - started).toBeLessThan(visibilitySeconds * 1000);
      expect(proxy.throttled).toBe(20);
      expect(redelivered).toBeGreaterThanOrEqual(20);
      expect(proxy.passed).toBe(rms);
      expect(await listSent(small.store.table, callListWork.name, DAY)).toHaveLength(rms);
      expect(await readRun(small.store.table, callListWork.name, DAY)).toMatchObject({ done: rms, complete: true, counts: { sent: rms, failed: 0 } });
      const perRm = await emailsPerRm(new RegExp(`^Call list for ${DAY}`), tag);
      expect(perRm.size).toBe(rms);
      expect([...perRm.values()].every((count) => count === 1)).toBe(true);
    } finally {
      await proxy.close();
    }
  }, 600_000);
});
