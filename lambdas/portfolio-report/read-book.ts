// Reads one RM's book for the weekly report: Queries on keys and indexes only, sized by the RM's book and week.
import pLimit from 'p-limit';
import { addDays, datesInRange, localTimeToInstant } from '../core/dates/calendar.ts';
import { tiers, touch as touchSchema, type IsoDate, type Rm } from '../core/model.ts';
import type { RadarStore } from '../core/store/radar-store.ts';
import { queryAll, withoutKeys } from '../core/store/dynamo.ts';
import { entities } from '../core/store/entities.ts';
import { CallListStore } from '../call-list/store.ts';
import { ProspectStore } from '../prospect-scan/prospect-store.ts';
import type { StoredDigestEntry } from '../prospect-scan/model.ts';
import { referencePoints, type BookInput, type ProspectSighting } from './figures.ts';

const EARLIEST: IsoDate = '0000-01-01';
const LATEST: IsoDate = '9999-12-31';
const TOUCH_QUERY_CONCURRENCY = 8;

/**
 * The book as the report sees it on `date`: all the RM's clients (three tier queries), all their loans
 * (the maturity index holds every loan), the week's touches (only clients contacted since the week
 * began are queried), the week's call lists, open follow-ups and the week's digest entries (through the prospect store, which decodes them).
 */
export async function readBook(store: RadarStore, rm: Rm, date: IsoDate, timeZone: string): Promise<BookInput> {
  const weekStart = referencePoints(date).lastWeek;
  const weekStartsAt = localTimeToInstant(weekStart, '00:00', timeZone).toISOString();
  const reportStartsAt = localTimeToInstant(date, '00:00', timeZone).toISOString();
  const lists = new CallListStore(store.table);

  const [byTier, loans, callLists, openFollowUps, prospects] = await Promise.all([
    Promise.all(tiers.map((tier) => store.listClientsByLastContact(rm.rmId, tier))),
    store.listLoansMaturing(rm.rmId, EARLIEST, LATEST),
    lists.between(rm.rmId, weekStart, addDays(date, -1)),
    store.listOpenFollowUps(rm.rmId, addDays(date, -1)),
    new ProspectStore(store.table).entriesOfRm(rm.rmId, datesInRange(weekStart, addDays(date, -1))),
  ]);
  const clients = byTier.flat();
  const recentlyTouched = clients.filter((c) => c.lastContactAt && c.lastContactAt >= weekStartsAt).map((c) => c.clientId);
  const limit = pLimit(TOUCH_QUERY_CONCURRENCY);
  const touches = (
    await Promise.all(recentlyTouched.map((clientId) => limit(() => readTouches(store, clientId, weekStartsAt, reportStartsAt))))
  ).flat();

  return {
    businessDate: date,
    clients,
    loans,
    touches,
    callLists: callLists.map((list) => ({
      businessDate: list.businessDate,
      listed: list.lines.length,
      done: list.lines.filter((line) => line.status === 'done').length,
    })),
    openFollowUps,
    prospects: prospects.map(sightingOf),
  };
}

async function readTouches(store: RadarStore, clientId: string, from: string, before: string) {
  const items = await queryAll(store.table, {
    KeyConditionExpression: 'PK = :client AND SK BETWEEN :from AND :to',
    ExpressionAttributeValues: {
      ':client': entities.client.partition(clientId),
      ':from': entities.touch.key(clientId, from, '').SK,
      ':to': entities.touch.key(clientId, before, '').SK,
    },
  });
  return items.map((item) => touchSchema.parse(withoutKeys(item)));
}

/**
 * What the report counts of one of the RM's digest entries, as the prospect store decoded it: the IPO
 * stage of its leading signal, and whether the company was new (no earlier "known since").
 */
export function sightingOf(entry: Pick<StoredDigestEntry, 'primary' | 'knownSince'>): ProspectSighting {
  const stage = entry.primary.type === 'ipo' ? entry.primary.stage : undefined;
  return { ...(stage ? { stage } : {}), isNew: !entry.knownSince };
}
