// Benchmark: the morning fan-out (planner, SQS, workers) of the three morning jobs on DynamoDB Local, the local SES and fauxqs, per RM, and a projection.
// Usage: npm run bench -- morning   (or: node scripts/bench-morning.ts --rms 1000,5000,10000 --book 50 --workers 8 [--jobs prospect-scan,call-list,touch-reminders] [--db memory|disk])
import { spawn } from 'node:child_process';
import { mkdtemp, rm as removeDir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
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
import { mostPacedWorkers, WORKER_BATCH_SIZE } from '../lambdas/core/fanout/worker-limits.ts';
import { readRun } from '../lambdas/core/fanout/run-record.ts';
import { SqsWorkQueue } from '../lambdas/core/fanout/sqs-queue.ts';
import type { PerRmJob } from '../lambdas/core/fanout/per-rm-job.ts';
import { callListWork } from '../lambdas/call-list/job.ts';
import { touchRemindersWork } from '../lambdas/touch-reminders/job.ts';
import { prospectScanWork } from '../lambdas/prospect-scan/job.ts';
import type { FeedItem } from '../lambdas/prospect-scan/feeds/types.ts';
import { random } from './seeded-random.ts';
import { wholeNumber } from './bench-args.ts';
import { formatTable } from './text-table.ts';
import { addUsage, meterDynamo, meterSqs, noUsage, SQS_METER, type Usage } from './bench-meter.ts';

const { values: args } = parseArgs({
  options: {
    rms: { type: 'string', default: '1000,5000,10000' },
    book: { type: 'string', default: '50' },
    workers: { type: 'string', default: '8' },
    jobs: { type: 'string', default: 'prospect-scan,call-list,touch-reminders' },
    db: { type: 'string', default: 'memory' },
  },
});
if (args.db !== 'memory' && args.db !== 'disk') throw new Error('--db is memory or disk');
const SIZES = args.rms.split(',').map((size) => wholeNumber('rms', size.trim()));
const BOOK = wholeNumber('book', args.book);
const WORKERS = Math.max(2, wholeNumber('workers', args.workers));
const DAY = '2026-03-05';
const TZ = 'Asia/Shanghai';
const CLOCK = localTimeToInstant(DAY, '07:30', TZ).toISOString();

/** Ten industries, each with one IPO story in the morning's news: every RM covers one, so each digest carries one story. */
const INDUSTRIES = ['特钢', '化工', '物流', '纺织', '光伏', '食品', '船舶', '医药', '建材', '矿业'];
const COMPANIES = ['华东特钢', '江南化工', '北方物流', '南方纺织', '西部光伏', '中原食品', '东方船舶', '海天医药', '长城建材', '天山矿业'];
const NEWS: FeedItem[] = COMPANIES.map((company, i) => ({
  feedId: 'bench-feed',
  feedName: '财经快讯',
  title: `${company}股份有限公司在上海证监局办理上市辅导备案`,
  summary: '',
  link: `https://news.example/${i}`,
  guid: `bench-${i}`,
  published: '2026-03-04T01:00:00.000Z',
  lang: 'zh',
  industries: [],
}));

const ALL_JOBS: Record<string, PerRmJob> = {
  'prospect-scan': prospectScanWork({ readFeeds: async () => ({ items: NEWS, outcomes: [] }) }),
  [callListWork.name]: callListWork,
  [touchRemindersWork.name]: touchRemindersWork,
};
const JOBS = args.jobs.split(',').map((name) => {
  const job = ALL_JOBS[name.trim()];
  if (!job) throw new Error(`--jobs takes names from ${Object.keys(ALL_JOBS).join(', ')}`);
  return job;
});

/** RM i's book: BOOK clients, about a third due for a call, each with a contact; a birthday somewhere in the year; one industry. */
async function load(store: RadarStore, rmCount: number): Promise<void> {
  await store.putRms(
    Array.from({ length: rmCount }, (_, i) =>
      rm.parse({ rmId: `rm-${i}`, name: `RM ${i}`, email: `rm-${i}@bank.example`, locale: i % 2 ? 'en' : 'zh-CN', industries: [{ name: INDUSTRIES[i % 10]!, keywords: [INDUSTRIES[i % 10]!] }] }),
    ),
  );
  const limit = pLimit(8);
  const CHUNK = 50;
  const chunks: number[] = [];
  for (let start = 0; start < rmCount; start += CHUNK) chunks.push(start);
  // A long load says how far it got (and this process's memory), so a run that dies during it shows where.
  const started = Date.now();
  const step = Math.max(CHUNK, Math.ceil(rmCount / 10 / CHUNK) * CHUNK);
  let loaded = 0;
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
        const before = loaded;
        loaded += Math.min(CHUNK, rmCount - start);
        if (Math.floor(loaded / step) > Math.floor(before / step) && loaded < rmCount) {
          process.stdout.write(`  ${loaded} of ${rmCount} RMs loaded, ${((Date.now() - started) / 1000).toFixed(0)} s, RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB\n`);
        }
      }),
    ),
  );
}

