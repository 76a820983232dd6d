// The whole prospect-scan job against DynamoDB Local, the local SES and a local feed server with faults.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, inbox, testConfig } from '../../support/local-aws.ts';
import { fixedClock } from '../../../lambdas/core/clock.ts';
import { silentLog, type Log } from '../../../lambdas/core/log.ts';
import { SesMailer, type Mailer } from '../../../lambdas/core/mail/mailer.ts';
import { client, loan, rm, type Rm } from '../../../lambdas/core/model.ts';
import type { JobDeps } from '../../../lambdas/core/job.ts';
import type { RadarStore } from '../../../lambdas/core/store/radar-store.ts';
import { runProspectScan } from '../../../lambdas/prospect-scan/job.ts';
import { FeedStore } from '../../../lambdas/prospect-scan/feeds/feed-store.ts';
import { ProspectStore } from '../../../lambdas/prospect-scan/prospect-store.ts';
import { startFaultFeedServer, type FaultFeedServer } from './fault-feed-server.ts';
import { putClients } from '../../../lambdas/core/store/client-writes.ts';
import { runCli } from '../../support/cli.ts';

const D1 = '2026-11-20';
const D2 = '2026-11-23';
/** 07:00 in Shanghai on each business date. */
const MORNING = { [D1]: '2026-11-19T23:00:00Z', [D2]: '2026-11-22T23:00:00Z' } as const;

let server: FaultFeedServer;

beforeAll(async () => {
  server = await startFaultFeedServer({ businessDate: D1, slowMs: 4_000, oversizeBytes: 400_000 });
});

afterAll(async () => {
  await server?.stop();
});

/** A table with the demo RMs (unique addresses per table), a borrowing client, a client without loans, and feeds. */
async function setUp(feedPaths: string[]) {
  const { store, tableName } = await createTestStore();
  const tag = randomUUID().slice(0, 8);
  const rms: Record<'steel' | 'oil' | 'auto', Rm> = {
    steel: rm.parse({
      rmId: 'rm-steel',
      name: '王敏',
      email: `steel-${tag}@bank.example`,
      locale: 'zh-CN',
      industries: [{ name: '钢材贸易', keywords: ['钢材', '钢贸', '螺纹钢', '热轧', '钢铁', 'steel'] }],
      watchList: ['华东特钢股份有限公司'],
    }),
    oil: rm.parse({
      rmId: 'rm-oil',
      name: '陈志远',
      email: `oil-${tag}@bank.example`,
      locale: 'zh-CN',
      industries: [{ name: '成品油经销', keywords: ['成品油', '加油站', '油品', '柴油', 'fuel', 'oil products'] }],
      watchList: ['东海能源集团'],
    }),
    auto: rm.parse({
      rmId: 'rm-auto',
      name: 'Grace Lee',
      email: `auto-${tag}@bank.example`,
      locale: 'en',
      industries: [{ name: 'Car dealers', keywords: ['4S店', '汽车经销', '汽车销售', 'car dealer', 'auto dealership', 'dealership group'] }],
      watchList: ['Harbor Motors Group'],
    }),
  };
  await store.putRms(Object.values(rms));
  await putClients(store, [
    client.parse({ clientId: 'S002', rmId: 'rm-steel', kind: 'corporate', tier: 'A', name: '沪钢物资贸易有限公司', aliases: ['沪钢物资'] }),
    client.parse({ clientId: 'A007', rmId: 'rm-auto', kind: 'corporate', tier: 'B', name: 'Lakeside Motors Co., Ltd.' }),
  ]);
  await store.putLoans([loan.parse({ loanId: 'L-S002-1', clientId: 'S002', amount: 30_000_000, currency: 'CNY', startDate: '2026-01-10', maturityDate: '2027-01-10' })]);
  const feedStore = new FeedStore(store.table);
  const names: Record<string, string> = { '/steel.xml': '钢铁商情网', '/oil.gbk.xml': '油品市场周刊', '/hk.atom': '香港財經日報', '/auto.xml': 'Auto Retail Wire' };
  const industries: Record<string, string[]> = { '/steel.xml': ['钢材贸易'], '/oil.gbk.xml': ['成品油经销'], '/auto.xml': ['Car dealers'] };
  for (const path of feedPaths) {
    await feedStore.addFeed({ url: `${server.url}${path}`, name: names[path] ?? `fault ${path}`, industries: industries[path] ?? [] }, new Date(MORNING[D1]));
  }
  const config = testConfig(tableName, {
    ALLOW_PRIVATE_FEED_HOSTS: 'true',
    FEED_TIMEOUT_MS: '1000',
    FEED_MAX_BYTES: '300000',
    FEED_FAILING_AFTER: '2',
    FEED_CONCURRENCY: '4',
  });
  const deps = (at: string, mailer: Mailer = new SesMailer(config.senderEmail)): JobDeps => ({ store, mailer, clock: fixedClock(at), config, log: silentLog });
  return { store, rms, feedStore, deps };
}

