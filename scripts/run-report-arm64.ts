// Runs the portfolio-report function as CDK builds it for Lambda (bundle + linux-arm64 resvg) on an arm64 Node.js under
// qemu user emulation, against DynamoDB Local and the local SES, and checks the charts in the emails it sent.
// Usage: node scripts/run-report-arm64.ts --node ARM64_NODE --sysroot ARM64_ROOT [--qemu qemu-aarch64-static]
// (docs/portfolio-report.md, "linux-arm64", says how to get an arm64 Node.js and a sysroot with Debian's packages).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { App } from 'aws-cdk-lib';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { simpleParser } from 'mailparser';
import { readDeployConfig } from '../lib/config.ts';
import { JOB_DEFINITIONS } from '../lib/jobs.ts';
import { RmRadarStack } from '../lib/rm-radar-stack.ts';
import { freePort, localAwsEnvironment, localSesEml, startDynamoDbLocal, startLocalSes } from '../bin/local/services.ts';
import { ensureTable } from '../lambdas/core/store/create-table.ts';
import { createDocumentClient } from '../lambdas/core/store/dynamo.ts';
import { RadarStore } from '../lambdas/core/store/radar-store.ts';
import { putClients } from '../lambdas/core/store/client-writes.ts';
import { client, loan, rm } from '../lambdas/core/model.ts';
import { decodePng, greyDeviation } from '../test/support/png.ts';
import { functionEnvironment, projectRoot } from './lambda-bundles.ts';

const { values: args } = parseArgs({
  options: {
    node: { type: 'string' },
    sysroot: { type: 'string' },
    qemu: { type: 'string', default: 'qemu-aarch64-static' },
    entry: { type: 'string', default: 'lambdas/portfolio-report/handler.ts' },
  },
});
if (!args.node || !args.sysroot) throw new Error('--node (an arm64 Node.js binary) and --sysroot (an arm64 glibc root) are required');
const DATE = '2026-11-16'; // a Monday

