// Command-line numbers shared by the benchmarks.

/** A whole number of at least 1 from `--name VALUE`, or an error that shows how to write one. */
export function wholeNumber(name: string, value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`--${name} takes a whole number, e.g. --${name} 10`);
  return parsed;
}
