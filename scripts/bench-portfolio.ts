// Benchmark: one RM's weekly portfolio report for a 500-client book (build time, items read), each chart's render time,
// the workbench's /report page (server time and items read for the page with its chart images), and the report
// function's bundle and cold import next to the call-list function's.
// Usage: npm run bench -- portfolio   (or: node scripts/bench-portfolio.ts --clients 500 --runs 5)
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { freePort, localAwsEnvironment, startDynamoDbLocal } from '../bin/local/services.ts';
import { JOB_DEFINITIONS } from '../lib/jobs.ts';
import { ensureTable } from '../lambdas/core/store/create-table.ts';
import { batchWrite, createDocumentClient } from '../lambdas/core/store/dynamo.ts';
import { clientItem, loanItem, rmItem, RadarStore } from '../lambdas/core/store/radar-store.ts';
import { loadConfig } from '../lambdas/core/config.ts';
import { addDays, localTimeToInstant } from '../lambdas/core/dates/calendar.ts';
import { client, loan, rm, type Client, type Loan } from '../lambdas/core/model.ts';
import { entities } from '../lambdas/core/store/entities.ts';
import { readBook } from '../lambdas/portfolio-report/read-book.ts';
import { buildReport, TREND_WEEKS } from '../lambdas/portfolio-report/build.ts';
import { computeFigures, totalsOf } from '../lambdas/portfolio-report/figures.ts';
import { SnapshotStore } from '../lambdas/portfolio-report/store.ts';
import { chartSpecs } from '../lambdas/portfolio-report/charts/specs.ts';
import { CHART_FONT_FAMILY, renderPng } from '../lambdas/portfolio-report/charts/render.ts';
import { random } from './seeded-random.ts';
import { bundle, coldImportMilliseconds, functionEnvironment, projectRoot } from './lambda-bundles.ts';
import { median, percentile } from './stats.ts';
import { fixedClock } from '../lambdas/core/clock.ts';
import { silentLog } from '../lambdas/core/log.ts';
import { createWebApp } from '../lambdas/web/app.ts';
import { LocalAuthenticator } from '../lambdas/web/auth.ts';
import { SESSION_COOKIE } from '../lambdas/web/session.ts';

