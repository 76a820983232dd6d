// Benchmark: the workbench's Today, Client and History pages for an RM with a 500-client book in a 100k-client table (server time, items read next to lines shown), and the web bundle's cold import.
// Usage: npm run bench -- workbench   (node scripts/bench-workbench.ts [--clients 100000 --book 500 --rms 200 --requests 200 --runs 7])
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pLimit from 'p-limit';
import { fixedClock } from '../lambdas/core/clock.ts';
import { silentLog } from '../lambdas/core/log.ts';
import { addDays, BusinessCalendar, localTimeToInstant } from '../lambdas/core/dates/calendar.ts';
import { channels, contact, lifeEvent, type IsoDate } from '../lambdas/core/model.ts';
import { lifeEventItem, type RadarStore } from '../lambdas/core/store/radar-store.ts';
import type { AppConfig } from '../lambdas/core/config.ts';
import type { Item } from '../lambdas/core/store/dynamo.ts';
import { ensureCallList } from '../lambdas/call-list/job.ts';
import { recordCall } from '../lambdas/call-list/actions.ts';
import { touchRemindersWork } from '../lambdas/touch-reminders/job.ts';
import type { Mailer } from '../lambdas/core/mail/mailer.ts';
import { createWebApp } from '../lambdas/web/app.ts';
import { LocalAuthenticator } from '../lambdas/web/auth.ts';
import { SESSION_COOKIE } from '../lambdas/web/session.ts';
import { WEB_ENTRY } from '../lib/rm-radar-stack.ts';
import { portfolioReportJob } from '../lambdas/portfolio-report/descriptor.ts';
import { wholeNumber } from './bench-args.ts';
import { bundle, coldImportMilliseconds, functionEnvironment, kb, largestPackages, projectRoot } from './lambda-bundles.ts';
import { random } from './seeded-random.ts';
import { percentile } from './stats.ts';
import { BUSINESS_DATE, generateClient, itemsOf, loadClients, TIME_ZONE, withBenchTable, type BookShape, type GeneratedClient } from './synthetic-book.ts';
import { formatTable } from './text-table.ts';

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '100000' },
    book: { type: 'string', default: '500' },
    rms: { type: 'string', default: '200' },
    requests: { type: 'string', default: '200' },
    runs: { type: 'string', default: '7' },
  },
});
const CLIENTS = wholeNumber('clients', args.clients);
const shape: BookShape = { rmCount: wholeNumber('rms', args.rms), fixedBook: wholeNumber('book', args.book) };
const REQUESTS = wholeNumber('requests', args.requests);
const IMPORT_RUNS = wholeNumber('runs', args.runs);
if (shape.rmCount < 2 || shape.fixedBook > CLIENTS) throw new Error('--rms takes at least 2, and --book at most --clients');

/** The RM measured: the first `book` clients are theirs. */
const RM_ID = 'rm-000';
/** Every CLIENT_SAMPLE-th client of the book gets a touch history and is opened by the Client page. */
const CLIENT_SAMPLE = 10;
/** Business days of stored call lists before the business date (History shows 14 a page). */
const LIST_DAYS = 20;
/** Years of touch history, at the tier's ideal interval. */
const HISTORY_YEARS = 3;
const TOUCH_INTERVAL_DAYS = { A: 14, B: 30, C: 90 } as const;
const WARM_UP_REQUESTS = 10;

const bookClientIds = Array.from({ length: shape.fixedBook }, (_, i) => generateClient(shape, i).client.clientId);
const sampledClients = bookClientIds.filter((_, i) => i % CLIENT_SAMPLE === 0);

/**
 * The measured RM's clients carry more than the rest of the table: a birthday on a fifth of the contacts
 * (one in ten of those lunar) and a yearly event on one in ten clients, drawn from their own seeds so the
 * other draws (and the call-list benchmark's figures) stay the same.
 */