/** Synthesises the report job alone, as `cdk synth` would, and returns the asset folder whose bundle holds `entry`. */
function synthesiseReportAsset(outdir: string): string {
  const cdkJson = JSON.parse(readFileSync(join(projectRoot, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
  const app = new App({ outdir, context: cdkJson.context });
  const config = readDeployConfig(cdkJson.context);
  new RmRadarStack(app, 'RmRadar-arm64-check', { config, projectRoot, jobs: JOB_DEFINITIONS.filter((job) => job.name === 'portfolio-report') });
  app.synth();
  const assets = readdirSync(outdir)
    .map((name) => join(outdir, name))
    .filter((dir) => existsSync(join(dir, 'index.mjs.map')))
    .filter((dir) => (JSON.parse(readFileSync(join(dir, 'index.mjs.map'), 'utf8')) as { sources: string[] }).sources.some((s) => s.endsWith(args.entry!)));
  if (assets.length !== 1) throw new Error(`expected one asset bundling ${args.entry}, found ${assets.length}`);
  return assets[0]!;
}

/** A lead (zh-CN) and one RM (en) with a client and a loan each: two own reports and a team report. */
async function seed(store: RadarStore): Promise<void> {
  await store.putRms([
    rm.parse({ rmId: 'lead', name: '李主管', email: 'lead@bank.example', locale: 'zh-CN' }),
    rm.parse({ rmId: 'rm-a', name: 'Grace Lee', email: 'grace@bank.example', locale: 'en', managerId: 'lead' }),
  ]);
  await putClients(store, [
    client.parse({ clientId: 'a-1', rmId: 'rm-a', kind: 'corporate', tier: 'A', name: 'Harbour Steel', balances: { demandDeposits: 3_000_000, timeDeposits: 1_000_000, aum: 500_000 } }),
    client.parse({ clientId: 'l-1', rmId: 'lead', kind: 'corporate', tier: 'B', name: '东海能源集团', balances: { demandDeposits: 800_000, timeDeposits: 2_000_000, aum: 0 } }),
  ]);
  await store.putLoans([
    loan.parse({ loanId: 'la-1', clientId: 'a-1', amount: 6_000_000, currency: 'CNY', startDate: '2026-01-10', maturityDate: '2026-12-10', collateral: '房产抵押', lastCheckedOn: '2026-10-01' }),
    loan.parse({ loanId: 'll-1', clientId: 'l-1', amount: 1_500_000, currency: 'CNY', startDate: '2026-02-10', maturityDate: '2027-03-10', collateral: '保证', lastCheckedOn: '2026-11-01' }),
  ]);
}

const workDir = mkdtempSync(join(tmpdir(), 'rm-radar-arm64-'));
const dynamodb = await startDynamoDbLocal({ port: await freePort() });
const ses = await startLocalSes({ port: await freePort() });
try {
  process.stdout.write('Synthesising the report function (esbuild, npm ci of its native modules for linux-arm64)…\n');
  const asset = synthesiseReportAsset(join(workDir, 'cdk.out'));
  process.stdout.write(`  asset ${asset}\n  ${readdirSync(join(asset, 'node_modules/@resvg')).join(', ')}\n`);

  const local = localAwsEnvironment(dynamodb.url, ses.url);
  Object.assign(process.env, local);
  const tableName = 'rm-radar-arm64-check';
  const ddb = new DynamoDBClient({});
  await ensureTable(ddb, tableName);
  await seed(new RadarStore(createDocumentClient(ddb), tableName));

  // The handler as Lambda calls it: the scheduled event, a context; the result and the native modules loaded are printed.
  const script = `
    const started = performance.now();
    const { handler } = await import(${JSON.stringify(join(asset, 'index.mjs'))});
    const context = { functionName: 'rm-radar-portfolio-report', functionVersion: '1', invokedFunctionArn: 'arn:aws:lambda:ap-east-1:123456789012:function:x', memoryLimitInMB: '1024', awsRequestId: 'arm64-check', getRemainingTimeInMillis: () => 600000 };
    const summary = await handler({ businessDate: ${JSON.stringify(DATE)} }, context);
    const { createRequire } = await import('node:module');
    const natives = Object.keys(createRequire(${JSON.stringify(join(asset, 'index.mjs'))}).cache).filter((file) => file.endsWith('.node'));
    console.log('ARM64-RUN ' + JSON.stringify({ arch: process.arch, platform: process.platform, node: process.version, natives, emails: summary.emails, ms: Math.round(performance.now() - started) }));`;
  const { SES_CONFIGURATION_SET: _set, WORK_QUEUE_URL: _queue, ...deployed } = functionEnvironment();
  const env = { ...deployed, ...local, TABLE_NAME: tableName, SENDER_EMAIL: 'rm-radar@bank.example', POWERTOOLS_TRACE_ENABLED: 'false', POWERTOOLS_METRICS_DISABLED: 'true', AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR' };
  process.stdout.write(`Running its handler on ${args.node} under ${args.qemu}…\n`);
  // Not spawnSync: the local SES answers from this process, so its event loop must keep running.
  const run = await promisify(execFile)(args.qemu!, ['-L', args.sysroot, args.node, '--enable-source-maps', '--input-type=module', '-e', script], { env, encoding: 'utf8', cwd: asset, timeout: 900_000, maxBuffer: 64 * 1024 * 1024 }).catch((error: { code?: number; stdout?: string; stderr?: string }) => {
    throw new Error(`the arm64 run failed (exit ${error.code}):\n${error.stderr?.slice(-4000)}\n${error.stdout?.slice(-2000)}`);
  });
  const line = run.stdout.split('\n').find((l) => l.startsWith('ARM64-RUN '));
  if (!line) throw new Error(`the arm64 run printed no result:\n${run.stdout.slice(-2000)}`);
  const result = JSON.parse(line.slice('ARM64-RUN '.length)) as { arch: string; platform: string; node: string; natives: string[]; emails: Record<string, number>; ms: number };
  process.stdout.write(`  ${result.platform}/${result.arch} Node.js ${result.node}: handler finished in ${result.ms} ms (emulated), emails ${JSON.stringify(result.emails)}\n`);
  process.stdout.write(`  native modules loaded: ${result.natives.map((file) => file.slice(asset.length + 1)).join(', ')}\n`);

  const stored = (await (await fetch(`${ses.url}/store`)).json()) as { emails: Array<{ messageId: string; subject: string }> };
  let charts = 0;
  for (const email of stored.emails) {
    const mail = await simpleParser(await localSesEml(ses.url, email.messageId));
    const pngs = mail.attachments.filter((part) => part.contentType === 'image/png').map((part) => decodePng(part.content));
    charts += pngs.length;
    const shapes = pngs.map((png) => `${png.width}×${png.height} σ${greyDeviation(png).toFixed(0)}`).join(', ');
    process.stdout.write(`  "${mail.subject}": ${pngs.length} PNG charts (${shapes})\n`);
    if (pngs.length !== 4 || pngs.some((png) => greyDeviation(png) <= 10)) throw new Error(`"${mail.subject}" lacks a drawn chart`);
  }
  if (stored.emails.length !== 3 || !result.natives.some((file) => file.endsWith('resvgjs.linux-arm64-gnu.node'))) throw new Error('expected 3 emails drawn with the linux-arm64 resvg binary');
  process.stdout.write(`OK: ${stored.emails.length} emails, ${charts} charts drawn by the linux-arm64 resvg binary of the asset.\n`);
} finally {
  await ses.stop();
  await dynamodb.stop();
  rmSync(workDir, { recursive: true, force: true });
}
