// The prospect-scan Lambda: Powertools and config through the shared handler kit, then the job.
import { scheduledJobHandler } from '../core/lambda.ts';
import { prospectScanJob } from './descriptor.ts';
import { runProspectScan } from './job.ts';

export const handler = scheduledJobHandler(prospectScanJob.name, runProspectScan);
