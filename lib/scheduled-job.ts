// The one construct every job uses: bundled function, schedule, retries, dead-letter queue, alarms and grants.
import { Duration, RemovalPolicy, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { NodejsFunction, OutputFormat, SourceMapMode, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { BUNDLE_SETTINGS } from './bundling.ts';
import type { CronSchedule } from './config.ts';
// Names only (a pure module): the metrics lambdas/core/lambda.ts emits are the ones the alarms watch.
import { TELEMETRY } from '../lambdas/core/telemetry.ts';


export interface ScheduledJobProps {
  jobName: string;
  description: string;
  /** Absolute path of the job's `handler.ts` (exports `handler`). */
  entry: string;
  /** The folder holding package-lock.json; esbuild runs from there. */
  projectRoot: string;
  timeout: Duration;
  memorySize: number;
  schedule: CronSchedule;
  timeZone: string;
  environment: Record<string, string>;
  alarmTopic: ITopic;
  logRetention: logs.RetentionDays;
  /** RETAIN in production stages, so logs outlive a mistaken delete. */
  removalPolicy: RemovalPolicy;
  /** Packages with native binaries, installed beside the bundle for the function's platform (see nativeModuleBundling). */
  nativeModules?: readonly string[];
}

/** A table and the exact DynamoDB actions a job's code performs on it and its indexes. */
export interface TableGrant {
  table: ITable;
  indexNames: readonly string[];
  /** Item actions on the table, e.g. dynamodb:GetItem; never Scan. */
  itemActions: readonly string[];
  /** Whether the job queries (then allowed on the table and each named index). */
  query: boolean;
}

export interface SenderGrant {
  senderEmail: string;
  identityArn: string;
  configurationSetName: string;
  configurationSetArn: string;
  /** Verified recipient identities; SES authorises against them too while the account is in the sandbox. */
  sandboxRecipientArns: readonly string[];
}

export class ScheduledJob extends Construct {
  readonly function: NodejsFunction;
  readonly deadLetterQueue: sqs.Queue;
  readonly schedule: Schedule;
  readonly alarms: { errors: cloudwatch.Alarm; deadLetters: cloudwatch.Alarm; noSuccessfulRun: cloudwatch.Alarm; maybeSent: cloudwatch.Alarm };

  constructor(scope: Construct, id: string, props: ScheduledJobProps) {
    super(scope, id);

    // The dead-letter queue holds invocations that failed after every retry, the scheduler's and the function's own.
    const { logGroup, role, deadLetterQueue } = functionFoundation(this, {
      roleDescription: `rm-radar ${props.jobName} function`,
      logRetention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    this.deadLetterQueue = deadLetterQueue;

    this.function = new NodejsFunction(this, 'Function', {
      ...functionDefaults(props.projectRoot),
      ...(props.nativeModules?.length ? { bundling: nativeModuleBundling(props.nativeModules) } : {}),
      description: props.description,
      entry: props.entry,
      timeout: props.timeout,
      memorySize: props.memorySize,
      // Two runs of one job never overlap: a second invocation waits in the async queue.
      reservedConcurrentExecutions: 1,
      role,
      logGroup,
      tracing: lambda.Tracing.ACTIVE,
      environment: {
        ...props.environment,
        ...FUNCTION_ENVIRONMENT,
        POWERTOOLS_METRICS_NAMESPACE: TELEMETRY.namespace,
      },
    });

    // The scheduler invokes asynchronously; a run that throws is retried by Lambda, then dead-lettered.
    // Retries are safe: emails are claimed per (job, RM, business date) before they are sent.
    this.function.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(3),
      onFailure: new SqsDestination(this.deadLetterQueue),
    });

    // The scheduler's own role for this job, so its one finding is acknowledged here (see suppressFindings).
    const schedulerRole = new iam.Role(this, 'SchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: `rm-radar ${props.jobName}: lets EventBridge Scheduler invoke the function`,
    });

    this.schedule = new Schedule(this, 'Schedule', {
      description: `rm-radar ${props.jobName}`,
      schedule: ScheduleExpression.cron({ ...props.schedule, timeZone: TimeZone.of(props.timeZone) }),
      target: new LambdaInvoke(this.function, {
        role: schedulerRole,
        input: ScheduleTargetInput.fromObject({}),
        retryAttempts: 3,
        maxEventAge: Duration.hours(1),
        deadLetterQueue: this.deadLetterQueue,
      }),
    });

    this.alarms = this.createAlarms(props);
    this.suppressFindings(schedulerRole);
  }

  /** Lets the function run its queries and item actions on the table and the named indexes; sets TABLE_NAME. */
  grantTable(grant: TableGrant): this {
    grantTableActions(this.function, grant);
    return this;
  }

  /** Lets the function send raw email as the sender address only, from its identity through the configuration set; sets both variables. */
  grantSendEmail(sender: SenderGrant): this {
    grantSendRawEmail(this.function, sender);
    return this;
  }

  private createAlarms(props: ScheduledJobProps) {
    const action = new SnsAction(props.alarmTopic);
    const { errors, deadLetters } = failureAlarms(this, {
      fn: this.function,
      deadLetterQueue: this.deadLetterQueue,
      alarmTopic: props.alarmTopic,
      errorsDescription: `rm-radar ${props.jobName}: the function failed (see its logs)`,
      deadLettersDescription: `rm-radar ${props.jobName}: a run failed after every retry; its event is in the dead-letter queue`,
    });
    // A sum of what the handler kit (lambdas/core/lambda.ts) emits for this job, one alarm on it, to the alarm topic.
    const jobAlarm = (id: string, metricName: string, period: Duration, alarm: Omit<cloudwatch.CreateAlarmOptions, 'evaluationPeriods'>) =>
      new cloudwatch.Metric({
        namespace: TELEMETRY.namespace,
        metricName,
        dimensionsMap: { service: TELEMETRY.serviceName, job: props.jobName },
        statistic: cloudwatch.Stats.SUM,
        period,
      }).createAlarm(this, id, { evaluationPeriods: 1, ...alarm });
    // RunSucceeded comes with every completed run, business day or not; missing data means no run.
    const noSuccessfulRun = jobAlarm('NoSuccessfulRunAlarm', TELEMETRY.runSucceededMetric, Duration.days(1), {
      alarmDescription: `rm-radar ${props.jobName}: no successful run in the last 24 hours`,
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
    notifyTopic(props.alarmTopic, noSuccessfulRun);
    // An email whose SES answer was lost is neither retried nor a failed run: only this alarm tells a person.
    const maybeSent = jobAlarm('MaybeSentAlarm', TELEMETRY.emailsMaybeSentMetric, Duration.minutes(5), {
      alarmDescription: `rm-radar ${props.jobName}: an email may or may not have been sent (SES's answer was lost); see docs/deploy.md, "Emails that may have been sent"`,
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    maybeSent.addAlarmAction(action);
    return { errors, deadLetters, noSuccessfulRun, maybeSent };
  }

  /** cdk-nag findings this construct accepts, each with the reason it is right here. */
  private suppressFindings(schedulerRole: iam.Role): void {
    const functionLogicalId = Stack.of(this).getLogicalId(this.function.node.defaultChild as lambda.CfnFunction);
    Validations.of(schedulerRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${functionLogicalId}.Arn>:*]`,
      reason: "lambda:InvokeFunction on this job's function only; the ':*' suffix (qualified versions/aliases of the same function) is how CDK's grantInvoke grants it.",
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Pinned to Node.js 22, the runtime the project declares in package.json engines and tests against; moving to a newer runtime is a deliberate upgrade, not a synth-time default.',
    });
    Validations.of(this.function.role!).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'xray:PutTraceSegments and xray:PutTelemetryRecords (active tracing) do not support resource-level permissions; AWS documents Resource "*" for them. Every other statement names its resource.',
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: "This queue is itself the dead-letter queue (of the schedule target and of the function's failed async invocations); a dead-letter queue of a dead-letter queue would only hide failures.",
    });
  }
}

/** How every function is bundled (the shared BUNDLE_SETTINGS): the locally installed esbuild, never Docker. */
/** Sends an alarm's state changes (alarm and back to OK) to the alarm topic. */
export function notifyTopic(topic: ITopic, ...alarms: cloudwatch.Alarm[]): void {
  const action = new SnsAction(topic);
  for (const alarm of alarms) {
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
  }
}

/** An alarm that fires on one occurrence in one period; no data (a quiet day) is not a breach. */
export const ALARM_ON_ANY = {
  threshold: 1,
  evaluationPeriods: 1,
  comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
  treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
} as const;

/** The two alarms every function has, to the alarm topic: it failed, and an event is left in its dead-letter queue. */
export function failureAlarms(
  scope: Construct,
  props: { fn: lambda.IFunction; deadLetterQueue: sqs.IQueue; alarmTopic: ITopic; errorsDescription: string; deadLettersDescription: string },
) {
  const errors = props.fn
    .metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM })
    .createAlarm(scope, 'ErrorsAlarm', { alarmDescription: props.errorsDescription, ...ALARM_ON_ANY });
  const deadLetters = props.deadLetterQueue
    .metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: cloudwatch.Stats.MAXIMUM })
    .createAlarm(scope, 'DeadLettersAlarm', { alarmDescription: props.deadLettersDescription, ...ALARM_ON_ANY });
  notifyTopic(props.alarmTopic, errors, deadLetters);
  return { errors, deadLetters };
}

/**
 * The parts around every rm-radar function: its log group, its own role (rather than
 * AWSLambdaBasicExecutionRole) that may log only there, and an encrypted, SSL-only dead-letter queue.
 */
export function functionFoundation(
  scope: Construct,
  props: { roleDescription: string; logRetention: logs.RetentionDays; removalPolicy: RemovalPolicy },
) {
  const logGroup = new logs.LogGroup(scope, 'Logs', { retention: props.logRetention, removalPolicy: props.removalPolicy });
  const role = new iam.Role(scope, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), description: props.roleDescription });
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }));
  const deadLetterQueue = new sqs.Queue(scope, 'DeadLetters', {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  return { logGroup, role, deadLetterQueue };
}

/** The processor every rm-radar function runs on; native modules are installed for it (nativeModuleBundling). */
export const FUNCTION_ARCHITECTURE = lambda.Architecture.ARM_64;

/** npm's name for a Lambda architecture (its `cpu` setting, as optional binary packages declare it). */
export function npmCpuOf(architecture: lambda.Architecture): 'arm64' | 'x64' {
  if (architecture.name === lambda.Architecture.ARM_64.name) return 'arm64';
  if (architecture.name === lambda.Architecture.X86_64.name) return 'x64';
  throw new Error(`no npm cpu for the Lambda architecture ${architecture.name}`);
}

/** What every rm-radar function shares: Node.js 22 on arm64, bundled the same way, handler `handler`. */
export function functionDefaults(projectRoot: string) {
  return {
    handler: 'handler',
    projectRoot,
    depsLockFilePath: `${projectRoot}/package-lock.json`,
    runtime: lambda.Runtime.NODEJS_22_X,
    architecture: FUNCTION_ARCHITECTURE,
    bundling: FUNCTION_BUNDLING,
  };
}

/** The environment every rm-radar function shares (Powertools, source maps). */
export const FUNCTION_ENVIRONMENT = {
  POWERTOOLS_SERVICE_NAME: TELEMETRY.serviceName,
  POWERTOOLS_LOG_LEVEL: 'INFO',
  NODE_OPTIONS: BUNDLE_SETTINGS.nodeOptions,
} as const;

export const FUNCTION_BUNDLING: BundlingOptions = {
  forceDockerBundling: false,
  format: OutputFormat.ESM,
  target: BUNDLE_SETTINGS.target,
  minify: BUNDLE_SETTINGS.minify,
  sourceMap: BUNDLE_SETTINGS.sourcemap,
  sourceMapMode: SourceMapMode.DEFAULT,
  mainFields: [...BUNDLE_SETTINGS.mainFields],
  banner: BUNDLE_SETTINGS.banner,
  bundleAwsSDK: BUNDLE_SETTINGS.bundleAwsSdk,
};

/**
 * Bundling for a function with native modules: esbuild leaves them out and CDK installs them into the
 * asset with `npm ci` from the project's lock file. An .npmrc there makes npm pick the optional binary
 * package of the Lambda's platform (linux, FUNCTION_ARCHITECTURE, glibc) rather than the one of the
 * machine that synthesises; the lock file pins its version and checksum. test/infra/stack.test.ts
 * checks the binary in the asset is an ELF for that processor.
 */
export function nativeModuleBundling(modules: readonly string[]): BundlingOptions {
  const npmrc = [`cpu=${npmCpuOf(FUNCTION_ARCHITECTURE)}`, 'os=linux', 'libc=glibc'];
  return {
    ...FUNCTION_BUNDLING,
    nodeModules: [...modules],
    commandHooks: {
      beforeBundling: () => [],
      beforeInstall: (_inputDir: string, outputDir: string) => [`printf '${npmrc.join('\\n')}\\n' > "${outputDir}/.npmrc"`],
      afterBundling: () => [],
    },
  };
}

/** Lets a function run its queries and item actions on the table and the named indexes; sets TABLE_NAME. */
export function grantTableActions(fn: lambda.Function, grant: TableGrant): void {
  const { table } = grant;
  const indexArns = grant.indexNames.map((name) => `${table.tableArn}/index/${name}`);
  if (grant.itemActions.length > 0) {
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: [...grant.itemActions], resources: [table.tableArn] }));
  }
  if (grant.query) {
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: [table.tableArn, ...indexArns] }));
  }
  grantTableKey(fn, table);
  fn.addEnvironment('TABLE_NAME', table.tableName);
}

/** Lets a function send raw email as the sender address only, from its identity through the configuration set; sets both variables. */
export function grantSendRawEmail(fn: lambda.Function, sender: SenderGrant): void {
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ['ses:SendRawEmail'],
      resources: [sender.identityArn, sender.configurationSetArn, ...sender.sandboxRecipientArns],
      // With a domain identity, the function could otherwise send as any address of the bank's domain.
      conditions: { StringEquals: { 'ses:FromAddress': sender.senderEmail } },
    }),
  );
  fn.addEnvironment('SENDER_EMAIL', sender.senderEmail);
  fn.addEnvironment('SES_CONFIGURATION_SET', sender.configurationSetName);
}

/** With a customer managed table key: the data-key actions DynamoDB performs for the caller, only through DynamoDB. */
export function grantTableKey(fn: lambda.IFunction, table: ITable): void {
  if (!table.encryptionKey) return;
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
      resources: [table.encryptionKey.keyArn],
      conditions: { StringLike: { 'kms:ViaService': `dynamodb.${Stack.of(fn).region}.amazonaws.com` } },
    }),
  );
}

/** The ARN of an SES identity (address or domain) in the stack's account and region. */
export function sesIdentityArn(scope: Construct, identity: string): string {
  return Stack.of(scope).formatArn({ service: 'ses', resource: 'identity', resourceName: identity });
}
