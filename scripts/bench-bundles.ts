// Bundle benchmark: each job's handler bundled as the stack bundles it, beside a hello-world, by size and load time.
// Usage: npm run bench:bundles [-- --runs 9]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import esbuild from 'esbuild';
import { BUNDLE_SETTINGS } from '../lib/bundling.ts';
import { readDeployConfig, runtimeEnvironmentOf } from '../lib/config.ts';
import { JOB_DEFINITIONS } from '../lib/jobs.ts';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const runsFlag = process.argv.indexOf('--runs');
const runs = runsFlag >= 0 ? Number(process.argv[runsFlag + 1]) : 7;
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number of runs, e.g. --runs 9');

const workDir = mkdtempSync(join(tmpdir(), 'rm-radar-bench-'));

/** The same esbuild options NodejsFunction is given in lib/scheduled-job.ts. */
async function bundle(name: string, entry: string) {
  const outfile = join(workDir, name, 'index.mjs');
  mkdirSync(join(workDir, name), { recursive: true });
  const result = await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: BUNDLE_SETTINGS.platform,
    target: BUNDLE_SETTINGS.target,
    format: BUNDLE_SETTINGS.format,
    minify: BUNDLE_SETTINGS.minify,
    sourcemap: BUNDLE_SETTINGS.sourcemap,
    mainFields: [...BUNDLE_SETTINGS.mainFields],
    banner: { js: BUNDLE_SETTINGS.banner },
    metafile: true,
    logLevel: 'error',
    absWorkingDir: projectRoot,
  });
  return { outfile, metafile: result.metafile };
}

/** The three largest packages in a bundle, by bytes in the output. */
function largestPackages(metafile: esbuild.Metafile): string {
  const bytes = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? input.split('/').slice(0, 2).join('/');
      bytes.set(name, (bytes.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...bytes]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([name, size]) => `${name} ${kb(size)}`)
    .join(', ');
}

/** The environment a deployed function gets from the default stage, so the cold-start config load succeeds. */
function functionEnvironment(): Record<string, string> {
  const cdkJson = JSON.parse(readFileSync(join(projectRoot, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
  const config = readDeployConfig(cdkJson.context);
  return {
    PATH: process.env.PATH ?? '',
    ...runtimeEnvironmentOf(config),
    TABLE_NAME: 'rm-radar-bench',
    SENDER_EMAIL: config.senderEmail,
    SES_CONFIGURATION_SET: 'rm-radar-bench',
    AWS_REGION: 'ap-east-1',
    POWERTOOLS_SERVICE_NAME: 'rm-radar',
    POWERTOOLS_METRICS_NAMESPACE: 'RmRadar',
    // As deployed (source-mapped stack traces); BENCH_NODE_OPTIONS='' measures without.
    NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS ?? BUNDLE_SETTINGS.nodeOptions,
  };
}

/** Milliseconds to import the bundle (module evaluation included) in a fresh Node.js process. */
function importMilliseconds(file: string, env: Record<string, string>): number {
  const script = `const t = performance.now(); const m = await import(${JSON.stringify(file)}); if (typeof m.handler !== 'function') throw new Error('no handler export'); process.stdout.write(String(performance.now() - t));`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`importing ${file} failed:\n${child.stderr}`);
  return Number(child.stdout);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const kb = (bytes: number) => (bytes < 10_240 ? `${(bytes / 1024).toFixed(2)} kB` : `${(bytes / 1024).toFixed(0)} kB`);

try {
  const helloEntry = join(workDir, 'hello-world.ts');
  writeFileSync(helloEntry, "export const handler = async () => ({ statusCode: 200, body: 'hello' });\n");
  const targets = [{ name: 'hello-world', entry: helloEntry }, ...JOB_DEFINITIONS.map((job) => ({ name: job.name, entry: join(projectRoot, job.entry) }))];
  const env = functionEnvironment();

  const rows = [];
  for (const target of targets) {
    const { outfile, metafile } = await bundle(target.name, target.entry);
    const code = readFileSync(outfile);
    importMilliseconds(outfile, env); // warm the file system cache once
    const times = Array.from({ length: runs }, () => importMilliseconds(outfile, env));
    rows.push({ name: target.name, size: statSync(outfile).size, gzip: gzipSync(code).length, map: statSync(`${outfile}.map`).size, load: median(times), largest: largestPackages(metafile) });
  }

  const hello = rows[0]!;
  console.log(`Bundles as the stack builds them (esbuild ${esbuild.version}, ${BUNDLE_SETTINGS.format}, ${BUNDLE_SETTINGS.target}, minified); import time is the median of ${runs} fresh Node.js ${process.version} processes.\n`);
  const header = ['bundle', 'size', 'gzip', 'size ×hello', 'import ms', 'import ×hello', 'largest packages'];
  const table = rows.map((row) => [
    row.name,
    kb(row.size),
    kb(row.gzip),
    `${(row.size / hello.size).toFixed(0)}×`,
    row.load.toFixed(1),
    `${(row.load / hello.load).toFixed(1)}×`,
    row.name === 'hello-world' ? '' : row.largest,
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...table.map((cells) => cells[i]!.length)));
  for (const cells of [header, ...table]) console.log(cells.map((cell, i) => (i === 0 || i === cells.length - 1 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