function itemsWithOccasions(generated: GeneratedClient): Item[] {
  const { client, contact: person } = generated;
  if (client.rmId !== RM_ID) return itemsOf(generated);
  const next = random(1_000_000 + Number(client.clientId.slice(2)));
  const month = 1 + Math.floor(next() * 12);
  const day = 1 + Math.floor(next() * 28);
  const monthDay = `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const withBirthday = next() < 0.2 ? contact.parse({ ...person, birthday: { monthDay, calendar: next() < 0.1 ? 'lunar' : 'gregorian' } }) : person;
  const items = itemsOf({ ...generated, contact: withBirthday });
  if (next() < 0.1) {
    const event = lifeEvent.parse({ eventId: 'e-1', clientId: client.clientId, date: `2019-${monthDay}`, kind: 'new_company', recurrence: 'yearly' });
    items.push(lifeEventItem(event, RM_ID));
  }
  return items;
}

/**
 * A few years of touches for the sampled clients, logged as the workbench logs them (a touch has no
 * bulk writer: logTouch is its one writer), the last at the client's last contact; one in four of those last ones promises a follow-up (older ones were kept).
 */
async function logTouchHistories(store: RadarStore): Promise<number> {
  const limit = pLimit(8);
  let logged = 0;
  await Promise.all(
    sampledClients.map((clientId, sample) =>
      limit(async () => {
        const { client } = generateClient(shape, sample * CLIENT_SAMPLE);
        if (!client.lastContactAt) return;
        const next = random(2_000_000 + sample);
        const last = new Date(client.lastContactAt).getTime();
        const count = Math.floor((HISTORY_YEARS * 365) / TOUCH_INTERVAL_DAYS[client.tier]);
        for (let k = count - 1; k >= 0; k--) {
          const at = new Date(last - k * TOUCH_INTERVAL_DAYS[client.tier] * 86_400_000).toISOString();
          const followUpOn = k === 0 && next() < 0.25 ? addDays(at.slice(0, 10), 14) : undefined;
          await store.logTouch({ clientId, channel: channels[Math.floor(next() * channels.length)]!, at, outcome: 'spoke', note: `touch ${k}`, followUpOn, source: 'import' });
          logged += 1;
        }
      }),
    ),
  );
  return logged;
}

/** The RM's call lists of the last LIST_DAYS business days and today's, each built by the job and two thirds of the lines then done. */
async function storeCallLists(store: RadarStore, config: AppConfig): Promise<number> {
  const calendar = new BusinessCalendar(config.calendar);
  const dates: IsoDate[] = [BUSINESS_DATE];
  while (dates.length <= LIST_DAYS) dates.unshift(calendar.previousBusinessDay(dates[0]!));
  const rm = (await store.getRm(RM_ID))!;
  for (const date of dates) {
    const clock = fixedClock(localTimeToInstant(date, '08:00', TIME_ZONE));
    const { list } = await ensureCallList({ store, config, clock }, rm, date);
    const done = list.lines.filter((_, index) => index % 3 !== 2).slice(0, date === BUSINESS_DATE ? 3 : undefined);
    for (const line of done) {
      const at = localTimeToInstant(date, '15:00', TIME_ZONE).toISOString();
      await recordCall({ store, clock, timeZone: config.timeZone }, { source: 'web', rmId: RM_ID }, line.clientId, { outcome: 'spoke', businessDate: date, at });
    }
  }
  return dates.length;
}

/** The RM's touch-reminders work of the business date, as the morning's run does it before the RM opens Today; the email is counted, not sent. */
async function runMorningReminders(store: RadarStore, config: AppConfig): Promise<string> {
  const rm = (await store.getRm(RM_ID))!;
  let sent = 0;
  const mailer: Mailer = { send: async () => `bench-${++sent}` };
  const clock = fixedClock(localTimeToInstant(BUSINESS_DATE, '07:45', TIME_ZONE));
  const work = await touchRemindersWork.forRm({ store, config, clock, mailer, log: silentLog }, rm, BUSINESS_DATE, {});
  return `${work.outcome}, ${sent} email`;
}

interface PageFigures {
  page: string;
  path: string;
  p50: number;
  p95: number;
  itemsRead: number;
  /** The most one request read (the Client page's differ by client). */
  mostItemsRead: number;
  requests: number;
  rcu: number;
  linesShown: number;
}

/** Each request in turn through the app's own request handling, signed in as the RM; reads counted per request. */
async function measurePage(store: RadarStore, request: (path: string) => Promise<Response>, page: string, paths: string[]): Promise<PageFigures> {
  const get = async (path: string) => {
    const response = await request(path);
    const body = await response.text();
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    return body;
  };
  for (let i = 0; i < WARM_UP_REQUESTS; i++) await get(paths[i % paths.length]!);
  const times: number[] = [];
  const reads = { items: 0, mostItems: 0, requests: 0, rcu: 0, lines: 0 };
  for (let i = 0; i < REQUESTS; i++) {
    store.meter.reset();
    const started = performance.now();
    const body = await get(paths[i % paths.length]!);
    times.push(performance.now() - started);
    reads.items += store.meter.itemsRead;
    reads.mostItems = Math.max(reads.mostItems, store.meter.itemsRead);
    reads.requests += store.meter.requests;
    reads.rcu += store.meter.readCapacityUnits;
    reads.lines += linesShown(body);
  }
  return {
    page,
    path: paths.length === 1 ? paths[0]! : `${paths[0]!.replace(/[^/]+$/, 'ID')} (${paths.length} clients)`,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    itemsRead: reads.items / REQUESTS,
    mostItemsRead: reads.mostItems,
    requests: reads.requests / REQUESTS,
    rcu: reads.rcu / REQUESTS,
    linesShown: reads.lines / REQUESTS,
  };
}

/** What a page shows, counted as its list items: call-list lines, reminders, loans, contacts, touches, follow-ups… */
function linesShown(html: string): number {
  return html.match(/<li[\s>]/g)?.length ?? 0;
}

/** The web handler's bundle beside a minimal Hono + DynamoDB handler's, as the stack builds them. */
async function measureBundles(): Promise<Array<{ name: string; size: number; importMs: number; largest: string }>> {
  const workDir = mkdtempSync(join(tmpdir(), 'rm-radar-bench-'));
  try {
    // As deployed, but the signing keys as text (the secret is fetched after import, on the first request) and a made-up pool.
    const env = {
      ...functionEnvironment(),
      WORKBENCH_URL: 'https://radar.bank.example',
      LINK_SIGNING_KEYS: `bench:${randomBytes(32).toString('base64')}`,
      COGNITO_USER_POOL_ID: 'ap-east-1_bench0000',
      COGNITO_CLIENT_ID: 'bench-client',
      COGNITO_DOMAIN: 'https://bench.auth.ap-east-1.amazoncognito.com',
    };
    const rows = [];
    // The web function draws the report's charts too: its native module stays out of the bundle, as in the stack (lib/workbench.ts).
    for (const [name, entry, external] of [
      ['Hono + DynamoDB (minimal)', join(projectRoot, 'scripts/minimal-web-handler.ts'), []],
      ['web (the workbench)', join(projectRoot, WEB_ENTRY), portfolioReportJob.nativeModules ?? []],
    ] as const) {
      const { outfile, metafile } = await bundle(workDir, name.split(' ')[0]!.toLowerCase(), entry, external);
      rows.push({ name, size: statSync(outfile).size, importMs: coldImportMilliseconds(outfile, env, IMPORT_RUNS), largest: largestPackages(metafile) });
    }
    return rows;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const pages = await withBenchTable(shape.rmCount, async ({ store, config }) => {
    process.stdout.write(`Loading ${CLIENTS.toLocaleString('en-US')} clients (${shape.fixedBook} of them ${RM_ID}'s, with birthdays and events)…\n`);
    await loadClients(store, shape, 0, CLIENTS, itemsWithOccasions);
    process.stdout.write(`  loaded in ${((Date.now() - started) / 1000).toFixed(0)} s                 \n`);
    const touches = await logTouchHistories(store);
    process.stdout.write(`  ${touches} touches logged for ${sampledClients.length} clients (${HISTORY_YEARS} years at the tier's interval)\n`);
    const lists = await storeCallLists(store, config);
    process.stdout.write(`  ${lists} call lists stored for ${RM_ID} (built by the call-list job, two thirds of the lines done)\n`);
    const reminders = await runMorningReminders(store, config);
    process.stdout.write(`  the touch-reminders run for ${RM_ID} on ${BUSINESS_DATE}: ${reminders} (it stores the day's key clients, which Today reads)\n`);

    const now = localTimeToInstant(BUSINESS_DATE, '10:00', TIME_ZONE);
    const key = { id: 'bench', secret: randomBytes(32) };
    const auth = new LocalAuthenticator(key);
    const app = createWebApp({ store, clock: fixedClock(now), config, log: silentLog, keys: [key], auth, secureCookies: false, baseUrl: 'http://127.0.0.1' });
    const cookie = `${SESSION_COOKIE}=${auth.sessionFor(RM_ID, now)}`;
    const request = async (path: string) => app.request(path, { headers: { cookie } });
    return [
      await measurePage(store, request, 'Today', ['/today']),
      await measurePage(store, request, 'Client', sampledClients.map((id) => `/clients/${id}`)),
      await measurePage(store, request, 'History', ['/history']),
    ];
  });
  printPages(pages);
  printBundles(await measureBundles());
  process.stdout.write(`\nTotal ${((Date.now() - started) / 1000).toFixed(0)} s.\n`);
}

