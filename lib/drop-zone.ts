// The drop zone: a bucket the bank's nightly extracts are written to, and the function that imports each file
// (S3 object-created → encrypted queue → function), with its dead-letter queue, grants and alarms.
import { Aws, Duration, Stack, Validations, type RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { PREFIXES } from '../lambdas/dropzone/object-name.ts';
import { DROPZONE_METRICS } from '../lambdas/dropzone/metrics.ts';
import { TELEMETRY } from '../lambdas/core/telemetry.ts';
import type { DeployConfig } from './config.ts';
import {
  ALARM_ON_ANY,
  failureAlarms,
  notifyTopic,
  FUNCTION_ENVIRONMENT,
  functionDefaults,
  functionFoundation,
  grantSendRawEmail,
  grantTableActions,
  type SenderGrant,
} from './scheduled-job.ts';

/** A run may take the whole Lambda limit on a large file; a file's claim outlives it by a minute. */
const FUNCTION_TIMEOUT = Duration.minutes(15);
const LEASE_SECONDS = FUNCTION_TIMEOUT.toSeconds() + 60;
/** A message comes back this long after a run that left its file waiting (or failed). */
const VISIBILITY_TIMEOUT = Duration.seconds(LEASE_SECONDS);
/** Deliveries beyond those the wait window needs, for runs that failed, before a message is dead-lettered. */
const SPARE_DELIVERIES = 3;
/** Invocations a large file may take beyond its first: each pauses before the timeout and the next goes on (about two hours of writing). */
const RESUMES_ALLOWED = 8;

/** The importer's DynamoDB actions: reference and client reads, batched writes, client merges, import records; queries on the table only. */
const TABLE_ITEM_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'] as const;

export interface DropZoneProps {
  /** A fixed name, so the platform team knows it and the queue's policy can name it before the bucket exists. */
  bucketName: string;
  /** Absolute path of lambdas/dropzone/handler.ts. */
  entry: string;
  projectRoot: string;
  table: ITable;
  sending: SenderGrant;
  settings: DeployConfig['dropZone'];
  /** Who gets each file's report by email (the stage's alarm address unless the settings name one). */
  operatorEmail: string;
  /** The jobs' shared runtime environment (time zone and the other settings the function's config reads). */
  environment: Record<string, string>;
  alarmTopic: ITopic;
  logRetention: logs.RetentionDays;
  removalPolicy: RemovalPolicy;
}

export class DropZone extends Construct {
  readonly key: kms.Key;
  readonly bucket: s3.Bucket;
  readonly accessLogs: s3.Bucket;
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly function: NodejsFunction;
  readonly alarms: { errors: cloudwatch.Alarm; deadLetters: cloudwatch.Alarm; rejectedFiles: cloudwatch.Alarm };

  constructor(scope: Construct, id: string, props: DropZoneProps) {
    super(scope, id);
    const { settings } = props;

    this.key = new kms.Key(this, 'Key', {
      description: 'rm-radar: encrypts the drop-zone bucket (the bank extracts and their reports)',
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy,
    });
    // S3 server access logs can be delivered only to a bucket with S3-managed encryption.
    this.accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(settings.reportDays) }],
      removalPolicy: props.removalPolicy,
    });
    this.bucket = new s3.Bucket(this, 'Bucket', {
      bucketName: props.bucketName,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'drop-zone/',
      lifecycleRules: lifecycleRules(settings),
      removalPolicy: props.removalPolicy,
    });

    const { logGroup, role, deadLetterQueue } = functionFoundation(this, {
      roleDescription: 'rm-radar drop-zone function: imports the files of the drop zone',
      logRetention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    this.deadLetterQueue = deadLetterQueue;
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: VISIBILITY_TIMEOUT,
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: maxReceiveCount(settings.waitMinutes) },
    });
    this.notifyQueue(props.bucketName);

    this.function = new NodejsFunction(this, 'Function', {
      ...functionDefaults(props.projectRoot),
      description: 'rm-radar: imports each file dropped in the drop zone, reports it and moves it to processed/ or rejected/',
      entry: props.entry,
      timeout: FUNCTION_TIMEOUT,
      memorySize: 2048,
      role,
      logGroup,
      environment: {
        ...props.environment,
        ...FUNCTION_ENVIRONMENT,
        POWERTOOLS_METRICS_NAMESPACE: TELEMETRY.namespace,
        DROPZONE_BUCKET: this.bucket.bucketName,
        DROPZONE_OPERATOR_EMAIL: props.operatorEmail,
        DROPZONE_WAIT_MINUTES: String(settings.waitMinutes),
        DROPZONE_SKIP_INVALID: String(settings.skipInvalid),
        DROPZONE_MAX_FILE_MB: String(settings.maxFileMegabytes),
        DROPZONE_LEASE_SECONDS: String(LEASE_SECONDS),
      },
    });
    // One file per invocation, so a large file has the whole timeout; a held file goes back alone.
    this.function.addEventSource(new SqsEventSource(this.queue, { batchSize: 1, reportBatchItemFailures: true, maxConcurrency: 2 }));

    this.grantObjects();
    grantTableActions(this.function, { table: props.table, indexNames: [], itemActions: TABLE_ITEM_ACTIONS, query: true });
    grantSendRawEmail(this.function, props.sending);

    const { errors, deadLetters } = failureAlarms(this, {
      fn: this.function,
      deadLetterQueue: this.deadLetterQueue,
      alarmTopic: props.alarmTopic,
      errorsDescription: 'rm-radar drop zone: the import function failed (see its logs)',
      deadLettersDescription: 'rm-radar drop zone: a file was not imported after every retry; its event is in the dead-letter queue',
    });
    this.alarms = { errors, deadLetters, rejectedFiles: this.rejectedFilesAlarm(props.alarmTopic) };
    this.acknowledgeFindings();
  }

  /**
   * Object-created events under incoming/ go to the queue. Set on the bucket itself rather than through CDK's
   * notifications custom resource (a function with an AWS managed policy): the queue's policy names the bucket
   * by its ARN built from the fixed name, so it can be created first, as S3 checks the destination.
   */
  private notifyQueue(bucketName: string): void {
    this.queue.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'S3ObjectCreatedEvents',
        principals: [new iam.ServicePrincipal('s3.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [this.queue.queueArn],
        conditions: {
          ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:s3:::${bucketName}` },
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
        },
      }),
    );
    const bucket = this.bucket.node.defaultChild as s3.CfnBucket;
    bucket.notificationConfiguration = {
      queueConfigurations: [
        { event: 's3:ObjectCreated:*', queue: this.queue.queueArn, filter: { s3Key: { rules: [{ name: 'prefix', value: PREFIXES.incoming }] } } },
      ],
    };
    bucket.node.addDependency(this.queue.node.findChild('Policy'));
  }

  /** Read (and remove) what is in incoming/; write reports and the moved files; nothing else in the bucket. */
  private grantObjects(): void {
    const objects = (prefix: string) => this.bucket.arnForObjects(`${prefix}*`);
    const statements = [
      { actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:DeleteObjectVersion'], resources: [objects(PREFIXES.incoming)] },
      { actions: ['s3:PutObject'], resources: [objects(PREFIXES.reports), objects(PREFIXES.processed), objects(PREFIXES.rejected)] },
    ];
    for (const statement of statements) this.function.addToRolePolicy(new iam.PolicyStatement(statement));
    // Listing incoming/ tells whether an earlier file of the same day is still pending.
    this.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [this.bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${PREFIXES.incoming}*`] } },
      }),
    );
    this.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [this.key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${Stack.of(this).region}.amazonaws.com` } },
      }),
    );
  }

  private rejectedFilesAlarm(alarmTopic: ITopic): cloudwatch.Alarm {
    const alarm = new cloudwatch.Metric({
      namespace: TELEMETRY.namespace,
      metricName: DROPZONE_METRICS.filesRejected,
      dimensionsMap: { service: TELEMETRY.serviceName, function: DROPZONE_METRICS.functionDimension },
      statistic: cloudwatch.Stats.SUM,
      period: Duration.minutes(5),
    }).createAlarm(this, 'RejectedFilesAlarm', {
      alarmDescription: 'rm-radar drop zone: a file was rejected (nothing written); its report under reports/ lists each problem',
      ...ALARM_ON_ANY,
    });
    notifyTopic(alarmTopic, alarm);
    return alarm;
  }

  private acknowledgeFindings(): void {
    Validations.of(this.accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: "This bucket receives the drop-zone bucket's server access logs; logging access to the log bucket would only log itself.",
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Pinned to Node.js 22 like the job functions: the runtime package.json engines declares and the tests run on; moving on is a deliberate upgrade.',
    });
    const bucketLogicalId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket);
    for (const prefix of Object.values(PREFIXES)) {
      Validations.of(this.function.role!).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${bucketLogicalId}.Arn>/${prefix}*]`,
        reason: `Object actions on the ${prefix} prefix only: the files are named by the bank's export, so their keys are not known in advance.`,
      });
    }
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: "This queue is itself the dead-letter queue of the drop zone's queue; a dead-letter queue of it would only hide failures.",
    });
  }
}

