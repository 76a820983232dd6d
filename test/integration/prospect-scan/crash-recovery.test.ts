// The prospect job after a crash between sending a digest and marking its entries, and with undated feed items.
import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createTestStore, inbox, testConfig } from '../../support/local-aws.ts';
import { steelRm } from './steel-rm.ts';
import { fixedClock } from '../../../lambdas/core/clock.ts';
import { silentLog } from '../../../lambdas/core/log.ts';
import { SesMailer } from '../../../lambdas/core/mail/mailer.ts';
import type { JobDeps } from '../../../lambdas/core/job.ts';
import { runProspectScan } from '../../../lambdas/prospect-scan/job.ts';
import { ProspectStore } from '../../../lambdas/prospect-scan/prospect-store.ts';
import { entities } from '../../../lambdas/core/store/entities.ts';
import { itemIdentity, seenId } from '../../../lambdas/prospect-scan/stories.ts';
import type { FeedItem, ReadFeeds } from '../../../lambdas/prospect-scan/feeds/types.ts';

const D1 = '2026-11-20';
const D2 = '2026-11-23';
const D3 = '2026-12-14';
/** 07:00 in Shanghai on each business date. */
const MORNING: Record<string, string> = { [D1]: '2026-11-19T23:00:00Z', [D2]: '2026-11-22T23:00:00Z', [D3]: '2026-12-13T23:00:00Z' };

const item = (title: string, published: string | undefined, guid = randomUUID()): FeedItem => ({
  feedId: 'steel-feed',
  feedName: '钢铁商情网',
  title,
  summary: '',
  link: `https://steel.example/${guid}`,
  guid,
  published,
  lang: 'zh',
  industries: [],
});

const PREPARING = item('华东特钢股份有限公司在上海证监局办理上市辅导备案', '2026-11-19T01:00:00.000Z');
const CONTRACT = item('江南钢铁集团中标国家电网钢材采购项目', '2026-11-22T01:00:00.000Z');

/** A table with one steel RM; the feeds are replaced by a fixed list of items (`served`). */
async function setUp() {
  const { store, tableName } = await createTestStore();
  const steel = steelRm();
  await store.putRms([steel]);
  const config = testConfig(tableName);
  const served: { items: FeedItem[] } = { items: [] };
  const readFeeds: ReadFeeds = async () => ({ items: served.items, outcomes: [] });
  const deps = (date: string): JobDeps => ({ store, mailer: new SesMailer(config.senderEmail), clock: fixedClock(MORNING[date]!), config, log: silentLog });
  const run = (date: string, prospectStore = new ProspectStore(store.table)) => runProspectScan(deps(date), { businessDate: date }, { readFeeds, prospectStore });
  /** A store that crashes (like a Lambda timing out) right after the digest went out, before its entries are marked. */
  const crashingAfterSend = () => {
    const crashing = new ProspectStore(store.table);
    crashing.markEntriesSent = () => Promise.reject(new Error('Lambda timed out'));
    return crashing;
  };
  return { store, steel, served, run, crashingAfterSend };
}

describe('a digest sent but whose entries were not marked emailed', () => {
  it('is not repeated in the next business day’s digest', async () => {
    const { store, steel, served, run, crashingAfterSend } = await setUp();
    served.items = [PREPARING];
    // The crash is in the RM's work item: that RM's work fails (on SQS its item comes back), though its email went out.
    expect((await run(D1, crashingAfterSend())).emails).toMatchObject({ sent: 0, failed: 1 });
    expect(await inbox(steel.email)).toHaveLength(1);

    served.items = [PREPARING, CONTRACT];
    const next = await run(D2);
    expect(next.emails).toMatchObject({ sent: 1, failed: 0 });
    const emails = await inbox(steel.email);
    expect(emails).toHaveLength(2);
    const latest = emails.find((email) => email.subject.includes(D2))!;
    expect(latest.body.text).toContain('江南钢铁集团中标国家电网钢材采购项目');
    expect(latest.body.text).not.toContain('上市辅导备案');
    // Marked as emailed in the digest that carried it.
    const d1 = await new ProspectStore(store.table).listEntriesOn(D1);
    expect(d1.map((entry) => [entry.companyKey, entry.sentOn])).toEqual([['华东特钢', D1]]);
  });

  it('is marked emailed by a re-run of the same date, which sends nothing', async () => {
    const { steel, served, run, crashingAfterSend } = await setUp();
    served.items = [PREPARING];
    expect((await run(D1, crashingAfterSend())).emails).toMatchObject({ sent: 0, failed: 1 });
    const rerun = await run(D1);
    expect(rerun.emails).toMatchObject({ sent: 0, alreadySent: 1, failed: 0 });

    // Nothing new on the next business day: no email at all.
    const next = await run(D2);
    expect(next.emails).toMatchObject({ sent: 0, notNeeded: 1 });
    expect(await inbox(steel.email)).toHaveLength(1);
  });
});

describe('undated feed items', () => {
  it('keep their seen marker alive while the feed still lists them; dated ones do not need it', async () => {
    const { store, steel, served, run } = await setUp();
    const undated = item('华东特钢股份有限公司在上海证监局办理上市辅导备案', undefined);
    served.items = [undated, CONTRACT];
    await run(D2);
    const markerExpiry = async (feedItem: FeedItem) => {
      const { Item } = await store.table.doc.send(
        new GetCommand({ TableName: store.table.tableName, Key: entities.seen.key(seenId(itemIdentity(feedItem))), ConsistentRead: true }),
      );
      return Item?.expiresAt as number | undefined;
    };
    const firstUndated = (await markerExpiry(undated))!;
    const firstDated = (await markerExpiry(CONTRACT))!;
    expect(firstDated - Date.parse(MORNING[D2]!) / 1000).toBe(30 * 86_400);
    // Held at least as long as a dated item's marker.
    expect(firstUndated).toBeGreaterThanOrEqual(firstDated);

    // Three weeks later the feed still lists the undated item: its marker is renewed from today, so it never expires while listed.
    const later = await run(D3);
    expect(later.read.newItems).toBe(0);
    expect(await markerExpiry(undated)).toBe(firstUndated + (Date.parse(MORNING[D3]!) - Date.parse(MORNING[D2]!)) / 1000);
    // A dated item's marker is not renewed: once past the recency window the feed reader drops the item anyway.
    expect(await markerExpiry(CONTRACT)).toBe(firstDated);
    expect(await inbox(steel.email)).toHaveLength(1);
  });
});
