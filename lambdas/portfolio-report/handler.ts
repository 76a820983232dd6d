// The portfolio-report Lambda: a thin handler that wires dependencies and runs the weekly report job.
import { scheduledJobHandler } from '../core/lambda.ts';
import { portfolioReportJob } from './descriptor.ts';
import { runPortfolioReport } from './job.ts';

export const handler = scheduledJobHandler(portfolioReportJob.name, runPortfolioReport);
