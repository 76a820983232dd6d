// The prospect-scan worker Lambda: a batch of work items from the queue, one RM's digest built from its own entries and emailed once per item.
import { workerHandler } from '../core/fanout/lambda.ts';
import { prospectScanWork } from './job.ts';

export const handler = workerHandler(prospectScanWork());
