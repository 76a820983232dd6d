// What one feed and one company may contribute to a run, and the note a feed's health keeps of what was cut.
import { describe, expect, it } from 'vitest';
import { capItemsPerFeed, capStoriesPerCompany, cutsByFeed, describeCut } from '../../../lambdas/prospect-scan/caps.ts';
import { feedItem, ipo, signal, companyStory } from './fixtures.ts';

describe('capItemsPerFeed', () => {
  it('takes the newest items of a feed over the cap, then undated ones in feed order, and counts the rest per feed', () => {
    const entries = [
      { id: 'old', item: feedItem({ feedId: 'big', published: '2026-11-17T00:00:00Z' }) },
      { id: 'undated-1', item: feedItem({ feedId: 'big', published: undefined }) },
      { id: 'new', item: feedItem({ feedId: 'big', published: '2026-11-19T00:00:00Z' }) },
      { id: 'undated-2', item: feedItem({ feedId: 'big', published: undefined }) },
      { id: 'small', item: feedItem({ feedId: 'small' }) },
    ];
    expect(capItemsPerFeed(entries, 3)).toMatchObject({ taken: [{ id: 'new' }, { id: 'old' }, { id: 'undated-1' }, { id: 'small' }], deferred: new Map([['big', 1]]) });
    expect(capItemsPerFeed(entries, 4)).toEqual({ taken: entries, deferred: new Map() });
    expect(capItemsPerFeed(entries, 10)).toEqual({ taken: entries, deferred: new Map() });
  });
});

describe('capStoriesPerCompany', () => {
  const contract = (n: number, feedId = 'flood') => companyStory({ feedId, guid: `c${n}`, title: `华东特钢中标${n}万元合同` }, [signal('contract', '华东特钢')]);

  it('keeps at most N stories of one company, risk and IPO news first, and leaves other companies alone', () => {
    const flood = Array.from({ length: 30 }, (_, n) => contract(n));
    const risk = companyStory({ guid: 'risk', title: '华东特钢被列为被执行人' }, [signal('risk', '华东特钢')]);
    const listing = companyStory({ guid: 'ipo', title: '华东特钢递表港交所' }, [ipo('filed', '华东特钢')]);
    const other = companyStory({ guid: 'other', title: '宝泰钢铁完成B轮融资' }, [signal('funding', '宝泰钢铁')]);
    const { kept, dropped } = capStoriesPerCompany([...flood, risk, other, listing], 5);
    expect(kept.filter((s) => s.companyKey === '华东特钢')).toHaveLength(5);
    expect(kept).toContain(risk);
    expect(kept).toContain(listing);
    expect(kept).toContain(other);
    expect(dropped).toHaveLength(27);
    expect(dropped.every((s) => s.primary.type === 'contract')).toBe(true);
    // Deterministic: the same stories in another order keep the same ones.
    expect(capStoriesPerCompany([listing, other, risk, ...[...flood].reverse()], 5).kept.map((s) => s.storyId).sort()).toEqual(kept.map((s) => s.storyId).sort());
  });
});

describe('cutsByFeed and describeCut', () => {
  it('tells each feed what it lost, naming a few companies', () => {
    const dropped = [
      companyStory({ feedId: 'flood', guid: 'a', title: '华东特钢中标1万元合同' }, [signal('contract', '华东特钢')]),
      companyStory({ feedId: 'flood', guid: 'b', title: '华东特钢中标2万元合同' }, [signal('contract', '华东特钢')]),
    ];
    const cuts = cutsByFeed(new Map([['flood', 19_000], ['other', 3]]), dropped, '2026-11-19T23:00:00.000Z');
    expect(cuts.get('flood')).toEqual({ at: '2026-11-19T23:00:00.000Z', deferredItems: 19_000, droppedItems: 2, companies: ['华东特钢'] });
    expect(cuts.get('other')).toMatchObject({ deferredItems: 3, droppedItems: 0, companies: [] });
    expect(cuts.has('quiet')).toBe(false);
    expect(describeCut(cuts.get('flood')!)).toBe(
      'last run cut at 2026-11-19T23:00:00.000Z: 19000 new items over FEED_MAX_ITEMS_PER_RUN left for the next runs; ' +
        '2 items dropped about 华东特钢 (over PROSPECT_MAX_STORIES_PER_COMPANY stories of one company)',
    );
  });
});
