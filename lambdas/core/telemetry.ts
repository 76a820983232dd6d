// What every function's logs and metrics share: the service names, and Powertools' logger as the Log interface.
import type { Logger } from '@aws-lambda-powertools/logger';
import type { LogAttributes } from '@aws-lambda-powertools/logger/types';
import type { Log } from './log.ts';

/** Names the deployed alarms watch (lib/scheduled-job.ts); RunSucceeded and EmailsMaybeSent have dimensions service and job. */
export const TELEMETRY = { serviceName: 'rm-radar', namespace: 'RmRadar', runSucceededMetric: 'RunSucceeded', emailsMaybeSentMetric: 'EmailsMaybeSent' } as const;

/** Powertools' logger as the Log interface the domain code takes. */
export function asLog(logger: Logger): Log {
  const at = (level: 'debug' | 'info' | 'warn' | 'error') => (message: string, extra?: Record<string, unknown>) =>
    extra ? logger[level](message, extra as LogAttributes) : logger[level](message);
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