/** One worker in a process of its own (scripts/bench-morning-worker.ts): its items, peak memory and usage once the queue is empty. */
function workerProcess(job: PerRmJob, queue: { queueUrl: string; queueArn: string }, sqsUrl: string, tableName: string): Promise<{ items: number; peakRssMb: number; usage: Usage }> {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./bench-morning-worker.ts', import.meta.url))], {
    env: { ...process.env, TABLE_NAME: tableName, SENDER_EMAIL: 'bench@bank.example', SEND_RATE_CAP: '10000', WORKER_CONCURRENCY: String(WORKERS), SQS_URL: sqsUrl, QUEUE_URL: queue.queueUrl, QUEUE_ARN: queue.queueArn, JOB: job.name, CLOCK },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!)) : reject(new Error(`the worker process exited with ${code}`)))),
  );
}

interface Row {
  rms: number;
  job: string;
  planSeconds: number;
  /** DynamoDB requests of the planner (its shared work and the listing), apart from the per-RM work. */
  planRequests: number;
  workSeconds: number;
  sent: number;
  /** The workers' DynamoDB and SQS usage (the planner's enqueueing is in sqsRequests too). */
  usage: Usage;
  /** Items the worker in its own process took, and that process's peak RSS. */
  workerItems: number;
  peakRssMb: number;
}

async function main(): Promise<void> {
  const [dynamoPort, sesPort] = [await freePort(), await freePort()];
  const dataDir = args.db === 'disk' ? await mkdtemp(join(tmpdir(), 'rm-radar-bench-db-')) : undefined;
  const dynamodb = await startDynamoDbLocal({ port: dynamoPort, ...(dataDir ? { dataDir } : {}) });
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
        const planUsage = noUsage();
        const workUsage = noUsage();
        const metered = (usage: Usage) => {
          const counted = new RadarStore(createDocumentClient(new DynamoDBClient({})), tableName);
          meterDynamo(counted, usage);
          return { ...createJobDeps(config, silentLog, fixedClock(CLOCK)), store: counted };
        };
        const queue = await createWorkQueue(sqs, { visibilitySeconds: 120, maxReceiveCount: 5 });
        meterSqs(sqs.sqs, planUsage);
        const planStart = performance.now();
        const plan = await planRun(metered(planUsage), job, new SqsWorkQueue(queue.queueUrl, sqs.sqs), { replan: true });
        sqs.sqs.middlewareStack.remove(SQS_METER);
        meterSqs(sqs.sqs, workUsage);
        const workStart = performance.now();
        const deps = metered(workUsage);
        // WORKERS workers: one in a process of its own (its peak memory is a worker's), the others in this one.
        const [alone] = await Promise.all([workerProcess(job, queue, sqs.url, tableName), drain(queue, (event) => processWorkBatch(event, deps, job, new Pacer()), WORKERS - 1)]);
        const workSeconds = (performance.now() - workStart) / 1000;
        sqs.sqs.middlewareStack.remove(SQS_METER);
        const run = await readRun(store.table, job.name, DAY);
        rows.push({
          rms: size,
          job: job.name,
          planSeconds: (workStart - planStart) / 1000,
          planRequests: planUsage.requests,
          workSeconds,
          sent: run?.counts.sent ?? 0,
          usage: addUsage(workUsage, alone.usage),
          workerItems: alone.items,
          peakRssMb: alone.peakRssMb,
        });
        const filed = plan.status === 'planned' && plan.read.entries !== undefined ? `, ${plan.read.entries} digest entries filed` : '';
        process.stdout.write(`  ${job.name}: ${size} RMs in ${workSeconds.toFixed(1)} s (${run?.done ?? 0} done, ${run?.counts.sent ?? 0} sent${filed})\n`);
      }
    }
  } finally {
    await Promise.all([sqs.stop(), ses.stop(), dynamodb.stop()]);
    if (dataDir) await removeDir(dataDir, { recursive: true, force: true });
  }
  printMeasured(rows);
  printProjection(rows);
}

