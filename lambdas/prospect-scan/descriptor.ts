// The prospect-scan job's identity (name, schedule, size, grants): see lambdas/core/job-descriptor.ts.
import { CLAIMS_AND_READS, defineJob } from '../core/job-descriptor.ts';

export const prospectScanJob = defineJob({
  name: 'prospect-scan',
  description: 'rm-radar: scans news feeds for prospects and emails each RM a digest',
  schedule: { minute: '0', hour: '7', weekDay: '*' },
  // Fetches feeds over the internet (outbound HTTPS, no VPC): slow hosts get the time they need.
  timeoutMinutes: 10,
  memorySize: 1024,
  // Seen-item markers and digest entries are written in batches (the planner); feeds and RMs are listed through byOwner.
  itemActions: [...CLAIMS_AND_READS, 'dynamodb:BatchWriteItem'],
  indexes: ['byOwner'],
  emailLinks: false,
  fanOut: true,
});
