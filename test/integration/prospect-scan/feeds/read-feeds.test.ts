// Reading registered feeds from a local fault server, twice, with health recorded in DynamoDB Local.
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../../lambdas/core/clock.ts';
import { createTestStore, testConfig } from '../../../support/local-aws.ts';
import { FeedStore } from '../../../../lambdas/prospect-scan/feeds/feed-store.ts';
import { createFeedFetcher, fetcherSettings } from '../../../../lambdas/prospect-scan/feeds/fetch.ts';
import { readFeeds } from '../../../../lambdas/prospect-scan/feeds/read-feeds.ts';
import type { Feed, FeedConfig, FeedOutcome } from '../../../../lambdas/prospect-scan/feeds/types.ts';
import { startFaultServer, type FaultServer } from './fault-server.ts';

const CONTACT = 'radar-ops@bank.example';

let server: FaultServer;
let feeds: FeedStore;
let config: FeedConfig;

const paths = {
  good: '/good.rss',
  gzip: '/gzip.rss',
  slow: '/slow.rss',
  error500: '/error500.rss',
  notFound: '/notfound.rss',
  malformed: '/malformed.rss',
  oversize: '/oversize.rss',
  oversizeDeclared: '/oversize-declared.rss',
  gbkHeader: '/gbk-header.xml',
  gbkProlog: '/gbk-prolog.xml',
  gbkWrongHeader: '/gbk-wrong-header.xml',
  big5: '/big5.xml',
  wrongEncoding: '/wrong-encoding.xml',
  loop: '/loop-a',
  longChain: '/chain/7',
  shortChain: '/chain/3',
  moved: '/old-home.rss',
  temporary: '/temporary.rss',
  gone: '/gone.rss',
  edgar: '/edgar-0.atom',
} as const;
type Name = keyof typeof paths;

const ids = {} as Record<Name, string>;

async function runOnce(at: string): Promise<{ outcomes: Record<string, FeedOutcome>; titles: Record<string, string[]>; active: Feed[] }> {
  const active = await feeds.listActiveFeeds();
  const clock = fixedClock(at);
  const { items, outcomes } = await readFeeds(active, { fetch: createFeedFetcher(fetcherSettings(config)), clock, config });
  for (const outcome of outcomes) await feeds.recordOutcome(active.find((feed) => feed.feedId === outcome.feedId)!, outcome);
  const nameOf = (feedId: string) => (Object.keys(ids) as Name[]).find((name) => ids[name] === feedId)!;
  const titles: Record<string, string[]> = {};
  for (const item of items) (titles[nameOf(item.feedId)] ??= []).push(item.title);
  return { outcomes: Object.fromEntries(outcomes.map((outcome) => [nameOf(outcome.feedId), outcome])), titles, active };
}

beforeAll(async () => {
  server = await startFaultServer();
  const { store, tableName } = await createTestStore();
  feeds = new FeedStore(store.table);
  config = testConfig(tableName, {
    ALLOW_PRIVATE_FEED_HOSTS: 'true',
    FEED_TIMEOUT_MS: '1000',
    FEED_MAX_BYTES: '200000',
    FEED_FAILING_AFTER: '2',
    FEED_CONCURRENCY: '6',
    FEED_CONTACT_EMAIL: CONTACT,
  }).prospects;
  for (const [name, path] of Object.entries(paths) as Array<[Name, string]>) {
    const feed = await feeds.addFeed({ url: server.url(path), name, kind: name === 'edgar' ? 'sec-edgar' : undefined }, new Date('2026-03-01T00:00:00Z'));
    ids[name] = feed.feedId;
  }
});

afterAll(async () => {
  await server?.stop();
});

