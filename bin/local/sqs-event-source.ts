// A local stand-in for Lambda's SQS event source: receive a batch, call the worker handler, delete what it did not report failed.
import { DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';

export interface EventSource {
  sqs: SQSClient;
  queueUrl: string;
  queueArn: string;
  /** As the event source mapping's batch size; SQS gives at most ten per receive. */
  batchSize?: number;
}

/**
 * One poll: receives up to a batch and invokes `handle` with it as Lambda would. An invocation that throws
 * deletes nothing (every message comes back after the visibility timeout); otherwise all but the reported
 * batch item failures are deleted. Returns how many messages it received.
 */
export async function pollOnce(source: EventSource, handle: (event: SQSEvent) => Promise<SQSBatchResponse>, waitSeconds = 0): Promise<number> {
  const received = await source.sqs.send(
    new ReceiveMessageCommand({ QueueUrl: source.queueUrl, MaxNumberOfMessages: Math.min(source.batchSize ?? 10, 10), WaitTimeSeconds: waitSeconds, MessageSystemAttributeNames: ['All'] }),
  );
  const messages = received.Messages ?? [];
  if (messages.length === 0) return 0;
  const event: SQSEvent = {
    Records: messages.map((message) => ({
      messageId: message.MessageId!,
      receiptHandle: message.ReceiptHandle!,
      body: message.Body ?? '',
      attributes: (message.Attributes ?? {}) as SQSEvent['Records'][number]['attributes'],
      messageAttributes: {},
      md5OfBody: message.MD5OfBody ?? '',
      eventSource: 'aws:sqs',
      eventSourceARN: source.queueArn,
      awsRegion: 'us-east-1',
    })),
  };
  const response = await handle(event);
  const failed = new Set(response.batchItemFailures.map((failure) => failure.itemIdentifier));
  const done = messages.filter((message) => !failed.has(message.MessageId!));
  if (done.length > 0) {
    await source.sqs.send(new DeleteMessageBatchCommand({ QueueUrl: source.queueUrl, Entries: done.map((message, i) => ({ Id: String(i), ReceiptHandle: message.ReceiptHandle! })) }));
  }
  return messages.length;
}

/** Messages still in the queue, visible or in flight (approximate, as SQS reports them). */
export async function messagesLeft(source: EventSource): Promise<number> {
  const { Attributes = {} } = await source.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: source.queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'] }),
  );
  return Number(Attributes.ApproximateNumberOfMessages ?? 0) + Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0) + Number(Attributes.ApproximateNumberOfMessagesDelayed ?? 0);
}

/** Polls with `concurrency` pollers until the queue is empty (failed messages come back and are polled again). */
export async function drain(source: EventSource, handle: (event: SQSEvent) => Promise<SQSBatchResponse>, concurrency: number): Promise<void> {
  const poller = async () => {
    while ((await pollOnce(source, handle, 1)) > 0 || (await messagesLeft(source)) > 0) {
      // Nothing visible but some in flight or delayed: the loop waits on the next receive.
    }
  };
  await Promise.all(Array.from({ length: concurrency }, poller));
}
