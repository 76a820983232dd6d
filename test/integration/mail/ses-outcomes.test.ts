// What the real SES client reports when an answer is lost or refused: one attempt, and "maybe sent" only when unclear.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SesMailer, sendingSesClient } from '../../../lambdas/core/mail/mailer.ts';
import { MaybeSentError } from '../../../lambdas/core/errors.ts';
import { startLossyProxy, type LossyProxy } from '../../support/lossy-proxy.ts';
import { inbox } from '../../support/local-aws.ts';

const email = (to: string) => ({ to, subject: 'outcome test', html: '<p>hello</p>', text: 'hello' });
const mailerAt = (endpoint: string, requestTimeoutMs?: number) =>
  new SesMailer('radar@bank.example', { ses: sendingSesClient({ endpoint, requestTimeoutMs }) });

/** A stand-in SES endpoint that answers every request with `status` and `body`, counting requests. */
async function answering(status: number, body: string): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  let requests = 0;
  const server = http.createServer((request, response) => {
    requests += 1;
    request.resume().on('end', () => response.writeHead(status, { 'content-type': 'text/xml' }).end(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests: () => requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

let proxy: LossyProxy;
const closers: Array<() => Promise<void>> = [];

beforeAll(async () => {
  proxy = await startLossyProxy(process.env.LOCAL_SES_URL!);
});
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});
afterAll(() => proxy.close());

describe('SesMailer', () => {
  it('sends once and reports maybe-sent when SES accepted the email and the connection was reset before its answer', async () => {
    const to = `${randomUUID()}@bank.example`;
    proxy.mode = 'drop-answer';
    const before = proxy.connections;
    const failure = await mailerAt(proxy.url).send(email(to)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MaybeSentError);
    expect((failure as Error).message).toMatch(/ECONNRESET/);
    expect(proxy.connections - before).toBe(1);
    expect(await inbox(to)).toHaveLength(1);
  });

  it('reports maybe-sent when SES does not answer within the request timeout', async () => {
    const to = `${randomUUID()}@bank.example`;
    proxy.mode = 'hold';
    await expect(mailerAt(proxy.url, 500).send(email(to))).rejects.toBeInstanceOf(MaybeSentError);
    // The request reached SES, which stored the email: that is why a timeout is unclear.
    expect(await inbox(to)).toHaveLength(1);
  });

  it('reports maybe-sent when SES answers success with a body that cannot be read', async () => {
    const server = await answering(200, '<SendRawEmailResp');
    closers.push(server.close);
    await expect(mailerAt(server.url).send(email('a@bank.example'))).rejects.toBeInstanceOf(MaybeSentError);
    expect(server.requests()).toBe(1);
  });

  it('reports a clear refusal as the SES error itself, after one attempt, also for a throttle or a server error', async () => {
    const refusal = (code: string) =>
      `<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>Sender</Type><Code>${code}</Code><Message>no</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`;
    for (const [status, code] of [[400, 'MessageRejected'], [400, 'Throttling'], [500, 'InternalFailure']] as const) {
      const server = await answering(status, refusal(code));
      closers.push(server.close);
      const failure = await mailerAt(server.url).send(email('a@bank.example')).catch((error: unknown) => error);
      expect(failure, code).not.toBeInstanceOf(MaybeSentError);
      expect((failure as Error).name, code).toBe(code);
      expect(server.requests(), code).toBe(1);
    }
  });

  it('reports a refused connection as not sent', async () => {
    const server = await answering(200, '');
    const { url } = server;
    await server.close();
    const failure = await mailerAt(url).send(email('a@bank.example')).catch((error: unknown) => error);
    expect(failure).not.toBeInstanceOf(MaybeSentError);
    expect((failure as { code?: string }).code).toBe('ECONNREFUSED');
  });
});
