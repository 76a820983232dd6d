// Reads every registered feed for a run: fetch, decode, parse, filter; one bad feed only costs its own outcome.
import pLimit from 'p-limit';
import { FeedError, oneLineReason } from './errors.ts';
import { isSecHost } from './edgar.ts';
import { isRecent, passesKeywordFilter } from './normalise.ts';
import { parseFeedBody } from './parse.ts';
import type { Feed, FeedItem, FeedKind, FeedOutcome, ReadFeeds, ReadFeedsDeps } from './types.ts';

/** Reads all feeds with bounded concurrency; never rejects because of a feed. */
export const readFeeds: ReadFeeds = async (feeds, deps) => {
  const limit = pLimit(deps.config.concurrency);
  const results = await Promise.all(feeds.map((feed) => limit(() => readFeed(feed, deps))));
  return { items: results.flatMap((result) => result.items), outcomes: results.map((result) => result.outcome) };
};

export function kindOf(feed: Pick<Feed, 'kind' | 'url'>): FeedKind {
  return feed.kind === 'sec-edgar' || isSecHost(feed.url) ? 'sec-edgar' : 'news';
}

/** One feed: its kept items and what happened. */
export async function readFeed(feed: Feed, deps: ReadFeedsDeps): Promise<{ items: FeedItem[]; outcome: FeedOutcome }> {
  const base = { feedId: feed.feedId, url: feed.url };
  const kind = kindOf(feed);
  let movedTo: string | undefined;
  try {
    const fetched = await deps.fetch({ url: feed.url, etag: feed.health.etag, lastModified: feed.health.lastModified, kind });
    const at = deps.clock.now().toISOString();
    movedTo = 'movedTo' in fetched ? fetched.movedTo : undefined;
    switch (fetched.status) {
      case 'not-modified':
        return {
          items: [],
          outcome: { ...base, status: movedTo ? 'moved' : 'not-modified', items: 0, failing: false, consecutiveFailures: 0, movedTo, etag: feed.health.etag, lastModified: feed.health.lastModified, at },
        };
      case 'gone':
        // Gone for good: the feed is deactivated, and reported so someone can replace it.
        return { items: [], outcome: { ...base, status: 'gone', items: 0, error: fetched.error, failing: true, consecutiveFailures: feed.health.consecutiveFailures, at } };
      case 'failed':
        return { items: [], outcome: failure(feed, deps, fetched.error, at) };
      case 'ok': {
        const parsed = await parseFeedBody(fetched.body, fetched.contentType, {
          feedId: feed.feedId,
          feedName: feed.name,
          lang: feed.lang,
          industries: feed.industries,
          kind,
          url: fetched.url,
        });
        const items = keptItems(parsed.items, feed, deps);
        return {
          items,
          outcome: {
            ...base,
            status: movedTo ? 'moved' : 'ok',
            items: items.length,
            failing: false,
            consecutiveFailures: 0,
            movedTo,
            etag: fetched.etag,
            lastModified: fetched.lastModified,
            at,
          },
        };
      }
    }
  } catch (error) {
    // Parsing and decoding errors land here; an unexpected bug in one feed still must not stop the others.
    const reason = error instanceof FeedError ? error.message : oneLineReason(error);
    return { items: [], outcome: failure(feed, deps, reason, deps.clock.now().toISOString()) };
  }
}

function failure(feed: Feed, deps: ReadFeedsDeps, error: string, at: string): FeedOutcome {
  const consecutiveFailures = feed.health.consecutiveFailures + 1;
  return {
    feedId: feed.feedId,
    url: feed.url,
    status: 'failed',
    items: 0,
    error,
    failing: consecutiveFailures >= deps.config.failingAfter,
    consecutiveFailures,
    at,
  };
}

/** The recency window, then the feed's include/exclude keywords. */
export function keptItems(items: FeedItem[], feed: Pick<Feed, 'include' | 'exclude'>, deps: Pick<ReadFeedsDeps, 'clock' | 'config'>): FeedItem[] {
  const now = deps.clock.now();
  return items.filter((item) => isRecent(item.published, now, deps.config.recencyDays) && passesKeywordFilter(item, feed));
}
