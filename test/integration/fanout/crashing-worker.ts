// A worker process for the crash test: polls the work queue like Lambda's event source and kills itself mid-batch (JOB: call-list or prospect-scan).
import { SQSClient } from '@aws-sdk/client-sqs';
import { pollOnce } from '../../../bin/local/sqs-event-source.ts';
import { createJobDeps } from '../../../lambdas/core/deps.ts';
import { loadConfig } from '../../../lambdas/core/config.ts';
import { fixedClock } from '../../../lambdas/core/clock.ts';
import { silentLog } from '../../../lambdas/core/log.ts';
import { processWorkBatch } from '../../../lambdas/core/fanout/worker.ts';
import { Pacer } from '../../../lambdas/core/fanout/pacing.ts';
import { callListWork } from '../../../lambdas/call-list/job.ts';
import { prospectScanWork } from '../../../lambdas/prospect-scan/job.ts';

const { SQS_URL, QUEUE_URL, QUEUE_ARN, CRASH_AFTER, CLOCK, JOB } = process.env;
const job = JOB === 'prospect-scan' ? prospectScanWork() : callListWork;
const deps = createJobDeps(loadConfig(), silentLog, fixedClock(CLOCK!));
const sqs = new SQSClient({ endpoint: SQS_URL, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
let finished = 0;
// After CRASH_AFTER RMs are done (their emails sent and recorded), the process dies as a Lambda that ran out of memory
// would: no answer to the event source, so none of the batch's messages is deleted.
const crashing = {
  ...job,
  forRm: async (...args: Parameters<typeof job.forRm>) => {
    if (finished === Number(CRASH_AFTER)) process.kill(process.pid, 'SIGKILL');
    const work = await job.forRm(...args);
    finished += 1;
    return work;
  },
};
for (;;) await pollOnce({ sqs, queueUrl: QUEUE_URL!, queueArn: QUEUE_ARN!, batchSize: 10 }, (event) => processWorkBatch(event, deps, crashing, new Pacer()), 1);
