// The touch-reminders job's identity (name, schedule, size, grants): see lambdas/core/job-descriptor.ts.
import { CLAIMS_AND_READS, defineJob } from '../core/job-descriptor.ts';

export const touchRemindersJob = defineJob({
  name: 'touch-reminders',
  description: 'rm-radar: emails each RM the birthdays, anniversaries, events, maturities and follow-ups coming up',
  schedule: { minute: '45', hour: '7', weekDay: '*' },
  timeoutMinutes: 3,
  memorySize: 512,
  // Calendar by month-day (byDate), follow-ups and maturities (byDue), arrears and A-tier clients (byOwner).
  itemActions: [...CLAIMS_AND_READS],
  indexes: ['byOwner', 'byDate', 'byDue'],
  emailLinks: true,
  fanOut: true,
});
