// The registry of scheduled jobs, shared by the CLI (`rm-radar run <job>`) and the local runner.
import type { Job } from './core/job.ts';
import { runProspectScan } from './prospect-scan/job.ts';
import { runTouchReminders } from './touch-reminders/job.ts';
import { runCallList } from './call-list/job.ts';

export const jobs: Record<string, Job> = {
  'prospect-scan': runProspectScan,
  'touch-reminders': runTouchReminders,
  'call-list': runCallList,
};
