// The call-list worker Lambda: a batch of work items from the queue, one RM's list built and emailed once per item.
import { workerHandler } from '../core/fanout/lambda.ts';
import { callListWork } from './job.ts';

export const handler = workerHandler(callListWork);