const { values: args } = parseArgs({ options: { clients: { type: 'string', default: '500' }, runs: { type: 'string', default: '5' } } });
const CLIENTS = Number(args.clients);
const RUNS = Number(args.runs);
const DATE = '2026-11-16'; // a Monday
const TZ = 'Asia/Shanghai';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} kB`;

/** A book of `count` clients for rm-000: tiers 20/30/50 %, balances log-uniform, a loan for ~40 %, a sixth touched this week. */
function book(count: number): { clients: Client[]; loans: Loan[]; touches: Array<{ clientId: string; at: string }> } {
  const clients: Client[] = [];
  const loans: Loan[] = [];
  const touches: Array<{ clientId: string; at: string }> = [];
  for (let i = 0; i < count; i++) {
    const next = random(i + 1);
    const roll = next();
    const logUniform = (min: number, max: number) => Math.round(min * (max / min) ** next());
    const clientId = `c-${String(i).padStart(5, '0')}`;
    const touchedThisWeek = next() < 1 / 6;
    const lastContactAt = localTimeToInstant(addDays(DATE, -(touchedThisWeek ? 1 + Math.floor(next() * 6) : 8 + Math.floor(next() * 120))), '10:00', TZ).toISOString();
    clients.push(
      client.parse({
        clientId,
        rmId: 'rm-000',
        kind: next() < 0.6 ? 'corporate' : 'individual',
        tier: roll < 0.2 ? 'A' : roll < 0.5 ? 'B' : 'C',
        name: `Client ${i}`,
        lastContactAt,
        balances: { demandDeposits: logUniform(1_000, 20_000_000), timeDeposits: next() < 0.5 ? logUniform(10_000, 50_000_000) : 0, aum: next() < 0.4 ? logUniform(10_000, 30_000_000) : 0 },
      }),
    );
    if (touchedThisWeek) touches.push({ clientId, at: lastContactAt });
    if (next() < 0.4) {
      loans.push(
        loan.parse({
          loanId: `l-${i}`,
          clientId,
          amount: logUniform(50_000, 30_000_000),
          currency: 'CNY',
          startDate: addDays(DATE, -Math.floor(next() * 300)),
          maturityDate: addDays(DATE, Math.floor(next() * 500) - 30),
          collateral: ['房产抵押', '存货质押', '保证', '信用'][Math.floor(next() * 4)],
          ...(next() < 0.05 ? { pastDueSince: addDays(DATE, -1 - Math.floor(next() * 120)) } : {}),
          lastCheckedOn: addDays(DATE, -Math.floor(next() * 150)),
        }),
      );
    }
  }
  return { clients, loans, touches };
}

async function measureReport() {
  const port = await freePort();
  const dynamodb = await startDynamoDbLocal({ port });
  try {
    Object.assign(process.env, localAwsEnvironment(dynamodb.url, 'http://127.0.0.1:9'));
    const ddb = new DynamoDBClient({});
    const tableName = 'rm-radar-bench-portfolio';
    await ensureTable(ddb, tableName);
    const store = new RadarStore(createDocumentClient(ddb), tableName);
    const config = loadConfig({ TABLE_NAME: tableName, SENDER_EMAIL: 'bench@bank.example', TIME_ZONE: TZ });
    const theRm = rm.parse({ rmId: 'rm-000', name: 'Bench RM', email: 'rm0@bank.example', locale: 'zh-CN' });
    const { clients, loans, touches } = book(CLIENTS);
    const touchItems = touches.map((t, i) => ({ ...entities.touch.key(t.clientId, t.at, `t-${i}`), type: entities.touch.type, touchId: `t-${i}`, clientId: t.clientId, rmId: 'rm-000', at: t.at, channel: 'call' }));
    await batchWrite(store.table, [rmItem(theRm), ...clients.map(clientItem), ...loans.map((l) => loanItem(l, 'rm-000')), ...touchItems].map((put) => ({ put })));
    // Twelve weeks of history, so the trend and the three comparisons read what a running deployment would.
    const snapshots = new SnapshotStore(store.table);
    const totals = totalsOf({ clients, loans });
    for (let week = 1; week <= TREND_WEEKS + 40; week++) {
      await snapshots.putIfAbsent({ scope: 'rm', ownerId: 'rm-000', date: addDays(DATE, -7 * week), totals, takenAt: new Date().toISOString() }, new Date());
    }

    const rows: Array<{ readMs: number; buildMs: number; items: number; requests: number }> = [];
    let chartMs: Record<string, number> = {};
    for (let run = 0; run < RUNS; run++) {
      store.meter.reset();
      const started = performance.now();
      const input = await readBook(store, theRm, DATE, TZ);
      const readMs = performance.now() - started;
      const report = await buildReport({ store, config, now: new Date() }, { scope: 'rm', ownerId: 'rm-000', who: theRm.name, locale: theRm.locale }, input, DATE);
      rows.push({ readMs, buildMs: performance.now() - started, items: store.meter.itemsRead, requests: store.meter.requests });
      chartMs = report.chartMs;
    }
    const input = await readBook(store, theRm, DATE, TZ);
    const page = await measureReportPage(store, config);
    return { rows, chartMs, clients: clients.length, loans: loans.length, touched: touches.length, lastInput: input, config, page };
  } finally {
    await dynamodb.stop();
  }
}

/**
 * The workbench's /report page as a browser loads it: the page, then every chart image it names by URL
 * (an image inlined as a data: URI needs no request). Server time and items read per page view, all requests included.
 */
async function measureReportPage(store: RadarStore, config: ReturnType<typeof loadConfig>) {
  const now = localTimeToInstant(DATE, '10:00', TZ);
  const key = { id: 'bench', secret: randomBytes(32) };
  const auth = new LocalAuthenticator(key);
  const app = createWebApp({ store, clock: fixedClock(now), config, log: silentLog, keys: [key], auth, secureCookies: false, baseUrl: 'http://127.0.0.1' });
  const cookie = `${SESSION_COOKIE}=${auth.sessionFor('rm-000', now)}`;
  const get = async (path: string) => {
    const response = await app.request(path, { headers: { cookie } });
    const body = Buffer.from(await response.arrayBuffer());
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    return body;
  };
  const views: Array<{ ms: number; items: number; requests: number; httpRequests: number; htmlBytes: number }> = [];
  for (let run = 0; run < RUNS + 1; run++) {
    store.meter.reset();
    const started = performance.now();
    const html = (await get(`/report?date=${DATE}`)).toString('utf8');
    const imageUrls = [...html.matchAll(/<img [^>]*src="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&')).filter((src) => src.startsWith('/'));
    for (const src of imageUrls) await get(src);
    views.push({ ms: performance.now() - started, items: store.meter.itemsRead, requests: store.meter.requests, httpRequests: 1 + imageUrls.length, htmlBytes: Buffer.byteLength(html) });
  }
  const measured = views.slice(1); // the first view warms the connections and loads resvg
  return {
    p50: percentile(measured.map((v) => v.ms), 50),
    max: Math.max(...measured.map((v) => v.ms)),
    items: median(measured.map((v) => v.items)),
    requests: median(measured.map((v) => v.requests)),
    httpRequests: measured[0]!.httpRequests,
    htmlBytes: measured[0]!.htmlBytes,
    runs: measured.length,
  };
}

async function measureCharts(input: Awaited<ReturnType<typeof measureReport>>['lastInput'], config: ReturnType<typeof loadConfig>) {
  const figures = computeFigures(input, [], { rules: config.callList, maturityConcentrationShare: 0.3, timeZone: TZ });
  const trend = Array.from({ length: TREND_WEEKS + 1 }, (_, i) => ({ date: addDays(DATE, -7 * (TREND_WEEKS - i)), totals: totalsOf(input) }));
  const result: Array<{ locale: string; id: string; ms: number; bytes: number }> = [];
  for (const locale of ['zh-CN', 'en'] as const) {
    for (const spec of chartSpecs(figures, trend, locale, CHART_FONT_FAMILY)) {
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < 7; i++) {
        const started = performance.now();
        bytes = (await renderPng(spec)).length;
        times.push(performance.now() - started);
      }
      result.push({ locale, id: spec.id, ms: median(times), bytes });
    }
  }
  return result;
}

/** Bundles as the stack does (native modules left out), and times a cold import and, for the report, a first chart. */
async function measureBundles() {
  const workDir = mkdtempSync(join(tmpdir(), 'rm-radar-bench-portfolio-'));
  try {
    const rows = [];
    for (const name of ['call-list', 'portfolio-report']) {
      const job = JOB_DEFINITIONS.find((j) => j.name === name)!;
      const { outfile } = await bundle(workDir, name, join(projectRoot, job.entry), job.nativeModules ?? []);
      // The native module is left out of the bundle, as in the stack; here it resolves from the project's node_modules.
      const env = { ...functionEnvironment(), NODE_PATH: join(projectRoot, 'node_modules') };
      const importMs = coldImportMilliseconds(outfile, env, 5);
      const native = (job.nativeModules ?? []).flatMap((module) => {
        const scope = join(projectRoot, 'node_modules', module.split('/')[0]!);
        return readdirSync(scope).filter((dir) => `${module.split('/')[0]}/${dir}`.startsWith(module)).map((dir) => join(scope, dir));
      });
      rows.push({ name, size: statSync(outfile).size, gzip: gzipSync(readFileSync(outfile)).length, importMs, native: native.reduce((n, dir) => n + duBytes(dir), 0) });
    }
    // The first chart in a fresh process: loading resvg's native module and the font, then rendering.
    const firstChart = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', `const t = performance.now(); const r = await import(${JSON.stringify(join(projectRoot, 'lambdas/portfolio-report/charts/render.ts'))}); const s = await import(${JSON.stringify(join(projectRoot, 'lambdas/portfolio-report/charts/specs.ts'))}); await r.renderPng({ id: 'mix', title: 'x', option: { series: [{ type: 'pie', data: [1, 2] }] } }); process.stdout.write(String(performance.now() - t)); void s;`],
      { encoding: 'utf8' },
    );
    return { rows, firstChartMs: Number(firstChart.stdout) };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

function duBytes(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((n, entry) => n + duBytes(join(path, entry)), 0);
}

const report = await measureReport();
const build = report.rows.slice(1); // the first run also writes the week's snapshot and warms the connections
console.log(`\nOne RM's weekly report, ${report.clients} clients, ${report.loans} loans, ${report.touched} clients touched this week, ${TREND_WEEKS + 40} weeks of snapshots (DynamoDB Local, median of ${build.length} runs after a first):`);
console.log(`  read the book: ${median(build.map((r) => r.readMs)).toFixed(0)} ms; whole report (history, figures, snapshot, view, 4 charts): ${median(build.map((r) => r.buildMs)).toFixed(0)} ms`);
console.log(`  items read: ${median(build.map((r) => r.items))} in ${median(build.map((r) => r.requests))} requests (clients + loans + touched clients' touches + snapshots; no Scan)`);
console.log(`  charts inside that build: ${Object.entries(report.chartMs).map(([id, ms]) => `${id} ${ms} ms`).join(', ')}`);

