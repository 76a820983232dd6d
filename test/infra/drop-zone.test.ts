// The drop zone as synthesised: an encrypted, private, TLS-only, versioned, logged bucket with lifecycle rules,
// notifications to an encrypted queue with a dead-letter queue, a function granted exactly what it does, alarms.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Template } from 'aws-cdk-lib/assertions';
import { DeployConfigError, readDeployConfig } from '../../lib/config.ts';
import { maxReceiveCount } from '../../lib/drop-zone.ts';
import { synth, type Synthesised } from './synth.ts';

type Resource = { Type: string; Properties: Record<string, unknown> };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: Record<string, unknown>; Principal?: unknown };

let synthesised: Synthesised;
let template: Template;
let resources: Record<string, Resource>;

beforeAll(() => {
  synthesised = synth({ 'dropZone.rawFileDays': 14, 'dropZone.reportDays': 365, 'dropZone.waitMinutes': 45 }, { bundle: false });
  template = synthesised.template;
  resources = template.toJSON().Resources;
}, 120_000);

const idOf = (prefix: string, type: string) => {
  const found = Object.entries(resources).filter(([id, resource]) => id.startsWith(prefix) && resource.Type === type);
  expect(found, `one ${type} named ${prefix}…`).toHaveLength(1);
  return found[0]![0];
};
const bucketId = () => idOf('DropZoneBucket', 'AWS::S3::Bucket');
const bucket = () => resources[bucketId()]!.Properties;
const functionPolicy = () => {
  const role = idOf('DropZoneRole', 'AWS::IAM::Role');
  const policy = Object.values(resources).find((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes(`"${role}"`))!;
  return (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement;
};
const objectArn = (prefix: string) => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId(), 'Arn'] }, `/${prefix}*`]] });

describe('the drop-zone bucket', () => {
  it('is encrypted with its own rotating KMS key, private, versioned and owner-enforced', () => {
    const keyId = idOf('DropZoneKey', 'AWS::KMS::Key');
    expect(resources[keyId]!.Properties.EnableKeyRotation).toBe(true);
    expect(bucket()).toMatchObject({
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] } } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      VersioningConfiguration: { Status: 'Enabled' },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
  });

  it('refuses every request without TLS', () => {
    const policy = Object.values(resources).find((r) => r.Type === 'AWS::S3::BucketPolicy' && JSON.stringify(r.Properties.Bucket).includes(bucketId()))!;
    expect((policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  it('logs access to a private, TLS-only log bucket', () => {
    const logsId = idOf('DropZoneAccessLogs', 'AWS::S3::Bucket');
    expect(bucket().LoggingConfiguration).toEqual({ DestinationBucketName: { Ref: logsId }, LogFilePrefix: 'drop-zone/' });
    expect(resources[logsId]!.Properties).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LifecycleConfiguration: { Rules: [{ ExpirationInDays: 365, Status: 'Enabled' }] },
    });
  });

  it('expires raw files after rawFileDays and keeps reports for reportDays', () => {
    const rules = (bucket().LifecycleConfiguration as { Rules: Array<Record<string, unknown>> }).Rules;
    for (const prefix of ['incoming/', 'processed/', 'rejected/']) {
      expect(rules).toContainEqual(expect.objectContaining({ Prefix: prefix, ExpirationInDays: 14, NoncurrentVersionExpiration: { NoncurrentDays: 14 }, Status: 'Enabled' }));
    }
    expect(rules).toContainEqual(expect.objectContaining({ Prefix: 'reports/', ExpirationInDays: 365 }));
  });

  it('notifies the queue of objects created under incoming/ only, and only this bucket may send to it', () => {
    const queueId = idOf('DropZoneQueue', 'AWS::SQS::Queue');
    expect(bucket().NotificationConfiguration).toEqual({
      QueueConfigurations: [{ Event: 's3:ObjectCreated:*', Filter: { S3Key: { Rules: [{ Name: 'prefix', Value: 'incoming/' }] } }, Queue: { 'Fn::GetAtt': [queueId, 'Arn'] } }],
    });
    const queuePolicyId = idOf('DropZoneQueuePolicy', 'AWS::SQS::QueuePolicy');
    const statements = (resources[queuePolicyId]!.Properties.PolicyDocument as { Statement: Statement[] }).Statement;
    const fromS3 = statements.find((statement) => JSON.stringify(statement.Principal).includes('s3.amazonaws.com'))!;
    expect(fromS3.Action).toBe('sqs:SendMessage');
    expect(JSON.stringify(fromS3.Condition)).toContain('"arn:",{"Ref":"AWS::Partition"},":s3:::rmradar-dev-drop-');
    // S3 checks the destination when the bucket is created: the queue's policy comes first.
    expect(template.toJSON().Resources[bucketId()].DependsOn).toContain(queuePolicyId);
    template.resourceCountIs('Custom::S3BucketNotifications', 0);
  });
});

describe('the queue', () => {
  it('is encrypted, dead-letters a message after the wait window, a large file\'s resumes and a few retries, and hides it while a run may last', () => {
    const dlq = idOf('DropZoneDeadLetters', 'AWS::SQS::Queue');
    expect(resources[idOf('DropZoneQueue', 'AWS::SQS::Queue')]!.Properties).toMatchObject({
      SqsManagedSseEnabled: true,
      VisibilityTimeout: 960,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] }, maxReceiveCount: 14 },
    });
    expect(resources[dlq]!.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 86_400 });
    expect(maxReceiveCount(0)).toBe(11);
    expect(maxReceiveCount(30)).toBe(13);
  });

  it('feeds the function one file at a time, with partial batch failures', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [idOf('DropZoneQueue', 'AWS::SQS::Queue'), 'Arn'] },
      FunctionName: { Ref: idOf('DropZoneFunction', 'AWS::Lambda::Function') },
      BatchSize: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });
});

