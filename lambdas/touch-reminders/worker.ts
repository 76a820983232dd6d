// The touch-reminders worker Lambda: a batch of work items from the queue, one RM's reminders emailed once per item.
import { workerHandler } from '../core/fanout/lambda.ts';
import { touchRemindersWork } from './job.ts';

export const handler = workerHandler(touchRemindersWork);
