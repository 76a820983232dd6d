// What every function's logs and metrics share: the service names, and Powertools' logger as the Log interface.
import type { Logger } from '@aws-lambda-powertools/logger';
import type { LogAttributes } from '@aws-lambda-powertools/logger/types';
import type { Log } from './log.ts';

/**
 * The service, namespace and job metric names: emitted by lambdas/core/lambda.ts and watched by the alarms of
 * lib/scheduled-job.ts, which import them from here (a pure module) rather than keep a copy. Job metrics have
 * the dimensions service and job.
 */
export const TELEMETRY = {
  serviceName: 'rm-radar',
  namespace: 'RmRadar',
  emailsSentMetric: 'EmailsSent',
  emailsFailedMetric: 'EmailsFailed',
  emailsSuppressedMetric: 'EmailsSuppressed',
  emailsMaybeSentMetric: 'EmailsMaybeSent',
  runSucceededMetric: 'RunSucceeded',
  // the fan-out (lambdas/core/fanout/lambda.ts): per outcome from the workers, and the planner's counts and check
  emailsAlreadySentMetric: 'EmailsAlreadySent',
  emailsNotNeededMetric: 'EmailsNotNeeded',
  emailsRequeuedMetric: 'EmailsRequeued',
  rmsPlannedMetric: 'RmsPlanned',
  runIncompleteMetric: 'RunIncomplete',
} as const;

/** Powertools' logger as the Log interface the domain code takes. */
export function asLog(logger: Logger): Log {
  const at = (level: 'debug' | 'info' | 'warn' | 'error') => (message: string, extra?: Record<string, unknown>) =>
    extra ? logger[level](message, extra as LogAttributes) : logger[level](message);
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