async function onlyEmail(address: string) {
  const emails = await inbox(address);
  expect(emails).toHaveLength(1);
  return emails[0]!;
}

const DEMO_FEEDS = ['/steel.xml', '/oil.gbk.xml', '/hk.atom', '/auto.xml'];
const FAULT_FEEDS = ['/slow.xml', '/error.xml', '/malformed.xml', '/oversize.xml', '/loop-a.xml', '/gone.xml'];

describe('prospect-scan over good and broken feeds', () => {
  let store: RadarStore;
  let rms: Awaited<ReturnType<typeof setUp>>['rms'];
  let feedStore: FeedStore;
  let deps: Awaited<ReturnType<typeof setUp>>['deps'];

  beforeAll(async () => {
    ({ store, rms, feedStore, deps } = await setUp([...DEMO_FEEDS, ...FAULT_FEEDS]));
  });

  it('emails each RM a digest of their industries, clients and watch-list; broken feeds cost only themselves', async () => {
    server.businessDate = D1;
    const summary = await runProspectScan(deps(MORNING[D1]), { businessDate: D1 });
    expect(summary.emails).toEqual({ sent: 3, alreadySent: 0, failed: 0, notNeeded: 0, suppressed: 0, maybeSent: 0 });
    expect(summary.read.feeds).toBe(10);
    expect(summary.read.items).toBeGreaterThanOrEqual(40);

    const steel = await onlyEmail(rms.steel.email);
    expect(steel.subject).toMatch(/^【潜在客户晨报】2026-11-20：风险预警1条，上市线索\d+条，其他动向\d+条$/);
    const steelText = steel.body.text!;
    // The borrower's risk alert comes first, marked as a client with loans.
    expect(steelText.indexOf('沪钢物资贸易有限公司被列为被执行人')).toBeGreaterThan(0);
    expect(steelText.indexOf('沪钢物资贸易有限公司被列为被执行人')).toBeLessThan(steelText.indexOf('华东特钢股份有限公司在上海证监局办理上市辅导备案'));
    expect(steelText).toContain('本行客户（有贷款）');
    // IPO prospects by stage: preparing before filed before approved (Traditional kept) before offering.
    const order = ['华东特钢股份有限公司在上海证监局', '盛源钢材科技向深交所递交上市申请', '宏達鋼材貿易通過港交所上市聆訊', '金輝鋼鐵今起招股'].map((t) => steelText.indexOf(t));
    expect(order.every((position) => position > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(steelText).toContain('东方钢联任命李卫东为财务总监');
    expect(steelText).toContain('安排本行财务团队拜访');
    // Hard negatives never reach a digest.
    expect(steelText).not.toContain('螺纹钢期货价格');
    expect(steelText).not.toContain('IPO数量同比下降');
    expect(steelText).not.toContain('十大趋势');
    // Only the gone feed is in the footer yet: the others have failed once, below the threshold of two.
    expect(steelText).toContain('fault /gone.xml');
    expect(steelText).not.toContain('fault /error.xml');
    expect(steel.body.html).toContain('href="https://steel-news.example/2026/11/19/huadong-tegang-fudao.html"');

    const oil = await onlyEmail(rms.oil.email);
    const oilText = oil.body.text!;
    // The GBK feed was decoded; the same event from two outlets is one line with both sources.
    expect(oilText).toContain('鑫海油品向上交所递交上市申请');
    const donghai = oilText.split('\n\n').filter((block) => block.includes('东海能源集团') || block.includes('東海能源集團'));
    expect(donghai).toHaveLength(1);
    expect(donghai[0]).toContain('油品市场周刊');
    expect(donghai[0]).toContain('香港財經日報');
    expect(donghai[0]).toContain('关注名单');
    // Negative news about a company that is no client is not a prospect.
    expect(oilText).not.toContain('顺达加油站');

    const auto = await onlyEmail(rms.auto.email);
    expect(auto.subject).toMatch(/^Prospect radar 2026-11-20: \d+ IPO prospects, \d+ other triggers$/);
    const autoText = auto.body.text!;
    expect(autoText).toContain('Harbor Motors Group hires underwriters');
    expect(autoText).toMatch(/華南汽車集團向港交所遞表|華南汽車集團遞交上市申請/);
    expect(autoText).toMatch(/Lakeside Motors \[client\]/);
    expect(autoText).not.toContain('IPO market cools');
    expect(autoText).not.toContain('Meridian');
  });

  it('records every feed’s health', async () => {
    const feeds = new Map((await feedStore.listFeeds()).map((feed) => [new URL(feed.url).pathname, feed]));
    for (const path of DEMO_FEEDS) {
      expect(feeds.get(path)?.health).toMatchObject({ consecutiveFailures: 0, lastSuccessAt: expect.any(String) });
    }
    expect(feeds.get('/hk.atom')?.health.etag).toBe('"hk-finance-v1"');
    for (const path of ['/slow.xml', '/error.xml', '/malformed.xml', '/oversize.xml', '/loop-a.xml']) {
      expect(feeds.get(path)?.health, path).toMatchObject({ consecutiveFailures: 1, lastError: expect.any(String) });
      expect(feeds.get(path)?.active).toBe(true);
    }
    expect(feeds.get('/error.xml')?.health.lastError).toMatch(/500/);
    expect(feeds.get('/slow.xml')?.health.lastError).toMatch(/time/i);
    expect(feeds.get('/oversize.xml')?.health.lastError).toMatch(/large|size|bytes/i);
    expect(feeds.get('/loop-a.xml')?.health.lastError).toMatch(/redirect/i);
    expect(feeds.get('/gone.xml')?.active).toBe(false);
  });

  it('sends nothing more when run again for the same date', async () => {
    const summary = await runProspectScan(deps(MORNING[D1]), { businessDate: D1 });
    expect(summary.emails).toMatchObject({ sent: 0, alreadySent: 3, failed: 0 });
    expect(summary.read.newItems).toBe(0);
    for (const address of [rms.steel.email, rms.oil.email, rms.auto.email]) expect(await inbox(address)).toHaveLength(1);
  });

  it('on the next business day reports only new news, shows an escalation, and lists feeds failing again and again', async () => {
    server.businessDate = D2;
    server.extraAutoItems = [
      `<item><title>Harbor Motors Group files for Hong Kong listing</title><link>https://auto-wire.example/2026/11/22/harbor-files</link><guid>https://auto-wire.example/2026/11/22/harbor-files</guid><pubDate>Sun, 22 Nov 2026 09:00:00 GMT</pubDate><description>The car dealer group submitted its listing application to the Hong Kong exchange.</description></item>`,
    ];
    const notModifiedBefore = server.notModified;
    const summary = await runProspectScan(deps(MORNING[D2]), { businessDate: D2 });
    expect(summary.emails).toEqual({ sent: 1, alreadySent: 0, failed: 0, notNeeded: 2, suppressed: 0, maybeSent: 0 });
    expect(summary.read.feeds).toBe(9);
    expect(server.notModified).toBe(notModifiedBefore + 1);
    expect(server.hits.get('/gone.xml')).toBe(1);

    const emails = await inbox(rms.auto.email);
    expect(emails).toHaveLength(2);
    const latest = emails.find((email) => email.subject.includes(D2))!;
    expect(latest.subject).toBe(`Prospect radar ${D2}: 1 IPO prospect`);
    expect(latest.body.text).toContain('Harbor Motors Group files for Hong Kong listing');
    expect(latest.body.text).toContain('escalated: preparing to list → filed');
    expect(latest.body.text).toContain('tracked since 2026-11-20');
    // Failed on D1, on its re-run and today.
    expect(latest.body.text).toMatch(/fault \/error\.xml \(failed 3 times in a row: HTTP 500/);
    expect(latest.body.text).toMatch(/fault \/slow\.xml \(failed 3 times in a row: timed out/);
    expect(latest.body.text).not.toContain('hires underwriters');

    const harbor = await new ProspectStore(store.table).getProspect('harbormotors');
    expect(harbor).toMatchObject({ firstSeenOn: D1, lastSeenOn: D2, latestStage: 'filed', latestStageOn: D2 });
    expect(harbor?.events.map((event) => event.stage)).toEqual(['preparing', 'filed']);
  });

  it('shows prospects by company and by day on the CLI', async () => {
    const show = await cli(['prospects', 'show', 'Harbor Motors Group Ltd.']);
    expect(show.code).toBe(0);
    expect(show.output).toContain('latest IPO stage: filed (since 2026-11-23)');
    expect(show.output).toMatch(/2026-11-20 {2}IPO · preparing to list {2}Harbor Motors Group hires underwriters/);
    const day = await cli(['prospects', 'day', '--date', D1, '--rm', 'rm-steel']);
    expect(day.output).toMatch(/rm-steel {2}\[risk-alert\] 沪钢物资贸易有限公司 — risk — .*\(emailed 2026-11-20\)/);
    expect(day.output).not.toContain('rm-oil');
    const missing = await cli(['prospects', 'show', 'Nobody Inc.']);
    expect(missing.code).toBe(1);
    expect(missing.errors).toContain('no prospect filed under "Nobody Inc."');
  });

  /** Runs the CLI in-process against this table and returns what it printed. */
  const cli = (args: string[]) => runCli(args, { tableName: store.table.tableName, at: MORNING[D2] });

  it('skips days off', async () => {
    const summary = await runProspectScan(deps('2026-11-21T23:00:00Z'), { businessDate: '2026-11-22' });
    expect(summary.skipped).toBe('not a business day');
  });
});

describe('prospect-scan run twice at once, and after a failed send', () => {
  it('sends one email per RM when two runs race for the same date', async () => {
    server.businessDate = D1;
    server.extraAutoItems = [];
    const { rms, deps } = await setUp(DEMO_FEEDS);
    const [first, second] = await Promise.all([
      runProspectScan(deps(MORNING[D1]), { businessDate: D1 }),
      runProspectScan(deps(MORNING[D1]), { businessDate: D1 }),
    ]);
    expect(first.emails.sent + second.emails.sent).toBe(3);
    expect(first.emails.alreadySent + second.emails.alreadySent).toBe(3);
    for (const address of [rms.steel.email, rms.oil.email, rms.auto.email]) expect(await inbox(address)).toHaveLength(1);
    // Both runs filed the same stories: one digest line per story, not two.
    const oilText = (await inbox(rms.oil.email))[0]!.body.text!;
    expect(oilText.split('鑫海油品向上交所递交上市申请')).toHaveLength(2);
  });

  it('re-sends a digest whose send failed, on the next run of the same date', async () => {
    const { rms, deps } = await setUp(DEMO_FEEDS);
    const real = new SesMailer('radar@bank.example');
    const failingForOil: Mailer = {
      send: async (email) => {
        if (email.to === rms.oil.email) throw new Error('SES throttled');
        return real.send(email);
      },
    };
    const crashed = await runProspectScan(deps(MORNING[D1], failingForOil), { businessDate: D1 });
    expect(crashed.emails).toMatchObject({ sent: 2, failed: 1 });
    expect(await inbox(rms.oil.email)).toHaveLength(0);

    const retried = await runProspectScan(deps(MORNING[D1]), { businessDate: D1 });
    expect(retried.emails).toMatchObject({ sent: 1, alreadySent: 2, failed: 0 });
    const oil = await onlyEmail(rms.oil.email);
    expect(oil.body.text).toContain('鑫海油品向上交所递交上市申请');
  });

  it('keeps a feed’s validators until its stories are stored, so a run that crashed reads the same news again', async () => {
    const { store, rms, feedStore, deps } = await setUp(DEMO_FEEDS);
    const crashingStore = new ProspectStore(store.table);
    crashingStore.putDigestEntries = () => Promise.reject(new Error('Lambda timed out'));
    await expect(runProspectScan(deps(MORNING[D1]), { businessDate: D1 }, { prospectStore: crashingStore })).rejects.toThrow('Lambda timed out');
    // No health recorded: the next conditional GET cannot be answered 304 for news never filed.
    for (const feed of await feedStore.listFeeds()) expect(feed.health.lastSuccessAt).toBeUndefined();

    const rerun = await runProspectScan(deps(MORNING[D1]), { businessDate: D1 });
    expect(rerun.read.newItems).toBeGreaterThan(0);
    expect(rerun.emails).toMatchObject({ sent: 3, failed: 0 });
    expect((await onlyEmail(rms.steel.email)).body.text).toContain('华东特钢股份有限公司在上海证监局办理上市辅导备案');
  });

  it('files every other company when one prospect record cannot be written, and that company on the next run', async () => {
    server.businessDate = D1;
    const { store, rms, feedStore, deps } = await setUp(DEMO_FEEDS);
    const flaky = new ProspectStore(store.table);
    const save = flaky.saveProspect.bind(flaky);
    flaky.saveProspect = (record, version) =>
      record.companyKey === '东海能源' ? Promise.reject(new Error('Throughput exceeds the current capacity of your table')) : save(record, version);
    const errors: Array<[string, Record<string, unknown> | undefined]> = [];
    const log: Log = { ...silentLog, error: (message, extra) => errors.push([message, extra]) };

    const first = await runProspectScan({ ...deps(MORNING[D1]), log }, { businessDate: D1 }, { prospectStore: flaky });
    expect(first.read.prospectsNotSaved).toBe(1);
    expect(first.emails).toMatchObject({ sent: 3, failed: 0 });
    const oilText = (await onlyEmail(rms.oil.email)).body.text!;
    expect(oilText).toContain('鑫海油品向上交所递交上市申请');
    expect(oilText).not.toMatch(/东海能源|東海能源/);
    // Logged by company key only.
    expect(errors).toEqual([
      ['prospect record not saved; its stories wait for the next run', { companyKey: '东海能源', errorName: 'Error', error: 'Throughput exceeds the current capacity of your table' }],
    ]);
    // The HK feed carried the story: its ETag is not kept, so the next read is a full GET rather than a 304.
    const hk = (await feedStore.listFeeds()).find((feed) => feed.url.endsWith('/hk.atom'))!;
    expect(hk.health).toMatchObject({ consecutiveFailures: 0, lastSuccessAt: expect.any(String) });
    expect(hk.health.etag).toBeUndefined();

    const rerun = await runProspectScan(deps(MORNING[D1]), { businessDate: D1 });
    expect(rerun.read).toMatchObject({ newItems: 2, stories: 1, entries: 1, prospectsNotSaved: 0 });
    const pending = await new ProspectStore(store.table).unsentEntriesOfRm('rm-oil', [D1]);
    expect(pending.map((entry) => [entry.companyKey, entry.sources.map((source) => source.feedName).sort()])).toEqual([
      ['东海能源', ['油品市场周刊', '香港財經日報']],
    ]);
  });
});
