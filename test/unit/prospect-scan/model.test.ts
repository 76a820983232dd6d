// The prospect radar's model: which stories are about a company, and the digest entry as stored (the schema decides its shape).
import { describe, expect, it } from 'vitest';
import { digestEntry, digestEntryOf, isCompanyStory, prospectRecord, storedDigestEntry } from '../../../lambdas/prospect-scan/model.ts';
import { applyStories } from '../../../lambdas/prospect-scan/prospects.ts';
import { companyStory, ipo, signal, story } from './fixtures.ts';

describe('isCompanyStory', () => {
  it('holds for a story with a company and its key, not for one without a company or with an empty key', () => {
    expect(isCompanyStory(story({ title: '沪上钢联递表港交所' }, [ipo('filed', '沪上钢联')]))).toBe(true);
    expect(isCompanyStory(story({ title: 'Big week ahead', lang: 'en' }, [signal('expansion', undefined)]))).toBe(false);
    expect(isCompanyStory(story({ title: '（上海）递表' }, [ipo('filed', '（上海）')]))).toBe(false);
  });
});

describe('digestEntryOf', () => {
  const listing = companyStory(
    { title: '沪上钢联递表港交所', summary: '拟主板上市', feedId: 'feed-a', feedName: '钢铁日报', link: 'https://a.example/1', published: '2026-11-19T01:00:00.000Z' },
    [ipo('filed', '沪上钢联', 0.95), signal('funding', '沪上钢联', 0.7)],
  );
  const route = { rmId: 'rm-steel', category: 'ipo' as const, reasons: [{ kind: 'feed-industry' as const, industry: '钢材' }] };

  it('keeps the stored fields only: no signal company or confidence on the primary, no feed id or title on a source', () => {
    const entry = digestEntryOf(listing, { kind: 'report', knownSince: '2026-11-02' }, route, '2026-11-20');
    expect(JSON.parse(JSON.stringify(entry))).toEqual({
      rmId: 'rm-steel',
      foundOn: '2026-11-20',
      storyId: listing.storyId,
      category: 'ipo',
      company: '沪上钢联',
      companyKey: '沪上钢联',
      reasons: [{ kind: 'feed-industry', industry: '钢材' }],
      primary: { type: 'ipo', stage: 'filed' },
      signals: [
        { type: 'ipo', stage: 'filed', rule: 'test.ipo.filed', confidence: 0.95 },
        { type: 'funding', rule: 'test.funding', confidence: 0.7 },
      ],
      title: '沪上钢联递表港交所',
      summary: '拟主板上市',
      sources: [{ feedName: '钢铁日报', link: 'https://a.example/1', published: '2026-11-19T01:00:00.000Z' }],
      knownSince: '2026-11-02',
    });
  });

  it('reads back what it stored, with the date it was emailed', () => {
    const entry = digestEntryOf(listing, { kind: 'report', escalation: { from: 'preparing', to: 'filed' } }, { ...route, clientId: 'c-1' }, '2026-11-20');
    const stored = JSON.parse(JSON.stringify({ ...entry, sentOn: '2026-11-20' }));
    expect(storedDigestEntry.parse(stored)).toEqual(stored);
    expect(digestEntry.parse(stored)).not.toHaveProperty('sentOn');
  });

  it('refuses a stored entry that is not one, naming the field', () => {
    const entry = digestEntryOf(listing, { kind: 'report' }, route, '2026-11-20');
    expect(() => digestEntry.parse({ ...entry, category: 'gossip' })).toThrow(/category/);
    expect(() => digestEntry.parse({ ...entry, foundOn: '2026-13-01' })).toThrow(/foundOn/);
  });
});

describe('prospectRecord', () => {
  it('reads back a record applyStories built', () => {
    const { record } = applyStories(undefined, [companyStory({ title: '沪上钢联递表港交所' }, [ipo('filed', '沪上钢联')])], '2026-11-20');
    const stored = JSON.parse(JSON.stringify(record));
    expect(prospectRecord.parse(stored)).toEqual(stored);
    expect(() => prospectRecord.parse({ ...stored, version: -1 })).toThrow(/version/);
  });
});
