// Fetching feeds over HTTP(S) with Node's own client: conditional GET, deadlines, size cap, redirects, address policy.
import http, { STATUS_CODES, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';
import { FeedError, oneLineReason } from './errors.ts';
import { isSecHost, SEC_MIN_INTERVAL_MS } from './edgar.ts';
import type { FeedConfig, FeedFetcher, FeedRequest, FetchResult } from './types.ts';

export const USER_AGENT_PRODUCT = 'rm-radar/0.1';

export interface FetcherSettings {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  allowPrivateHosts: boolean;
  /** When not empty, the only hosts (and their subdomains) a feed may be read from. */
  allowedHosts: string[];
  contactEmail?: string;
}

export function fetcherSettings(config: FeedConfig, overrides: Partial<FetcherSettings> = {}): FetcherSettings {
  return {
    timeoutMs: config.timeoutMs,
    maxBytes: config.maxBytes,
    maxRedirects: config.maxRedirects,
    allowPrivateHosts: config.allowPrivateHosts,
    allowedHosts: config.allowedHosts,
    contactEmail: config.contactEmail,
    ...overrides,
  };
}

/** Descriptive User-Agent; the SEC's form ("name contact@address") when a contact address is configured. */
export function userAgent(contactEmail: string | undefined, forSec = false): string {
  if (forSec && contactEmail) return `${USER_AGENT_PRODUCT} ${contactEmail}`;
  return contactEmail ? `${USER_AGENT_PRODUCT} (+mailto:${contactEmail})` : `${USER_AGENT_PRODUCT} (feed reader; +https://github.com/rm-radar)`;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const PERMANENT = new Set([301, 308]);

interface RawResponse {
  status: number;
  headers: IncomingMessage['headers'];
  body?: Uint8Array;
}

/** One gate per process: every fetcher (job, CLI) shares the SEC's budget. */
const secGate = intervalGate(SEC_MIN_INTERVAL_MS);

/**
 * A fetcher for a run. Every hop goes through agents that check the address the host
 * resolves to at connect time (request-filtering-agent: loopback, private, link-local and
 * other non-unicast ranges refused), unless the deployment allows private hosts.
 * Requests to sec.gov (and EDGAR feeds anywhere) are spaced so the process stays under 10 per second.
 */
export function createFeedFetcher(settings: FetcherSettings): FeedFetcher {
  const agents = settings.allowPrivateHosts
    ? { http: new http.Agent(), https: new https.Agent() }
    : { http: new RequestFilteringHttpAgent(), https: new RequestFilteringHttpsAgent() };

  return async function fetchFeed(request: FeedRequest): Promise<FetchResult> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), settings.timeoutMs);
    let url = request.url;
    try {
      if (request.kind === 'sec-edgar' && !settings.contactEmail) {
        throw new FeedError('config', 'SEC EDGAR asks for a contact address in the User-Agent: set FEED_CONTACT_EMAIL');
      }
      const visited = new Set<string>();
      let permanentOnly = true;
      for (let hop = 0; ; hop++) {
        const target = parseHttpUrl(url);
        if (visited.has(target.href)) throw new FeedError('redirect', `redirect loop at ${target.href}`);
        if (!isAllowedHost(target.hostname, settings.allowedHosts)) {
          throw new FeedError('address', `host ${target.hostname} is not among the allowed feed hosts (FEED_ALLOWED_HOSTS)`);
        }
        visited.add(target.href);
        // EDGAR feeds get the SEC's User-Agent and rate limit wherever they are served from.
        const forSec = request.kind === 'sec-edgar' || isSecHost(target.href);
        if (forSec) await secGate();
        const headers: Record<string, string> = {
          'user-agent': userAgent(settings.contactEmail, forSec),
          accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
          'accept-encoding': 'gzip, deflate, br',
        };
        if (request.etag) headers['if-none-match'] = request.etag;
        if (request.lastModified) headers['if-modified-since'] = request.lastModified;
        const response = await requestOnce(target, headers, target.protocol === 'https:' ? agents.https : agents.http, controller.signal, settings.maxBytes);
        const movedTo = hop > 0 && permanentOnly ? target.href : undefined;

        if (REDIRECTS.has(response.status)) {
          const location = response.headers.location;
          if (!location) throw new FeedError('http', `HTTP ${response.status} without a Location header`);
          if (hop >= settings.maxRedirects) throw new FeedError('redirect', `more than ${settings.maxRedirects} redirects`);
          permanentOnly &&= PERMANENT.has(response.status);
          url = new URL(location, target).href;
          continue;
        }
        if (response.status === 304) return { status: 'not-modified', url: target.href, movedTo };
        if (response.status === 410) return { status: 'gone', url: target.href, error: describeStatus(410) };
        if (response.status !== 200) throw new FeedError('http', describeStatus(response.status));
        return {
          status: 'ok',
          url: target.href,
          movedTo,
          body: response.body ?? new Uint8Array(),
          contentType: header(response.headers['content-type']),
          etag: header(response.headers.etag),
          lastModified: header(response.headers['last-modified']),
        };
      }
    } catch (error) {
      return { status: 'failed', url, error: describeFetchError(error, controller.signal.aborted, settings) };
    } finally {
      clearTimeout(timer);
    }
  };
}

