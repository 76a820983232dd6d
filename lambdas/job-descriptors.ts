// Every scheduled job, as pure descriptors: the one list the CDK stack, the deployment config and the CLI derive job names from.
import { callListJob } from './call-list/descriptor.ts';
import { prospectScanJob } from './prospect-scan/descriptor.ts';
import { touchRemindersJob } from './touch-reminders/descriptor.ts';
import { portfolioReportJob } from './portfolio-report/descriptor.ts';

/** In the order of their default schedules, which `npm start` follows too. */
export const JOB_DESCRIPTORS = [prospectScanJob, callListJob, touchRemindersJob, portfolioReportJob] as const;

export type JobName = (typeof JOB_DESCRIPTORS)[number]['name'];

export const JOB_NAMES: readonly JobName[] = JOB_DESCRIPTORS.map((job) => job.name);

export const isJobName = (name: string): name is JobName => (JOB_NAMES as readonly string[]).includes(name);
