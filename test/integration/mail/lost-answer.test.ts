// A run whose SES answer is lost: one email, none more on a retry, the claim says maybe-sent, and an operator resends once.
import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, inbox } from '../../support/local-aws.ts';
import { startLossyProxy, type LossyProxy } from '../../support/lossy-proxy.ts';
import { runCli } from '../../support/cli.ts';
import { client, rm } from '../../../lambdas/core/model.ts';
import { putClients } from '../../../lambdas/core/store/client-writes.ts';
import { entities } from '../../../lambdas/core/store/entities.ts';
import type { RadarStore } from '../../../lambdas/core/store/radar-store.ts';

const DAY = '2026-03-05';
const AT = '2026-03-05T00:30:00Z'; // 08:30 in Shanghai
const suffix = randomUUID().slice(0, 8);
const address = (rmId: string) => `${rmId}-${suffix}@bank.example`;

let store: RadarStore;
let tableName: string;
let proxy: LossyProxy;
const sesEndpoint = process.env.AWS_ENDPOINT_URL_SES;

const run = (...extra: string[]) => runCli(['run', 'call-list', '--date', DAY, ...extra], { tableName, at: AT });
const claimOf = async (rmId: string) =>
  (await store.table.doc.send(new GetCommand({ TableName: tableName, Key: entities.sendClaim.key({ job: 'call-list', rmId, businessDate: DAY }), ConsistentRead: true }))).Item;

beforeAll(async () => {
  ({ store, tableName } = await createTestStore());
  await store.putRms([rm.parse({ rmId: 'rm-lost', name: 'Grace Lee', email: address('rm-lost'), locale: 'en' })]);
  await putClients(store, [client.parse({ clientId: 'quiet-1', rmId: 'rm-lost', kind: 'corporate', tier: 'A', name: 'Quiet Steel Co' })]);
  proxy = await startLossyProxy(process.env.LOCAL_SES_URL!);
  // The CLI's SES client is built from the environment, as it is for an operator.
  process.env.AWS_ENDPOINT_URL_SES = proxy.url;
});

afterAll(async () => {
  process.env.AWS_ENDPOINT_URL_SES = sesEndpoint;
  await proxy.close();
});

describe('an email whose SES answer is lost', () => {
  it('is sent once by the run and not again by a retry; the claim says maybe-sent and the summary names the RM', async () => {
    proxy.mode = 'drop-answer';
    const first = await run();
    expect(first.output).toContain('maybe sent 1 (RMs rm-lost:');
    expect(first.output).toContain(`rm-radar run call-list --date ${DAY} --resend-uncertain`);
    expect(first.code).toBe(1);
    expect(proxy.connections).toBe(1);
    expect(await inbox(address('rm-lost'))).toHaveLength(1);
    expect(await claimOf('rm-lost')).toMatchObject({ status: 'maybe-sent', maybeSentReason: expect.stringContaining('ECONNRESET') });

    // The scheduler's retry (or an operator's plain re-run) sends nothing and reports the same.
    const retry = await run();
    expect(retry.output).toMatch(/emails sent 0, .*maybe sent 1 \(RMs rm-lost:/);
    expect(await inbox(address('rm-lost'))).toHaveLength(1);
    expect(proxy.connections).toBe(1);
  });

  it('is sent exactly once more by --resend-uncertain, and after that only as already sent', async () => {
    proxy.mode = 'pass';
    const resent = await run('--resend-uncertain');
    expect(resent.code).toBe(0);
    expect(resent.output).toContain('emails sent 1');
    expect(await inbox(address('rm-lost'))).toHaveLength(2);
    expect(await claimOf('rm-lost')).toMatchObject({ status: 'sent', messageId: expect.any(String), attempts: 2 });

    const again = await run('--resend-uncertain');
    expect(again.output).toContain('already sent 1');
    expect(await inbox(address('rm-lost'))).toHaveLength(2);
  });

  it('refuses --resend-uncertain without a date', async () => {
    const result = await runCli(['run', 'call-list', '--resend-uncertain'], { tableName, at: AT });
    expect(result.code).not.toBe(0);
    expect(result.errors).toContain('--resend-uncertain needs --date');
  });
});
