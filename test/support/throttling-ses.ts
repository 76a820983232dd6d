// A fault-injecting proxy in front of the local SES: it answers SES's Throttling error to the first N sends, or to every send for a while, then passes them on.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ThrottlingSes {
  url: string;
  /** Sends answered with Throttling so far. */
  throttled: number;
  passed: number;
  close(): Promise<void>;
}

const THROTTLING = `<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Maximum sending rate exceeded.</Message></Error><RequestId>throttled</RequestId></ErrorResponse>`;

/** `throttleFirst`: how many sends are throttled, or `{ forMs }`: every send until that long after the first (Infinity: for good). */
export async function startThrottlingSes(upstreamUrl: string, throttleFirst: number | { forMs: number }): Promise<ThrottlingSes> {
  const proxy: ThrottlingSes = { url: '', throttled: 0, passed: 0, close: async () => undefined };
  let firstAt: number | undefined;
  const throttling = () => {
    if (typeof throttleFirst === 'number') return proxy.throttled < throttleFirst;
    firstAt ??= Date.now();
    return Date.now() - firstAt < throttleFirst.forMs;
  };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (throttling()) {
        proxy.throttled += 1;
        response.writeHead(400, { 'content-type': 'text/xml' }).end(THROTTLING);
        return;
      }
      proxy.passed += 1;
      const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name))) as Record<string, string>;
      fetch(new URL(request.url ?? '/', upstreamUrl), { method: request.method, headers, body: Buffer.concat(chunks) })
        .then(async (answer) => response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/xml' }).end(Buffer.from(await answer.arrayBuffer())))
        .catch(() => response.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () => new Promise((resolve) => server.close(() => resolve()));
  return proxy;
}
