// Benchmark: what one RM's call list reads (items, RCU, requests) next to the candidates it considers, at 10k and at 100k clients.
// Usage: npm run bench:call-list [-- --sizes 10000,100000 --rms 200]
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import pLimit from 'p-limit';
import { freePort, localAwsEnvironment, startDynamoDbLocal } from '../bin/local/services.ts';
import { ensureTable } from '../lambdas/core/store/create-table.ts';
import { batchWrite, createDocumentClient } from '../lambdas/core/store/dynamo.ts';
import { clientItem, contactItem, loanItem, RadarStore } from '../lambdas/core/store/radar-store.ts';
import { loadConfig } from '../lambdas/core/config.ts';
import { addDays, localTimeToInstant } from '../lambdas/core/dates/calendar.ts';
import { client, contact, loan, rm, type Client, type Contact, type Loan, type Rm } from '../lambdas/core/model.ts';
import { buildCallList } from '../lambdas/call-list/build.ts';
import { random } from './seeded-random.ts';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    rms: { type: 'string', default: '200' },
    'fixed-book': { type: 'string', default: '500' },
  },
});
const SIZES = args.sizes.split(',').map(Number);
const RM_COUNT = Number(args.rms);
/** rm-000 keeps the same book in every phase, so its cost can be compared as the table grows around it. */
const FIXED_BOOK = Number(args['fixed-book']);
const BUSINESS_DATE = '2026-03-05';
const TIME_ZONE = 'Asia/Shanghai';
const CHUNK = 2_000;
const WRITE_CONCURRENCY = 8;
const IDEAL_DAYS = { A: 14, B: 30, C: 90 } as const;


const rmIdOf = (index: number) => `rm-${String(index).padStart(3, '0')}`;

/** Client number `i`: the first FIXED_BOOK belong to rm-000, the rest are spread over the other RMs. */
function generate(i: number): { client: Client; contact: Contact; loans: Loan[] } {
  const next = random(i + 1);
  const rmId = i < FIXED_BOOK ? rmIdOf(0) : rmIdOf(1 + ((i - FIXED_BOOK) % (RM_COUNT - 1)));
  const tierRoll = next();
  const tier = tierRoll < 0.2 ? 'A' : tierRoll < 0.5 ? 'B' : 'C';
  const kind = next() < 0.6 ? 'corporate' : 'individual';
  // Last contacts spread over 0–1.6× the tier's ideal interval: about a third of a book is due on any day.
  const daysAgo = Math.floor(next() * 1.6 * IDEAL_DAYS[tier]);
  const neverContacted = next() < 0.03;
  const logUniform = (min: number, max: number) => Math.round(min * (max / min) ** next());
  const clientId = `c-${String(i).padStart(6, '0')}`;
  const c = client.parse({
    clientId,
    rmId,
    kind,
    tier,
    name: `${kind === 'corporate' ? 'Company' : 'Person'} ${i}`,
    lastContactAt: neverContacted ? undefined : localTimeToInstant(addDays(BUSINESS_DATE, -daysAgo), '10:00', TIME_ZONE).toISOString(),
    balances: { demandDeposits: logUniform(1_000, 20_000_000), timeDeposits: next() < 0.5 ? logUniform(10_000, 50_000_000) : 0, aum: next() < 0.4 ? logUniform(10_000, 30_000_000) : 0 },
    productsHeld: next() < 0.5 ? ['cash management'] : [],
    doNotContact: next() < 0.01,
  });
  const person = contact.parse({ contactId: 'p-1', clientId, name: `Contact ${i}`, role: kind === 'corporate' ? 'CFO' : undefined, phone: `138${String(i).padStart(8, '0')}` });
  const loans: Loan[] = [];
  if (next() < 0.3) {
    const maturityDate = addDays(BUSINESS_DATE, Math.floor(next() * 730) - 30);
    loans.push(
      loan.parse({
        loanId: `l-${String(i).padStart(6, '0')}`,
        clientId,
        amount: logUniform(50_000, 20_000_000),
        currency: 'CNY',
        startDate: addDays(maturityDate, -365),
        maturityDate,
        // Same draws as before, so the figures stay comparable: 3% of loans went past due 1–40 days before the business date.
        ...(next() < 0.03 ? { pastDueSince: addDays(BUSINESS_DATE, -(1 + Math.floor(next() * 40))) } : {}),
        lastCheckedOn: addDays(BUSINESS_DATE, -Math.floor(next() * 150)),
      }),
    );
  }
  return { client: c, contact: person, loans };
}

/**
 * Bulk load: the store's own item builders written with batched writes, many batches at a time. (The
 * importer (putClients in client-writes.ts) also merges with stored copies and re-indexes; a fresh table needs none of that.)
 */
async function load(store: RadarStore, from: number, to: number): Promise<void> {
  const limit = pLimit(WRITE_CONCURRENCY);
  const chunks: Array<[number, number]> = [];
  for (let start = from; start < to; start += CHUNK) chunks.push([start, Math.min(to, start + CHUNK)]);
  let done = 0;
  await Promise.all(
    chunks.map(([start, end]) =>
      limit(async () => {
        const generated = Array.from({ length: end - start }, (_, k) => generate(start + k));
        await batchWrite(
          store.table,
          generated.flatMap((g) => [
            { put: clientItem(g.client) },
            { put: contactItem(g.contact, g.client.rmId) },
            ...g.loans.map((l) => ({ put: loanItem(l, g.client.rmId) })),
          ]),
          2,
        );
        done += end - start;
        if (process.stdout.isTTY) process.stdout.write(`  loaded ${from + done} clients\r`);
      }),
    ),
  );
}