function printPages(pages: PageFigures[]): void {
  process.stdout.write(
    `\nWorkbench pages for ${RM_ID} (${shape.fixedBook}-client book, ${CLIENTS.toLocaleString('en-US')} clients in the table), ${REQUESTS} requests each through app.request on DynamoDB Local; reads are per request\n`,
  );
  const header = ['page', 'path', 'p50 ms', 'p95 ms', 'items read', 'most read', 'lines shown', 'read ÷ shown', 'requests', 'RCU'];
  const rows = pages.map((p) => [
    p.page,
    p.path,
    p.p50.toFixed(1),
    p.p95.toFixed(1),
    p.itemsRead.toFixed(1),
    String(p.mostItemsRead),
    p.linesShown.toFixed(1),
    (p.itemsRead / Math.max(1, p.linesShown)).toFixed(1),
    p.requests.toFixed(1),
    p.rcu.toFixed(1),
  ]);
  process.stdout.write(formatTable([header, ...rows], [0, 1]) + '\n');
  const keyClients = Array.from({ length: shape.fixedBook }, (_, i) => generateClient(shape, i).client).filter((c) => c.tier === 'A').length;
  process.stdout.write(
    `(lines shown: the page's list items. ${RM_ID}'s book has ${keyClients} tier-A clients: Today reads their ids from the one item the morning's\n` +
      ` reminders run stored, not the tier; a Client page reads the client, its contacts, loans, events and open follow-ups by key prefix,\n` +
      ` and its newest 20 touches with a Limit, not the whole history.)\n`,
  );
}

function printBundles(bundles: Awaited<ReturnType<typeof measureBundles>>): void {
  const minimal = bundles[0]!;
  process.stdout.write(`\nCold import (median of ${IMPORT_RUNS} fresh Node.js ${process.version} processes, bundled as the stack bundles)\n`);
  process.stdout.write(
    formatTable(
      [
        ['bundle', 'size', 'import ms', 'import ×minimal', 'largest packages'],
        ...bundles.map((b) => [b.name, kb(b.size), b.importMs.toFixed(1), `${(b.importMs / minimal.importMs).toFixed(1)}×`, b.largest]),
      ],
      [0, 4],
    ) + '\n',
  );
}

await main();
