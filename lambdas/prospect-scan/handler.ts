// The prospect-scan planner Lambda: on its schedule, reads the feeds and files the stories once, then one work item per RM; at the deadline, the run's check.
import { plannerHandler } from '../core/fanout/lambda.ts';
import { prospectScanWork } from './job.ts';

export const handler = plannerHandler(prospectScanWork());
