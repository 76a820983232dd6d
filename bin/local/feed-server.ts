// A tiny HTTP server that serves feed files from a folder, standing in for the internet locally.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { RunningService } from './services.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.xml': 'application/xml',
  '.rss': 'application/rss+xml',
  '.atom': 'application/atom+xml',
};

/**
 * Serves `folder/<name>` at `/<name>`. A file whose name contains `.gbk.` is served with
 * `charset=gbk` in the Content-Type, as Chinese sites often do.
 */
export async function startFeedServer(options: {
  folder: string;
  port: number;
  /** Rewrites a file's bytes before serving, e.g. to move the demo news to the demo date. */
  transform?: (body: Buffer, name: string) => Buffer;
}): Promise<RunningService> {
  const server: Server = createServer(async (request, response) => {
    const name = basename(decodeURIComponent((request.url ?? '/').split('?')[0] ?? '/'));
    try {
      const file = await readFile(join(options.folder, name));
      const body = options.transform ? options.transform(file, name) : file;
      const type = CONTENT_TYPES[extname(name)] ?? 'application/octet-stream';
      response.writeHead(200, { 'content-type': name.includes('.gbk.') ? `${type}; charset=gbk` : type });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${options.port}`,
    port: options.port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
