// The fanned-out jobs in the stack: encrypted work queues with redrive, the workers' event sources, scoped IAM, the deadline check and alarms.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Template } from 'aws-cdk-lib/assertions';
import { JOB_DESCRIPTORS } from '../../lambdas/job-descriptors.ts';
import { TELEMETRY } from '../../lambdas/core/telemetry.ts';
import { jobConstructId } from '../../lib/rm-radar-stack.ts';
import { MAX_RECEIVE_COUNT, WORKER_BATCH_SIZE } from '../../lib/fan-out.ts';
import { readDeployConfig } from '../../lib/config.ts';
import { synth } from './synth.ts';

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;
let template: Template;
let resources: Resources;
let nagFindings: string[];

beforeAll(() => {
  ({ template, nagFindings } = synth({ 'fanOut.workerConcurrency': '25', 'fanOut.deadline': '08:15' }, { bundle: false }));
  resources = template.toJSON().Resources as Resources;
}, 120_000);

const FANNED_OUT = JOB_DESCRIPTORS.filter((job) => job.fanOut).map((job) => job.name);
const idOf = (prefix: string, type: string) => {
  const found = Object.entries(resources).filter(([id, resource]) => resource.Type === type && id.startsWith(prefix) && /^[0-9A-F]{8}$/.test(id.slice(prefix.length)));
  expect(found, `one ${type} ${prefix}…`).toHaveLength(1);
  return found[0]![0];
};
const statementsOf = (roleId: string) =>
  Object.values(resources)
    .filter((resource) => resource.Type === 'AWS::IAM::Policy' && JSON.stringify(resource.Properties.Roles).includes(`"${roleId}"`))
    .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement);
const actions = (statements: { Action: string | string[] }[], prefix: string) => [...new Set(statements.flatMap((s) => [s.Action].flat()).filter((a) => a.startsWith(prefix)))].sort();

