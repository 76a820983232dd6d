// Bundle benchmark: each job's handler bundled as the stack bundles it, beside a hello-world, by size and load time.
// Usage: npm run bench:bundles [-- --runs 9]
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BUNDLE_SETTINGS } from '../lib/bundling.ts';
import { JOB_DEFINITIONS } from '../lib/jobs.ts';
import { formatTable } from './text-table.ts';
import { bundle, coldImportMilliseconds, esbuild, functionEnvironment, kb, largestPackages, projectRoot } from './lambda-bundles.ts';

const runsFlag = process.argv.indexOf('--runs');
const runs = runsFlag >= 0 ? Number(process.argv[runsFlag + 1]) : 7;
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number of runs, e.g. --runs 9');

const workDir = mkdtempSync(join(tmpdir(), 'rm-radar-bench-'));

try {
  const helloEntry = join(workDir, 'hello-world.ts');
  writeFileSync(helloEntry, "export const handler = async () => ({ statusCode: 200, body: 'hello' });\n");
  const targets = [{ name: 'hello-world', entry: helloEntry }, ...JOB_DEFINITIONS.map((job) => ({ name: job.name, entry: join(projectRoot, job.entry), external: job.nativeModules ?? [] }))];
  const env = functionEnvironment();

  const rows = [];
  for (const target of targets) {
    const { outfile, metafile } = await bundle(workDir, target.name, target.entry, 'external' in target ? target.external : []);
    const code = readFileSync(outfile);
    const load = coldImportMilliseconds(outfile, env, runs);
    rows.push({ name: target.name, size: statSync(outfile).size, gzip: gzipSync(code).length, map: statSync(`${outfile}.map`).size, load, largest: largestPackages(metafile) });
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
  console.log(formatTable([header, ...table], [0, header.length - 1], '  '));
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
