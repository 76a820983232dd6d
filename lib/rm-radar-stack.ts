// The rm-radar stack: the single table, SES sending, the alarm topic, one ScheduledJob per job, and the drop zone.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription, SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { GLOBAL_INDEXES, PARTITION_KEY, SORT_KEY, TTL_ATTRIBUTE } from '../lambdas/core/store/table-design.ts';
import type { JobName } from '../lambdas/job-descriptors.ts';
import { runtimeEnvironmentOf, type DeployConfig } from './config.ts';
import { JOB_DEFINITIONS, type JobDefinition } from './jobs.ts';
import { grantSendRawEmail, grantTableActions, notifyTopic, ScheduledJob, sesIdentityArn } from './scheduled-job.ts';
import { FanOut } from './fan-out.ts';
import { SesEventsFunction } from './ses-events-function.ts';
import { Workbench } from './workbench.ts';
import { DROPZONE_ENTRY, DropZone, dropZoneBucketName } from './drop-zone.ts';

export interface RmRadarStackProps extends StackProps {
  config: DeployConfig;
  /** The folder holding package.json and the lambdas; handler entries are relative to it. */
  projectRoot: string;
  /** The jobs to deploy; all of them unless a test narrows it. */
  jobs?: readonly JobDefinition[];
}

export class RmRadarStack extends Stack {
  readonly table: dynamodb.Table;
  readonly alarmTopic: sns.Topic;
  readonly jobs: Partial<Record<JobName, ScheduledJob>> = {};
  /** The queue and workers of each fanned-out job. */
  readonly fanOuts: Partial<Record<JobName, FanOut>> = {};
  /** The function that sends each job's emails: its worker when fanned out, else the scheduled function. */
  readonly senders: Partial<Record<JobName, lambda.Function>> = {};
  readonly sesEvents: SesEventsFunction;
  readonly workbench?: Workbench;
  readonly dropZone: DropZone;

