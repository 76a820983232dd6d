// The runtime registry: each job's name (from its descriptor) to its per-RM work and the run of it, for the CLI and the local runner.
import type { Job } from './core/job.ts';
import type { PerRmJob } from './core/fanout/per-rm-job.ts';
import { runInProcess } from './core/fanout/run-in-process.ts';
import { JOB_DESCRIPTORS, type JobName } from './job-descriptors.ts';
import { callListJob } from './call-list/descriptor.ts';
import { callListWork } from './call-list/job.ts';
import { prospectScanJob } from './prospect-scan/descriptor.ts';
import { prospectScanWork } from './prospect-scan/job.ts';
import { touchRemindersJob } from './touch-reminders/descriptor.ts';
import { touchRemindersWork } from './touch-reminders/job.ts';
import { portfolioReportJob } from './portfolio-report/descriptor.ts';
import { portfolioReportWork } from './portfolio-report/job.ts';

/** Typed by JobName, so a descriptor without its code (or code without a descriptor) does not compile. */
const WORK: { [Name in JobName]: PerRmJob } = {
  [prospectScanJob.name]: prospectScanWork(),
  [callListJob.name]: callListWork,
  [touchRemindersJob.name]: touchRemindersWork,
  [portfolioReportJob.name]: portfolioReportWork,
};

export interface RegisteredJob {
  name: JobName;
  /** The planner's and the workers' code (lambdas/core/fanout/), for a runner with a queue of its own (npm start on fauxqs). */
  work: PerRmJob;
  /** The job as one call: planner and workers on an in-process queue (`rm-radar run`). */
  run: Job;
}

/** Every job with its code, in the descriptors' order. */
export const jobs: readonly RegisteredJob[] = JOB_DESCRIPTORS.map((descriptor) => ({ name: descriptor.name, work: WORK[descriptor.name], run: runInProcess(WORK[descriptor.name]) }));

export const jobNamed = (name: JobName): Job => jobs.find((job) => job.name === name)!.run;
