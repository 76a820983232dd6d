// A real SQS API on this machine (fauxqs, in this process) for the tests and benchmarks: a work queue with a dead-letter queue and redrive, and its client.
import { randomUUID } from 'node:crypto';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startFauxqs, type FauxqsServer } from 'fauxqs';
import type { EventSource } from './sqs-event-source.ts';

export interface LocalSqs {
  url: string;
  sqs: SQSClient;
  stop(): Promise<void>;
}

export async function startLocalSqs(): Promise<LocalSqs> {
  const server: FauxqsServer = await startFauxqs({ port: 0, logger: false });
  const url = `http://127.0.0.1:${server.port}`;
  const sqs = new SQSClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  return { url, sqs, stop: async () => (sqs.destroy(), await server.stop()) };
}

const arnOf = async (sqs: SQSClient, queueUrl: string) =>
  (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;

/** A fresh work queue (and its dead-letter queue) with the given visibility timeout and receive count. */
export async function createWorkQueue(local: LocalSqs, options: { visibilitySeconds: number; maxReceiveCount: number }): Promise<EventSource & { deadLetterUrl: string }> {
  const name = `work-${randomUUID().slice(0, 8)}`;
  const deadLetterUrl = (await local.sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }))).QueueUrl!;
  const queueUrl = (
    await local.sqs.send(
      new CreateQueueCommand({
        QueueName: name,
        Attributes: {
          VisibilityTimeout: String(options.visibilitySeconds),
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: await arnOf(local.sqs, deadLetterUrl), maxReceiveCount: String(options.maxReceiveCount) }),
        },
      }),
    )
  ).QueueUrl!;
  return { sqs: local.sqs, queueUrl, queueArn: await arnOf(local.sqs, queueUrl), deadLetterUrl };
}