describe('a run over good and faulty feeds', () => {
  let first: Awaited<ReturnType<typeof runOnce>>;
  let second: Awaited<ReturnType<typeof runOnce>>;

  beforeAll(async () => {
    first = await runOnce('2026-03-05T12:00:00Z');
    second = await runOnce('2026-03-06T00:00:00Z');
  });

  it('keeps every good feed’s items, whatever the others did', () => {
    const harbor = 'Harbor & Pine Foods hires underwriters for a Hong Kong listing — sources';
    expect(first.titles.good).toContain(harbor);
    expect(first.titles.gzip).toContain(harbor);
    expect(first.titles.moved).toContain(harbor);
    expect(first.titles.temporary).toContain(harbor);
    expect(first.titles.shortChain).toContain(harbor);
    expect(first.titles.gbkHeader).toEqual(['宁波海纳新能源中标15亿元储能项目']);
    expect(first.titles.gbkProlog).toContain('深圳星河智能装备股份有限公司递交港股上市申请');
    expect(first.titles.gbkWrongHeader).toContain('深圳星河智能装备股份有限公司递交港股上市申请');
    expect(first.titles.big5).toEqual(['鴻達精密工業遞表港交所 擬明年掛牌', '新竹晶鑽半導體通過上市聆訊 下週招股']);
    expect(first.titles.edgar).toContain('S-1 - Acme Robotics Inc. (0001987654) (Filer)');
  });

  it('records each fault as a failed outcome with a one-line reason', () => {
    const failures = Object.fromEntries(
      Object.entries(first.outcomes)
        .filter(([, outcome]) => outcome.status === 'failed')
        .map(([name, outcome]) => [name, outcome.error]),
    );
    expect(failures).toEqual({
      slow: 'timed out after 1000 ms',
      error500: 'HTTP 500 Internal Server Error',
      notFound: 'HTTP 404 Not Found',
      malformed: expect.stringMatching(/^malformed feed: Unexpected close tag; Line: 8/),
      oversize: 'response larger than 200000 bytes',
      oversizeDeclared: 'response larger than 200000 bytes',
      wrongEncoding: expect.stringMatching(/^body is not valid utf-8 \(no encoding declared\)/),
      loop: expect.stringMatching(/^redirect loop at http:\/\/127\.0\.0\.1:\d+\/loop-a$/),
      longChain: 'more than 5 redirects',
    });
    for (const error of Object.values(failures)) expect(error).not.toContain('\n');
    expect(first.outcomes.slow).toMatchObject({ consecutiveFailures: 1, failing: false });
  });

  it('records health on the feed: failures, last error, last success, validators', async () => {
    const slow = await feeds.getFeed(ids.slow);
    expect(slow!.health).toMatchObject({ consecutiveFailures: 2, lastError: 'timed out after 1000 ms', lastErrorAt: '2026-03-06T00:00:00.000Z' });
    expect(slow!.health.lastSuccessAt).toBeUndefined();
    const good = await feeds.getFeed(ids.good);
    expect(good!.health).toMatchObject({
      consecutiveFailures: 0,
      lastSuccessAt: '2026-03-06T00:00:00.000Z',
      etag: '"good-v1"',
      lastModified: 'Thu, 05 Mar 2026 06:30:00 GMT',
    });
  });

  it('asks conditionally the second time and gets a 304 that costs nothing', () => {
    const goodHits = server.hits('/good.rss').filter((hit) => hit.ifNoneMatch !== undefined || hit.userAgent?.includes('mailto'));
    expect(goodHits.at(-1)).toMatchObject({ ifNoneMatch: '"good-v1"', ifModifiedSince: 'Thu, 05 Mar 2026 06:30:00 GMT' });
    expect(second.outcomes.good).toMatchObject({ status: 'not-modified', items: 0, failing: false });
    expect(second.titles.good).toBeUndefined();
  });

  it('reports a feed as failing only after N consecutive failures (N = 2 here)', () => {
    expect(first.outcomes.error500!.failing).toBe(false);
    expect(second.outcomes.error500).toMatchObject({ status: 'failed', consecutiveFailures: 2, failing: true });
    expect(second.outcomes.good!.failing).toBe(false);
  });

  it('follows a 301 and stores the new URL, keeping the id; a 302 changes nothing', async () => {
    expect(first.outcomes.moved).toMatchObject({ status: 'moved', movedTo: server.url('/new-home.rss') });
    expect(first.outcomes.temporary).toMatchObject({ status: 'ok' });
    expect(first.outcomes.temporary!.movedTo).toBeUndefined();
    const moved = await feeds.getFeed(ids.moved);
    expect(moved!.url).toBe(server.url('/new-home.rss'));
    expect(second.outcomes.moved).toMatchObject({ status: 'ok', url: server.url('/new-home.rss') });
    expect(server.hits('/old-home.rss')).toHaveLength(1);
    expect((await feeds.getFeed(ids.temporary))!.url).toBe(server.url('/temporary.rss'));
  });

  it('deactivates a feed on 410 and stops reading it', async () => {
    expect(first.outcomes.gone).toMatchObject({ status: 'gone', error: 'HTTP 410 Gone' });
    expect((await feeds.getFeed(ids.gone))!.active).toBe(false);
    expect(second.active.map((feed) => feed.feedId)).not.toContain(ids.gone);
    expect(second.outcomes.gone).toBeUndefined();
    expect(server.hits('/gone.rss')).toHaveLength(1);
    expect((await feeds.listFeeds()).map((feed) => feed.feedId)).toContain(ids.gone);
  });

  it('sends a descriptive User-Agent, with the SEC form for EDGAR feeds', () => {
    expect(server.hits('/good.rss')[0]!.userAgent).toBe(`rm-radar/0.1 (+mailto:${CONTACT})`);
    expect(server.hits('/edgar-0.atom')[0]!.userAgent).toBe(`rm-radar/0.1 ${CONTACT}`);
  });
});

