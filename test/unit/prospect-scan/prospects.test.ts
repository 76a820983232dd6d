// A company's prospect record: history, latest stage, escalations, repeats from other outlets, idempotent re-runs.
import { describe, expect, it } from 'vitest';
import { applyStories, byteSize, MAX_RECORD_BYTES } from '../../../lambdas/prospect-scan/prospects.ts';
import type { CompanyStory } from '../../../lambdas/prospect-scan/model.ts';
import { ipo, signal, companyStory } from './fixtures.ts';

const filed = companyStory({ title: '沪上钢联递表港交所', link: 'https://a.example/1' }, [ipo('filed', '沪上钢联')]);
const approved = companyStory({ title: '滬上鋼聯通過港交所上市聆訊', link: 'https://hk.example/2', feedName: 'HK Daily' }, [ipo('approved', '滬上鋼聯')]);

describe('applyStories', () => {
  it('creates a record for a new company and reports the story as new', () => {
    const { record, verdicts } = applyStories(undefined, [filed], '2026-11-18');
    expect(record).toMatchObject({ companyKey: '沪上钢联', name: '沪上钢联', firstSeenOn: '2026-11-18', latestStage: 'filed', version: 0 });
    expect(record.events).toHaveLength(1);
    expect(verdicts.get(filed.storyId)).toEqual({ kind: 'report', escalation: undefined, knownSince: undefined });
  });

  it('shows a later IPO stage as an escalation of a known prospect, not a new one', () => {
    const day1 = applyStories(undefined, [filed], '2026-11-18').record;
    const { record, verdicts } = applyStories({ ...day1, version: 1 }, [approved], '2026-11-20');
    expect(verdicts.get(approved.storyId)).toEqual({
      kind: 'report',
      escalation: { from: 'filed', to: 'approved' },
      knownSince: '2026-11-18',
    });
    expect(record).toMatchObject({ latestStage: 'approved', latestStageOn: '2026-11-20', firstSeenOn: '2026-11-18', lastSeenOn: '2026-11-20' });
    expect(record.aliases).toEqual(['滬上鋼聯']);
    expect(record.events.map((e) => e.stage)).toEqual(['filed', 'approved']);
  });

  it('files the same event from another outlet on a later day as a source, not as news', () => {
    const day1 = applyStories(undefined, [filed], '2026-11-18').record;
    const again = companyStory({ title: '沪上钢联向港交所递交上市申请', link: 'https://b.example/7', feedName: '财经快讯' }, [ipo('filed', '沪上钢联')]);
    const { record, verdicts } = applyStories(day1, [again], '2026-11-19');
    expect(verdicts.get(again.storyId)).toEqual({ kind: 'repeat', of: filed.storyId });
    expect(record.events).toHaveLength(1);
    expect(record.events[0]!.sources.map((s) => s.feedName)).toEqual(['钢铁日报', '财经快讯']);
  });

  it('reports an earlier stage after a later one without calling it an escalation', () => {
    const known = applyStories(undefined, [approved], '2026-11-18').record;
    const { verdicts, record } = applyStories(known, [companyStory({ title: '沪上钢联发布招股书' }, [ipo('preparing', '沪上钢联')])], '2026-11-20');
    expect([...verdicts.values()][0]).toMatchObject({ kind: 'report', escalation: undefined, knownSince: '2026-11-18' });
    expect(record.latestStage).toBe('approved');
  });

  it('is idempotent: a re-run of the same day gives the same record and verdicts', () => {
    const day1 = applyStories(undefined, [filed], '2026-11-18').record;
    const first = applyStories(day1, [approved], '2026-11-20');
    const rerun = applyStories(first.record, [approved], '2026-11-20');
    expect(rerun.verdicts).toEqual(first.verdicts);
    expect(rerun.record).toEqual(first.record);
  });

  it('treats another trigger type as news, and keeps no stage for it', () => {
    const day1 = applyStories(undefined, [filed], '2026-11-18').record;
    const cfo = companyStory({ title: '沪上钢联任命新财务总监' }, [signal('leadership', '沪上钢联')]);
    const { verdicts, record } = applyStories(day1, [cfo], '2026-11-19');
    expect(verdicts.get(cfo.storyId)).toEqual({ kind: 'report', knownSince: '2026-11-18' });
    expect(record.latestStage).toBe('filed');
  });

  it('does not hold a repeat against news older than the repeat window', () => {
    const day1 = applyStories(undefined, [filed], '2026-10-01').record;
    const later = companyStory({ title: '沪上钢联再次递表港交所' }, [ipo('filed', '沪上钢联')]);
    expect(applyStories(day1, [later], '2026-11-19').verdicts.get(later.storyId)?.kind).toBe('report');
  });

  it('reports a bond default a week after a lawsuit: another risk event, not a repeat', () => {
    const lawsuit = companyStory({ title: '沪钢物资贸易有限公司被供应商起诉索赔' }, [signal('risk', '沪钢物资贸易有限公司')]);
    const defaulted = companyStory({ title: '沪钢物资贸易有限公司债券违约' }, [signal('risk', '沪钢物资贸易有限公司')]);
    const day1 = applyStories(undefined, [lawsuit], '2026-03-03').record;
    const { record, verdicts } = applyStories(day1, [defaulted], '2026-03-10');
    expect(verdicts.get(defaulted.storyId)).toEqual({ kind: 'report', knownSince: '2026-03-03' });
    expect(record.events.map((e) => e.title)).toEqual(['沪钢物资贸易有限公司被供应商起诉索赔', '沪钢物资贸易有限公司债券违约']);
  });

  it('reports a second contract a week later, and a lawsuit after a contract of the same amount', () => {
    const first = companyStory({ title: 'Acme Steel wins $300 million contract', lang: 'en' }, [signal('contract', 'Acme Steel')]);
    const second = companyStory({ title: 'Acme Steel wins $120 million contract', lang: 'en' }, [signal('contract', 'Acme Steel')]);
    const lawsuit = companyStory({ title: 'Acme Steel faces $300 million lawsuit', lang: 'en' }, [signal('risk', 'Acme Steel')]);
    const day1 = applyStories(undefined, [first], '2026-03-03').record;
    const { record, verdicts } = applyStories(day1, [second, lawsuit], '2026-03-10');
    expect(verdicts.get(second.storyId)?.kind).toBe('report');
    expect(verdicts.get(lawsuit.storyId)?.kind).toBe('report');
    expect(record.events).toHaveLength(3);
  });

  it('still files another outlet’s report of the same risk event as a repeat', () => {
    const first = companyStory({ title: '沪钢物资贸易有限公司债券违约', link: 'https://a.example/1' }, [signal('risk', '沪钢物资贸易有限公司')]);
    const again = companyStory({ title: '沪钢物资贸易债券发生违约', link: 'https://b.example/2', feedName: '财经快讯' }, [signal('risk', '沪钢物资贸易')]);
    const day1 = applyStories(undefined, [first], '2026-03-03').record;
    expect(applyStories(day1, [again], '2026-03-04').verdicts.get(again.storyId)).toEqual({ kind: 'repeat', of: first.storyId });
  });

  describe('item size', () => {
    // 60 contracts of one company, each reported by 12 outlets with links of up to 3 KB: about 1.5 MB unbounded.
    const heavyStories = (): CompanyStory[] =>
      Array.from({ length: 60 }, (_, n) => {
        const base = companyStory({ title: `沪上钢联中标第${n}号钢材采购项目${'，'.repeat(400)}`, link: `https://a.example/${n}` }, [signal('contract', '沪上钢联')]);
        const sources = Array.from({ length: 12 }, (_, k) => ({
          feedId: `f${k}`,
          feedName: `财经快讯${k}`,
          title: base.title,
          link: `https://news${k}.example/${n}/${'a'.repeat(k === 0 ? 3_000 : 2_000)}`,
          published: '2026-11-19T01:00:00.000Z',
        }));
        return { ...base, sources };
      });

    it('keeps a record well under DynamoDB’s 400 KB item limit, dropping too-long links and the oldest events', () => {
      const stories = heavyStories();
      const { record, verdicts } = applyStories(undefined, stories, '2026-11-19');
      expect(byteSize(record)).toBeLessThanOrEqual(MAX_RECORD_BYTES);
      expect(MAX_RECORD_BYTES).toBeLessThan(300_000);
      // Every story is still reported; the newest events are kept, oldest dropped.
      expect(verdicts.size).toBe(60);
      expect(record.events.at(-1)!.storyId).toBe(stories.at(-1)!.storyId);
      expect(record.events.length).toBeGreaterThan(5);
      for (const event of record.events) {
        expect(event.title.length).toBeLessThanOrEqual(400);
        // The 3 KB link is dropped (its outlet kept), the others kept whole while the budget lasts.
        expect(event.sources[0]).toEqual({ feedName: '财经快讯0', published: '2026-11-19T01:00:00.000Z' });
        expect(event.sources.length).toBeGreaterThan(1);
        for (const source of event.sources.slice(1)) expect(source.link).toMatch(/^https:\/\/news\d+\.example\/\d+\/a{2000}$/);
      }
    });

    it('stays idempotent under the budget', () => {
      const stories = heavyStories();
      const first = applyStories(undefined, stories, '2026-11-19');
      const rerun = applyStories(first.record, stories, '2026-11-19');
      expect(rerun.record).toEqual(first.record);
    });
  });
});