interface Measure {
  book: number;
  candidates: number;
  loans: number;
  lines: number;
  itemsRead: number;
  rcu: number;
  requests: number;
  ms: number;
}

async function measure(store: RadarStore, config: ReturnType<typeof loadConfig>, who: Rm, book: number): Promise<Measure> {
  // Once to warm up the connections, then measured.
  await buildCallList({ store, config }, who, BUSINESS_DATE, new Date());
  store.meter.reset();
  const started = performance.now();
  const { list, stats } = await buildCallList({ store, config }, who, BUSINESS_DATE, new Date());
  const ms = performance.now() - started;
  return {
    book,
    candidates: list.candidatesConsidered,
    loans: stats.loans,
    lines: list.lines.length,
    itemsRead: store.meter.itemsRead,
    rcu: store.meter.readCapacityUnits,
    requests: store.meter.requests,
    ms,
  };
}

function bookOf(rmIndex: number, size: number): number {
  if (rmIndex === 0) return Math.min(FIXED_BOOK, size);
  const rest = Math.max(0, size - FIXED_BOOK);
  return Math.floor(rest / (RM_COUNT - 1)) + (rmIndex - 1 < rest % (RM_COUNT - 1) ? 1 : 0);
}

async function main(): Promise<void> {
  const started = Date.now();
  const port = await freePort();
  process.stdout.write(`Starting DynamoDB Local (in memory) on port ${port}…\n`);
  const dynamodb = await startDynamoDbLocal({ port });
  try {
    Object.assign(process.env, localAwsEnvironment(dynamodb.url, 'http://127.0.0.1:9'));
    const ddb = new DynamoDBClient({});
    const tableName = 'rm-radar-bench';
    await ensureTable(ddb, tableName);
    const store = new RadarStore(createDocumentClient(ddb), tableName);
    const config = loadConfig({ TABLE_NAME: tableName, SENDER_EMAIL: 'bench@bank.example', TIME_ZONE: TIME_ZONE });
    const rms = Array.from({ length: RM_COUNT }, (_, i) =>
      rm.parse({ rmId: rmIdOf(i), name: `RM ${i}`, email: `rm${i}@bank.example`, locale: i % 2 ? 'en' : 'zh-CN', dailyCallCapacity: 15 }),
    );
    await store.putRms(rms);

    const results: Array<{ size: number; fixed: Measure; typical: Measure; loadSeconds: number }> = [];
    let loaded = 0;
    for (const size of SIZES) {
      const loadStart = Date.now();
      process.stdout.write(`Loading clients ${loaded}…${size} (with a contact each and loans for ~30%)…\n`);
      await load(store, loaded, size);
      loaded = size;
      const loadSeconds = (Date.now() - loadStart) / 1000;
      process.stdout.write(`  ${size} clients in the table (${loadSeconds.toFixed(0)} s to load)            \n`);
      const fixed = await measure(store, config, rms[0]!, bookOf(0, size));
      const typical = await measure(store, config, rms[1]!, bookOf(1, size));
      results.push({ size, fixed, typical, loadSeconds });
    }
    print(results);
    process.stdout.write(`\nTotal ${((Date.now() - started) / 1000).toFixed(0)} s.\n`);
  } finally {
    await dynamodb.stop();
  }
}

function print(results: Array<{ size: number; fixed: Measure; typical: Measure }>): void {
  const header = ['', ...results.map((r) => `${r.size.toLocaleString('en-US')} clients`)];
  const rows: string[][] = [header];
  const section = (title: string, pick: (r: (typeof results)[number]) => Measure) => {
    rows.push([title, ...results.map(() => '')]);
    const metric = (name: string, value: (m: Measure) => string) => rows.push([`  ${name}`, ...results.map((r) => value(pick(r)))]);
    metric("clients in the RM's book", (m) => String(m.book));
    metric('candidates considered', (m) => String(m.candidates));
    metric('loans read', (m) => String(m.loans));
    metric('lines on the list', (m) => String(m.lines));
    metric('items read', (m) => String(m.itemsRead));
    metric('items read per candidate', (m) => (m.itemsRead / Math.max(1, m.candidates)).toFixed(2));
    metric('read capacity (RCU)', (m) => m.rcu.toFixed(1));
    metric('requests', (m) => String(m.requests));
    metric('time (ms, DynamoDB Local)', (m) => m.ms.toFixed(0));
  };
  section('rm-000 (the same 500-client book in both tables)', (r) => r.fixed);
  section('rm-001 (a book that grows with the table)', (r) => r.typical);
  const widths = header.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  process.stdout.write('\nOne RM\'s call list for ' + BUSINESS_DATE + ' (build only: queries and batched gets, no Scan)\n');
  for (const row of rows) {
    process.stdout.write(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('   ') + '\n');
  }
}

await main();
