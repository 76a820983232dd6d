// Article identity, and one story per event however many outlets report it.
import { describe, expect, it } from 'vitest';
import {
  classifyItems,
  groupIntoStories,
  MAX_STORIES_COMPARED,
  isSameEvent,
  itemIdentity,
  seenId,
  signalsOf,
  titleKey,
  titleSimilarity,
} from '../../../lambdas/prospect-scan/stories.ts';
import { prospectKey } from '../../../lambdas/core/company-name.ts';
import { feedItem, fixedClassifier, ipo, signal } from './fixtures.ts';

describe('itemIdentity', () => {
  it('uses the GUID within its feed, else the canonical link, else a hash of the text', () => {
    expect(itemIdentity(feedItem({ guid: ' 123 ', link: 'https://a.example/x' }))).toBe('guid:feed-a:123');
    expect(itemIdentity(feedItem({ guid: undefined, link: 'https://a.example/x' }))).toBe('link:https://a.example/x');
    const a = itemIdentity(feedItem({ guid: undefined, link: undefined, title: '沪上钢联 递表', summary: 'x' }));
    const b = itemIdentity(feedItem({ guid: undefined, link: undefined, title: '沪上钢联  递表！', summary: 'x' }));
    const c = itemIdentity(feedItem({ guid: undefined, link: undefined, title: '沪上钢联 上市', summary: 'x' }));
    expect(a).toMatch(/^text:/);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('gives fixed-length ids that are safe in a key', () => {
    const id = seenId('link:https://a.example/x?y=#z');
    expect(id).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(seenId('link:https://a.example/x?y=#z')).toBe(id);
  });
});

describe('titles', () => {
  it('compares titles across scripts and outlet suffixes', () => {
    expect(titleKey('華南汽車集團遞表港交所 - 財經日報')).toBe(titleKey('华南汽车集团递表港交所'));
    expect(titleSimilarity(titleKey('华南汽车集团递表港交所'), titleKey('华南汽车集团正式递表港交所'))).toBeGreaterThan(0.7);
    expect(titleSimilarity(titleKey('华南汽车集团递表港交所'), titleKey('钢材价格今日小幅上涨'))).toBeLessThan(0.2);
  });
});

describe('signalsOf', () => {
  const seen: Array<{ title: string; summary?: string }> = [];
  const recording = (input: { title: string; summary?: string }) => (seen.push(input), [ipo('filed', 'X公司')]);

  it('gives the classifier no summary when the item has an empty one, and the summary when it has one', () => {
    seen.length = 0;
    signalsOf(feedItem({ title: 'a', summary: '' }), recording);
    signalsOf(feedItem({ title: 'b', summary: 'X公司递表港交所' }), recording);
    expect(seen).toEqual([
      { title: 'a', summary: undefined, lang: 'zh' },
      { title: 'b', summary: 'X公司递表港交所', lang: 'zh' },
    ]);
  });

  it('is what classifyItems files: an empty summary reaches the classifier as none there too', () => {
    seen.length = 0;
    const [classified] = classifyItems([feedItem({ title: 'a', summary: '' })], recording, 0);
    expect(seen).toEqual([{ title: 'a', summary: undefined, lang: 'zh' }]);
    expect(classified?.signals).toEqual(signalsOf(feedItem({ title: 'a', summary: '' }), recording));
  });

  it('takes a filing’s signal from its form type without asking the classifier', () => {
    seen.length = 0;
    const filing = feedItem({ title: 'S-1 - Acme Inc. (0001) (Filer)', lang: 'en', filing: { form: 'S-1', company: 'Acme Inc.' } });
    expect(signalsOf(filing, recording)).toMatchObject([{ type: 'ipo', stage: 'filed', company: 'Acme Inc.' }]);
    expect(signalsOf({ ...filing, filing: { form: '10-K', company: 'Acme Inc.' } }, recording)).toEqual([]);
    expect(seen).toEqual([]);
  });
});

describe('groupIntoStories', () => {
  it('merges the same event from several outlets into one story with several sources', () => {
    const items = [
      feedItem({ feedId: 'a', feedName: '钢铁日报', title: '沪上钢联完成上市辅导备案', link: 'https://a.example/1', published: '2026-11-19T02:00:00Z', industries: ['钢材'] }),
      feedItem({ feedId: 'b', feedName: '财经快讯', title: '沪上钢联股份有限公司启动上市辅导', link: 'https://b.example/9', published: '2026-11-19T01:00:00Z', industries: ['finance'] }),
      feedItem({ feedId: 'c', feedName: 'HK Daily', title: '滬上鋼聯完成上市輔導備案', link: 'https://c.example/3', published: '2026-11-19T03:00:00Z' }),
      feedItem({ feedId: 'a', feedName: '钢铁日报', title: '远东油品获新一轮融资', link: 'https://a.example/2' }),
    ];
    const classifier = fixedClassifier({
      沪上钢联完成上市辅导备案: [ipo('preparing', '沪上钢联')],
      沪上钢联股份有限公司启动上市辅导: [ipo('preparing', '沪上钢联股份有限公司')],
      滬上鋼聯完成上市輔導備案: [ipo('preparing', '滬上鋼聯')],
      远东油品获新一轮融资: [signal('funding', '远东油品')],
    });
    const stories = groupIntoStories(classifyItems(items, classifier, 0.5));
    expect(stories).toHaveLength(2);
    const listing = stories.find((s) => s.primary.type === 'ipo')!;
    expect(listing.sources.map((s) => s.feedName)).toEqual(['财经快讯', '钢铁日报', 'HK Daily']);
    expect(listing.title).toBe('沪上钢联股份有限公司启动上市辅导');
    expect(listing.companyKey).toBe('沪上钢联');
    expect(listing.industries.sort()).toEqual(['finance', '钢材']);
    expect(listing.itemIds).toHaveLength(3);
  });

  it('keeps different events of one company apart, and different companies apart', () => {
    const items = [
      feedItem({ title: '沪上钢联递表港交所' }),
      feedItem({ title: '沪上钢联任命新财务总监' }),
      feedItem({ title: '宝泰钢铁递表港交所' }),
    ];
    const classifier = fixedClassifier({
      沪上钢联递表港交所: [ipo('filed', '沪上钢联')],
      沪上钢联任命新财务总监: [signal('leadership', '沪上钢联')],
      宝泰钢铁递表港交所: [ipo('filed', '宝泰钢铁')],
    });
    expect(groupIntoStories(classifyItems(items, classifier, 0.5))).toHaveLength(3);
  });

  it('drops signals below the confidence threshold and items with none', () => {
    const items = [feedItem({ title: 'a' }), feedItem({ title: 'b' })];
    const classifier = fixedClassifier({ a: [ipo('filed', 'X公司', 0.3)], b: [] });
    expect(classifyItems(items, classifier, 0.5)).toHaveLength(0);
    expect(classifyItems(items, classifier, 0.2)).toHaveLength(1);
  });

  it('files a story under risk first, then the earliest IPO stage', () => {
    const [item] = classifyItems(
      [feedItem({ title: 'x' })],
      fixedClassifier({ x: [signal('funding', 'A'), ipo('offering', 'A'), ipo('filed', 'A', 0.6)] }),
      0.5,
    );
    expect(item!.primary).toMatchObject({ type: 'ipo', stage: 'filed' });
    const [risky] = classifyItems([feedItem({ title: 'y' })], fixedClassifier({ y: [ipo('filed', 'A'), signal('risk', 'A', 0.7)] }), 0.5);
    expect(risky!.primary.type).toBe('risk');
  });

  it('takes an SEC filing’s signal from its form type and its company from the filing', () => {
    const items = [feedItem({ title: 'S-1 - Northwind Motors Inc (0001234567) (Filer)', filing: { form: 'S-1', company: 'Northwind Motors Inc' } })];
    const [classified] = classifyItems(items, () => [], 0.5);
    expect(classified).toMatchObject({ company: 'Northwind Motors Inc', companyKey: 'northwindmotors', primary: { type: 'ipo', stage: 'filed' } });
  });

  it('is deterministic: the same items in another order give the same story ids', () => {
    const items = [feedItem({ title: 'p', link: 'https://a.example/p' }), feedItem({ title: 'q', link: 'https://a.example/q' })];
    const classifier = fixedClassifier({ p: [ipo('filed', 'P公司')], q: [ipo('filed', 'Q公司')] });
    const ids = (list: typeof items) => groupIntoStories(classifyItems(list, classifier, 0.5)).map((s) => s.storyId).sort();
    expect(ids([...items].reverse())).toEqual(ids(items));
  });
});

describe('isSameEvent', () => {
  const report = (type: Parameters<typeof isSameEvent>[0]['type'], title: string, stage?: Parameters<typeof isSameEvent>[0]['stage']) => ({
    type,
    stage,
    titleKey: titleKey(title),
  });
  const same = (a: ReturnType<typeof report>, b: ReturnType<typeof report>, company: string) => isSameEvent(a, b, prospectKey(company));

  it('never merges different triggers, however alike the headlines', () => {
    expect(same(report('contract', 'Acme Steel wins $300 million contract'), report('risk', 'Acme Steel faces $300 million lawsuit'), 'Acme Steel')).toBe(false);
    expect(same(report('risk', '沪钢物资被供应商起诉'), report('ipo', '沪钢物资递表港交所', 'filed'), '沪钢物资')).toBe(false);
  });

  it('does not merge two events of one type on the type alone', () => {
    // A lawsuit, then a bond default a week later: two risk events.
    expect(same(report('risk', '沪钢物资贸易有限公司被供应商起诉索赔'), report('risk', '沪钢物资贸易有限公司债券违约'), '沪钢物资贸易有限公司')).toBe(false);
    expect(same(report('risk', 'Acme Steel sued by supplier over unpaid invoices'), report('risk', 'Acme Steel defaults on bond payment'), 'Acme Steel')).toBe(false);
    // Two different contracts.
    expect(same(report('contract', '沪上钢联中标宝武集团钢材采购项目'), report('contract', '沪上钢联中标上海地铁14号线钢结构工程'), '沪上钢联')).toBe(false);
    expect(same(report('contract', 'Acme Steel wins $300 million contract'), report('contract', 'Acme Steel wins $120 million contract'), 'Acme Steel')).toBe(false);
    // A lawsuit and a bankruptcy filing on one day.
    expect(same(report('risk', '沪钢物资被起诉'), report('risk', '沪钢物资申请破产重整'), '沪钢物资')).toBe(false);
  });

  it('merges rewordings of one headline of the same trigger', () => {
    expect(same(report('risk', '沪钢物资贸易有限公司债券违约'), report('risk', '沪钢物资贸易债券发生违约'), '沪钢物资贸易有限公司')).toBe(true);
    expect(same(report('contract', 'Acme Steel wins $300 million contract'), report('contract', 'Acme Steel wins $300 million rail contract - Wire'), 'Acme Steel')).toBe(true);
  });

  it('treats one IPO stage as one event, two stages as two', () => {
    expect(same(report('ipo', '东海能源集团拟冲刺IPO，已与中信证券签署上市辅导协议', 'preparing'), report('ipo', '東海能源集團完成上市輔導備案，擬明年赴港上市', 'preparing'), '东海能源集团')).toBe(true);
    expect(same(report('ipo', '沪上钢联递表港交所', 'filed'), report('ipo', '沪上钢联通过港交所上市聆讯', 'approved'), '沪上钢联')).toBe(false);
  });
});

describe('groupIntoStories keeps different events apart', () => {
  it('files a same-day lawsuit and bankruptcy filing as two stories, each with its own headline', () => {
    const items = [
      feedItem({ feedId: 'a', title: '沪钢物资贸易有限公司被供应商起诉', published: '2026-11-19T01:00:00Z' }),
      feedItem({ feedId: 'b', title: '沪钢物资贸易有限公司申请破产重整', published: '2026-11-19T03:00:00Z' }),
      feedItem({ feedId: 'c', title: '沪钢物资贸易申请破产重整获法院受理', published: '2026-11-19T04:00:00Z' }),
    ];
    const classifier = fixedClassifier({
      沪钢物资贸易有限公司被供应商起诉: [signal('risk', '沪钢物资贸易有限公司')],
      沪钢物资贸易有限公司申请破产重整: [signal('risk', '沪钢物资贸易有限公司')],
      沪钢物资贸易申请破产重整获法院受理: [signal('risk', '沪钢物资贸易')],
    });
    const stories = groupIntoStories(classifyItems(items, classifier, 0.5));
    expect(stories.map((s) => [s.title, s.sources.length])).toEqual([
      ['沪钢物资贸易有限公司被供应商起诉', 1],
      ['沪钢物资贸易有限公司申请破产重整', 2],
    ]);
  });

  it('still merges the demo’s one IPO story from two outlets in two scripts', () => {
    const items = [
      feedItem({ feedId: 'oil', feedName: '油品市场周刊', title: '东海能源集团拟冲刺IPO，已与中信证券签署上市辅导协议', published: '2026-11-19T00:40:00Z' }),
      feedItem({ feedId: 'hk', feedName: '香港財經日報', title: '東海能源集團完成上市輔導備案，擬明年赴港上市', published: '2026-11-18T08:00:00Z' }),
    ];
    const classifier = fixedClassifier({
      '东海能源集团拟冲刺IPO，已与中信证券签署上市辅导协议': [ipo('preparing', '东海能源集团')],
      '東海能源集團完成上市輔導備案，擬明年赴港上市': [ipo('preparing', '東海能源集團')],
    });
    const stories = groupIntoStories(classifyItems(items, classifier, 0.5));
    expect(stories).toHaveLength(1);
    expect(stories[0]!.sources.map((s) => s.feedName)).toEqual(['香港財經日報', '油品市场周刊']);
  });
});

describe('groupIntoStories on a flood of reports about one company', () => {
  // Each a contract with its own figure: no two are one event, so each must be compared, not merged.
  const contracts = (count: number, company = '华东特钢股份有限公司') =>
    Array.from({ length: count }, (_, i) =>
      feedItem({ guid: `c${i}`, link: `https://flood.example/${i}`, title: `${company}中标${i + 1}万元钢材采购合同`, published: new Date(Date.UTC(2026, 10, 19) + i * 1000).toISOString() }),
    );
  const asContract = (input: { title: string }) => [signal('contract', /^(.+?)中标/.exec(input.title)![1]!)];

  it('compares each report with a bounded number of earlier stories, not with every story of the company', () => {
    const probe = { comparisons: 0 };
    const stories = groupIntoStories(classifyItems(contracts(2_000), asContract, 0.5), probe);
    expect(stories).toHaveLength(2_000);
    // Comparing with every earlier story would take 2,000 × 1,999 / 2 ≈ 2 million comparisons.
    expect(probe.comparisons).toBeGreaterThan(0);
    expect(probe.comparisons).toBeLessThanOrEqual(2_000 * MAX_STORIES_COMPARED);
  });

  it('still merges a second outlet’s report of an early story, by its identical headline, after many others', () => {
    const items = contracts(500);
    const again = feedItem({ feedId: 'other', feedName: '财经快讯', guid: 'again', link: 'https://other.example/1', title: items[0]!.title, published: '2026-11-20T00:00:00Z' });
    const stories = groupIntoStories(classifyItems([...items, again], asContract, 0.5));
    expect(stories).toHaveLength(500);
    expect(stories.find((story) => story.title === items[0]!.title)!.sources.map((source) => source.feedName)).toEqual(['钢铁日报', '财经快讯']);
  });

  it('finds an IPO stage by key however many stories the company has', () => {
    const items = [
      feedItem({ guid: 'first', title: '华东特钢递表港交所', published: '2026-11-19T00:00:00Z' }),
      ...contracts(500),
      feedItem({ feedId: 'hk', feedName: 'HK Daily', guid: 'later', title: '華東特鋼向港交所遞交上市申請', published: '2026-11-20T00:00:00Z' }),
    ];
    const classifier = (input: { title: string }) => (input.title.includes('中标') ? asContract(input) : [ipo('filed', '华东特钢')]);
    const probe = { comparisons: 0 };
    const stories = groupIntoStories(classifyItems(items, classifier, 0.5), probe);
    expect(stories.filter((story) => story.primary.type === 'ipo').map((story) => story.sources.length)).toEqual([2]);
    expect(probe.comparisons).toBeLessThanOrEqual(500 * MAX_STORIES_COMPARED);
  });
});
