// The runtime registry: each job's name (from its descriptor) to the code that runs it, for the CLI and the local runner.
import type { Job } from './core/job.ts';
import { JOB_DESCRIPTORS, type JobName } from './job-descriptors.ts';
import { callListJob } from './call-list/descriptor.ts';
import { runCallList } from './call-list/job.ts';
import { prospectScanJob } from './prospect-scan/descriptor.ts';
import { runProspectScan } from './prospect-scan/job.ts';
import { touchRemindersJob } from './touch-reminders/descriptor.ts';
import { runTouchReminders } from './touch-reminders/job.ts';
import { portfolioReportJob } from './portfolio-report/descriptor.ts';
import { runPortfolioReport } from './portfolio-report/job.ts';

/** Typed by JobName, so a descriptor without its code (or code without a descriptor) does not compile. */
const RUNS: { [Name in JobName]: Job } = {
  [prospectScanJob.name]: runProspectScan,
  [callListJob.name]: runCallList,
  [touchRemindersJob.name]: runTouchReminders,
  [portfolioReportJob.name]: runPortfolioReport,
};

export interface RegisteredJob {
  name: JobName;
  run: Job;
}

/** Every job with its code, in the descriptors' order. */
export const jobs: readonly RegisteredJob[] = JOB_DESCRIPTORS.map((descriptor) => ({ name: descriptor.name, run: RUNS[descriptor.name] }));

export const jobNamed = (name: JobName): Job => RUNS[name];
