// The SQS work queue's error paths (aws-sdk-client-mock): batches of ten, refused entries sent again, a sender fault named; a delayed copy; an item's visibility; work item bounds.
import { ChangeMessageVisibilityCommand, SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { SqsWorkQueue } from '../../../lambdas/core/fanout/sqs-queue.ts';
import { MAX_THROTTLE_REQUEUES, MAX_WORK_ITEM_BYTES, parseWorkItem, serialiseWorkItem, type WorkItem } from '../../../lambdas/core/fanout/work-item.ts';

const sqs = mockClient(SQSClient);
const QUEUE = 'https://sqs.ap-east-1.amazonaws.com/123456789012/rm-radar-call-list-work';
const items = (count: number): WorkItem[] =>
  Array.from({ length: count }, (_, i) => ({ job: 'call-list', rmId: `rm-${i}`, businessDate: '2026-03-05', sendIntervalMs: 300 }));
const sentBodies = () => sqs.commandCalls(SendMessageBatchCommand).flatMap((call) => call.args[0].input.Entries!.map((entry) => entry.MessageBody!));

afterEach(() => sqs.reset());

describe('SqsWorkQueue', () => {
  it('sends 25 items as batches of 10, 10 and 5, each body a work item', async () => {
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    await new SqsWorkQueue(QUEUE, new SQSClient({})).enqueue(items(25));
    expect(sqs.commandCalls(SendMessageBatchCommand).map((call) => call.args[0].input.Entries!.length)).toEqual([10, 10, 5]);
    expect(sentBodies().map((body) => parseWorkItem(body).rmId)).toEqual(items(25).map((item) => item.rmId));
  });

  it('sends again only the entries SQS failed (throttled), until all are in', async () => {
    sqs
      .on(SendMessageBatchCommand)
      .resolvesOnce({ Successful: [], Failed: [{ Id: '3', Code: 'ThrottlingException', SenderFault: false }, { Id: '7', Code: 'InternalError', SenderFault: false }] })
      .resolves({ Successful: [], Failed: [] });
    await new SqsWorkQueue(QUEUE, new SQSClient({})).enqueue(items(10));
    const calls = sqs.commandCalls(SendMessageBatchCommand);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.args[0].input.Entries!.map((entry) => parseWorkItem(entry.MessageBody!).rmId)).toEqual(['rm-3', 'rm-7']);
  });

  it('fails at once, naming the code, when an entry is refused as the sender’s fault', async () => {
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [{ Id: '0', Code: 'InvalidMessageContents', SenderFault: true }] });
    await expect(new SqsWorkQueue(QUEUE, new SQSClient({})).enqueue(items(1))).rejects.toThrow(/InvalidMessageContents/);
    expect(sqs.commandCalls(SendMessageBatchCommand)).toHaveLength(1);
  });

  it('refuses, before sending anything, an item too long for a worker to accept', async () => {
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    const huge = { ...items(1)[0]!, shared: { note: 'x'.repeat(MAX_WORK_ITEM_BYTES) } };
    await expect(new SqsWorkQueue(QUEUE, new SQSClient({})).enqueue([huge])).rejects.toThrow(/more than 65536/);
    expect(sqs.commandCalls(SendMessageBatchCommand)).toHaveLength(0);
  });

  it('shows a received item again after the given seconds', async () => {
    sqs.on(ChangeMessageVisibilityCommand).resolves({});
    await new SqsWorkQueue(QUEUE, new SQSClient({})).showAgainAfter('receipt-1', 7);
    expect(sqs.commandCalls(ChangeMessageVisibilityCommand).map((call) => call.args[0].input)).toEqual([{ QueueUrl: QUEUE, ReceiptHandle: 'receipt-1', VisibilityTimeout: 7 }]);
  });

  it('sends one item with a delay (a throttled RM’s copy), refusing a delay SQS would not take', async () => {
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
    const queue = new SqsWorkQueue(QUEUE, new SQSClient({}));
    const copy = { ...items(1)[0]!, throttles: 3 };
    await queue.enqueueAfter(copy, 900);
    expect(sqs.commandCalls(SendMessageCommand).map((call) => call.args[0].input)).toEqual([{ QueueUrl: QUEUE, MessageBody: serialiseWorkItem(copy), DelaySeconds: 900 }]);
    await expect(queue.enqueueAfter(copy, 901)).rejects.toThrow(RangeError);
    await expect(queue.enqueueAfter(copy, -1)).rejects.toThrow(RangeError);
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(1);
    sqs.on(SendMessageCommand).rejects(Object.assign(new Error('throttled'), { name: 'RequestThrottled' }));
    await expect(queue.enqueueAfter(copy, 5)).rejects.toThrow(/throttled/);
  });

  it('passes on an error of the call itself (the planner fails and is retried)', async () => {
    sqs.on(SendMessageBatchCommand).rejects(Object.assign(new Error('queue does not exist'), { name: 'QueueDoesNotExist' }));
    await expect(new SqsWorkQueue(QUEUE, new SQSClient({})).enqueue(items(3))).rejects.toThrow(/queue does not exist/);
  });
});

describe('parseWorkItem', () => {
  it('names what is wrong with a bad message', () => {
    expect(() => parseWorkItem('not json')).toThrow(/not JSON/);
    expect(() => parseWorkItem(JSON.stringify({ job: 'call-list', rmId: '', businessDate: '2026-02-30', sendIntervalMs: 1 }))).toThrow(/rmId|businessDate/);
    expect(() => parseWorkItem(JSON.stringify({ ...items(1)[0], extra: true }))).toThrow(/invalid/);
    expect(() => parseWorkItem(JSON.stringify({ ...items(1)[0], part: 'Team!' }))).toThrow(/part/);
    expect(() => parseWorkItem(' '.repeat(MAX_WORK_ITEM_BYTES + 1))).toThrow(/longer than/);
  });

  it('takes a throttle count from 1 to the cap, a whole number', () => {
    expect(parseWorkItem(JSON.stringify({ ...items(1)[0], throttles: 1 })).throttles).toBe(1);
    expect(parseWorkItem(JSON.stringify({ ...items(1)[0], throttles: MAX_THROTTLE_REQUEUES })).throttles).toBe(MAX_THROTTLE_REQUEUES);
    expect(parseWorkItem(JSON.stringify(items(1)[0])).throttles).toBeUndefined();
    for (const throttles of [0, MAX_THROTTLE_REQUEUES + 1, 2.5, '3']) expect(() => parseWorkItem(JSON.stringify({ ...items(1)[0], throttles }))).toThrow(/throttles/);
  });
});
