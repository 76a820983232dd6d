// The SES events function: SNS delivers bounce/complaint notifications, which flag the RM addresses concerned.
import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import * as z from 'zod';
import { asLog, TELEMETRY } from '../core/telemetry.ts';
import { createDocumentClient, ReadMeter, type TableContext } from '../core/store/dynamo.ts';
import { recordSesEvents, type SesEventsSummary } from './record.ts';

const logger = new Logger({ serviceName: TELEMETRY.serviceName, persistentKeys: { function: 'ses-events' } });
// Read once per cold start: a missing table name fails here, naming the variable.
const { TABLE_NAME: tableName } = z.object({ TABLE_NAME: z.string().min(1, 'TABLE_NAME must be set') }).parse(process.env);
const table: TableContext = { doc: createDocumentClient(), tableName, meter: new ReadMeter() };
const log = asLog(logger);

/** A malformed Bounce or Complaint throws: Lambda retries, then the event waits in the dead-letter queue. */
async function run(event: unknown): Promise<SesEventsSummary> {
  const summary = await recordSesEvents(table, event, log);
  logger.info('ses events finished', { summary });
  return summary;
}

export const handler = middy(run).use(injectLambdaContext(logger, { clearState: true }));
