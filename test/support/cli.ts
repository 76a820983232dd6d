// Runs the rm-radar CLI in this process (much faster than a child process) and captures what it prints.
import { vi } from 'vitest';
import { main } from '../../bin/rm-radar.ts';
import { CliContext } from '../../bin/cli/context.ts';
import { fixedClock, systemClock } from '../../lambdas/core/clock.ts';
import { silentLog } from '../../lambdas/core/log.ts';

export interface CliRun {
  code: number;
  output: string;
  errors: string;
  /** stdout and stderr interleaved as printed. */
  combined: string;
}

export async function runCli(args: string[], options: { tableName?: string; at?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  const output: string[] = [];
  const errors: string[] = [];
  const combined: string[] = [];
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (output.push(String(chunk)), combined.push(String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (errors.push(String(chunk)), combined.push(String(chunk)), true));
  try {
    const env = { ...process.env, ...(options.tableName ? { TABLE_NAME: options.tableName } : {}), ...options.env };
    const context = new CliContext({ env, clock: options.at ? fixedClock(options.at) : systemClock, log: silentLog });
    const code = await main(args, context);
    return { code, output: output.join(''), errors: errors.join(''), combined: combined.join('') };
  } finally {
    out.mockRestore();
    err.mockRestore();
    // A command that failed sets process.exitCode; it must not leak into the next run.
    process.exitCode = undefined;
  }
}
