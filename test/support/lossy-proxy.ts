// A TCP proxy in front of the local SES that can lose SES's answer: it lets the request through, then resets the client.
import * as net from 'node:net';

/**
 * - pass: a plain proxy;
 * - drop-answer: forwards the request, and when SES starts answering (so it has accepted the email)
 *   resets the client's connection instead of passing the answer on;
 * - hold: forwards the request and never answers (the client times out).
 */
export type ProxyMode = 'pass' | 'drop-answer' | 'hold';

export interface LossyProxy {
  url: string;
  mode: ProxyMode;
  /** Client connections accepted so far: one per SES call when nothing is retried. */
  connections: number;
  close(): Promise<void>;
}

export async function startLossyProxy(upstreamUrl: string, mode: ProxyMode = 'drop-answer'): Promise<LossyProxy> {
  const upstream = new URL(upstreamUrl);
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => (sockets.add(socket), socket.on('close', () => sockets.delete(socket)));
  const server = net.createServer((client) => {
    proxy.connections += 1;
    const connectionMode = proxy.mode;
    track(client);
    const server = track(net.connect(Number(upstream.port), upstream.hostname));
    client.on('error', () => server.destroy());
    server.on('error', () => client.destroy());
    client.pipe(server);
    server.on('data', (chunk: Buffer) => {
      if (connectionMode === 'pass') client.write(chunk);
      else if (connectionMode === 'drop-answer') {
        client.resetAndDestroy();
        server.destroy();
      }
    });
    server.on('end', () => client.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const proxy: LossyProxy = {
    url: `http://127.0.0.1:${port}`,
    mode,
    connections: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  return proxy;
}
