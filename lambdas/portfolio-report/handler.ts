// The portfolio-report Lambda: a thin handler that wires dependencies and runs the weekly report job.
import { scheduledJobHandler } from '../core/lambda.ts';
import { runPortfolioReport } from './job.ts';

export const handler = scheduledJobHandler('portfolio-report', runPortfolioReport);
