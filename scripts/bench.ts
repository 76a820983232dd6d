// `npm run bench [-- NAME…]`: runs the benchmarks one after another and prints their figures.
import { spawnSync } from 'node:child_process';

const benchmarks: Record<string, { script: string; what: string }> = {
  prospects: { script: 'scripts/bench-prospects.ts', what: 'feed parse + classify throughput vs bare rss-parser' },
  grouping: { script: 'scripts/bench-grouping.ts', what: 'story grouping: 20,000 reports about one company vs about 20,000 companies' },
  'call-list': { script: 'scripts/bench-call-list.ts', what: "one RM's call-list read cost at 10k and 100k clients" },
  dropzone: { script: 'scripts/bench-dropzone.ts', what: 'a 20k and a 200k clients file through the drop zone: rows/s, peak memory, 2M projection' },
  workbench: { script: 'scripts/bench-workbench.ts', what: 'Today, Client and History pages for a 500-client book in a 100k-client table; the web bundle cold import' },
  morning: { script: 'scripts/bench-morning.ts', what: "the morning's three jobs fanned out at 1k, 5k and 10k RMs: RMs/s, requests and capacity per RM, a worker's peak memory, a projection to 50k RMs" },
  portfolio: { script: 'scripts/bench-portfolio.ts', what: "one RM's weekly portfolio report at 500 clients, the workbench's /report page view, chart rendering, bundle and cold import" },
  bundles: { script: 'scripts/bench-bundles.ts', what: 'Lambda bundle sizes and cold import time vs hello-world' },
};

/** Other names a benchmark answers to. */
const aliases: Record<string, string> = { report: 'portfolio', fanout: 'morning' };
const chosen = process.argv.slice(2).map((name) => aliases[name] ?? name);
const unknown = chosen.filter((name) => !benchmarks[name]);
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}; choose from: ${Object.keys(benchmarks).join(', ')}`);
  process.exit(2);
}

let failed = 0;
for (const name of chosen.length > 0 ? chosen : Object.keys(benchmarks)) {
  const { script, what } = benchmarks[name]!;
  console.log(`\n=== ${name}: ${what} (node ${script})\n`);
  const result = spawnSync(process.execPath, [script], { stdio: 'inherit' });
  if (result.status !== 0) failed += 1;
}
process.exitCode = failed > 0 ? 1 : 0;
