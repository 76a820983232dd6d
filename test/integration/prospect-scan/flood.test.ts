// The prospect job under a flood: per-run caps noted in the feed's health, and filing that survives a run cut short.
import { describe, expect, it } from 'vitest';
import { createTestStore, inbox, testConfig } from '../../support/local-aws.ts';
import { steelRm } from './steel-rm.ts';
import { runCli } from '../../support/cli.ts';
import { formatSummary } from '../../../bin/cli/run.ts';
import { fixedClock } from '../../../lambdas/core/clock.ts';
import { silentLog } from '../../../lambdas/core/log.ts';
import { SesMailer } from '../../../lambdas/core/mail/mailer.ts';
import type { JobDeps } from '../../../lambdas/core/job.ts';
import { FILING_BATCH_COMPANIES, runProspectScan } from '../../../lambdas/prospect-scan/job.ts';
import { FeedStore } from '../../../lambdas/prospect-scan/feeds/feed-store.ts';
import { ProspectStore } from '../../../lambdas/prospect-scan/prospect-store.ts';
import type { Classifier } from '../../../lambdas/prospect-scan/model.ts';
import type { FeedItem, ReadFeeds } from '../../../lambdas/prospect-scan/feeds/types.ts';

const D1 = '2026-11-20';
const D2 = '2026-11-23';
/** 07:00 in Shanghai on each business date. */
const MORNING: Record<string, string> = { [D1]: '2026-11-19T23:00:00.000Z', [D2]: '2026-11-22T23:00:00.000Z' };

/** A contract won by `company`, each with its own figure, so no two are one event. */
const contract = (feedId: string, company: string, n: number): FeedItem => ({
  feedId,
  feedName: '钢铁商情网',
  title: `${company}中标${n}万元钢材采购合同`,
  summary: '',
  link: `https://flood.example/${feedId}/${n}`,
  guid: `${feedId}-${n}`,
  published: new Date(Date.parse('2026-11-19T00:00:00Z') + n * 1000).toISOString(),
  lang: 'zh',
  industries: [],
});

/** The company is what precedes 中标: the test does not depend on the real rules. */
const contractClassifier: Classifier = ({ title }) => {
  const company = /^(.+?)中标/.exec(title)?.[1];
  return company ? [{ type: 'contract', company, confidence: 0.9, rule: 'test.contract' }] : [];
};

/** A table with one steel RM and one registered feed, whose read returns `served.items` with an ETag. */
async function setUp(env: Record<string, string> = {}) {
  const { store, tableName } = await createTestStore();
  const steel = steelRm();
  await store.putRms([steel]);
  const feed = await new FeedStore(store.table).addFeed({ url: 'https://flood.example/rss', name: '钢铁商情网' }, new Date(MORNING[D1]!));
  const config = testConfig(tableName, env);
  const served: { items: FeedItem[] } = { items: [] };
  const readFeeds: ReadFeeds = async (feeds, { clock }) => ({
    items: served.items,
    outcomes: feeds.map((f) => ({ feedId: f.feedId, url: f.url, status: 'ok', items: served.items.length, failing: false, consecutiveFailures: 0, etag: '"v1"', at: clock.now().toISOString() })),
  });
  const deps = (date: string): JobDeps => ({ store, mailer: new SesMailer(config.senderEmail), clock: fixedClock(MORNING[date]!), config, log: silentLog });
  const run = (date: string, prospectStore = new ProspectStore(store.table)) =>
    runProspectScan(deps(date), { businessDate: date }, { readFeeds, prospectStore, classify: contractClassifier });
  return { store, steel, feed, served, run, tableName };
}