/** Raw files (incoming, processed, rejected, and their older versions) expire after rawFileDays; reports after reportDays. */
function lifecycleRules(settings: DeployConfig['dropZone']): s3.LifecycleRule[] {
  const raw = [PREFIXES.incoming, PREFIXES.processed, PREFIXES.rejected].map((prefix) => ({
    id: `expire-${prefix.replace('/', '')}`,
    prefix,
    expiration: Duration.days(settings.rawFileDays),
    noncurrentVersionExpiration: Duration.days(settings.rawFileDays),
  }));
  return [
    ...raw,
    {
      id: 'expire-reports',
      prefix: PREFIXES.reports,
      expiration: Duration.days(settings.reportDays),
      noncurrentVersionExpiration: Duration.days(settings.reportDays),
    },
    { id: 'clean-up', abortIncompleteMultipartUploadAfter: Duration.days(1), expiredObjectDeleteMarker: true },
  ];
}

/** Enough deliveries for a held file to be retried through the whole wait window, for a large file's resumes, and a few more. */
export function maxReceiveCount(waitMinutes: number): number {
  return Math.ceil((waitMinutes * 60) / VISIBILITY_TIMEOUT.toSeconds()) + RESUMES_ALLOWED + SPARE_DELIVERIES;
}

/** `rmradar-<stage>-drop-<account>-<region>`: unique per account and region, at most 63 characters for a 20-character stage. */
export function dropZoneBucketName(stage: string): string {
  return `rmradar-${stage}-drop-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
}

/** The handler of the drop-zone function, relative to the project root. */
export const DROPZONE_ENTRY = 'lambdas/dropzone/handler.ts';