/** A host passes when no allow-list is configured, or when it is a listed host or a subdomain of one. */
export function isAllowedHost(hostname: string, allowedHosts: readonly string[]): boolean {
  if (allowedHosts.length === 0) return true;
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return allowedHosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
}

function parseHttpUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FeedError('http', `not a URL: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new FeedError('http', `only http(s) feeds are read, not ${parsed.protocol}`);
  return parsed;
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function describeStatus(status: number): string {
  return `HTTP ${status} ${STATUS_CODES[status] ?? ''}`.trim();
}

/** One GET; the body is read (and decompressed, and capped) only for a 200. */
function requestOnce(url: URL, headers: Record<string, string>, agent: http.Agent, signal: AbortSignal, maxBytes: number): Promise<RawResponse> {
  return new Promise<RawResponse>((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(url, { method: 'GET', headers, agent, signal }, (response) => {
      const status = response.statusCode ?? 0;
      if (status !== 200) {
        // The body of an error or redirect is never needed: drop the connection rather than download it unbounded.
        resolve({ status, headers: response.headers });
        request.destroy();
        return;
      }
      const tooLarge = () => new FeedError('too-large', `response larger than ${maxBytes} bytes`);
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        reject(tooLarge());
        request.destroy();
        return;
      }
      let body: Readable;
      try {
        body = decompressed(response);
      } catch (error) {
        reject(error);
        request.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      body.on('data', (chunk: Buffer) => {
        size += chunk.length;
        // The cap applies to what we would hold in memory: decompressed bytes, so a gzip bomb stops early too.
        if (size > maxBytes) {
          // Settle first: destroying the request fires 'aborted', which must not win the race.
          reject(tooLarge());
          request.destroy();
          body.destroy();
          return;
        }
        chunks.push(chunk);
      });
      body.on('end', () => resolve({ status, headers: response.headers, body: Buffer.concat(chunks) }));
      body.on('error', (error) => {
        reject(error);
        request.destroy();
      });
      response.on('error', reject);
      response.on('aborted', () => reject(new FeedError('network', 'connection closed before the body was complete')));
    });
    request.on('error', reject);
    request.end();
  });
}

function decompressed(response: IncomingMessage): Readable {
  const encoding = (header(response.headers['content-encoding']) ?? 'identity').trim().toLowerCase();
  switch (encoding) {
    case 'identity':
    case '':
      return response;
    case 'gzip':
    case 'x-gzip':
      return response.pipe(createGunzip());
    case 'deflate':
      return response.pipe(createInflate());
    case 'br':
      return response.pipe(createBrotliDecompress());
    default:
      throw new FeedError('http', `unsupported content-encoding "${encoding}"`);
  }
}

/** A one-line, actionable reason for anything that went wrong while fetching. */
function describeFetchError(error: unknown, timedOut: boolean, settings: FetcherSettings): string {
  if (timedOut) return `timed out after ${settings.timeoutMs} ms`;
  if (error instanceof FeedError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  const host = /host:([^)]+)\)/.exec(message)?.[1];
  if (/^DNS lookup .* is not allowed/.test(message)) {
    const address = /^DNS lookup (\S+?)\(/.exec(message)?.[1];
    const what = host && host !== 'undefined' && host !== address ? `${host} resolves to ${address}, a` : `${address ?? 'the host'} is a`;
    return `refused: ${what} private, loopback or link-local address (allowed only with ALLOW_PRIVATE_FEED_HOSTS or --allow-private)`;
  }
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot resolve host (${code})`;
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
      return 'connection reset by the server';
    case 'ETIMEDOUT':
      return 'connection timed out';
    case 'Z_DATA_ERROR':
    case 'ERR_BROTLI_DECOMPRESSION_FAILED':
      return `corrupt compressed body (${code})`;
    default:
      return code ? `${code}: ${oneLineReason(error)}` : oneLineReason(error);
  }
}

/** Spaces calls at least `minIntervalMs` apart (shared by all concurrent feeds of one fetcher). */
function intervalGate(minIntervalMs: number): () => Promise<void> {
  let nextFreeAt = 0;
  return async () => {
    const now = Date.now();
    const startAt = Math.max(now, nextFreeAt);
    nextFreeAt = startAt + minIntervalMs;
    if (startAt > now) await new Promise((resolve) => setTimeout(resolve, startAt - now));
  };
}