describe('fetch policies', () => {
  it('refuses loopback addresses unless the deployment allows private hosts, without sending a request', async () => {
    const before = server.requests.length;
    const strict = createFeedFetcher(fetcherSettings({ ...config, allowPrivateHosts: false }));
    const result = await strict({ url: server.url('/good.rss') });
    expect(result).toMatchObject({ status: 'failed', error: expect.stringMatching(/^refused: 127\.0\.0\.1 is a private, loopback or link-local address/) });
    const viaName = await strict({ url: server.url('/good.rss').replace('127.0.0.1', 'localhost') });
    expect(viaName).toMatchObject({ status: 'failed', error: expect.stringMatching(/^refused: localhost resolves to (127\.0\.0\.1|::1), a private/) });
    expect(server.requests.length).toBe(before);
  });

  it('refuses a redirect from an allowed host to a private one (checked at every hop)', async () => {
    // The policy sits in the connection agent, so every hop of a redirect is checked the same way.
    const strict = createFeedFetcher(fetcherSettings({ ...config, allowPrivateHosts: false }));
    expect(await strict({ url: 'http://[::1]:9/feed' })).toMatchObject({ status: 'failed', error: expect.stringMatching(/^refused: /) });
    expect(await strict({ url: 'http://169.254.169.254/latest/meta-data' })).toMatchObject({ status: 'failed', error: expect.stringMatching(/^refused: /) });
  });

  it('reads only from the allowed feed hosts when the deployment lists them', async () => {
    const before = server.requests.length;
    const listed = createFeedFetcher(fetcherSettings({ ...config, allowedHosts: ['news.example.com'] }));
    expect(await listed({ url: server.url('/good.rss') })).toMatchObject({
      status: 'failed',
      error: 'host 127.0.0.1 is not among the allowed feed hosts (FEED_ALLOWED_HOSTS)',
    });
    expect(server.requests.length).toBe(before);
    const allowed = createFeedFetcher(fetcherSettings({ ...config, allowedHosts: ['127.0.0.1'] }));
    expect(await allowed({ url: server.url('/good.rss') })).toMatchObject({ status: 'ok' });
  });

  it('drops the connection of an error response instead of downloading its body', async () => {
    let closed = false;
    // A 500 whose body never ends; the connection must not outlive the fetch.
    const endless = createServer((_request, response) => {
      response.writeHead(500, { 'content-type': 'text/html' });
      const timer = setInterval(() => response.write('x'.repeat(16_384)), 5);
      response.on('close', () => {
        clearInterval(timer);
        closed = true;
      });
    });
    await new Promise<void>((resolve) => endless.listen(0, '127.0.0.1', resolve));
    const port = (endless.address() as { port: number }).port;
    try {
      const result = await createFeedFetcher(fetcherSettings(config))({ url: `http://127.0.0.1:${port}/feed.xml` });
      expect(result).toMatchObject({ status: 'failed', error: 'HTTP 500 Internal Server Error' });
      for (let waited = 0; !closed && waited < 2_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(closed).toBe(true);
    } finally {
      endless.closeAllConnections();
      await new Promise((resolve) => endless.close(resolve));
    }
  });

  it('spaces EDGAR requests to at most 10 per second, even with concurrency', async () => {
    const start = server.requests.length;
    const fetcher = createFeedFetcher(fetcherSettings(config));
    await Promise.all([1, 2, 3, 4, 5].map((n) => fetcher({ url: server.url(`/edgar-${n}.atom`), kind: 'sec-edgar' })));
    const times = server.requests.slice(start).map((request) => request.at).sort((a, b) => a - b);
    expect(times).toHaveLength(5);
    // Requests leave 100 ms apart; arrival times jitter on a busy machine, so check the span, not each gap.
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(350);
  });

  it('will not fetch EDGAR without a contact address for the User-Agent', async () => {
    const anonymous = createFeedFetcher(fetcherSettings({ ...config, contactEmail: undefined }));
    expect(await anonymous({ url: server.url('/edgar-9.atom'), kind: 'sec-edgar' })).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/FEED_CONTACT_EMAIL/),
    });
  });
});