  constructor(scope: Construct, id: string, props: RmRadarStackProps) {
    super(scope, id, props);
    const { config } = props;
    const removalPolicy = config.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.table = this.createTable(config, removalPolicy);

    // Topics are encrypted with a key of this stack: its policy lets CloudWatch and SES publish to them.
    const notificationsKey = this.createNotificationsKey(removalPolicy);
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      displayName: `rm-radar ${config.stage} alarms`,
      masterKey: notificationsKey,
      enforceSSL: true,
    });
    this.alarmTopic.addSubscription(new EmailSubscription(config.alarmEmail));

    const sending = this.createSending(config, notificationsKey);

    // Flags RM addresses that bounce permanently or complain; the jobs then skip them (sendOnce: 'suppressed').
    this.sesEvents = new SesEventsFunction(this, 'SesEvents', {
      entry: join(props.projectRoot, SES_EVENTS_ENTRY),
      projectRoot: props.projectRoot,
      table: this.table,
      eventsTopic: sending.eventsTopic,
      alarmTopic: this.alarmTopic,
      logRetention: config.logRetentionDays as logs.RetentionDays,
      removalPolicy,
    });

    const environment = runtimeEnvironmentOf(config);
    const definitions = props.jobs ?? JOB_DEFINITIONS;
    for (const definition of definitions) {
      const entry = join(props.projectRoot, definition.entry);
      if (!existsSync(entry)) throw new Error(`job ${definition.name}: handler ${definition.entry} does not exist`);
      const job = new ScheduledJob(this, jobConstructId(definition.name), {
        jobName: definition.name,
        description: definition.description,
        entry,
        projectRoot: props.projectRoot,
        timeout: definition.timeout,
        memorySize: definition.memorySize,
        schedule: config.schedules[definition.name],
        timeZone: config.timeZone,
        environment,
        alarmTopic: this.alarmTopic,
        logRetention: config.logRetentionDays as logs.RetentionDays,
        removalPolicy,
        ...(definition.nativeModules ? { nativeModules: definition.nativeModules } : {}),
      });
      const tableGrant = { table: this.table, indexNames: definition.indexes, itemActions: definition.itemActions, query: definition.indexes.length > 0 };
      job.grantTable(tableGrant);
      this.jobs[definition.name] = job;
      if (definition.fanOut) {
        // The scheduled function plans (lists the RMs, writes the run record, enqueues); the workers send.
        const fanOut = new FanOut(this, `${jobConstructId(definition.name)}FanOut`, {
          jobName: definition.name,
          workerEntry: join(props.projectRoot, definition.workerEntry),
          projectRoot: props.projectRoot,
          planner: job.function,
          ...(definition.workerMemorySize ? { memorySize: definition.workerMemorySize } : {}),
          ...(definition.nativeModules ? { nativeModules: definition.nativeModules } : {}),
          workerConcurrency: config.fanOut.workerConcurrency,
          sendRateCap: config.fanOut.sendRateCap,
          deadline: config.fanOut.deadline,
          timeZone: config.timeZone,
          environment,
          alarmTopic: this.alarmTopic,
          logRetention: config.logRetentionDays as logs.RetentionDays,
          removalPolicy,
        });
        grantTableActions(fanOut.worker, tableGrant);
        grantSendRawEmail(fanOut.worker, sending);
        // The planner builds the same dependencies as the worker (the sender address is part of its config) but never sends.
        job.function.addEnvironment('SENDER_EMAIL', sending.senderEmail);
        job.function.addEnvironment('SES_CONFIGURATION_SET', sending.configurationSetName);
        this.fanOuts[definition.name] = fanOut;
        this.senders[definition.name] = fanOut.worker;
      } else {
        job.grantSendEmail(sending);
        this.senders[definition.name] = job.function;
      }
      new CfnOutput(this, `${jobConstructId(definition.name)}FunctionName`, {
        value: job.function.functionName,
        description: `aws lambda invoke --function-name … for ${definition.name}`,
      });
    }

    if (config.workbench) {
      this.workbench = new Workbench(this, 'Workbench', {
        entry: join(props.projectRoot, WEB_ENTRY),
        projectRoot: props.projectRoot,
        table: this.table,
        indexNames: GLOBAL_INDEXES.map((index) => index.indexName),
        alarmTopic: this.alarmTopic,
        logRetention: config.logRetentionDays as logs.RetentionDays,
        removalPolicy,
        environment,
        config: config.workbench,
      });
      // The emails of these jobs carry signed links to the workbench.
      for (const definition of definitions) {
        const sender = this.senders[definition.name];
        if (!sender || !definition.emailLinks) continue;
        sender.addEnvironment('WORKBENCH_URL', this.workbench.url);
        sender.addEnvironment('LINK_SIGNING_SECRET_ARN', this.workbench.signingSecret.secretArn);
        sender.addEnvironment('LINK_VALID_DAYS', String(config.workbench.linkValidDays));
        this.workbench.signingSecret.grantRead(sender);
      }
    }
    // The bank's extracts arrive here by themselves; each file is imported, reported and moved.
    this.dropZone = new DropZone(this, 'DropZone', {
      bucketName: dropZoneBucketName(config.stage),
      entry: join(props.projectRoot, DROPZONE_ENTRY),
      projectRoot: props.projectRoot,
      table: this.table,
      sending,
      settings: config.dropZone,
      operatorEmail: config.dropZone.operatorEmail ?? config.alarmEmail,
      environment,
      alarmTopic: this.alarmTopic,
      logRetention: config.logRetentionDays as logs.RetentionDays,
      removalPolicy,
    });
    new CfnOutput(this, 'DropZoneBucketName', { value: this.dropZone.bucket.bucketName, description: 'the bucket the extracts go to, under incoming/<entity>/' });
    new CfnOutput(this, 'DropZoneKeyArn', { value: this.dropZone.key.keyArn, description: 'the KMS key of the drop-zone bucket; writers need kms:GenerateDataKey on it' });

    new CfnOutput(this, 'TableName', { value: this.table.tableName, description: 'TABLE_NAME for the rm-radar CLI' });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topicArn });
  }

  private createTable(config: DeployConfig, removalPolicy: RemovalPolicy): dynamodb.Table {
    const encryption = config.kmsKeyArn
      ? { encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED, encryptionKey: kms.Key.fromKeyArn(this, 'TableKey', config.kmsKeyArn) }
      : { encryption: dynamodb.TableEncryption.DEFAULT };
    const table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: PARTITION_KEY, type: dynamodb.AttributeType.STRING },
      sortKey: { name: SORT_KEY, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: TTL_ATTRIBUTE,
      deletionProtection: config.production,
      removalPolicy,
      ...encryption,
    });
    for (const index of GLOBAL_INDEXES) {
      table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
    return table;
  }

  private createNotificationsKey(removalPolicy: RemovalPolicy): kms.Key {
    const key = new kms.Key(this, 'NotificationsKey', {
      description: 'rm-radar: encrypts the alarm and SES event topics',
      enableKeyRotation: true,
      removalPolicy,
    });
    for (const service of ['cloudwatch.amazonaws.com', 'ses.amazonaws.com']) {
      key.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: `Publish from ${service.split('.')[0]}`,
          principals: [new iam.ServicePrincipal(service)],
          actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          resources: ['*'], // in a key policy, "*" is this key
          conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
        }),
      );
    }
    return key;
  }

  /**
   * The sender identity and a configuration set that records bounces and complaints: each event goes to
   * an SNS topic, kept in a queue for 14 days, mailed to the alarm address, and recorded per address by
   * the ses-events function. A flagged address gets no more emails (the jobs count them as suppressed)
   * while its lists and digest entries stay stored and visible in the CLI, until `rm-radar rms unflag`.
   */
  private createSending(config: DeployConfig, key: kms.IKey) {
    const configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
    });

    const eventsTopic = new sns.Topic(this, 'SesEventsTopic', {
      displayName: `rm-radar ${config.stage} email bounces and complaints`,
      masterKey: key,
      enforceSSL: true,
    });
    const eventsRecord = new sqs.Queue(this, 'SesEventsRecord', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    eventsTopic.addSubscription(new SqsSubscription(eventsRecord, { rawMessageDelivery: true }));
    eventsTopic.addSubscription(new EmailSubscription(config.alarmEmail));
    Validations.of(eventsRecord).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'A record of SES bounce/complaint events that people read (aws sqs receive-message); no consumer processes it, so there is no failed processing to dead-letter.',
    });
    configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: ses.EventDestination.snsTopic(eventsTopic),
      events: [
        ses.EmailSendingEvent.BOUNCE,
        ses.EmailSendingEvent.COMPLAINT,
        ses.EmailSendingEvent.REJECT,
        ses.EmailSendingEvent.RENDERING_FAILURE,
        ses.EmailSendingEvent.DELIVERY_DELAY,
      ],
    });

    const identity = new ses.EmailIdentity(this, 'SenderIdentity', {
      identity: config.senderDomain ? ses.Identity.domain(config.senderDomain) : ses.Identity.email(config.senderEmail),
      configurationSet,
      ...(config.senderDomain ? { dkimSigning: true, dkimIdentity: ses.DkimIdentity.easyDkim() } : {}),
    });
    if (config.senderDomain) {
      identity.dkimRecords.forEach((record, i) => {
        new CfnOutput(this, `DkimRecord${i + 1}`, {
          value: `${record.name} CNAME ${record.value}`,
          description: `DNS record ${i + 1} of 3 that verifies ${config.senderDomain} and signs with DKIM`,
        });
      });
    }

    this.createReputationAlarms(config);
    new CfnOutput(this, 'ConfigurationSetName', { value: configurationSet.configurationSetName });
    new CfnOutput(this, 'SesEventsQueueUrl', { value: eventsRecord.queueUrl, description: 'bounce and complaint events, kept 14 days' });

    return {
      eventsTopic,
      senderEmail: config.senderEmail,
      identityArn: identity.emailIdentityArn,
      configurationSetName: configurationSet.configurationSetName,
      configurationSetArn: this.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: configurationSet.configurationSetName }),
      sandboxRecipientArns: config.sandboxRecipients.map((recipient) => sesIdentityArn(this, recipient)),
    };
  }

  /** Account-level SES reputation (AWS reviews an account above 5% bounces or 0.1% complaints). */
  private createReputationAlarms(config: DeployConfig): void {
    const rates = [
      { id: 'SesBounceRateAlarm', metricName: 'Reputation.BounceRate', threshold: config.sesBounceRateAlarm, what: 'bounce' },
      { id: 'SesComplaintRateAlarm', metricName: 'Reputation.ComplaintRate', threshold: config.sesComplaintRateAlarm, what: 'complaint' },
    ];
    for (const rate of rates) {
      const alarm = new cloudwatch.Metric({
        namespace: 'AWS/SES',
        metricName: rate.metricName,
        statistic: cloudwatch.Stats.MAXIMUM,
        period: Duration.hours(1),
      }).createAlarm(this, rate.id, {
        alarmDescription: `rm-radar: SES ${rate.what} rate above ${rate.threshold * 100}% — check the bounce/complaint events queue`,
        threshold: rate.threshold,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      notifyTopic(this.alarmTopic, alarm);
    }
  }
}

/** The handler of the web function, relative to the project root. */
export const WEB_ENTRY = 'lambdas/web/handler.ts';

/** The handler of the SES events function, relative to the project root. */
export const SES_EVENTS_ENTRY = 'lambdas/ses-events/handler.ts';

/** `call-list` → `CallList`: construct ids stay stable as jobs are added. */
export function jobConstructId(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, __, letter: string) => letter.toUpperCase());
}
