// The planner and worker Lambda handlers themselves (config, Powertools, event validation) against DynamoDB Local, the local SES and fauxqs.
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestStore, inbox } from '../../support/local-aws.ts';
import { createWorkQueue, startLocalSqs, type LocalSqs } from '../../../bin/local/local-sqs.ts';
import { messagesLeft } from '../../../bin/local/sqs-event-source.ts';
import { client, rm } from '../../../lambdas/core/model.ts';
import { putClients } from '../../../lambdas/core/store/client-writes.ts';
import type { RadarStore } from '../../../lambdas/core/store/radar-store.ts';
import { plannerHandler, workerHandler } from '../../../lambdas/core/fanout/lambda.ts';
import { readRun } from '../../../lambdas/core/fanout/run-record.ts';
import { callListWork } from '../../../lambdas/call-list/job.ts';

const DAY = '2026-03-05';
const RMS = 3;
const suffix = randomUUID().slice(0, 8);
const context = {
  functionName: 'rm-radar-call-list',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:rm-radar-call-list',
  memoryLimitInMB: '512',
  awsRequestId: 'request-1',
  getRemainingTimeInMillis: () => 60_000,
} as unknown as Context;

let store: RadarStore;
let tableName: string;
let local: LocalSqs;
let queue: Awaited<ReturnType<typeof createWorkQueue>>;
let printed: string[];
let sesQuota: http.Server;

/** The queue's URL on fauxqs's address (the SDK sends to the queue URL's host, which fauxqs names sqs.<region>.localhost). */
const reachable = (queueUrl: string) => `${local.url}${new URL(queueUrl).pathname}`;

/** SES's GetSendQuota answer of an account allowed 7 messages a second (the local SES does not answer it). */
const QUOTA = `<GetSendQuotaResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><GetSendQuotaResult><SentLast24Hours>0</SentLast24Hours><Max24HourSend>50000</Max24HourSend><MaxSendRate>7</MaxSendRate></GetSendQuotaResult><ResponseMetadata><RequestId>quota</RequestId></ResponseMetadata></GetSendQuotaResponse>`;

beforeAll(async () => {
  ({ store, tableName } = await createTestStore());
  local = await startLocalSqs();
  queue = await createWorkQueue(local, { visibilitySeconds: 30, maxReceiveCount: 5 });
  sesQuota = http.createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/xml' }).end(QUOTA));
  await new Promise<void>((resolve) => sesQuota.listen(0, '127.0.0.1', resolve));
  const ids = Array.from({ length: RMS }, (_, i) => `rm-${i}`);
  await store.putRms(ids.map((rmId) => rm.parse({ rmId, name: `RM ${rmId}`, email: `${rmId}-${suffix}@bank.example`, locale: 'en' })));
  await putClients(store, ids.map((rmId) => client.parse({ clientId: `c-${rmId}`, rmId, kind: 'corporate', tier: 'B', name: `Client of ${rmId}` })));
});

afterAll(async () => {
  sesQuota?.close();
  await local?.stop();
});

