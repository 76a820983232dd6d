// The call-list job's identity (name, schedule, size, grants): see lambdas/core/job-descriptor.ts.
import { CLAIMS_AND_READS, defineJob } from '../core/job-descriptor.ts';

export const callListJob = defineJob({
  name: 'call-list',
  description: 'rm-radar: picks the clients each RM should call today, stores the list and emails it',
  schedule: { minute: '30', hour: '7', weekDay: '*' },
  timeoutMinutes: 3,
  memorySize: 512,
  // Clients by last contact and loans in arrears (byOwner), maturities (byDue); the day's list is one item.
  itemActions: [...CLAIMS_AND_READS],
  indexes: ['byOwner', 'byDue'],
  emailLinks: true,
  fanOut: true,
});
