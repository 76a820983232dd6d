// A fanned-out job's other half: the work queue (encrypted, with a dead-letter queue), the worker on it, the deadline check.
import { Duration, Stack, TimeZone, Validations, type RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { TELEMETRY } from '../lambdas/core/telemetry.ts';
import { WORKER_BATCH_SIZE, WORKER_TIMEOUT_SECONDS } from '../lambdas/core/fanout/worker-limits.ts';
import {
  ALARM_ON_ANY,
  failureAlarms,
  FUNCTION_ENVIRONMENT,
  functionDefaults,
  functionFoundation,
  nativeModuleBundling,
  notifyTopic,
} from './scheduled-job.ts';

/** Deliveries of one RM's item before it goes to the dead-letter queue (refusals are retried; a throttled RM is requeued as a fresh copy, up to MAX_THROTTLE_REQUEUES times, before its receives count). */
export const MAX_RECEIVE_COUNT = 5;
export { WORKER_BATCH_SIZE };

export interface FanOutProps {
  jobName: string;
  /** Absolute path of the job's `worker.ts` (exports `handler`). */
  workerEntry: string;
  projectRoot: string;
  /** The planner: it gets the queue's URL, may send to it, and may read the SES quota. */
  planner: lambda.Function;
  /** The worker's memory (MB); default 512. */
  memorySize?: number;
  /** Packages with native binaries the worker's code loads (installed beside its bundle, as for the job's function). */
  nativeModules?: readonly string[];
  /** Most worker invocations at once (the event source's maximum concurrency, at least 2). */
  workerConcurrency: number;
  sendRateCap: number;
  /** When the run must be complete, local time `HH:MM`: the planner checks it then. */
  deadline: string;
  timeZone: string;
  environment: Record<string, string>;
  alarmTopic: ITopic;
  logRetention: logs.RetentionDays;
  removalPolicy: RemovalPolicy;
}

export class FanOut extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly worker: NodejsFunction;
  readonly checkSchedule: Schedule;
  readonly alarms: { errors: cloudwatch.Alarm; deadLetters: cloudwatch.Alarm; runIncomplete: cloudwatch.Alarm };

  constructor(scope: Construct, id: string, props: FanOutProps) {
    super(scope, id);
    const { logGroup, role, deadLetterQueue } = functionFoundation(this, {
      roleDescription: `rm-radar ${props.jobName} worker`,
      logRetention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    this.deadLetterQueue = deadLetterQueue;

    // A paced batch fits it as long as workerConcurrency ≤ mostPacedWorkers(rate): the config checks it for the cap, the planner for the quota.
    const workerTimeout = Duration.seconds(WORKER_TIMEOUT_SECONDS);
    this.queue = new sqs.Queue(this, 'WorkQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // AWS's advice for a Lambda event source: at least six times the function's timeout.
      visibilityTimeout: Duration.minutes(12),
      retentionPeriod: Duration.days(1),
      deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
    });

    this.worker = new NodejsFunction(this, 'Worker', {
      ...functionDefaults(props.projectRoot),
      ...(props.nativeModules?.length ? { bundling: nativeModuleBundling(props.nativeModules) } : {}),
      description: `rm-radar ${props.jobName}: one RM's work for a run (build, render, send once), paced to SES`,
      entry: props.workerEntry,
      timeout: workerTimeout,
      memorySize: props.memorySize ?? 512,
      role,
      logGroup,
      tracing: lambda.Tracing.ACTIVE,
      // Stated, not left to the default: a throttled RM's copies make a chain of at most MAX_THROTTLE_REQUEUES + 2
      // invocations (planner, then one worker per copy), under the 16 at which Lambda stops a recursive loop.
      recursiveLoop: lambda.RecursiveLoop.TERMINATE,
      environment: {
        ...props.environment,
        ...FUNCTION_ENVIRONMENT,
        POWERTOOLS_METRICS_NAMESPACE: TELEMETRY.namespace,
        WORKER_CONCURRENCY: String(props.workerConcurrency),
        SEND_RATE_CAP: String(props.sendRateCap),
        // A throttled item's delayed copy is sent to this queue (past the cap, its visibility is shortened there).
        WORK_QUEUE_URL: this.queue.queueUrl,
      },
    });
    this.worker.addEventSource(
      new SqsEventSource(this.queue, { batchSize: WORKER_BATCH_SIZE, reportBatchItemFailures: true, maxConcurrency: props.workerConcurrency }),
    );

    // The worker puts a throttled RM's delayed copy back on its own queue (sqs:SendMessage on it alone).
    this.queue.grantSendMessages(this.worker);
    // The planner enqueues and paces; it reads the account's send rate (GetSendQuota has no resource to scope to).
    this.queue.grantSendMessages(props.planner);
    props.planner.addToRolePolicy(new iam.PolicyStatement({ actions: ['ses:GetSendQuota'], resources: ['*'] }));
    props.planner.addEnvironment('WORK_QUEUE_URL', this.queue.queueUrl);
    props.planner.addEnvironment('WORKER_CONCURRENCY', String(props.workerConcurrency));
    props.planner.addEnvironment('SEND_RATE_CAP', String(props.sendRateCap));

    this.checkSchedule = this.createCheckSchedule(props);
    this.alarms = this.createAlarms(props);
    this.acknowledgeFindings(props.planner);
  }

  private createCheckSchedule(props: FanOutProps): Schedule {
    const [hour, minute] = props.deadline.split(':').map(Number);
    const role = new iam.Role(this, 'CheckSchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } } }),
      description: `rm-radar ${props.jobName}: lets EventBridge Scheduler ask the planner whether the run is complete`,
    });
    const schedule = new Schedule(this, 'CheckSchedule', {
      description: `rm-radar ${props.jobName}: is the run complete by ${props.deadline}?`,
      schedule: ScheduleExpression.cron({ minute: String(minute), hour: String(hour), weekDay: '*', timeZone: TimeZone.of(props.timeZone) }),
      target: new LambdaInvoke(props.planner, { role, input: ScheduleTargetInput.fromObject({ check: true }), retryAttempts: 3, maxEventAge: Duration.hours(1) }),
    });
    const plannerId = Stack.of(this).getLogicalId(props.planner.node.defaultChild as lambda.CfnFunction);
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${plannerId}.Arn>:*]`,
      reason: "lambda:InvokeFunction on this job's planner only; the ':*' suffix (its qualified versions and aliases) is how CDK's grantInvoke grants it.",
    });
    return schedule;
  }

  private createAlarms(props: FanOutProps) {
    const { errors, deadLetters } = failureAlarms(this, {
      fn: this.worker,
      deadLetterQueue: this.deadLetterQueue,
      alarmTopic: props.alarmTopic,
      errorsDescription: `rm-radar ${props.jobName} worker: an invocation failed (see its logs)`,
      deadLettersDescription: `rm-radar ${props.jobName}: an RM's work failed ${MAX_RECEIVE_COUNT} times; its item is in the dead-letter queue (see docs/scale.md)`,
    });
    // The planner's check at the deadline says 1 when the run is not complete.
    const runIncomplete = new cloudwatch.Metric({
      namespace: TELEMETRY.namespace,
      metricName: TELEMETRY.runIncompleteMetric,
      dimensionsMap: { service: TELEMETRY.serviceName, job: props.jobName },
      statistic: cloudwatch.Stats.MAXIMUM,
      period: Duration.minutes(5),
    }).createAlarm(this, 'RunIncompleteAlarm', {
      alarmDescription: `rm-radar ${props.jobName}: the run was not complete by ${props.deadline} (${props.timeZone}); see rm-radar runs show`,
      ...ALARM_ON_ANY,
    });
    notifyTopic(props.alarmTopic, runIncomplete);
    return { errors, deadLetters, runIncomplete };
  }

  private acknowledgeFindings(planner: lambda.Function): void {
    Validations.of(this.worker).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Pinned to Node.js 22 like the planner: the runtime package.json engines declares and the tests run on; moving on is a deliberate upgrade.',
    });
    Validations.of(this.worker.role!).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'xray:PutTraceSegments and xray:PutTelemetryRecords (active tracing) do not support resource-level permissions; every other statement names its resource.',
    });
    Validations.of(planner.role!).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray tracing and ses:GetSendQuota (the account send rate the planner paces to) do not support resource-level permissions; every other statement names its resource.',
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: "This queue is itself the work queue's dead-letter queue; a dead-letter queue of it would only hide failures.",
    });
  }
}
