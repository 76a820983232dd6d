// Prospect records on DynamoDB Local: a company with a long, many-sourced history still fits in one item.
import { describe, expect, it } from 'vitest';
import { createTestStore } from '../../support/local-aws.ts';
import { applyStories } from '../../../lambdas/prospect-scan/prospects.ts';
import { ProspectStore } from '../../../lambdas/prospect-scan/prospect-store.ts';
import type { CompanyStory, ProspectRecord } from '../../../lambdas/prospect-scan/model.ts';
import { signal, companyStory } from '../../unit/prospect-scan/fixtures.ts';

/** 50 events a day for three days, each from 10 outlets with 2 KB links: over 1 MB if nothing bounded it. */
function heavyDay(day: number): CompanyStory[] {
  return Array.from({ length: 50 }, (_, n) => {
    const base = companyStory({ title: `Acme Steel wins contract ${day}-${n} ${'x'.repeat(300)}`, lang: 'en' }, [signal('contract', 'Acme Steel')]);
    const sources = Array.from({ length: 10 }, (_, k) => ({
      feedId: `f${k}`,
      feedName: `Outlet ${k}`,
      title: base.title,
      link: `https://news${k}.example/${day}/${n}/${'a'.repeat(1_990)}`,
      published: '2026-11-19T01:00:00.000Z',
    }));
    return { ...base, sources };
  });
}

describe('ProspectStore.saveProspect', () => {
  it('stores a record with a long history of heavily sourced events under the 400 KB item limit', async () => {
    const { store } = await createTestStore();
    const prospects = new ProspectStore(store.table);
    let record: ProspectRecord | undefined;
    for (const [day, date] of ['2026-11-18', '2026-11-19', '2026-11-20'].entries()) {
      const { record: next } = applyStories(record, heavyDay(day), date);
      expect(await prospects.saveProspect(next, record?.version)).toBe(true);
      record = await prospects.getProspect('acmesteel');
      expect(record?.events.at(-1)?.on).toBe(date);
    }
    expect(record!.version).toBe(3);
  });
});