beforeEach(() => {
  // What the stack sets on both functions; the SDK finds fauxqs through its endpoint variable.
  vi.stubEnv('TABLE_NAME', tableName);
  vi.stubEnv('SENDER_EMAIL', 'radar@bank.example');
  vi.stubEnv('WORK_QUEUE_URL', reachable(queue.queueUrl));
  vi.stubEnv('SEND_RATE_CAP', '1000');
  vi.stubEnv('POWERTOOLS_TRACE_ENABLED', 'false');
  printed = [];
  const capture = (chunk: string | Uint8Array) => (printed.push(...String(chunk).split('\n').filter(Boolean)), true);
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  for (const level of ['log', 'info', 'warn', 'error'] as const) vi.spyOn(console, level).mockImplementation((line: unknown) => void capture(String(line)));
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

/** The EMF metric documents Powertools printed, merged into one name → value map. */
const metricsPrinted = () => Object.assign({}, ...printed.filter((line) => line.includes('"_aws"')).map((line) => JSON.parse(line) as Record<string, unknown>));

const recordOf = (body: string, messageId: string = randomUUID()): SQSRecord => ({
  messageId,
  receiptHandle: `handle-${messageId}`,
  body,
  attributes: { ApproximateReceiveCount: '1' } as SQSRecord['attributes'],
  messageAttributes: {},
  md5OfBody: '',
  eventSource: 'aws:sqs',
  eventSourceARN: queue.queueArn,
  awsRegion: 'us-east-1',
});

describe('the planner handler', () => {
  it('refuses a malformed event with an error naming the field, and plans nothing', async () => {
    await expect(plannerHandler(callListWork)({ businessDate: '2026-13-45' }, context)).rejects.toThrow(/planner event is invalid: businessDate/);
    await expect(plannerHandler(callListWork)({ replan: 'yes' }, context)).rejects.toThrow(/planner event is invalid: replan/);
    expect(await messagesLeft(queue)).toBe(0);
    expect(await readRun(store.table, callListWork.name, DAY)).toBeUndefined();
  });

  it('plans the date it is given onto the work queue at the SES quota\'s rate, emits RmsPlanned, and says the run is incomplete at the check', async () => {
    vi.stubEnv('AWS_ENDPOINT_URL_SES', `http://127.0.0.1:${(sesQuota.address() as AddressInfo).port}`);
    const plan = await plannerHandler(callListWork)({ businessDate: DAY }, context);
    // The lower of SES's 7/s and the cap of 1,000.
    expect(plan).toMatchObject({ status: 'planned', planned: RMS, businessDate: DAY, sendRate: 7 });
    expect(await messagesLeft(queue)).toBe(RMS);
    expect(metricsPrinted()).toMatchObject({ RmsPlanned: RMS });
    const check = await plannerHandler(callListWork)({ check: true, businessDate: DAY }, context);
    expect(check).toMatchObject({ complete: false, run: { planned: RMS, done: 0 } });
    expect(metricsPrinted()).toMatchObject({ RunIncomplete: 1, RunSucceeded: 0 });
  });

  it('fails at cold start without its work queue, naming the setting', () => {
    vi.stubEnv('WORK_QUEUE_URL', '');
    expect(() => plannerHandler(callListWork)).toThrow(/WORK_QUEUE_URL/);
  });
});

describe('the worker handler', () => {
  it('works the good records and reports only the malformed ones as batch item failures, without crashing the batch', async () => {
    const received = await local.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    const good = (received.Messages ?? []).map((message) => recordOf(message.Body!, message.MessageId));
    expect(good).toHaveLength(RMS);
    const notJson = recordOf('{"job": "call-list", ');
    const wrongField = recordOf(JSON.stringify({ job: 'call-list', rmId: 'rm-0', businessDate: DAY, sendIntervalMs: -5 }));
    const otherJob = recordOf(JSON.stringify({ job: 'touch-reminders', rmId: 'rm-0', businessDate: DAY, sendIntervalMs: 0 }));
    const event: SQSEvent = { Records: [notJson, ...good.slice(0, 2), wrongField, good[2]!, otherJob] };

    const response = await workerHandler(callListWork)(event, context);
    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier).sort()).toEqual([notJson, wrongField, otherJob].map((r) => r.messageId).sort());
    // The good ones were sent, once each, and the run is complete.
    for (let i = 0; i < RMS; i++) expect(await inbox(`rm-${i}-${suffix}`)).toHaveLength(1);
    expect(await readRun(store.table, callListWork.name, DAY)).toMatchObject({ planned: RMS, done: RMS, complete: true });
    expect(metricsPrinted()).toMatchObject({ EmailsSent: RMS });
    // Each rejection is logged by message id with what is wrong, never with the body.
    const rejections = printed.filter((line) => line.includes('work item rejected')).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rejections.map((entry) => entry.messageId).sort()).toEqual([notJson, wrongField].map((r) => r.messageId).sort());
    expect(rejections.map((entry) => String(entry.error)).sort()).toEqual(['work item is invalid: sendIntervalMs Too small: expected number to be >=0', 'work item is not JSON']);
    expect(printed.some((line) => line.includes('"job": "call-list", '))).toBe(false);
  });
});
