// The work queue on SQS: SendMessageBatch ten items at a time, entries SQS refused sent again, then an error; one item sent with a delay; a received item's visibility changed.
import { ChangeMessageVisibilityCommand, SendMessageBatchCommand, SendMessageCommand, SQSClient, type SendMessageBatchRequestEntry } from '@aws-sdk/client-sqs';
import { TryAgain, retryUnprocessed } from '../retry.ts';
import { checkDelaySeconds, type DelayedEnqueuer, type VisibilityChanger, type WorkQueue } from './queue.ts';
import { serialiseWorkItem, type WorkItem } from './work-item.ts';

/** SendMessageBatch takes at most ten entries. */
const BATCH = 10;

export class SqsWorkQueue implements WorkQueue, VisibilityChanger, DelayedEnqueuer {
  private readonly client: SQSClient;
  private readonly queueUrl: string;

  constructor(queueUrl: string, client: SQSClient = new SQSClient({})) {
    this.queueUrl = queueUrl;
    this.client = client;
  }

  async enqueue(items: readonly WorkItem[]): Promise<void> {
    for (let start = 0; start < items.length; start += BATCH) {
      const entries = items.slice(start, start + BATCH).map((item, i): SendMessageBatchRequestEntry => ({ Id: String(i), MessageBody: serialiseWorkItem(item) }));
      await this.sendBatch(entries);
    }
  }

  /** Sends one item that SQS holds back for `delaySeconds` (DelaySeconds, at most 900) before any worker may receive it. */
  async enqueueAfter(item: WorkItem, delaySeconds: number): Promise<void> {
    await this.client.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: serialiseWorkItem(item), DelaySeconds: checkDelaySeconds(delaySeconds) }));
  }

  /** Makes a received item visible again after `seconds` (instead of the queue's visibility timeout). */
  async showAgainAfter(receiptHandle: string, seconds: number): Promise<void> {
    await this.client.send(new ChangeMessageVisibilityCommand({ QueueUrl: this.queueUrl, ReceiptHandle: receiptHandle, VisibilityTimeout: seconds }));
  }

  /** Sends a batch; entries SQS failed (throttled, or an internal error) are sent again, a few times, with backoff. */
  private async sendBatch(entries: SendMessageBatchRequestEntry[]): Promise<void> {
    let pending = entries;
    await retryUnprocessed(`SQS kept refusing work items for ${this.queueUrl}`, async () => {
      const result = await this.client.send(new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: pending }));
      const failed = new Set((result.Failed ?? []).map((entry) => entry.Id));
      // A sender's fault (a malformed entry) will not pass on a retry: fail now, naming the code.
      const senderFault = (result.Failed ?? []).find((entry) => entry.SenderFault);
      if (senderFault) throw new Error(`SQS refused a work item: ${senderFault.Code ?? 'sender fault'}`);
      pending = pending.filter((entry) => failed.has(entry.Id));
      return pending.length > 0 ? new TryAgain(result.Failed) : undefined;
    });
  }
}
