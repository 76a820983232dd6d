// The fan-out as Lambda handlers: the scheduled planner (and its 08:30 check), and the SQS worker with partial batch failures.
import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from 'zod';
import { loadConfig } from '../config.ts';
import { ConfigError, ValidationError } from '../errors.ts';
import { createJobDeps } from '../deps.ts';
import type { JobDeps } from '../job.ts';
import { isoDate } from '../model.ts';
import { asLog, TELEMETRY } from '../telemetry.ts';
import { emailLinksFromEnvironment } from '../../web/config.ts';
import type { PerRmJob, RmWork } from './per-rm-job.ts';
import { checkRun, planRun, type PlanResult } from './planner.ts';
import { Pacer, readSesSendRate } from './pacing.ts';
import type { RunRecord } from './run-record.ts';
import { SqsWorkQueue } from './sqs-queue.ts';
import { processWorkBatch } from './worker.ts';
import { describeIssues } from './work-item.ts';

/**
 * The scheduler sends `{}` at the job's time and `{ "check": true }` at the deadline (default 08:30);
 * an operator may send `{ "businessDate": "2026-03-05", "replan": true }` to run a day again.
 */
const plannerEvent = z
  .object({ businessDate: isoDate.optional(), replan: z.boolean().optional(), check: z.boolean().optional(), resendMaybeSent: z.boolean().optional() })
  .passthrough()
  .nullish()
  .transform((event) => event ?? {});

/** The planner's event, or a ValidationError naming each field that is wrong (the invocation fails; nothing is planned). */
export function parsePlannerEvent(event: unknown): z.infer<typeof plannerEvent> {
  const parsed = plannerEvent.safeParse(event);
  if (!parsed.success) throw new ValidationError(`planner event is invalid: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

function telemetry(jobName: string, role: 'planner' | 'worker') {
  const logger = new Logger({ serviceName: TELEMETRY.serviceName, persistentKeys: { job: jobName, role } });
  const metrics = new Metrics({ namespace: TELEMETRY.namespace, serviceName: TELEMETRY.serviceName, defaultDimensions: { job: jobName } });
  const tracer = new Tracer({ serviceName: TELEMETRY.serviceName });
  return { logger, metrics, tracer };
}

const withPowertools = <E, R>(run: (event: E) => Promise<R>, { logger, metrics, tracer }: ReturnType<typeof telemetry>) =>
  middy(run)
    .use(captureLambdaHandler(tracer))
    .use(injectLambdaContext(logger, { clearState: true }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }));

export function plannerHandler(job: PerRmJob) {
  const kit = telemetry(job.name, 'planner');
  const config = loadConfig();
  if (!config.fanOut.queueUrl) throw new ConfigError('WORK_QUEUE_URL is not set: the planner needs its work queue', { issues: [{ setting: 'WORK_QUEUE_URL', path: 'WORK_QUEUE_URL', message: 'required' }] });
  const deps = createJobDeps(config, asLog(kit.logger));
  kit.tracer.captureAWSv3Client(deps.store.table.doc);
  const queue = new SqsWorkQueue(config.fanOut.queueUrl);

  return withPowertools(async (event: unknown): Promise<PlanResult | { complete: boolean; run?: RunRecord }> => {
    const request = parsePlannerEvent(event);
    if (request.check) {
      const checked = await checkRun(deps, job, request.businessDate);
      kit.metrics.addMetric(TELEMETRY.runSucceededMetric, MetricUnit.Count, checked.complete ? 1 : 0);
      kit.metrics.addMetric(TELEMETRY.runIncompleteMetric, MetricUnit.Count, checked.complete ? 0 : 1);
      if (checked.run) kit.metrics.addMetric(TELEMETRY.emailsMaybeSentMetric, MetricUnit.Count, checked.run.counts.maybeSent);
      kit.logger.info('run checked', { complete: checked.complete, run: checked.run });
      return checked;
    }
    const sesSendRate = await readSesSendRate(deps.log);
    const plan = await planRun(deps, job, queue, { businessDate: request.businessDate, replan: request.replan === true, resendMaybeSent: request.resendMaybeSent, sesSendRate });
    if (plan.status === 'planned') kit.metrics.addMetric(TELEMETRY.rmsPlannedMetric, MetricUnit.Count, plan.planned);
    kit.logger.info('planner finished', { plan });
    return plan;
  }, kit);
}

/** Per outcome, the metric a worker emits (one per email outcome, so dashboards and alarms read the run as it goes). */
const OUTCOME_METRICS: Record<RmWork['outcome'], string> = {
  sent: TELEMETRY.emailsSentMetric,
  'already-sent': TELEMETRY.emailsAlreadySentMetric,
  failed: TELEMETRY.emailsFailedMetric,
  'in-progress': TELEMETRY.emailsFailedMetric,
  suppressed: TELEMETRY.emailsSuppressedMetric,
  'maybe-sent': TELEMETRY.emailsMaybeSentMetric,
  'not-needed': TELEMETRY.emailsNotNeededMetric,
  requeued: TELEMETRY.emailsRequeuedMetric,
};

export function workerHandler(job: PerRmJob) {
  const kit = telemetry(job.name, 'worker');
  const config = loadConfig();
  const deps = createJobDeps(config, asLog(kit.logger));
  kit.tracer.captureAWSv3Client(deps.store.table.doc);
  // One pacer per execution environment: Lambda runs one batch at a time in it.
  const pacer = new Pacer();
  // The queue the event source reads (the stack sets it): a throttled item's delayed copy goes there (past the cap, its visibility is shortened).
  const throttled = config.fanOut.queueUrl ? { queue: new SqsWorkQueue(config.fanOut.queueUrl) } : undefined;
  let links: Promise<JobDeps['links']> | undefined;

  return withPowertools(async (event: SQSEvent): Promise<SQSBatchResponse> => {
    links ??= emailLinksFromEnvironment(deps.clock);
    deps.links = await links;
    const counts = new Map<string, number>();
    const response = await processWorkBatch(event, deps, job, pacer, {
      throttled,
      onWork: (_item, work) => {
        const metric = OUTCOME_METRICS[work.outcome];
        counts.set(metric, (counts.get(metric) ?? 0) + 1);
      },
    });
    for (const [metric, count] of counts) kit.metrics.addMetric(metric, MetricUnit.Count, count);
    return response;
  }, kit);
}
