// The touch-reminders planner Lambda: on its schedule, one work item per RM on the work queue; at the deadline, the run's check.
import { plannerHandler } from '../core/fanout/lambda.ts';
import { touchRemindersWork } from './job.ts';

export const handler = plannerHandler(touchRemindersWork);
