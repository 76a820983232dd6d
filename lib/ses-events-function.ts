// The function that records SES bounces and complaints per address: fed by the events topic, may only update the table.
import { Duration, Validations, type RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { failureAlarms, FUNCTION_ENVIRONMENT, functionDefaults, functionFoundation, grantTableKey } from './scheduled-job.ts';

export interface SesEventsFunctionProps {
  /** Absolute path of lambdas/ses-events/handler.ts. */
  entry: string;
  projectRoot: string;
  table: ITable;
  /** The topic the configuration set publishes bounce and complaint events to. */
  eventsTopic: ITopic;
  alarmTopic: ITopic;
  logRetention: logs.RetentionDays;
  removalPolicy: RemovalPolicy;
}

export class SesEventsFunction extends Construct {
  readonly function: NodejsFunction;
  readonly deadLetterQueue: sqs.Queue;
  readonly alarms: { errors: cloudwatch.Alarm; deadLetters: cloudwatch.Alarm };

  constructor(scope: Construct, id: string, props: SesEventsFunctionProps) {
    super(scope, id);
    // The dead-letter queue holds events SNS could not deliver, and invocations that failed every retry.
    const { logGroup, role, deadLetterQueue } = functionFoundation(this, {
      roleDescription: 'rm-radar ses-events function: records bounces and complaints',
      logRetention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    this.deadLetterQueue = deadLetterQueue;

    this.function = new NodejsFunction(this, 'Function', {
      ...functionDefaults(props.projectRoot),
      description: 'rm-radar: flags RM addresses that bounce permanently or complain, so the jobs stop emailing them',
      entry: props.entry,
      timeout: Duration.seconds(30),
      memorySize: 256,
      role,
      logGroup,
      environment: { TABLE_NAME: props.table.tableName, ...FUNCTION_ENVIRONMENT },
    });

    // SNS invokes asynchronously. Recording is idempotent (a redelivered event is recognised), so retries are safe.
    this.function.configureAsyncInvoke({ retryAttempts: 2, maxEventAge: Duration.hours(6), onFailure: new SqsDestination(this.deadLetterQueue) });
    // The SQS copy on the topic stays as the record people read; this subscription is the one that acts.
    props.eventsTopic.addSubscription(new LambdaSubscription(this.function, { deadLetterQueue: this.deadLetterQueue }));

    // One UpdateItem per recipient (ADD/SET with a condition) on the table itself; no reads, no indexes.
    this.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:UpdateItem'], resources: [props.table.tableArn] }));
    grantTableKey(this.function, props.table);

    this.alarms = this.createAlarms(props.alarmTopic);
    this.acknowledgeFindings();
  }

  private createAlarms(alarmTopic: ITopic) {
    return failureAlarms(this, {
      fn: this.function,
      deadLetterQueue: this.deadLetterQueue,
      alarmTopic,
      errorsDescription: 'rm-radar ses-events: recording a bounce or complaint failed (see its logs)',
      deadLettersDescription: 'rm-radar ses-events: a bounce or complaint was not recorded; it waits in the dead-letter queue',
    });
  }

  private acknowledgeFindings(): void {
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Pinned to Node.js 22 like the job functions: the runtime package.json engines declares and the tests run on; moving on is a deliberate upgrade.',
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: "This queue is itself the dead-letter queue (of the SNS subscription and of the function's failed async invocations); a dead-letter queue of it would only hide failures.",
    });
  }
}
