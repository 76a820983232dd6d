// The scheduled jobs the stack deploys, derived from the jobs' own descriptors (lambdas/job-descriptors.ts).
import { Duration } from 'aws-cdk-lib';
import type { JobDescriptor } from '../lambdas/core/job-descriptor.ts';
import { JOB_DESCRIPTORS, type JobName } from '../lambdas/job-descriptors.ts';

export interface JobDefinition extends Omit<JobDescriptor<JobName>, 'timeoutMinutes'> {
  /** The handler, relative to the project root; it exports `handler = scheduledJobHandler(name, run)`. */
  entry: string;
  /** The worker's handler when the job fans out (`lambdas/<name>/worker.ts`). */
  workerEntry: string;
  timeout: Duration;
}

/** A job's handler sits in its own folder, so each function bundles only its own job's code. */
export const handlerEntryOf = (name: string): string => `lambdas/${name}/handler.ts`;
export const workerEntryOf = (name: string): string => `lambdas/${name}/worker.ts`;

export const JOB_DEFINITIONS: readonly JobDefinition[] = JOB_DESCRIPTORS.map(({ timeoutMinutes, ...descriptor }) => ({
  ...descriptor,
  entry: handlerEntryOf(descriptor.name),
  workerEntry: workerEntryOf(descriptor.name),
  timeout: Duration.minutes(timeoutMinutes),
}));
