// Benchmark: the morning fan-out (planner, SQS, workers) on DynamoDB Local, the local SES and fauxqs, per RM, and a projection.
// Usage: npm run bench -- fanout   (or: node scripts/bench-fanout.ts --rms 1000,5000,10000 --book 50 --workers 8)
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import pLimit from 'p-limit';
import { freePort, localAwsEnvironment, startDynamoDbLocal, startLocalSes } from '../bin/local/services.ts';
import { createWorkQueue, startLocalSqs } from '../bin/local/local-sqs.ts';
import { drain } from '../bin/local/sqs-event-source.ts';
import { ensureTable } from '../lambdas/core/store/create-table.ts';
import { batchWrite, createDocumentClient } from '../lambdas/core/store/dynamo.ts';
import { clientItem, contactItem, RadarStore } from '../lambdas/core/store/radar-store.ts';
import { loadConfig } from '../lambdas/core/config.ts';
import { createJobDeps } from '../lambdas/core/deps.ts';
import { fixedClock } from '../lambdas/core/clock.ts';
import { silentLog } from '../lambdas/core/log.ts';
import { addDays, localTimeToInstant } from '../lambdas/core/dates/calendar.ts';
import { client, contact, rm } from '../lambdas/core/model.ts';
import { planRun } from '../lambdas/core/fanout/planner.ts';
import { processWorkBatch } from '../lambdas/core/fanout/worker.ts';
import { Pacer } from '../lambdas/core/fanout/pacing.ts';
import { readRun } from '../lambdas/core/fanout/run-record.ts';
import { SqsWorkQueue } from '../lambdas/core/fanout/sqs-queue.ts';
import type { PerRmJob } from '../lambdas/core/fanout/per-rm-job.ts';
import { callListWork } from '../lambdas/call-list/job.ts';
import { touchRemindersWork } from '../lambdas/touch-reminders/job.ts';
import { random } from './seeded-random.ts';
import { wholeNumber } from './bench-args.ts';

const { values: args } = parseArgs({
  options: { rms: { type: 'string', default: '1000,5000,10000' }, book: { type: 'string', default: '50' }, workers: { type: 'string', default: '8' } },
});
const SIZES = args.rms.split(',').map((size) => wholeNumber('rms', size.trim()));
const BOOK = wholeNumber('book', args.book);
const WORKERS = wholeNumber('workers', args.workers);
const DAY = '2026-03-05';
const TZ = 'Asia/Shanghai';
const JOBS: PerRmJob[] = [callListWork, touchRemindersWork];

/** DynamoDB requests and the capacity they consumed, counted on the document client. */
interface Usage {
  requests: number;
  rcu: number;
  wcu: number;
  sqsRequests: number;
}

function meterDynamo(store: RadarStore, usage: Usage): void {
  const writes = /Put|Update|Delete|BatchWrite|TransactWrite/;
  store.table.doc.middlewareStack.add(
    (next, context) => async (call) => {
      (call.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(call);
      usage.requests += 1;
      const consumed = (result.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] }).ConsumedCapacity;
      const units = [consumed ?? []].flat().reduce((sum, entry) => sum + (entry.CapacityUnits ?? 0), 0);
      if (writes.test(String(context.commandName))) usage.wcu += units;
      else usage.rcu += units;
      return result;
    },
    { step: 'initialize', name: 'benchMeter' },
  );
}

function meterSqs(sqs: SQSClient, usage: Usage): void {
  sqs.middlewareStack.add((next) => async (call) => ((usage.sqsRequests += 1), next(call)), { step: 'initialize', name: 'benchSqsMeter' });
}

