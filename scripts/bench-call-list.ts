// Benchmark: what one RM's call list reads (items, RCU, requests) next to the candidates it considers, at 10k and at 100k clients.
// Usage: npm run bench:call-list [-- --sizes 10000,100000 --rms 200]
import { parseArgs } from 'node:util';
import type { RadarStore } from '../lambdas/core/store/radar-store.ts';
import type { AppConfig } from '../lambdas/core/config.ts';
import type { Rm } from '../lambdas/core/model.ts';
import { buildCallList } from '../lambdas/call-list/build.ts';
import { BUSINESS_DATE, bookSizeOf, loadClients, withBenchTable, type BookShape } from './synthetic-book.ts';
import { formatTable } from './text-table.ts';

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
const shape: BookShape = { rmCount: RM_COUNT, fixedBook: FIXED_BOOK };

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

async function measure(store: RadarStore, config: AppConfig, who: Rm, book: number): Promise<Measure> {
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

async function main(): Promise<void> {
  const started = Date.now();
  await withBenchTable(RM_COUNT, async ({ store, config, rms }) => {
    const results: Array<{ size: number; fixed: Measure; typical: Measure; loadSeconds: number }> = [];
    let loaded = 0;
    for (const size of SIZES) {
      const loadStart = Date.now();
      process.stdout.write(`Loading clients ${loaded}…${size} (with a contact each and loans for ~30%)…\n`);
      await loadClients(store, shape, loaded, size);
      loaded = size;
      const loadSeconds = (Date.now() - loadStart) / 1000;
      process.stdout.write(`  ${size} clients in the table (${loadSeconds.toFixed(0)} s to load)            \n`);
      const fixed = await measure(store, config, rms[0]!, bookSizeOf(shape, 0, size));
      const typical = await measure(store, config, rms[1]!, bookSizeOf(shape, 1, size));
      results.push({ size, fixed, typical, loadSeconds });
    }
    print(results);
  });
  process.stdout.write(`\nTotal ${((Date.now() - started) / 1000).toFixed(0)} s.\n`);
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
  process.stdout.write('\nOne RM\'s call list for ' + BUSINESS_DATE + ' (build only: queries and batched gets, no Scan)\n');
  process.stdout.write(formatTable(rows) + '\n');
}

await main();
