// The drop-zone import function: SQS delivers the bucket's object-created events; each file is imported once.
import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { loadConfig } from '../core/config.ts';
import { ConfigError } from '../core/errors.ts';
import { createJobDeps } from '../core/deps.ts';
import { asLog, TELEMETRY } from '../core/telemetry.ts';
import type { DropZoneDeps } from './import-object.ts';
import { DROPZONE_METRICS } from './metrics.ts';
import { importQueuedObjects } from './queue.ts';
import { S3Store } from './s3-store.ts';

/** The function around the queue logic; tests give it a local folder store instead of S3. */
export function dropZoneHandler(deps: DropZoneDeps, logger: Logger, metrics: Metrics) {
  const run = async (event: unknown, context: { getRemainingTimeInMillis(): number }) => {
    const { batchItemFailures, outcomes } = await importQueuedObjects({ ...deps, timeLeftMs: () => context.getRemainingTimeInMillis() }, event);
    const count = (...statuses: string[]) => outcomes.filter((outcome) => statuses.includes(outcome.status)).length;
    metrics.addMetric(DROPZONE_METRICS.filesImported, MetricUnit.Count, count('imported', 'imported-with-problems'));
    metrics.addMetric(DROPZONE_METRICS.filesRejected, MetricUnit.Count, count('rejected'));
    return { batchItemFailures };
  };
  return middy(run).use(injectLambdaContext(logger, { clearState: true })).use(logMetrics(metrics));
}

const logger = new Logger({ serviceName: TELEMETRY.serviceName, persistentKeys: { function: DROPZONE_METRICS.functionDimension } });
const metrics = new Metrics({ namespace: TELEMETRY.namespace, serviceName: TELEMETRY.serviceName, defaultDimensions: { function: DROPZONE_METRICS.functionDimension } });
// Read once per cold start: a bad configuration fails here, naming the variable.
const config = loadConfig();
if (!config.dropZone.bucket) throw new ConfigError('invalid configuration — DROPZONE_BUCKET: must name the drop-zone bucket');
const { store, mailer, clock } = createJobDeps(config, asLog(logger));

export const handler = dropZoneHandler({ store, mailer, clock, log: asLog(logger), config, objects: new S3Store(config.dropZone.bucket) }, logger, metrics);
