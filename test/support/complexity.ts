// Complexity guards that hold on a loaded machine: how work grows with input size, not how long it takes.
import { performance } from 'node:perf_hooks';

/** The fastest of a few runs, so that one pause of a busy machine does not count. */
async function fastestRun(work: () => unknown, runs = 3): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    await work();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/**
 * How many times longer `work` takes on an input `factor` times larger. Linear work gives about
 * `factor`, quadratic work about `factor`²: a guard asserts the ratio stays well below the square.
 * Both sizes run on the same machine at the same moment, so load slows them alike.
 */
export async function growthRatio(work: (size: number) => unknown, size: number, factor = 4): Promise<number> {
  await work(size); // warm-up: the first run pays for compilation
  const small = await fastestRun(() => work(size));
  const large = await fastestRun(() => work(size * factor));
  // Below a few milliseconds, timer and allocation noise outweigh the work itself.
  return large / Math.max(small, 5);
}