describe('the import function', () => {
  it('runs with the whole Lambda timeout and its settings', () => {
    const fn = resources[idOf('DropZoneFunction', 'AWS::Lambda::Function')]!.Properties;
    expect(fn).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Timeout: 900 });
    expect((fn.Environment as { Variables: Record<string, unknown> }).Variables).toMatchObject({
      DROPZONE_BUCKET: { Ref: bucketId() },
      DROPZONE_OPERATOR_EMAIL: 'rm-radar-alarms@example.com',
      DROPZONE_WAIT_MINUTES: '45',
      DROPZONE_SKIP_INVALID: 'false',
      DROPZONE_LEASE_SECONDS: '960',
      TIME_ZONE: 'Asia/Shanghai',
    });
  });

  it('may read and remove what is in incoming/, write reports and moved files, and nothing else in the bucket', () => {
    const s3 = functionPolicy().filter((statement) => [statement.Action].flat().some((action) => action.startsWith('s3:')));
    expect(s3).toEqual([
      { Effect: 'Allow', Action: ['s3:DeleteObjectVersion', 's3:GetObject', 's3:GetObjectVersion'], Resource: objectArn('incoming/') },
      { Effect: 'Allow', Action: 's3:PutObject', Resource: [objectArn('processed/'), objectArn('rejected/'), objectArn('reports/')] },
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: { 'Fn::GetAtt': [bucketId(), 'Arn'] }, Condition: { StringLike: { 's3:prefix': ['incoming/*'] } } },
    ]);
    const kms = functionPolicy().find((statement) => [statement.Action].flat().includes('kms:Decrypt'))!;
    expect(kms).toMatchObject({ Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: { 'Fn::GetAtt': [idOf('DropZoneKey', 'AWS::KMS::Key'), 'Arn'] } });
    expect(JSON.stringify(kms.Condition)).toContain('kms:ViaService');
  });

  it('may do on the table what the importer does, and never scan', () => {
    const dynamodb = functionPolicy().filter((statement) => [statement.Action].flat().some((action) => action.startsWith('dynamodb:')));
    const actions = dynamodb.flatMap((statement) => [statement.Action].flat()).sort();
    expect(actions).toEqual(['dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem']);
    expect(JSON.stringify(dynamodb)).not.toContain('/index/');
  });

  it('alarms on a rejected file, a failure and a dead-lettered message', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'RmRadar',
      MetricName: 'FilesRejected',
      Dimensions: [
        { Name: 'function', Value: 'dropzone' },
        { Name: 'service', Value: 'rm-radar' },
      ],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [idOf('DropZoneDeadLetters', 'AWS::SQS::Queue'), 'QueueName'] } }],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Errors', Dimensions: [{ Name: 'FunctionName', Value: { Ref: idOf('DropZoneFunction', 'AWS::Lambda::Function') } }] });
  });

  it('leaves no cdk-nag finding unacknowledged', () => {
    expect(synthesised.nagFindings).toEqual([]);
  });
});

describe('the drop-zone settings', () => {
  const base = { 'rm-radar': { senderEmail: 'radar@bank.example', alarmEmail: 'ops@bank.example', timeZone: 'Asia/Shanghai' } };
  it('default to 30 days of raw files, 400 of reports, a 30-minute wait and no skipping', () => {
    expect(readDeployConfig(base).dropZone).toEqual({ rawFileDays: 30, reportDays: 400, waitMinutes: 30, skipInvalid: false, maxFileMegabytes: 200 });
  });

  it('refuse reports kept shorter than the files, and unknown fields', () => {
    expect(() => readDeployConfig({ ...base, 'dropZone.rawFileDays': 90, 'dropZone.reportDays': 30 })).toThrow(/dropZone\.reportDays: reportDays must be at least rawFileDays/);
    expect(() => readDeployConfig({ ...base, 'dropZone.keepDays': 3 })).toThrow(DeployConfigError);
  });
});