describe('a feed flooding one run', () => {
  it('gives at most the configured items per feed and stories per company, and says in the feed’s health what was cut', async () => {
    const { store, steel, feed, served, run, tableName } = await setUp({ FEED_MAX_ITEMS_PER_RUN: '30', PROSPECT_MAX_STORIES_PER_COMPANY: '5' });
    served.items = Array.from({ length: 40 }, (_, n) => contract(feed.feedId, '华东特钢股份有限公司', n + 1));

    const first = await run(D1);
    expect(first.read).toMatchObject({ newItems: 40, itemsDeferred: 10, stories: 30, storiesDropped: 25, feedsCut: 1, entries: 5 });
    const health = (await new FeedStore(store.table).getFeed(feed.feedId))!.health;
    expect(health.lastCut).toEqual({ at: MORNING[D1], deferredItems: 10, droppedItems: 25, companies: ['华东特钢股份有限公司'] });
    // Read in full next time (no 304), so the items left over come back.
    expect(health.etag).toBeUndefined();
    const listed = await runCli(['feeds', 'list'], { tableName, at: MORNING[D1] });
    expect(listed.output).toContain(`last run cut at ${MORNING[D1]}: 10 new items over FEED_MAX_ITEMS_PER_RUN left for the next runs; 25 items dropped about 华东特钢股份有限公司`);
    // The run summary (`rm-radar run`) counts what the caps cut.
    expect(formatSummary(first)).toContain('40 newItems, 10 itemsDeferred, 30 stories, 25 storiesDropped, 1 feedsCut');

    // The next run reads the ten left over (the dropped ones are done), files five of them, and the note is renewed.
    const next = await run(D2);
    expect(next.read).toMatchObject({ newItems: 10, itemsDeferred: 0, stories: 10, storiesDropped: 5, entries: 5 });
    const after = (await new FeedStore(store.table).getFeed(feed.feedId))!.health;
    expect(after.lastCut).toMatchObject({ deferredItems: 0, droppedItems: 5 });
    expect(after.etag).toBe('"v1"');
    expect(await inbox(steel.email)).toHaveLength(2);
  });
});

describe('a run cut short while filing', () => {
  it('keeps the batches it filed: the retry files only the rest and the digest goes out once, with everything', async () => {
    const { steel, feed, served, run, store } = await setUp();
    const companies = FILING_BATCH_COMPANIES + 25;
    // One contract each from many companies: more than one filing batch.
    served.items = Array.from({ length: companies }, (_, n) => contract(feed.feedId, `钢企${String(n).padStart(3, '0')}有限公司`, n + 1));

    // Like a Lambda timing out: the second batch's digest entries are never written.
    const interrupted = new ProspectStore(store.table);
    let batches = 0;
    const putEntries = interrupted.putDigestEntries.bind(interrupted);
    interrupted.putDigestEntries = async (entries, now) => {
      batches += 1;
      if (batches === 2) throw new Error('Lambda timed out');
      return putEntries(entries, now);
    };
    await expect(run(D1, interrupted)).rejects.toThrow('Lambda timed out');
    expect(await inbox(steel.email)).toHaveLength(0);

    // The retry does not file the first batch again.
    const counting = new ProspectStore(store.table);
    const saved: string[] = [];
    const saveProspect = counting.saveProspect.bind(counting);
    counting.saveProspect = (record, version) => (saved.push(record.companyKey), saveProspect(record, version));
    const retry = await run(D1, counting);
    expect(retry.read).toMatchObject({ newItems: 25, stories: 25, entries: 25 });
    expect(saved).toHaveLength(25);
    expect(retry.emails).toMatchObject({ sent: 1, failed: 0 });

    // One digest, carrying the stories of both runs (60 listed, the rest counted).
    const emails = await inbox(steel.email);
    expect(emails).toHaveLength(1);
    expect(emails[0]!.body.text).toContain(`另有 ${companies - 60} 条线索未列出`);
    expect(emails[0]!.body.text).toContain('钢企000有限公司');
    const again = await run(D1);
    expect(again.read.newItems).toBe(0);
    expect(again.emails).toMatchObject({ sent: 0, alreadySent: 1 });
    expect(await inbox(steel.email)).toHaveLength(1);
  });
});