const page = report.page;
console.log(`\nThe workbench's /report page for the same RM (app.request, signed in; the page and every chart image it loads by URL, ${page.runs} views after a first):`);
console.log(`  server time per page view: p50 ${page.p50.toFixed(0)} ms (max ${page.max.toFixed(0)}); ${page.httpRequests} HTTP request${page.httpRequests === 1 ? '' : 's'}; HTML ${kb(page.htmlBytes)}`);
console.log(`  items read per page view: ${page.items} in ${page.requests} DynamoDB requests`);

const charts = await measureCharts(report.lastInput, report.config);
console.log('\nChart rendering (ECharts SVG + resvg PNG at 1200×600, median of 7):');
for (const c of charts) console.log(`  ${c.locale.padEnd(5)} ${c.id.padEnd(8)} ${c.ms.toFixed(0).padStart(4)} ms  ${kb(c.bytes).padStart(6)}`);

const bundles = await measureBundles();
console.log('\nBundles (esbuild as the stack builds them; native modules installed beside the bundle):');
for (const b of bundles.rows) {
  console.log(`  ${b.name.padEnd(17)} ${kb(b.size).padStart(8)} (gzip ${kb(b.gzip)})  cold import ${b.importMs.toFixed(0)} ms${b.native ? `  + native modules ${kb(b.native)} on disk (this machine's platform)` : ''}`);
}
console.log(`  first chart in a fresh process, from the TypeScript sources (echarts unbundled, resvg's native module, the font, one render): ${bundles.firstChartMs.toFixed(0)} ms`);
