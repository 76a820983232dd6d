// Builds the real dependencies of a job from the configuration: the same wiring in Lambda, CLI and local runner.
import { createDocumentClient } from './store/dynamo.ts';
import { RadarStore } from './store/radar-store.ts';
import { SesMailer } from './mail/mailer.ts';
import { systemClock, type Clock } from './clock.ts';
import type { AppConfig } from './config.ts';
import type { JobDeps } from './job.ts';
import type { Log } from './log.ts';

export function createJobDeps(config: AppConfig, log: Log, clock: Clock = systemClock): JobDeps {
  return {
    store: new RadarStore(createDocumentClient(), config.tableName),
    mailer: new SesMailer(config.senderEmail, { configurationSet: process.env.SES_CONFIGURATION_SET || undefined }),
    clock,
    config,
    log,
  };
}
