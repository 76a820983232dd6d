// Lambda bundles for the benchmarks: built with the stack's esbuild settings, sized, and imported cold in fresh Node.js processes.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import esbuild from 'esbuild';
import { BUNDLE_SETTINGS } from '../lib/bundling.ts';
import { readDeployConfig, runtimeEnvironmentOf } from '../lib/config.ts';
import { median } from './stats.ts';

export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/** Bundles `entry` into `workDir/name/index.mjs` with the same esbuild options NodejsFunction is given in lib/scheduled-job.ts. */
export async function bundle(workDir: string, name: string, entry: string, external: readonly string[] = []): Promise<{ outfile: string; metafile: esbuild.Metafile }> {
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
    // Native modules stay out of the bundle, as nodeModules in the stack (installed beside it).
    external: [...external],
    metafile: true,
    logLevel: 'error',
    absWorkingDir: projectRoot,
  });
  return { outfile, metafile: result.metafile };
}

/** The environment a deployed function gets from the default stage, so the cold-start config load succeeds. */
export function functionEnvironment(): Record<string, string> {
  const cdkJson = JSON.parse(readFileSync(join(projectRoot, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
  const config = readDeployConfig(cdkJson.context);
  return {
    PATH: process.env.PATH ?? '',
    ...runtimeEnvironmentOf(config),
    TABLE_NAME: 'rm-radar-bench',
    SENDER_EMAIL: config.senderEmail,
    SES_CONFIGURATION_SET: 'rm-radar-bench',
    // A fanned-out job's planner needs its work queue at cold start, as the stack gives it.
    WORK_QUEUE_URL: 'https://sqs.ap-east-1.amazonaws.com/123456789012/rm-radar-bench-work',
    AWS_REGION: 'ap-east-1',
    POWERTOOLS_SERVICE_NAME: 'rm-radar',
    POWERTOOLS_METRICS_NAMESPACE: 'RmRadar',
    // As deployed (source-mapped stack traces); BENCH_NODE_OPTIONS='' measures without.
    NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS ?? BUNDLE_SETTINGS.nodeOptions,
  };
}

/** Milliseconds to import the bundle (module evaluation included) in a fresh Node.js process. */
export function importMilliseconds(file: string, env: Record<string, string>): number {
  const script = `const t = performance.now(); const m = await import(${JSON.stringify(file)}); if (typeof m.handler !== 'function') throw new Error('no handler export'); process.stdout.write(String(performance.now() - t));`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`importing ${file} failed:\n${child.stderr}`);
  return Number(child.stdout);
}

/** The median import time over `runs` fresh processes, after one import that warms the file system cache. */
export function coldImportMilliseconds(file: string, env: Record<string, string>, runs: number): number {
  importMilliseconds(file, env);
  return median(Array.from({ length: runs }, () => importMilliseconds(file, env)));
}

/** The three largest packages in a bundle, by bytes in the output. */
export function largestPackages(metafile: esbuild.Metafile): string {
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

export const kb = (bytes: number) => (bytes < 10_240 ? `${(bytes / 1024).toFixed(2)} kB` : `${(bytes / 1024).toFixed(0)} kB`);

export { esbuild };