const table = (header: string[], body: string[][]) => process.stdout.write(formatTable([header, ...body], [0, 1]) + '\n');

function printMeasured(rows: Row[]): void {
  process.stdout.write(
    `\nMeasured on this machine (${WORKERS} workers, one of them in a process of its own, DynamoDB Local, local SES, fauxqs; books of ${BOOK} clients; unpaced).\n` +
      `Per RM: the workers' DynamoDB requests and capacity; SQS requests include the planner's enqueueing. Peak RSS: the worker process.\n\n`,
  );
  table(
    ['RMs', 'job', 'plan s', 'plan requests', 'work s', 'RMs/s', 'DynamoDB req/RM', 'RCU/RM', 'WCU/RM', 'SQS req/RM', 'worker ms/RM', 'worker items', 'worker peak RSS MB'],
    rows.map((r) => [
      String(r.rms),
      r.job,
      r.planSeconds.toFixed(1),
      String(r.planRequests),
      r.workSeconds.toFixed(1),
      (r.rms / r.workSeconds).toFixed(0),
      (r.usage.requests / r.rms).toFixed(1),
      (r.usage.rcu / r.rms).toFixed(1),
      (r.usage.wcu / r.rms).toFixed(1),
      (r.usage.sqsRequests / r.rms).toFixed(2),
      ((r.workSeconds * 1000 * WORKERS) / r.rms).toFixed(0),
      String(r.workerItems),
      r.peakRssMb.toFixed(0),
    ]),
  );
}

/**
 * List prices in us-east-1 (DynamoDB on-demand after its November 2024 reduction), as published in 2025 and still quoted
 * in 2026; checked on 2 December 2026 against copies of the price lists (AWS's own pages are not reachable from here).
 * Check them before budgeting.
 */
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
    `\nProjection: 3 jobs a morning, each RM and job costed at the mean of the measured jobs' per-RM figures (${perRm.rcu.toFixed(1)} RCU, ${perRm.wcu.toFixed(1)} WCU,` +
      ` ${perRm.sqs.toFixed(2)} SQS requests), one email per RM and job, ${perRm.seconds.toFixed(2)} s of worker time per RM` +
      ` (measured here; AWS latencies differ), ${WORKER_GB * 1024} MB workers, ${BUSINESS_DAYS_A_MONTH} business days a month.\n` +
      `Minutes = the longer of emails ÷ SES rate and RMs × jobs × worker time ÷ concurrency. A paced worker is billed while it waits, so Lambda cost\n` +
      `grows with concurrency above rate × worker time. Prices (us-east-1 list, checked 2 December 2026): Lambda arm64 $${PRICES.lambdaGbSecond}/GB-s and $0.20/M requests;` +
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
        const monthly = (dollars: number) => `$${(dollars * BUSINESS_DAYS_A_MONTH).toFixed(0)}`;
        // Marked: more workers than the rate can pace through a batch within the worker's timeout (the deploy config refuses them).
        const overLimit = concurrency > mostPacedWorkers(rate) ? ' *' : '';
        body.push([String(rms), `${rate}/s`, `${concurrency}${overLimit}`, (seconds / 60).toFixed(0), monthly(lambda + dynamo + queue + mail), monthly(lambda), monthly(dynamo), monthly(mail)]);
      }
    }
  }
  table(['RMs', 'SES rate', 'concurrency', 'minutes', '$/month', 'of which Lambda', 'of which DynamoDB', 'of which SES'], body);
  process.stdout.write(`* above ${mostPacedWorkers(1)} × the rate: a paced batch of ${WORKER_BATCH_SIZE} would outlast the worker's timeout, so the deploy config refuses it.\n`);
}

await main();
