// The report's book read against DynamoDB Local: the week's prospects come through the prospect store's schema, not raw items.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, testConfig } from '../../support/local-aws.ts';
import { rm, type Rm } from '../../../lambdas/core/model.ts';
import { entities } from '../../../lambdas/core/store/entities.ts';
import type { RadarStore } from '../../../lambdas/core/store/radar-store.ts';
import { filedStory } from '../../support/digest-entries.ts';
import { ProspectStore } from '../../../lambdas/prospect-scan/prospect-store.ts';
import { readBook } from '../../../lambdas/portfolio-report/read-book.ts';
import { computeFigures } from '../../../lambdas/portfolio-report/figures.ts';
import { reportSettings } from '../../../lambdas/portfolio-report/build.ts';

const TZ = 'Asia/Shanghai';
const MONDAY = '2026-11-16';

let store: RadarStore;
const theRm: Rm = rm.parse({ rmId: 'rm-p', name: 'Grace Lee', email: 'grace@bank.example', locale: 'en' });

const entry = filedStory;

beforeAll(async () => {
  ({ store } = await createTestStore());
  await store.putRms([theRm]);
  await new ProspectStore(store.table).putDigestEntries(
    [
      entry('rm-p', 'ipo-filed', '2026-11-10', { category: 'ipo', primary: { type: 'ipo', stage: 'filed' }, knownSince: '2026-06-01' }),
      entry('rm-p', 'ipo-preparing', '2026-11-13', { category: 'ipo', primary: { type: 'ipo', stage: 'preparing' } }),
      entry('rm-p', 'plant', '2026-11-15'),
      // Outside the week (before it, and the report day itself), and another RM's.
      entry('rm-p', 'old', '2026-11-08', { primary: { type: 'ipo', stage: 'listed' } }),
      entry('rm-p', 'today', MONDAY),
      entry('rm-other', 'theirs', '2026-11-12', { primary: { type: 'ipo', stage: 'offering' } }),
    ],
    new Date(),
  );
});

describe('the report book’s prospects', () => {
  it('counts the RM’s digest entries of the week by IPO stage, and the companies new this week', async () => {
    const book = await readBook(store, theRm, MONDAY, TZ);
    expect(book.prospects).toHaveLength(3);
    const { prospects } = computeFigures(book, [], reportSettings(testConfig(store.table.tableName))).activity;
    expect(prospects).toEqual({ byStage: { preparing: 1, filed: 1, approved: 0, offering: 0, listed: 0 }, other: 1, newThisWeek: 2 });
  });

  it('refuses a stored entry the digest-entry schema does not accept, instead of counting it as something else', async () => {
    // Written past the store (an old or damaged item): an IPO stage the model does not know.
    const key = entities.digestEntry.key('2026-11-11', 'rm-p', 'bad-stage');
    await store.table.doc.send(
      new PutCommand({
        TableName: store.table.tableName,
        Item: { ...key, type: entities.digestEntry.type, ...entry('rm-p', 'bad-stage', '2026-11-11'), primary: { type: 'ipo', stage: 'pre-listing' } },
      }),
    );
    await expect(readBook(store, theRm, MONDAY, TZ)).rejects.toThrow(/stage/);
  });
});
