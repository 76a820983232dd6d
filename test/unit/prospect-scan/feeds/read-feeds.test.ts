// Reading feeds for a run: the recency window, include/exclude, outcomes and health, one bad feed isolated.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../../lambdas/core/clock.ts';
import { testConfig } from '../../../support/local-aws.ts';
import { readFeeds } from '../../../../lambdas/prospect-scan/feeds/read-feeds.ts';
import { nextHealth } from '../../../../lambdas/prospect-scan/feeds/feed-store.ts';
import type { Feed, FeedFetcher, FeedOutcome } from '../../../../lambdas/prospect-scan/feeds/types.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/feeds/${name}`, import.meta.url));
const config = testConfig('unused', { FEED_FAILING_AFTER: '3', FEED_RECENCY_DAYS: '3', FEED_CONCURRENCY: '2' }).prospects;
const clock = fixedClock('2026-03-05T12:00:00Z');

function feed(id: string, extra: Partial<Feed> = {}): Feed {
  return {
    feedId: id,
    url: `https://${id}.example.com/rss`,
    name: id,
    industries: [],
    include: [],
    exclude: [],
    kind: 'news',
    active: true,
    addedAt: '2026-03-01T00:00:00.000Z',
    health: { consecutiveFailures: 0 },
    ...extra,
  };
}

/** Serves fixture files by host name; anything else fails like a server error. */
const byHost: Record<string, string> = { deals: 'entities-and-links.rss', zh: 'zh-finance.gbk.xml', broken: 'malformed.rss', sec: 'edgar-getcurrent.atom' };
const fetcher: FeedFetcher = async (request) => {
  const host = new URL(request.url).hostname.split('.')[0]!;
  if (host === 'crash') throw new Error('unexpected bug');
  const file = byHost[host];
  if (!file) return { status: 'failed', url: request.url, error: 'HTTP 500 Internal Server Error' };
  return { status: 'ok', url: request.url, body: fixture(file), etag: `"${host}-v1"` };
};

describe('readFeeds', () => {
  it('keeps only items of the last few days, so a new feed does not flood the digest', async () => {
    const { items } = await readFeeds([feed('deals')], { fetch: fetcher, clock, config });
    expect(items.map((item) => item.title)).toEqual([
      'Harbor & Pine Foods hires underwriters for a Hong Kong listing — sources',
      'Quanta Grid wins $120m contract from AT&T',
      'Weekly market wrap: IPO market cools',
    ]);
    const { items: zh } = await readFeeds([feed('zh')], { fetch: fetcher, clock, config });
    // 2026-02-20 is out of the 3-day window; 2026-03-03 00:00Z is in (window starts 2026-03-02 12:00Z).
    expect(zh).toHaveLength(3);
  });

  it('applies a wider window when configured', async () => {
    const wide = { ...config, recencyDays: 60 };
    expect((await readFeeds([feed('deals')], { fetch: fetcher, clock, config: wide })).items).toHaveLength(4);
  });

  it("applies the feed's include and exclude keywords", async () => {
    const noisy = feed('deals', { include: ['listing', 'contract'], exclude: ['sources'] });
    const { items, outcomes } = await readFeeds([noisy], { fetch: fetcher, clock, config });
    expect(items.map((item) => item.title)).toEqual(['Quanta Grid wins $120m contract from AT&T']);
    expect(outcomes[0]).toMatchObject({ status: 'ok', items: 1, etag: '"deals-v1"' });
  });

  it('stamps items with the feed and its industries', async () => {
    const { items } = await readFeeds([feed('zh', { name: '财经快讯', lang: 'zh', industries: ['制造业'] })], { fetch: fetcher, clock, config });
    expect(items[0]).toMatchObject({ feedId: 'zh', feedName: '财经快讯', lang: 'zh', industries: ['制造业'] });
  });

  it('reads EDGAR feeds as filings', async () => {
    const { items } = await readFeeds([feed('sec', { kind: 'sec-edgar' })], { fetch: fetcher, clock, config });
    expect(items[0]!.filing).toEqual({ form: 'S-1', company: 'Acme Robotics Inc.', cik: '0001987654' });
  });

  it('isolates bad feeds: failures are outcomes, the good feeds keep their items', async () => {
    const feeds = [feed('broken'), feed('deals'), feed('down'), feed('crash'), feed('zh')];
    const { items, outcomes } = await readFeeds(feeds, { fetch: fetcher, clock, config });
    expect(new Set(items.map((item) => item.feedId))).toEqual(new Set(['deals', 'zh']));
    expect(outcomes.map((outcome) => [outcome.feedId, outcome.status, outcome.error])).toEqual([
      ['broken', 'failed', expect.stringMatching(/^malformed feed: /)],
      ['deals', 'ok', undefined],
      ['down', 'failed', 'HTTP 500 Internal Server Error'],
      ['crash', 'failed', 'unexpected bug'],
      ['zh', 'ok', undefined],
    ]);
  });

  it('reports a feed as failing only after N consecutive failures', async () => {
    const outcomeAfter = async (failuresSoFar: number) =>
      (await readFeeds([feed('down', { health: { consecutiveFailures: failuresSoFar } })], { fetch: fetcher, clock, config })).outcomes[0]!;
    expect(await outcomeAfter(0)).toMatchObject({ consecutiveFailures: 1, failing: false });
    expect(await outcomeAfter(1)).toMatchObject({ consecutiveFailures: 2, failing: false });
    expect(await outcomeAfter(2)).toMatchObject({ consecutiveFailures: 3, failing: true });
  });

  it('sends the stored validators and treats 304 as a cheap success', async () => {
    const seen: unknown[] = [];
    const notModified: FeedFetcher = async (request) => {
      seen.push({ etag: request.etag, lastModified: request.lastModified });
      return { status: 'not-modified', url: request.url };
    };
    const cached = feed('deals', { health: { consecutiveFailures: 2, etag: '"v1"', lastModified: 'Wed, 04 Mar 2026 10:00:00 GMT' } });
    const { items, outcomes } = await readFeeds([cached], { fetch: notModified, clock, config });
    expect(seen).toEqual([{ etag: '"v1"', lastModified: 'Wed, 04 Mar 2026 10:00:00 GMT' }]);
    expect(items).toEqual([]);
    expect(outcomes[0]).toMatchObject({ status: 'not-modified', consecutiveFailures: 0, failing: false });
  });

  it('reports moved and gone feeds', async () => {
    const moves: FeedFetcher = async (request) =>
      request.url.includes('old')
        ? { status: 'ok', url: 'https://new.example.com/rss', movedTo: 'https://new.example.com/rss', body: fixture('entities-and-links.rss') }
        : { status: 'gone', url: request.url, error: 'HTTP 410 Gone' };
    const { outcomes } = await readFeeds([feed('old'), feed('dead')], { fetch: moves, clock, config });
    expect(outcomes[0]).toMatchObject({ status: 'moved', movedTo: 'https://new.example.com/rss', items: 3 });
    expect(outcomes[1]).toMatchObject({ status: 'gone', error: 'HTTP 410 Gone', failing: true });
  });
});

