// Lambda entry point of the touch-reminders job: the shared scheduled-job wiring around runTouchReminders.
import { scheduledJobHandler } from '../core/lambda.ts';
import { touchRemindersJob } from './descriptor.ts';
import { runTouchReminders } from './job.ts';

export const handler = scheduledJobHandler(touchRemindersJob.name, runTouchReminders);
