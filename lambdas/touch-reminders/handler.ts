// Lambda entry point of the touch-reminders job: the shared scheduled-job wiring around runTouchReminders.
import { scheduledJobHandler } from '../core/lambda.ts';
import { runTouchReminders } from './job.ts';

export const handler = scheduledJobHandler('touch-reminders', runTouchReminders);