describe.each(FANNED_OUT)('%s fanned out', (name) => {
  const id = jobConstructId(name);

  it('has an encrypted, SSL-only work queue that redrives to its dead-letter queue after a few receives', () => {
    const queue = resources[idOf(`${id}FanOutWorkQueue`, 'AWS::SQS::Queue')]!.Properties;
    expect(queue).toMatchObject({
      SqsManagedSseEnabled: true,
      VisibilityTimeout: 720,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [idOf(`${id}FanOutDeadLetters`, 'AWS::SQS::Queue'), 'Arn'] }, maxReceiveCount: MAX_RECEIVE_COUNT },
    });
    expect(resources[idOf(`${id}FanOutDeadLetters`, 'AWS::SQS::Queue')]!.Properties).toMatchObject({ SqsManagedSseEnabled: true });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: idOf(`${id}FanOutWorkQueue`, 'AWS::SQS::Queue') }],
      PolicyDocument: { Statement: [{ Effect: 'Deny', Action: 'sqs:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] },
    });
  });

  it('feeds its worker in batches with partial batch failures and at most the configured concurrency', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: idOf(`${id}FanOutWorker`, 'AWS::Lambda::Function') },
      EventSourceArn: { 'Fn::GetAtt': [idOf(`${id}FanOutWorkQueue`, 'AWS::SQS::Queue'), 'Arn'] },
      BatchSize: WORKER_BATCH_SIZE,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 25 },
    });
    const worker = resources[idOf(`${id}FanOutWorker`, 'AWS::Lambda::Function')]!.Properties;
    // Lambda's recursive loop detection stays on: a throttled RM's copies stay within its 16 invocations.
    expect(worker).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], TracingConfig: { Mode: 'Active' }, RecursiveLoop: 'Terminate' });
    // Its own queue's URL: a throttled item's delayed copy is sent there.
    expect((worker.Environment as { Variables: Record<string, unknown> }).Variables).toMatchObject({
      WORKER_CONCURRENCY: '25',
      SEND_RATE_CAP: '14',
      WORK_QUEUE_URL: { Ref: idOf(`${id}FanOutWorkQueue`, 'AWS::SQS::Queue') },
    });
  });

  it('lets the worker take messages from its queue and requeue to it only, and send email; the planner only enqueue to it and read the quota', () => {
    const queueId = idOf(`${id}FanOutWorkQueue`, 'AWS::SQS::Queue');
    const worker = statementsOf(idOf(`${id}FanOutRole`, 'AWS::IAM::Role'));
    expect(actions(worker, 'sqs:')).toEqual(['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage', 'sqs:SendMessage']);
    for (const statement of worker.filter((s) => [s.Action].flat().some((a) => a.startsWith('sqs:')))) expect(JSON.stringify(statement.Resource)).toContain(queueId);
    expect(actions(worker, 'ses:')).toEqual(['ses:SendRawEmail']);

    const planner = statementsOf(idOf(`${id}Role`, 'AWS::IAM::Role'));
    expect(actions(planner, 'sqs:')).toEqual(['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage']);
    for (const statement of planner.filter((s) => [s.Action].flat().some((a) => a.startsWith('sqs:')))) expect(JSON.stringify(statement.Resource)).toContain(queueId);
    expect(actions(planner, 'ses:')).toEqual(['ses:GetSendQuota']);
    const env = (resources[idOf(`${id}Function`, 'AWS::Lambda::Function')]!.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(env).toMatchObject({ WORK_QUEUE_URL: { Ref: queueId }, WORKER_CONCURRENCY: '25' });
  });

  it('asks the planner at the deadline whether the run is complete, and alarms when it is not', () => {
    expect(resources[idOf(`${id}FanOutCheckSchedule`, 'AWS::Scheduler::Schedule')]!.Properties).toMatchObject({
      ScheduleExpression: 'cron(15 8 ? * * *)',
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      Target: { Input: '{"check":true}', Arn: { 'Fn::GetAtt': [idOf(`${id}Function`, 'AWS::Lambda::Function'), 'Arn'] } },
    });
    const alarm = resources[idOf(`${id}FanOutRunIncompleteAlarm`, 'AWS::CloudWatch::Alarm')]!.Properties;
    expect(alarm).toMatchObject({
      Namespace: TELEMETRY.namespace,
      MetricName: TELEMETRY.runIncompleteMetric,
      Dimensions: expect.arrayContaining([{ Name: 'job', Value: name }]),
      Threshold: 1,
      AlarmActions: [expect.anything()],
    });
    const deadLetters = resources[idOf(`${id}FanOutDeadLettersAlarm`, 'AWS::CloudWatch::Alarm')]!.Properties;
    expect(deadLetters).toMatchObject({ MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 1 });
  });
});

describe('the fan-out', () => {
  it('leaves no unacknowledged cdk-nag finding', () => {
    expect(nagFindings).toEqual([]);
  });

  it('refuses a deadline that is not a local time', async () => {
    expect(() => synth({ 'fanOut.deadline': '8h30' }, { bundle: false })).toThrow(/fanOut\.deadline: a local time HH:MM/);
  });

  it('refuses more workers than the send rate cap can pace through a batch within the worker timeout', async () => {
    // 200 workers at 14/s: each would wait 14.3 s between sends, a batch of ten 129 s of its 120.
    expect(() => synth({ 'fanOut.workerConcurrency': '200' }, { bundle: false })).toThrow(/fanOut\.workerConcurrency: at most 140 at sendRateCap 14/);
    const cdkJson = (await import('../../cdk.json', { with: { type: 'json' } })).default as { context: Record<string, unknown> };
    expect(readDeployConfig({ ...cdkJson.context, 'fanOut.workerConcurrency': '140' }).fanOut.workerConcurrency).toBe(140);
    expect(readDeployConfig({ ...cdkJson.context, 'fanOut.workerConcurrency': '500', 'fanOut.sendRateCap': '50' }).fanOut.workerConcurrency).toBe(500);
  });
});
