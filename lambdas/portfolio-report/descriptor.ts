// The portfolio-report job's identity (name, schedule, size, grants): see lambdas/core/job-descriptor.ts.
import { CLAIMS_AND_READS, defineJob } from '../core/job-descriptor.ts';

export const portfolioReportJob = defineJob({
  name: 'portfolio-report',
  description: 'rm-radar: emails each RM a weekly portfolio report with charts, and each manager the team report',
  // Every day: the job itself sends on the configured weekday (REPORT_WEEKDAY), or on the week's next business day after a holiday.
  schedule: { minute: '0', hour: '8', weekDay: '*' },
  timeoutMinutes: 10,
  // Chart rendering (resvg) is CPU-bound: more memory buys more CPU.
  memorySize: 1024,
  // Clients, call lists and RMs (byOwner), loans and follow-ups (byDue); touches, digest entries and snapshots by key; a snapshot Put per report.
  itemActions: [...CLAIMS_AND_READS],
  indexes: ['byOwner', 'byDue'],
  emailLinks: false,
  // One report (or a manager's team report) per work item, each drawn with its charts by the worker.
  fanOut: true,
  workerMemorySize: 1024,
  // resvg-js is a native module: it is installed beside the bundle for the function's platform.
  nativeModules: ['@resvg/resvg-js'],
});