/** RM i's book: BOOK clients, about a third due for a call, each with a contact; a birthday somewhere in the year. */
async function load(store: RadarStore, rmCount: number): Promise<void> {
  await store.putRms(Array.from({ length: rmCount }, (_, i) => rm.parse({ rmId: `rm-${i}`, name: `RM ${i}`, email: `rm-${i}@bank.example`, locale: i % 2 ? 'en' : 'zh-CN' })));
  const limit = pLimit(8);
  const CHUNK = 50;
  const chunks: number[] = [];
  for (let start = 0; start < rmCount; start += CHUNK) chunks.push(start);
  await Promise.all(
    chunks.map((start) =>
      limit(async () => {
        const items = [];
        for (let i = start; i < Math.min(rmCount, start + CHUNK); i++) {
          for (let k = 0; k < BOOK; k++) {
            const next = random(i * BOOK + k + 1);
            const tier = next() < 0.2 ? 'A' : next() < 0.5 ? 'B' : 'C';
            const daysAgo = Math.floor(next() * 1.6 * { A: 14, B: 30, C: 90 }[tier]);
            const clientId = `c-${i}-${k}`;
            const c = client.parse({ clientId, rmId: `rm-${i}`, kind: 'corporate', tier, name: `Company ${i}-${k}`, lastContactAt: localTimeToInstant(addDays(DAY, -daysAgo), '10:00', TZ).toISOString() });
            const month = String(1 + Math.floor(next() * 12)).padStart(2, '0');
            const day = String(1 + Math.floor(next() * 28)).padStart(2, '0');
            items.push({ put: clientItem(c) }, { put: contactItem(contact.parse({ contactId: 'p-1', clientId, name: `Contact ${k}`, birthday: { monthDay: `${month}-${day}` } }), `rm-${i}`) });
          }
        }
        await batchWrite(store.table, items, 2);
      }),
    ),
  );
}

interface Row {
  rms: number;
  job: string;
  planSeconds: number;
  workSeconds: number;
  sent: number;
  usage: Usage;
  peakRssMb: number;
}

async function main(): Promise<void> {
  const [dynamoPort, sesPort] = [await freePort(), await freePort()];
  const dynamodb = await startDynamoDbLocal({ port: dynamoPort });
  const ses = await startLocalSes({ port: sesPort });
  const sqs = await startLocalSqs();
  Object.assign(process.env, localAwsEnvironment(dynamodb.url, ses.url));
  const rows: Row[] = [];
  try {
    for (const size of SIZES) {
      const tableName = `rm-radar-bench-${size}`;
      const ddb = new DynamoDBClient({});
      await ensureTable(ddb, tableName);
      const store = new RadarStore(createDocumentClient(ddb), tableName);
      const loadStart = Date.now();
      await load(store, size);
      process.stdout.write(`${size} RMs with ${BOOK} clients each loaded in ${((Date.now() - loadStart) / 1000).toFixed(0)} s\n`);
      // Unpaced (the cap far above what one machine sends), so the figures are the work per RM, not the wait.
      const config = loadConfig({ TABLE_NAME: tableName, SENDER_EMAIL: 'bench@bank.example', SEND_RATE_CAP: '10000', WORKER_CONCURRENCY: String(WORKERS) });
      for (const job of JOBS) {
        const usage: Usage = { requests: 0, rcu: 0, wcu: 0, sqsRequests: 0 };
        const metered = new RadarStore(createDocumentClient(new DynamoDBClient({})), tableName);
        meterDynamo(metered, usage);
        meterSqs(sqs.sqs, usage);
        const deps = { ...createJobDeps(config, silentLog, fixedClock(localTimeToInstant(DAY, '07:30', TZ).toISOString())), store: metered };
        const queue = await createWorkQueue(sqs, { visibilitySeconds: 120, maxReceiveCount: 5 });
        let peak = process.memoryUsage().rss;
        const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
        const planStart = performance.now();
        await planRun(deps, job, new SqsWorkQueue(queue.queueUrl, sqs.sqs), { replan: true });
        const workStart = performance.now();
        await drain(queue, (event) => processWorkBatch(event, deps, job, new Pacer()), WORKERS);
        const workSeconds = (performance.now() - workStart) / 1000;
        clearInterval(sampler);
        sqs.sqs.middlewareStack.remove('benchSqsMeter');
        const run = await readRun(store.table, job.name, DAY);
        rows.push({ rms: size, job: job.name, planSeconds: (workStart - planStart) / 1000, workSeconds, sent: run?.counts.sent ?? 0, usage, peakRssMb: peak / 2 ** 20 });
        process.stdout.write(`  ${job.name}: ${size} RMs in ${workSeconds.toFixed(1)} s (${run?.done ?? 0} done, ${run?.counts.sent ?? 0} sent)\n`);
      }
    }
  } finally {
    await Promise.all([sqs.stop(), ses.stop(), dynamodb.stop()]);
  }
  printMeasured(rows);
  printProjection(rows);
}

