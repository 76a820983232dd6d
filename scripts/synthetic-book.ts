// A synthetic bank for the benchmarks on DynamoDB Local: RMs, clients with a contact and loans, bulk-loaded with the store's item builders.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import pLimit from 'p-limit';
import { freePort, localAwsEnvironment, startDynamoDbLocal, type RunningService } from '../bin/local/services.ts';
import { ensureTable } from '../lambdas/core/store/create-table.ts';
import { batchWrite, createDocumentClient, type Item } from '../lambdas/core/store/dynamo.ts';
import { clientItem, contactItem, loanItem, RadarStore } from '../lambdas/core/store/radar-store.ts';
import { loadConfig, type AppConfig } from '../lambdas/core/config.ts';
import { addDays, localTimeToInstant } from '../lambdas/core/dates/calendar.ts';
import { client, contact, loan, rm, type Client, type Contact, type Loan, type Rm } from '../lambdas/core/model.ts';
import { random } from './seeded-random.ts';

export const BUSINESS_DATE = '2026-03-05';
export const TIME_ZONE = 'Asia/Shanghai';
const CHUNK = 2_000;
const WRITE_CONCURRENCY = 8;
const IDEAL_DAYS = { A: 14, B: 30, C: 90 } as const;

/** How the clients are spread: the first `fixedBook` belong to rm-000, the rest round the other RMs. */
export interface BookShape {
  rmCount: number;
  fixedBook: number;
}

export interface GeneratedClient {
  client: Client;
  contact: Contact;
  loans: Loan[];
}

export const rmIdOf = (index: number) => `rm-${String(index).padStart(3, '0')}`;

/** Client number `i`, the same on every run. */
export function generateClient(shape: BookShape, i: number): GeneratedClient {
  const next = random(i + 1);
  const rmId = i < shape.fixedBook ? rmIdOf(0) : rmIdOf(1 + ((i - shape.fixedBook) % (shape.rmCount - 1)));
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

/** The items of a generated client, as the store writes them. */
export function itemsOf(generated: GeneratedClient): Item[] {
  return [clientItem(generated.client), contactItem(generated.contact, generated.client.rmId), ...generated.loans.map((l) => loanItem(l, generated.client.rmId))];
}

/**
 * Bulk load of clients `from`…`to`: the store's own item builders written with batched writes, many
 * batches at a time. (The importer (putClients in client-writes.ts) also merges with stored copies and
 * re-indexes; a fresh table needs none of that.) `itemsFor` may change what a client is stored as.
 */
export async function loadClients(store: RadarStore, shape: BookShape, from: number, to: number, itemsFor: (g: GeneratedClient) => Item[] = itemsOf): Promise<void> {
  const limit = pLimit(WRITE_CONCURRENCY);
  const chunks: Array<[number, number]> = [];
  for (let start = from; start < to; start += CHUNK) chunks.push([start, Math.min(to, start + CHUNK)]);
  let done = 0;
  await Promise.all(
    chunks.map(([start, end]) =>
      limit(async () => {
        const items = Array.from({ length: end - start }, (_, k) => itemsFor(generateClient(shape, start + k))).flat();
        await batchWrite(store.table, items.map((item) => ({ put: item })), 2);
        done += end - start;
        if (process.stdout.isTTY) process.stdout.write(`  loaded ${from + done} clients\r`);
      }),
    ),
  );
}

/** How many clients RM number `rmIndex` has when `size` clients are loaded. */
export function bookSizeOf(shape: BookShape, rmIndex: number, size: number): number {
  if (rmIndex === 0) return Math.min(shape.fixedBook, size);
  const rest = Math.max(0, size - shape.fixedBook);
  return Math.floor(rest / (shape.rmCount - 1)) + (rmIndex - 1 < rest % (shape.rmCount - 1) ? 1 : 0);
}

export interface BenchTable {
  store: RadarStore;
  config: AppConfig;
  rms: Rm[];
}

/** DynamoDB Local in memory on a free port with the table and `rmCount` RMs; stopped when `run` ends. */
export async function withBenchTable<T>(rmCount: number, run: (bench: BenchTable) => Promise<T>): Promise<T> {
  const port = await freePort();
  process.stdout.write(`Starting DynamoDB Local (in memory) on port ${port}…\n`);
  const dynamodb: RunningService = await startDynamoDbLocal({ port });
  try {
    Object.assign(process.env, localAwsEnvironment(dynamodb.url, 'http://127.0.0.1:9'));
    const ddb = new DynamoDBClient({});
    const tableName = 'rm-radar-bench';
    await ensureTable(ddb, tableName);
    const store = new RadarStore(createDocumentClient(ddb), tableName);
    const config = loadConfig({ TABLE_NAME: tableName, SENDER_EMAIL: 'bench@bank.example', TIME_ZONE });
    const rms = Array.from({ length: rmCount }, (_, i) =>
      rm.parse({ rmId: rmIdOf(i), name: `RM ${i}`, email: `rm${i}@bank.example`, locale: i % 2 ? 'en' : 'zh-CN', dailyCallCapacity: 15 }),
    );
    await store.putRms(rms);
    return await run({ store, config, rms });
  } finally {
    await dynamodb.stop();
  }
}
