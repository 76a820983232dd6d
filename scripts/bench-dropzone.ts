// Benchmark: a clients file through the drop zone's import path on DynamoDB Local — rows per second and peak
// memory at 20k and 200k rows, and what that projects to for 2M. Each size runs in a fresh process.
// Usage: npm run bench -- dropzone   (or node scripts/bench-dropzone.ts [--sizes 20000,200000])
import { spawnSync } from 'node:child_process';
import { mkdtemp, mkdir, rm as remove, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { freePort, localAwsEnvironment, startDynamoDbLocal } from '../bin/local/services.ts';
import { ensureTable } from '../lambdas/core/store/create-table.ts';
import { createDocumentClient } from '../lambdas/core/store/dynamo.ts';
import { RadarStore } from '../lambdas/core/store/radar-store.ts';
import { loadConfig } from '../lambdas/core/config.ts';
import { systemClock } from '../lambdas/core/clock.ts';
import { silentLog } from '../lambdas/core/log.ts';
import { importCsv } from '../lambdas/core/import/importer.ts';
import { FolderStore } from '../lambdas/dropzone/folder-store.ts';
import { importObject } from '../lambdas/dropzone/import-object.ts';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '20000,200000' },
    child: { type: 'string' },
    table: { type: 'string' },
  },
});
const RM_COUNT = 100;
const PROJECTED_ROWS = 2_000_000;
const TIME_ZONE = 'Asia/Shanghai';

interface Measured {
  rows: number;
  fileMegabytes: number;
  seconds: number;
  peakRssMegabytes: number;
  baselineRssMegabytes: number;
  outcome: string;
}

/** One clients file: the columns a bank's CRM extract fills, with Chinese names and amounts in 万. */
function clientsCsv(rows: number): string {
  const lines = ['client_id,rm_id,kind,tier,name,industry,company_name,founded_on,relationship_since,demand_deposits,time_deposits,aum,last_contact_at'];
  for (let i = 0; i < rows; i++) {
    const corporate = i % 3 !== 0;
    const name = corporate ? `华东${i}号钢材贸易有限公司` : `客户${i}`;
    lines.push(
      [
        `c-${String(i).padStart(7, '0')}`,
        `rm-${String(i % RM_COUNT).padStart(3, '0')}`,
        corporate ? 'corporate' : 'individual',
        'ABC'[i % 3],
        name,
        corporate ? '钢材贸易' : '',
        corporate ? name : '',
        `20${String(i % 20).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`,
        `2018-0${1 + (i % 9)}-0${1 + (i % 9)}`,
        `${(i % 500) + 1}万`,
        `${(i * 37) % 100000}`,
        `${(i * 11) % 1000}万`,
        `2026-0${1 + (i % 9)}-1${i % 10}`,
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** In the child: imports RMs, then the clients file through importObject, sampling memory as it goes. */
async function measure(rows: number, tableName: string): Promise<Measured> {
  const store = new RadarStore(createDocumentClient(new DynamoDBClient({})), tableName);
  const rmsCsv = ['rm_id,name,email,locale', ...Array.from({ length: RM_COUNT }, (_, i) => `rm-${String(i).padStart(3, '0')},RM ${i},rm${i}@bank.example,zh-CN`)].join('\n');
  await importCsv(store, 'rms', Buffer.from(rmsCsv), { timeZone: TIME_ZONE });

  const root = await mkdtemp(join(tmpdir(), 'bench-dropzone-'));
  const key = `incoming/clients/clients-2026-12-01.csv`;
  await mkdir(join(root, 'incoming', 'clients'), { recursive: true });
  const csv = clientsCsv(rows);
  await writeFile(join(root, key), csv);
  const fileMegabytes = Buffer.byteLength(csv) / 1024 / 1024;
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const config = loadConfig({ TABLE_NAME: tableName, SENDER_EMAIL: 'radar@bank.example', DROPZONE_WAIT_MINUTES: '0' });
  const started = performance.now();
  const outcome = await importObject(
    { store, objects: new FolderStore(root), mailer: { send: async () => 'none' }, clock: systemClock, log: silentLog, config },
    { key, versionId: 'bench' },
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  await remove(root, { recursive: true, force: true });
  return { rows, fileMegabytes, seconds, peakRssMegabytes: peak / 1024 / 1024, baselineRssMegabytes: baseline / 1024 / 1024, outcome: outcome.status };
}

if (args.child) {
  const result = await measure(Number(args.child), args.table!);
  console.log(JSON.stringify(result));
  process.exit(0);
}

const port = await freePort();
const dynamodb = await startDynamoDbLocal({ port });
Object.assign(process.env, localAwsEnvironment(dynamodb.url, 'http://127.0.0.1:1'));
try {
  const results: Measured[] = [];
  for (const rows of args.sizes.split(',').map(Number)) {
    const tableName = `bench-dropzone-${rows}`;
    await ensureTable(new DynamoDBClient({}), tableName);
    const child = spawnSync(process.execPath, ['--expose-gc', 'scripts/bench-dropzone.ts', '--child', String(rows), '--table', tableName], {
      env: process.env,
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    if (child.status !== 0) throw new Error(`the ${rows}-row run failed: ${child.stderr.trim().split('\n').slice(-5).join(' | ')}`);
    const result = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Measured;
    results.push(result);
    console.log(
      `${String(rows).padStart(8)} clients  ${result.fileMegabytes.toFixed(1).padStart(6)} MB file  ${result.seconds.toFixed(1).padStart(7)} s  ${Math.round(rows / result.seconds).toLocaleString('en').padStart(7)} rows/s  peak RSS ${Math.round(result.peakRssMegabytes)} MB (${Math.round(result.baselineRssMegabytes)} MB before the file)  → ${result.outcome}`,
    );
  }
  if (results.length >= 2) {
    const [small, large] = [results.at(-2)!, results.at(-1)!];
    const megabytesPerRow = (large.peakRssMegabytes - small.peakRssMegabytes) / (large.rows - small.rows);
    const secondsPerRow = large.seconds / large.rows;
    const projectedMemory = large.peakRssMegabytes + megabytesPerRow * (PROJECTED_ROWS - large.rows);
    console.log(
      `\nprojected for ${PROJECTED_ROWS.toLocaleString('en')} clients (linear from the two runs): ${Math.round(secondsPerRow * PROJECTED_ROWS)} s at this write rate, peak RSS ≈ ${Math.round(projectedMemory)} MB (${(megabytesPerRow * 1024).toFixed(2)} KB per row).`,
    );
    console.log('The importer streams the file twice (validate, then write a thousand rows at a time) and keeps a line and an id per row, so memory grows by that, not by the file; see docs/deploy.md.');
  }
} finally {
  await dynamodb.stop();
}
