// The one way a job becomes a Lambda handler: config at cold start, Powertools through middy, then the job.
import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import * as z from 'zod';
import { loadConfig } from './config.ts';
import { createJobDeps } from './deps.ts';
import { isoDate } from './model.ts';
import type { Job, JobDeps, JobSummary } from './job.ts';
import { emailLinksFromEnvironment } from '../web/config.ts';
import { asLog, TELEMETRY } from './telemetry.ts';

/** The scheduler sends `{}`; an operator may send `{ "businessDate": "2026-03-05" }` to re-run a day. */
const scheduledEvent = z
  .object({ businessDate: isoDate.optional() })
  .passthrough()
  .nullish()
  .transform((event) => ({ businessDate: event?.businessDate }));

export { TELEMETRY };

export function scheduledJobHandler(jobName: string, job: Job) {
  const logger = new Logger({ serviceName: TELEMETRY.serviceName, persistentKeys: { job: jobName } });
  const metrics = new Metrics({ namespace: TELEMETRY.namespace, serviceName: TELEMETRY.serviceName, defaultDimensions: { job: jobName } });
  const tracer = new Tracer({ serviceName: TELEMETRY.serviceName });
  // Read once per cold start: a bad configuration fails here, naming the variable.
  const config = loadConfig();
  const deps = createJobDeps(config, asLog(logger));
  tracer.captureAWSv3Client(deps.store.table.doc);
  // The signing key is read once, on the first invocation; without a workbench the emails carry no links.
  let links: Promise<JobDeps['links']> | undefined;

  const run = async (event: unknown): Promise<JobSummary> => {
    const { businessDate } = scheduledEvent.parse(event);
    links ??= emailLinksFromEnvironment(deps.clock);
    deps.links = await links;
    const summary = await job(deps, { businessDate });
    metrics.addMetric(TELEMETRY.emailsSentMetric, MetricUnit.Count, summary.emails.sent);
    metrics.addMetric(TELEMETRY.emailsFailedMetric, MetricUnit.Count, summary.emails.failed);
    metrics.addMetric(TELEMETRY.emailsSuppressedMetric, MetricUnit.Count, summary.emails.suppressed);
    // Not a failure (a retry must not repeat them), but an operator must look: an alarm watches it.
    metrics.addMetric(TELEMETRY.emailsMaybeSentMetric, MetricUnit.Count, summary.emails.maybeSent);
    metrics.addMetric(TELEMETRY.runSucceededMetric, MetricUnit.Count, summary.emails.failed === 0 ? 1 : 0);
    logger.info('job finished', { summary });
    // A failed send makes the invocation fail, so the scheduler retries it and alarms see it.
    if (summary.emails.failed > 0) throw new Error(`${jobName}: ${summary.emails.failed} emails failed to send`);
    return summary;
  };

  return middy(run)
    .use(captureLambdaHandler(tracer))
    .use(injectLambdaContext(logger, { clearState: true }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }));
}
