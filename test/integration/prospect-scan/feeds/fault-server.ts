// A local feed server for tests: good feeds and every fault a feed in the wild can have, on 127.0.0.1.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/feeds/${name}`, import.meta.url));

export interface SeenRequest {
  path: string;
  at: number;
  userAgent?: string;
  ifNoneMatch?: string;
  ifModifiedSince?: string;
}

export interface FaultServer {
  url: (path: string) => string;
  requests: SeenRequest[];
  hits: (path: string) => SeenRequest[];
  stop: () => Promise<void>;
}

type Route = (request: IncomingMessage, response: ServerResponse) => void;

const xml = 'application/rss+xml';
const send = (type: string, body: Buffer | string, headers: Record<string, string> = {}): Route => (_request, response) => {
  response.writeHead(200, { 'content-type': type, ...headers });
  response.end(body);
};
const status = (code: number, headers: Record<string, string> = {}): Route => (_request, response) => {
  response.writeHead(code, headers);
  response.end();
};

/**
 * Routes:
 * - /good.rss: UTF-8 RSS with an ETag and Last-Modified; answers 304 to a matching If-None-Match
 * - /gzip.rss: the same, gzip-compressed
 * - /slow.rss: headers at once, then the body never finishes (a trickle)
 * - /error500.rss, /notfound.rss: 500 and 404
 * - /malformed.rss: broken XML
 * - /oversize.rss: an endless body with no Content-Length; /oversize-declared.rss: a Content-Length over the cap
 * - /gbk-header.xml: GBK with the charset only in the HTTP header
 * - /gbk-prolog.xml: GBK with the encoding only in the XML prolog
 * - /gbk-wrong-header.xml: GBK declared in the prolog while the header says utf-8
 * - /big5.xml: Big5 declared in the prolog
 * - /wrong-encoding.xml: GBK bytes declared nowhere (so read as UTF-8, and refused)
 * - /loop-a → /loop-b → /loop-a: a redirect loop; /chain/N: N redirects in a row
 * - /old-home.rss: 301 to /new-home.rss; /temporary.rss: 302 to /good.rss
 * - /gone.rss: 410
 * - /edgar-N.atom: the EDGAR getcurrent fixture
 */
export async function startFaultServer(): Promise<FaultServer> {
  const good = fixture('entities-and-links.rss');
  const routes: Record<string, Route> = {
    '/good.rss': (request, response) => {
      const etag = '"good-v1"';
      if (request.headers['if-none-match'] === etag) {
        response.writeHead(304, { etag });
        response.end();
        return;
      }
      response.writeHead(200, { 'content-type': `${xml}; charset=utf-8`, etag, 'last-modified': 'Thu, 05 Mar 2026 06:30:00 GMT' });
      response.end(good);
    },
    '/gzip.rss': send(xml, gzipSync(good), { 'content-encoding': 'gzip' }),
    '/slow.rss': (_request, response) => {
      response.writeHead(200, { 'content-type': xml });
      response.write('<?xml version="1.0"?><rss version="2.0"><channel>');
      const trickle = setInterval(() => response.write(' '), 100);
      response.on('close', () => clearInterval(trickle));
    },
    '/error500.rss': status(500),
    '/notfound.rss': status(404),
    '/malformed.rss': send(xml, fixture('malformed.rss')),
    '/oversize.rss': (_request, response) => {
      response.writeHead(200, { 'content-type': xml });
      const chunk = Buffer.alloc(16 * 1024, 'x');
      let sent = 0;
      const pump = () => {
        while (sent < 50 * 1024 * 1024 && !response.destroyed) {
          sent += chunk.length;
          if (!response.write(chunk)) {
            response.once('drain', pump);
            return;
          }
        }
        response.end();
      };
      pump();
    },
    '/oversize-declared.rss': (_request, response) => {
      response.writeHead(200, { 'content-type': xml, 'content-length': String(10 * 1024 * 1024) });
      response.write('<?xml version="1.0"?>');
    },
    '/gbk-header.xml': send(`${xml}; charset=GBK`, fixture('zh-noprolog-encoding.gbk.xml')),
    '/gbk-prolog.xml': send('text/xml', fixture('zh-finance.gbk.xml')),
    '/gbk-wrong-header.xml': send('text/xml; charset=utf-8', fixture('zh-finance.gbk.xml')),
    '/big5.xml': send('application/xml', fixture('tw-business.big5.xml')),
    '/wrong-encoding.xml': send('application/xml', fixture('zh-noprolog-encoding.gbk.xml')),
    '/loop-a': status(302, { location: '/loop-b' }),
    '/loop-b': status(301, { location: '/loop-a' }),
    '/old-home.rss': status(301, { location: '/new-home.rss' }),
    '/new-home.rss': send(xml, good),
    '/temporary.rss': status(302, { location: '/good.rss' }),
    '/gone.rss': status(410),
  };
  const requests: SeenRequest[] = [];
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0]!;
    requests.push({
      path,
      at: Date.now(),
      userAgent: request.headers['user-agent'],
      ifNoneMatch: request.headers['if-none-match'],
      ifModifiedSince: request.headers['if-modified-since'],
    });
    const chain = /^\/chain\/(\d+)$/.exec(path);
    if (chain) return status(302, { location: Number(chain[1]) > 0 ? `/chain/${Number(chain[1]) - 1}` : '/good.rss' })(request, response);
    if (/^\/edgar-\d+\.atom$/.test(path)) return send('application/atom+xml', fixture('edgar-getcurrent.atom'))(request, response);
    const route = routes[path];
    if (route) return route(request, response);
    status(404)(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests,
    hits: (path) => requests.filter((request) => request.path === path),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
