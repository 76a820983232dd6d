// The scheduled jobs the stack deploys: one entry each, with the resources and the table actions its code uses.
import { Duration } from 'aws-cdk-lib';
import type { IndexName } from '../lambdas/core/store/table-design.ts';
import type { JobName } from './config.ts';

export interface JobDefinition {
  name: JobName;
  description: string;
  /** The handler, relative to the project root; it exports `handler = scheduledJobHandler(name, job)`. */
  entry: string;
  timeout: Duration;
  memorySize: number;
  /** DynamoDB item actions the job's code performs (Query is granted separately, on the indexes it reads). */
  itemActions: readonly string[];
  indexes: readonly IndexName[];
}

/** Every job claims its emails (send-claims: PutItem + UpdateItem) and reads RMs and clients in batches. */
const CLAIMS_AND_READS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'] as const;

export const JOB_DEFINITIONS: readonly JobDefinition[] = [
  {
    name: 'prospect-scan',
    description: 'rm-radar: scans news feeds for prospects and emails each RM a digest',
    entry: 'lambdas/prospect-scan/handler.ts',
    // Fetches feeds over the internet (outbound HTTPS, no VPC): slow hosts get the time they need.
    timeout: Duration.minutes(10),
    memorySize: 1024,
    // Seen-item markers and digest entries are written in batches; feeds and RMs are listed through byOwner.
    itemActions: [...CLAIMS_AND_READS, 'dynamodb:BatchWriteItem'],
    indexes: ['byOwner'],
  },
  {
    name: 'call-list',
    description: 'rm-radar: picks the clients each RM should call today, stores the list and emails it',
    entry: 'lambdas/call-list/handler.ts',
    timeout: Duration.minutes(3),
    memorySize: 512,
    // Clients by last contact and loans in arrears (byOwner), maturities (byDue); the day's list is one item.
    itemActions: [...CLAIMS_AND_READS],
    indexes: ['byOwner', 'byDue'],
  },
  {
    name: 'touch-reminders',
    description: 'rm-radar: emails each RM the birthdays, anniversaries, events, maturities and follow-ups coming up',
    entry: 'lambdas/touch-reminders/handler.ts',
    timeout: Duration.minutes(3),
    memorySize: 512,
    // Calendar by month-day (byDate), follow-ups and maturities (byDue), arrears and A-tier clients (byOwner).
    itemActions: [...CLAIMS_AND_READS],
    indexes: ['byOwner', 'byDate', 'byDue'],
  },
];
