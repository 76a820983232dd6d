// One worker of the morning benchmark in a process of its own, so that its peak memory is a worker's: polls the work queue until it is empty, then prints its figures.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { drain } from '../bin/local/sqs-event-source.ts';
import { loadConfig } from '../lambdas/core/config.ts';
import { createJobDeps } from '../lambdas/core/deps.ts';
import { fixedClock } from '../lambdas/core/clock.ts';
import { silentLog } from '../lambdas/core/log.ts';
import { createDocumentClient } from '../lambdas/core/store/dynamo.ts';
import { RadarStore } from '../lambdas/core/store/radar-store.ts';
import { processWorkBatch } from '../lambdas/core/fanout/worker.ts';
import { Pacer } from '../lambdas/core/fanout/pacing.ts';
import { callListWork } from '../lambdas/call-list/job.ts';
import { touchRemindersWork } from '../lambdas/touch-reminders/job.ts';
import { prospectScanWork } from '../lambdas/prospect-scan/job.ts';
import { meterDynamo, meterSqs, noUsage } from './bench-meter.ts';

const { SQS_URL, QUEUE_URL, QUEUE_ARN, JOB, CLOCK } = process.env;
const jobs = { [callListWork.name]: callListWork, [touchRemindersWork.name]: touchRemindersWork, 'prospect-scan': prospectScanWork() };
const job = jobs[JOB ?? ''];
if (!job) throw new Error(`JOB must be one of ${Object.keys(jobs).join(', ')}`);

const usage = noUsage();
const store = new RadarStore(createDocumentClient(new DynamoDBClient({})), process.env.TABLE_NAME!);
meterDynamo(store, usage);
const sqs = new SQSClient({ endpoint: SQS_URL, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
meterSqs(sqs, usage);
const deps = { ...createJobDeps(loadConfig(), silentLog, fixedClock(CLOCK!)), store };
let items = 0;
// One poller, as one Lambda execution environment works one batch at a time.
await drain({ sqs, queueUrl: QUEUE_URL!, queueArn: QUEUE_ARN! }, (event) => ((items += event.Records.length), processWorkBatch(event, deps, job, new Pacer())), 1);
// maxRSS is in kilobytes.
process.stdout.write(JSON.stringify({ items, peakRssMb: process.resourceUsage().maxRSS / 1024, usage }) + '\n');
sqs.destroy();
