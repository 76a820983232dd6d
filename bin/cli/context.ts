// What every CLI command shares: configuration and AWS clients, created on first use.
import { loadConfig, type AppConfig } from '../../lambdas/core/config.ts';
import { createJobDeps } from '../../lambdas/core/deps.ts';
import { consoleLog, type Log } from '../../lambdas/core/log.ts';
import type { JobDeps } from '../../lambdas/core/job.ts';
import type { RadarStore } from '../../lambdas/core/store/radar-store.ts';
import { systemClock, type Clock } from '../../lambdas/core/clock.ts';

/** Defaults that let the CLI work against the local stack without any setup; real accounts set both. */
const CLI_DEFAULTS = { TABLE_NAME: 'rm-radar', SENDER_EMAIL: 'rm-radar@bank.example' };

export class CliContext {
  private cachedDeps: JobDeps | undefined;
  readonly log: Log;
  readonly clock: Clock;
  private readonly env: Record<string, string | undefined>;

  constructor(options: { env?: Record<string, string | undefined>; clock?: Clock; log?: Log } = {}) {
    this.env = options.env ?? process.env;
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? consoleLog(this.env.RM_RADAR_LOG_LEVEL === 'debug' ? 'debug' : 'warn');
  }

  get config(): AppConfig {
    return this.deps.config;
  }

  get store(): RadarStore {
    return this.deps.store;
  }

  get deps(): JobDeps {
    this.cachedDeps ??= createJobDeps(loadConfig({ ...CLI_DEFAULTS, ...this.env }), this.log, this.clock);
    return this.cachedDeps;
  }

  /** Writes a line to stdout (command output, never logs). */
  print(line = ''): void {
    process.stdout.write(`${line}\n`);
  }
}