describe('nextHealth', () => {
  const at = '2026-03-05T12:00:00.000Z';
  const base = { feedId: 'f', url: 'https://f.example.com/rss', items: 0, failing: false, at } as const;
  const health = { consecutiveFailures: 2, lastError: 'HTTP 500', lastErrorAt: '2026-03-04T12:00:00.000Z', etag: '"old"', lastModified: 'x' };

  it('a success resets failures and replaces validators; the last error stays for the record', () => {
    const outcome: FeedOutcome = { ...base, status: 'ok', consecutiveFailures: 0, etag: '"new"' };
    expect(nextHealth(health, outcome)).toEqual({ ...health, consecutiveFailures: 0, lastSuccessAt: at, etag: '"new"', lastModified: undefined });
  });

  it('a 304 keeps the validators', () => {
    const outcome: FeedOutcome = { ...base, status: 'not-modified', consecutiveFailures: 0 };
    expect(nextHealth(health, outcome)).toMatchObject({ consecutiveFailures: 0, lastSuccessAt: at, etag: '"old"', lastModified: 'x' });
  });

  it('a failure counts and records the error and when', () => {
    const outcome: FeedOutcome = { ...base, status: 'failed', consecutiveFailures: 3, failing: true, error: 'timed out after 10000 ms' };
    expect(nextHealth(health, outcome)).toMatchObject({ consecutiveFailures: 3, lastError: 'timed out after 10000 ms', lastErrorAt: at, etag: '"old"' });
  });

  it('a read records what the per-run caps cut, and the next read without a cut clears it; a failure keeps it', () => {
    const cut = { at, deferredItems: 19_000, droppedItems: 980, companies: ['华东特钢'] };
    const afterCut = nextHealth(health, { ...base, status: 'ok', consecutiveFailures: 0, cut });
    expect(afterCut.lastCut).toEqual(cut);
    expect(nextHealth(afterCut, { ...base, status: 'failed', consecutiveFailures: 1, error: 'HTTP 500' }).lastCut).toEqual(cut);
    expect(nextHealth(afterCut, { ...base, status: 'ok', consecutiveFailures: 0 }).lastCut).toBeUndefined();
  });
});
