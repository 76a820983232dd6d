// Article identity, and one story per event however many outlets report it.
import { describe, expect, it } from 'vitest';
import {
  classifyItems,
  groupIntoStories,
  itemIdentity,
  seenId,
  titleKey,
  titleSimilarity,
} from '../../../lambdas/prospect-scan/stories.ts';
import { companyKey } from '../../../lambdas/core/company-name.ts';
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

describe('companyKey', () => {
  it('strips legal suffixes, brackets, case and punctuation', () => {
    expect(companyKey('沪钢物资贸易有限公司')).toBe('沪钢物资贸易');
    expect(companyKey('宝泰钢铁（上海）股份有限公司')).toBe('宝泰钢铁');
    expect(companyKey('Northwind Motors Holdings, Inc.')).toBe('northwindmotors');
    expect(companyKey('Northwind Motors Ltd')).toBe('northwindmotors');
    expect(companyKey('ＡＢＣ Ｃｏｒｐ．')).toBe('abc');
    expect(companyKey('華南汽車集團有限公司')).toBe('華南汽車');
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
