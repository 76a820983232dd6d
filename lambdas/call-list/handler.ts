// The call-list Lambda: a thin handler that wires dependencies and runs the job for the business date.
import { scheduledJobHandler } from '../core/lambda.ts';
import { callListJob } from './descriptor.ts';
import { runCallList } from './job.ts';

export const handler = scheduledJobHandler(callListJob.name, runCallList);
