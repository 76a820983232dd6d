// The portfolio-report planner Lambda: on its day, one work item per RM and per manager's team on the work queue; at the deadline, the run's check.
import { plannerHandler } from '../core/fanout/lambda.ts';
import { portfolioReportWork } from './job.ts';

export const handler = plannerHandler(portfolioReportWork);
