// The portfolio-report worker Lambda: a batch of work items, each one RM's weekly report (or a manager's team report) built and emailed once.
import { workerHandler } from '../core/fanout/lambda.ts';
import { portfolioReportWork } from './job.ts';

export const handler = workerHandler(portfolioReportWork);