const table = (header: string[], body: string[][]) => {
  const widths = header.map((_, c) => Math.max(...[header, ...body].map((row) => row[c]!.length)));
  for (const row of [header, ...body]) process.stdout.write(row.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ') + '\n');
};

function printMeasured(rows: Row[]): void {
  process.stdout.write(`\nMeasured on this machine (${WORKERS} workers, one process, DynamoDB Local, local SES, fauxqs; books of ${BOOK} clients; unpaced):\n\n`);
  table(
    ['RMs', 'job', 'plan s', 'work s', 'RMs/s', 'DynamoDB req/RM', 'RCU/RM', 'WCU/RM', 'SQS req/RM', 'worker ms/RM', 'peak RSS MB'],
    rows.map((r) => [
      String(r.rms),
      r.job,
      r.planSeconds.toFixed(1),
      r.workSeconds.toFixed(1),
      (r.rms / r.workSeconds).toFixed(0),
      (r.usage.requests / r.rms).toFixed(1),
      (r.usage.rcu / r.rms).toFixed(1),
      (r.usage.wcu / r.rms).toFixed(1),
      (r.usage.sqsRequests / r.rms).toFixed(2),
      ((r.workSeconds * 1000 * WORKERS) / r.rms).toFixed(0),
      r.peakRssMb.toFixed(0),
    ]),
  );
}

/** List prices in us-east-1 as published in 2025 (DynamoDB after its November 2024 reduction); check before budgeting. */
const PRICES = {
  lambdaGbSecond: 0.0000133334, // arm64
  lambdaRequest: 0.2 / 1e6,
  dynamoRead: 0.125 / 1e6, // per read request unit
  dynamoWrite: 0.625 / 1e6, // per write request unit
  sqsRequest: 0.4 / 1e6,
  sesEmail: 0.1 / 1000,
};
const WORKER_GB = 0.5;
const BUSINESS_DAYS_A_MONTH = 22;

function printProjection(rows: Row[]): void {
  // Per RM and job, from the largest size measured (the figures should be flat as RMs grow), averaged over the jobs.
  const largest = Math.max(...rows.map((r) => r.rms));
  const at = rows.filter((r) => r.rms === largest);
  const mean = (pick: (r: Row) => number) => at.reduce((sum, r) => sum + pick(r), 0) / at.length;
  const perRm = {
    seconds: mean((r) => (r.workSeconds * WORKERS) / r.rms),
    rcu: mean((r) => r.usage.rcu / r.rms),
    wcu: mean((r) => r.usage.wcu / r.rms),
    sqs: mean((r) => r.usage.sqsRequests / r.rms),
  };
  process.stdout.write(
    `\nProjection: 3 jobs a morning (prospect-scan costed like the others), one email per RM and job, ${perRm.seconds.toFixed(2)} s of worker time per RM` +
      ` (measured here; AWS latencies differ), ${WORKER_GB * 1024} MB workers, ${BUSINESS_DAYS_A_MONTH} business days a month.\n` +
      `Minutes = the longer of emails ÷ SES rate and RMs × jobs × worker time ÷ concurrency. A paced worker is billed while it waits, so Lambda cost\n` +
      `grows with concurrency above rate × worker time. Prices (us-east-1 list, 2025): Lambda arm64 $${PRICES.lambdaGbSecond}/GB-s and $0.20/M requests;` +
      ` DynamoDB on-demand $0.125/M reads, $0.625/M writes; SQS $0.40/M requests; SES $0.10/1,000 emails.\n\n`,
  );
  const body: string[][] = [];
  for (const rms of [10_000, 50_000]) {
    for (const rate of [14, 50, 200]) {
      for (const concurrency of [10, 100, 1000]) {
        const items = rms * 3;
        const seconds = Math.max(items / rate, (items * perRm.seconds) / concurrency);
        const billedPerItem = Math.max(perRm.seconds, concurrency / rate);
        const lambda = items * billedPerItem * WORKER_GB * PRICES.lambdaGbSecond + (items / 10) * PRICES.lambdaRequest;
        const dynamo = items * (perRm.rcu * PRICES.dynamoRead + perRm.wcu * PRICES.dynamoWrite);
        const queue = items * perRm.sqs * PRICES.sqsRequest;
        const mail = items * PRICES.sesEmail;
        const month = (lambda + dynamo + queue + mail) * BUSINESS_DAYS_A_MONTH;
        body.push([String(rms), `${rate}/s`, String(concurrency), (seconds / 60).toFixed(0), `$${month.toFixed(0)}`, `$${(lambda * BUSINESS_DAYS_A_MONTH).toFixed(0)}`, `$${(mail * BUSINESS_DAYS_A_MONTH).toFixed(0)}`]);
      }
    }
  }
  table(['RMs', 'SES rate', 'concurrency', 'minutes', '$/month', 'of which Lambda', 'of which SES'], body);
}

await main();
