// A local feed server for the prospect-scan integration tests: the demo feeds plus every fault a feed can have.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { shiftFeedBytes } from '../../../demo/feeds/shift-dates.ts';
import type { IsoDate } from '../../../lambdas/core/model.ts';

const DEMO = new URL('../../../demo/feeds/', import.meta.url);
const ETAG = '"hk-finance-v1"';

export interface FaultFeedServer {
  url: string;
  /** The date the feeds' newest items are moved to the day before. */
  businessDate: IsoDate;
  /** Extra RSS items appended to the car-dealer feed (for a second run with news). */
  extraAutoItems: string[];
  /** Requests per path, and how many of them were answered 304. */
  hits: Map<string, number>;
  notModified: number;
  stop(): Promise<void>;
}

/**
 * Paths: /steel.xml /oil.gbk.xml (GBK, charset in the header) /hk.atom (ETag, 304 when unchanged)
 * /auto.xml, and the faults /slow.xml (answers after `slowMs`), /error.xml (500), /malformed.xml,
 * /oversize.xml (`oversizeBytes` of valid RSS), /loop-a.xml ↔ /loop-b.xml (redirect loop), /gone.xml (410).
 */
export async function startFaultFeedServer(options: { businessDate: IsoDate; slowMs: number; oversizeBytes: number }): Promise<FaultFeedServer> {
  const files = {
    steel: await readFile(new URL('steel-daily.xml', DEMO)),
    oil: await readFile(new URL('oil-weekly.gbk.xml', DEMO)),
    hk: await readFile(new URL('hk-finance.atom', DEMO)),
    auto: await readFile(new URL('auto-wire.xml', DEMO)),
  };
  const state: FaultFeedServer = {
    url: '',
    businessDate: options.businessDate,
    extraAutoItems: [],
    hits: new Map(),
    notModified: 0,
    stop: async () => {},
  };
  const shifted = (bytes: Buffer) => shiftFeedBytes(bytes, state.businessDate);

  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0]!;
    state.hits.set(path, (state.hits.get(path) ?? 0) + 1);
    const send = (status: number, body: string | Buffer, type = 'application/rss+xml; charset=utf-8', headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': type, ...headers });
      response.end(body);
    };
    switch (path) {
      case '/steel.xml':
        return send(200, shifted(files.steel));
      case '/oil.gbk.xml':
        return send(200, shifted(files.oil), 'application/rss+xml; charset=gbk');
      case '/hk.atom':
        if (request.headers['if-none-match'] === ETAG) {
          state.notModified += 1;
          response.writeHead(304, { etag: ETAG });
          return response.end();
        }
        return send(200, shifted(files.hk), 'application/atom+xml', { etag: ETAG });
      case '/auto.xml': {
        const xml = shifted(files.auto).toString('utf8').replace('</channel>', `${state.extraAutoItems.join('\n')}</channel>`);
        return send(200, xml);
      }
      case '/slow.xml': {
        const timer = setTimeout(() => send(200, shifted(files.steel)), options.slowMs);
        response.on('close', () => clearTimeout(timer));
        return;
      }
      case '/error.xml':
        return send(500, 'internal error', 'text/plain');
      case '/malformed.xml':
        return send(200, '<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>unterminated');
      case '/oversize.xml': {
        const item = '<item><title>padding</title><description>' + 'x'.repeat(1_000) + '</description></item>';
        const body = `<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title>${item.repeat(Math.ceil(options.oversizeBytes / item.length))}</channel></rss>`;
        return send(200, body);
      }
      case '/loop-a.xml':
        return send(302, '', 'text/plain', { location: '/loop-b.xml' });
      case '/loop-b.xml':
        return send(302, '', 'text/plain', { location: '/loop-a.xml' });
      case '/gone.xml':
        return send(410, 'gone', 'text/plain');
      default:
        return send(404, 'not found', 'text/plain');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
