// scheduledJobHandler: the event it accepts, what it passes to the job, the metrics it emits, and when the invocation fails.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { scheduledJobHandler, TELEMETRY } from '../../../lambdas/core/lambda.ts';
import { emptySummary, type Job, type JobOptions } from '../../../lambdas/core/job.ts';

const context = {
  functionName: 'rm-radar-test-job',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:ap-east-1:123456789012:function:rm-radar-test-job',
  memoryLimitInMB: '512',
  awsRequestId: 'request-1',
  getRemainingTimeInMillis: () => 60_000,
} as unknown as Parameters<ReturnType<typeof scheduledJobHandler>>[1];

/** A job that records what it was asked and reports the given email counts. */
function recordingJob(emails: Partial<ReturnType<typeof emptySummary>['emails']> = {}) {
  const calls: JobOptions[] = [];
  const job: Job = async (_deps, options = {}) => {
    calls.push(options);
    const summary = emptySummary('test-job', options.businessDate ?? '2026-03-05');
    Object.assign(summary.emails, emails);
    return summary;
  };
  return { job, calls };
}

/** The EMF metric documents Powertools printed during the invocation, merged into one name → value map. */
function metricsIn(lines: string[]): Record<string, unknown> {
  const documents = lines.filter((line) => line.includes('"_aws"')).map((line) => JSON.parse(line) as Record<string, unknown>);
  return Object.assign({}, ...documents);
}

let printed: string[];

beforeEach(() => {
  vi.stubEnv('TABLE_NAME', 'unit-test');
  vi.stubEnv('SENDER_EMAIL', 'radar@bank.example');
  vi.stubEnv('AWS_REGION', 'ap-east-1');
  printed = [];
  const capture = (chunk: string | Uint8Array) => {
    printed.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(console, 'log').mockImplementation((line: unknown) => void capture(String(line)));
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('scheduledJobHandler', () => {
  it('runs the job for the scheduler event with no date and returns its summary', async () => {
    const { job, calls } = recordingJob({ sent: 2 });
    const summary = await scheduledJobHandler('test-job', job)({}, context);
    expect(calls).toEqual([{ businessDate: undefined }]);
    expect(summary.emails.sent).toBe(2);
  });

  it('passes an operator business date through and accepts a null event', async () => {
    const { job, calls } = recordingJob();
    const handler = scheduledJobHandler('test-job', job);
    await handler({ businessDate: '2026-03-05', source: 'manual' }, context);
    await handler(null, context);
    expect(calls).toEqual([{ businessDate: '2026-03-05' }, { businessDate: undefined }]);
  });

  it('rejects a malformed business date before the job runs', async () => {
    const { job, calls } = recordingJob();
    await expect(scheduledJobHandler('test-job', job)({ businessDate: '2026-02-30' }, context)).rejects.toThrow(/businessDate/);
    expect(calls).toEqual([]);
  });

  it('emits the email counts and RunSucceeded=1 with the job as a dimension', async () => {
    const { job } = recordingJob({ sent: 3, suppressed: 1 });
    await scheduledJobHandler('test-job', job)({}, context);
    const metrics = metricsIn(printed);
    expect(metrics).toMatchObject({ EmailsSent: 3, EmailsFailed: 0, EmailsSuppressed: 1, [TELEMETRY.runSucceededMetric]: 1, job: 'test-job' });
  });

  it('fails the invocation when an email failed, so the scheduler retries, and records RunSucceeded=0', async () => {
    const { job } = recordingJob({ sent: 1, failed: 2 });
    await expect(scheduledJobHandler('test-job', job)({}, context)).rejects.toThrow('test-job: 2 emails failed to send');
    expect(metricsIn(printed)).toMatchObject({ EmailsFailed: 2, [TELEMETRY.runSucceededMetric]: 0 });
  });

  it('reports a maybe-sent email as a metric without failing the invocation, so no retry can repeat it', async () => {
    const { job } = recordingJob({ sent: 1, maybeSent: 1 });
    const summary = await scheduledJobHandler('test-job', job)({}, context);
    expect(summary.emails.maybeSent).toBe(1);
    expect(metricsIn(printed)).toMatchObject({ [TELEMETRY.emailsMaybeSentMetric]: 1, [TELEMETRY.runSucceededMetric]: 1, job: 'test-job' });
  });

  it('fails at cold start, naming the variable, when the configuration is bad', () => {
    vi.stubEnv('SENDER_EMAIL', 'not-an-address');
    expect(() => scheduledJobHandler('test-job', recordingJob().job)).toThrow(/SENDER_EMAIL/);
  });
});
