// The prospect-scan job: read the feeds, find new stories with business triggers, file them per company, email each RM a digest.
import pLimit from 'p-limit';
import * as z from 'zod';
import type { JobDeps, JobOptions, JobSummary } from '../core/job.ts';
import type { PerRmJob, PreparedRun, RmWork, RmWorkOptions } from '../core/fanout/per-rm-job.ts';
import { runInProcess } from '../core/fanout/run-in-process.ts';
import { addDays, datesInRange } from '../core/dates/calendar.ts';
import { companyNameKeys, prospectKey } from '../core/company-name.ts';
import { errorLogFields } from '../core/errors.ts';
import { retryOnConflict, TryAgain } from '../core/retry.ts';
import { sendOnce } from '../core/mail/send-once.ts';
import type { IsoDate, Rm } from '../core/model.ts';
import { createFeedFetcher, fetcherSettings } from './feeds/fetch.ts';
import { FeedStore } from './feeds/feed-store.ts';
import { readFeeds as readAllFeeds } from './feeds/read-feeds.ts';
import type { Feed, FeedFetcher, FeedItem, FeedOutcome, FeedStoreForJob, ReadFeeds } from './feeds/types.ts';
import { classify as classifyHeadline } from './signals/classify.ts';
import { orderEntries, renderDigest } from './digest.ts';
import { applyStories } from './prospects.ts';
import { DIGEST_ENTRIES_ATTRIBUTE, entryRef, ProspectStore } from './prospect-store.ts';
import { routeStory, watchListCompany } from './routing.ts';
import { classifyItems, groupIntoStories, itemIdentity, seenId } from './stories.ts';
import {
  digestEntryOf,
  failingFeed,
  isCompanyStory,
  type Classifier,
  type ClientMatch,
  type CompanyStory,
  type DigestEntry,
  type FailingFeed,
  type ProspectRecord,
  type SentDigest,
  type Story,
  type StoryVerdict,
} from './model.ts';
import { capItemsPerFeed, capStoriesPerCompany, cutsByFeed } from './caps.ts';
import { prospectScanJob } from './descriptor.ts';

const JOB_NAME = prospectScanJob.name;

/** Unsent digest entries older than this are stale news and are not emailed any more. */
const LOOKBACK_DAYS = 7;

/**
 * Seen markers of undated items are kept at least this long. Such an item is always "recent" to the feed
 * reader, so only its marker keeps it out of the digest: the marker is renewed each time the item is read
 * again, and this longer hold covers weeks in which its feed is not read (304 Not Modified, or failing).
 */
const UNDATED_SEEN_DAYS = 180;

/**
 * At most this many entries are recorded on a digest's send claim (about 45 bytes each, so the claim
 * stays far below DynamoDB's 400 KB item limit). A digest lists 60 lines; only a backlog of thousands
 * would exceed this, and then the lines the email listed are recorded first.
 */
const MAX_RECORDED_ENTRIES = 4_000;

/** At most this many failing feeds are listed in a digest's footer (each work item carries the list). */
const MAX_FAILING_FEEDS_LISTED = 50;

/** What the job needs beyond JobDeps; each part has a default built from the configuration. */
export interface ProspectScanDeps {
  feedStore: FeedStoreForJob;
  fetchFeed: FeedFetcher;
  readFeeds: ReadFeeds;
  classify: Classifier;
  prospectStore: ProspectStore;
}

export function scanDeps(deps: JobDeps, overrides: Partial<ProspectScanDeps> = {}): ProspectScanDeps {
  return {
    feedStore: overrides.feedStore ?? new FeedStore(deps.store.table),
    fetchFeed: overrides.fetchFeed ?? createFeedFetcher(fetcherSettings(deps.config.prospects)),
    readFeeds: overrides.readFeeds ?? readAllFeeds,
    classify: overrides.classify ?? classifyHeadline,
    prospectStore: overrides.prospectStore ?? new ProspectStore(deps.store.table),
  };
}

/** What the planner's shared work hands every RM's digest: the feeds to list as failing. */
const sharedScan = z.object({ failingFeeds: z.array(failingFeed).max(MAX_FAILING_FEEDS_LISTED) });

/**
 * The run's shared work, once, in the planner: read the feeds, file the new stories per company and as
 * digest entries per RM. Safe to re-run and to run twice at once: articles already processed are skipped
 * and prospect records merge idempotently. Each RM's digest is then built by its own work item (digestForRm).
 */
export async function prepareScan(deps: JobDeps, businessDate: IsoDate, overrides: Partial<ProspectScanDeps> = {}): Promise<PreparedRun> {
  const scan = scanDeps(deps, overrides);
  const settings = deps.config.prospects;

  // 1. Feeds: read them all; one feed's failure costs the others nothing.
  const feeds = await scan.feedStore.listActiveFeeds();
  const { items, outcomes } = await scan.readFeeds(feeds, { fetch: scan.fetchFeed, clock: deps.clock, config: settings });

  // 2. Only articles no earlier run has processed, and at most maxItemsPerFeed of each feed (the rest wait for the next runs).
  const fresh = await newItems(scan.prospectStore, items);
  const { taken, deferred } = capItemsPerFeed(fresh.entries, settings.maxItemsPerFeed);
  const markSeen = seenMarker(scan.prospectStore, fresh.undated, deps.clock.now(), settings.seenDays);

  // 3. Signals, one story per event however many outlets carried it, and at most maxStoriesPerCompany per company.
  const rms = await deps.store.listRms();
  const stories = groupIntoStories(classifyItems(taken.map((entry) => entry.item), scan.classify, settings.minConfidence)).map((story) =>
    story.companyKey ? story : withWatchedCompany(story, rms),
  );
  const { kept, dropped } = capStoriesPerCompany(stories.filter(isCompanyStory), settings.maxStoriesPerCompany);

  // 4. Items with nothing to file (no signal, no company, or cut by the company cap) are done: marked seen
  // now, so a run cut short later does not read them again. Undated ones seen before are renewed here too.
  const toFile = new Set(kept.flatMap((story) => story.itemIds));
  await markSeen([...taken.map((entry) => entry.id).filter((id) => !toFile.has(id)), ...fresh.undatedSeenBefore]);

  // 5. File the stories a batch of companies at a time: records (history, stage, escalation), digest entries,
  // then the batch's seen markers. A run cut short (a timeout) keeps every batch it finished; its retry reads only the rest.
  const { entries, notSaved, retryLater } = await fileStories(deps, scan.prospectStore, kept, rms, businessDate, markSeen);

  // Health (with the new ETag and what the caps cut) is stored only now: a run that crashed earlier reads the
  // feeds again. Feeds with items left for later are read in full next time (no 304), so those items come back.
  const cuts = cutsByFeed(deferred, dropped, deps.clock.now().toISOString());
  const withCuts = outcomes.map((outcome) => (cuts.has(outcome.feedId) ? { ...outcome, cut: cuts.get(outcome.feedId) } : outcome));
  const readAgain = new Set([...retryLater.flatMap((story) => story.sources.map((source) => source.feedId)), ...deferred.keys()]);
  const failingFeeds = await recordOutcomes(scan.feedStore, feeds, withoutValidatorsFor(withCuts, readAgain), settings.failingAfter, deps);
  for (const [feedId, cut] of cuts) deps.log.warn('feed items cut by the per-run caps', { feedId, deferredItems: cut.deferredItems, droppedItems: cut.droppedItems });

  const read = {
    feeds: feeds.length,
    items: items.length,
    newItems: fresh.entries.length,
    itemsDeferred: [...deferred.values()].reduce((sum, count) => sum + count, 0),
    stories: stories.length,
    storiesDropped: dropped.length,
    feedsCut: cuts.size,
    prospects: new Set(entries.map((entry) => entry.companyKey)).size,
    entries: entries.length,
    prospectsNotSaved: notSaved.size,
  };
  deps.log.info('prospect stories filed', { businessDate, ...read, rms: rms.length, failingFeeds: failingFeeds.length });
  // Each work item carries the list, so it is bounded (the first by name) and each field cut short.
  const listed = failingFeeds
    .slice(0, MAX_FAILING_FEEDS_LISTED)
    .map((feed) => ({ ...feed, name: feed.name.slice(0, 200), url: feed.url.slice(0, 2048), ...(feed.lastError ? { lastError: feed.lastError.slice(0, 500) } : {}) }));
  return { read, shared: { failingFeeds: listed } };
}

/**
 * One RM's digest, in its work item: the RM's entries not yet emailed (keyed Queries of that RM only),
 * rendered and sent once; a sent digest marks its entries emailed.
 */
export async function digestForRm(deps: JobDeps, store: ProspectStore, rm: Rm, businessDate: IsoDate, options: RmWorkOptions): Promise<RmWork> {
  const { failingFeeds } = sharedScan.parse(options.shared ?? { failingFeeds: [] });
  const pending = await store.unsentEntriesOfRm(rm.rmId, datesInRange(addDays(businessDate, -(LOOKBACK_DAYS - 1)), businessDate));
  // Digests sent from the oldest unsent entry's date on: only those can have carried an entry still unmarked.
  const oldestUnsent = pending.reduce((oldest, entry) => (entry.foundOn < oldest ? entry.foundOn : oldest), businessDate);
  const sent = await store.sentDigestsOfRm(JOB_NAME, rm.rmId, datesInRange(oldestUnsent, businessDate));
  const entries = await markCarriedEntries(store, rm.rmId, pending, sent, deps.log);
  if (entries.length === 0 && !deps.config.prospects.sendEmptyDigest) {
    // Nothing left to send: today's digest may have gone out already (say so rather than "nothing to send").
    return { outcome: sent.some((digest) => digest.businessDate === businessDate) ? 'already-sent' : 'not-needed' };
  }
  const email = renderDigest({ rm, businessDate, entries, failingFeeds, timeZone: deps.config.timeZone });
  const result = await sendOnce(
    { table: deps.store.table, mailer: deps.mailer, clock: deps.clock, leaseSeconds: deps.config.sendLeaseSeconds },
    { job: JOB_NAME, rmId: rm.rmId, businessDate },
    email,
    // What this digest carries, on its claim: a worker that crashes before markEntriesSent below is finished by the next delivery.
    {
      sentAttributes: { [DIGEST_ENTRIES_ATTRIBUTE]: orderEntries(entries).slice(0, MAX_RECORDED_ENTRIES).map(entryRef) },
      resendMaybeSent: options.resendMaybeSent,
    },
  );
  // Only a sent digest marks its entries: suppressed, failed or maybe-sent ones stay pending for the next run.
  if (result.outcome === 'sent') await store.markEntriesSent(entries, businessDate);
  if (result.outcome === 'failed') deps.log.error('digest not sent', { rmId: rm.rmId, businessDate, ...errorLogFields(result.error) });
  return { outcome: result.outcome, read: { digestEntries: entries.length }, error: result.error };
}

/** The prospect radar per RM: the planner reads the feeds and files the stories once, then one digest per RM. */
export function prospectScanWork(overrides: Partial<ProspectScanDeps> = {}): PerRmJob {
  return {
    name: JOB_NAME,
    counters: ['digestEntries'],
    prepare: (deps, businessDate) => prepareScan(deps, businessDate, overrides),
    forRm: (deps, rm, businessDate, options) => digestForRm(deps, overrides.prospectStore ?? new ProspectStore(deps.store.table), rm, businessDate, options),
  };
}

/**
 * Runs the radar for a business date through the planner and workers on an in-process queue (the CLI,
 * npm start, the tests); `overrides` replace the feeds, the classifier or the store.
 */
export function runProspectScan(deps: JobDeps, options: JobOptions = {}, overrides: Partial<ProspectScanDeps> = {}): Promise<JobSummary> {
  return runInProcess(prospectScanWork(overrides))(deps, options);
}

async function recordOutcomes(
  feedStore: FeedStoreForJob,
  feeds: Feed[],
  outcomes: FeedOutcome[],
  failingAfter: number,
  deps: JobDeps,
): Promise<FailingFeed[]> {
  const byId = new Map(feeds.map((feed) => [feed.feedId, feed]));
  const limit = pLimit(4);
  const failing: FailingFeed[] = [];
  await Promise.all(
    outcomes.map((outcome) =>
      limit(async () => {
        const feed = byId.get(outcome.feedId);
        if (!feed) return;
        if (outcome.status === 'failed' || outcome.status === 'gone') {
          deps.log.warn('feed read failed', { feedId: feed.feedId, status: outcome.status, error: outcome.error, consecutiveFailures: outcome.consecutiveFailures });
        }
        let updated = feed;
        try {
          updated = await feedStore.recordOutcome(feed, outcome);
        } catch (error) {
          // Health is bookkeeping: losing one update must not cost the RMs their digest.
          deps.log.error('feed health not recorded', { feedId: feed.feedId, ...errorLogFields(error) });
        }
        const gone = outcome.status === 'gone';
        if (gone || (outcome.status === 'failed' && updated.health.consecutiveFailures >= failingAfter)) {
          failing.push({
            name: feed.name,
            url: feed.url,
            consecutiveFailures: updated.health.consecutiveFailures,
            lastError: outcome.error,
            gone,
          });
        }
      }),
    ),
  );
  return failing.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Items no earlier run has processed, each once with its seen id (a feed listing an article twice counts
 * once), and which ids are undated (some copy has no published time): `undated` among all, `undatedSeenBefore`
 * among those already seen, whose markers the run renews.
 */
async function newItems(
  store: ProspectStore,
  items: FeedItem[],
): Promise<{ entries: Array<{ id: string; item: FeedItem }>; undated: Set<string>; undatedSeenBefore: string[] }> {
  const byId = new Map<string, FeedItem>();
  const undated = new Set<string>();
  for (const item of items) {
    const id = seenId(itemIdentity(item));
    if (!byId.has(id)) byId.set(id, item);
    if (!item.published) undated.add(id);
  }
  const seen = await store.findSeen([...byId.keys()]);
  return {
    entries: [...byId].filter(([id]) => !seen.has(id)).map(([id, item]) => ({ id, item })),
    undated,
    undatedSeenBefore: [...undated].filter((id) => seen.has(id)),
  };
}

/** Writes seen markers: undated items' held at least UNDATED_SEEN_DAYS, the others' `seenDays`. */
function seenMarker(store: ProspectStore, undated: Set<string>, now: Date, seenDays: number): (ids: string[]) => Promise<void> {
  return async (ids) => {
    await store.markSeen(ids.filter((id) => !undated.has(id)), now, seenDays);
    await store.markSeen(ids.filter((id) => undated.has(id)), now, Math.max(seenDays, UNDATED_SEEN_DAYS));
  };
}

/** Companies filed together: each batch ends with its seen markers, so a run cut short keeps its finished batches. */
export const FILING_BATCH_COMPANIES = 50;

/**
 * Files stories a batch of companies at a time (see FILING_BATCH_COMPANIES): prospect records, then digest
 * entries, then the seen markers of the batch's filed items. A company whose record could not be written waits
 * for the next run (`retryLater`): no entries, its articles not marked seen.
 */
async function fileStories(
  deps: JobDeps,
  store: ProspectStore,
  stories: CompanyStory[],
  rms: Rm[],
  businessDate: IsoDate,
  markSeen: (ids: string[]) => Promise<void>,
): Promise<{ entries: DigestEntry[]; notSaved: Set<string>; retryLater: CompanyStory[] }> {
  const byCompany = new Map<string, CompanyStory[]>();
  for (const story of stories) {
    const list = byCompany.get(story.companyKey);
    if (list) list.push(story);
    else byCompany.set(story.companyKey, [story]);
  }
  const companies = [...byCompany].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const entries: DigestEntry[] = [];
  const notSaved = new Set<string>();
  const retryLater: CompanyStory[] = [];
  for (let start = 0; start < companies.length; start += FILING_BATCH_COMPANIES) {
    const batch = new Map(companies.slice(start, start + FILING_BATCH_COMPANIES));
    const saved = await updateProspects(store, batch, businessDate, deps.log);
    for (const key of saved.notSaved) notSaved.add(key);
    const batchStories = [...batch.values()].flat();
    const filed = batchStories.filter((story) => !saved.notSaved.has(story.companyKey));
    retryLater.push(...batchStories.filter((story) => saved.notSaved.has(story.companyKey)));
    const clients = await clientsOf(store, filed);
    const batchEntries: DigestEntry[] = [];
    for (const story of filed) {
      const verdict = saved.verdicts.get(story.storyId);
      if (verdict?.kind !== 'report') continue;
      for (const route of routeStory(story, rms, clients.get(story.storyId) ?? [])) batchEntries.push(digestEntryOf(story, verdict, route, businessDate));
    }
    await store.putDigestEntries(batchEntries, deps.clock.now());
    // Marked seen only once their stories are stored: a run cut short before this point files them again (idempotently).
    await markSeen(filed.flatMap((story) => story.itemIds));
    entries.push(...batchEntries);
  }
  return { entries, notSaved, retryLater };
}

/**
 * Applies each company's stories to its record with optimistic locking: a concurrent run that wrote
 * first makes this one re-read and re-apply, which gives the same verdicts (applyStories is idempotent).
 * Companies are independent: one whose record cannot be read or written is logged (by its key) and
 * returned in `notSaved`, and the others' news still goes out.
 */
async function updateProspects(
  store: ProspectStore,
  byCompany: Map<string, CompanyStory[]>,
  businessDate: IsoDate,
  log: JobDeps['log'],
): Promise<{ verdicts: Map<string, StoryVerdict>; notSaved: Set<string> }> {
  const stored = await store.getProspects([...byCompany.keys()]);
  const verdicts = new Map<string, StoryVerdict>();
  const notSaved = new Set<string>();
  const limit = pLimit(8);
  await Promise.all(
    [...byCompany].map(([key, companyStories]) =>
      limit(async () => {
        try {
          for (const [storyId, verdict] of await updateProspect(store, key, stored.get(key), companyStories, businessDate)) verdicts.set(storyId, verdict);
        } catch (error) {
          notSaved.add(key);
          log.error('prospect record not saved; its stories wait for the next run', { companyKey: key, ...errorLogFields(error) });
        }
      }),
    ),
  );
  return { verdicts, notSaved };
}

async function updateProspect(
  store: ProspectStore,
  key: string,
  read: ProspectRecord | undefined,
  stories: CompanyStory[],
  businessDate: IsoDate,
): Promise<Map<string, StoryVerdict>> {
  let current = read;
  return retryOnConflict(`prospect ${key} kept changing while it was updated`, async () => {
    const update = applyStories(current, stories, businessDate);
    if (await store.saveProspect(update.record, current?.version)) return update.verdicts;
    current = await store.getProspect(key);
    return new TryAgain();
  });
}

/**
 * Outcomes without the validators of feeds with items left for the next run (stories not saved, items over
 * the per-feed cap): their next read is a full GET (not a 304), so those articles come back while they are
 * within the recency window.
 */
function withoutValidatorsFor(outcomes: FeedOutcome[], feedIds: Set<string>): FeedOutcome[] {
  if (feedIds.size === 0) return outcomes;
  return outcomes.map((outcome) => (feedIds.has(outcome.feedId) ? { ...outcome, etag: undefined, lastModified: undefined } : outcome));
}

/** A story the classifier could not name a company for, named after the first watch-list entry it mentions (if any). */
function withWatchedCompany(story: Story, rms: Rm[]): Story {
  const watched = watchListCompany(story, rms);
  return watched ? { ...story, company: watched, companyKey: prospectKey(watched) || undefined } : story;
}

/** Clients under each story's company name (as written, and in Simplified), by story id. */
async function clientsOf(store: ProspectStore, stories: CompanyStory[]): Promise<Map<string, ClientMatch[]>> {
  const namesOf = (story: CompanyStory) => [...new Set([...companyNameKeys(story.company), story.companyKey])];
  const found = await store.findClientsByName(stories.flatMap(namesOf));
  return new Map(
    stories.map((story) => {
      const matches = new Map<string, ClientMatch>();
      for (const name of namesOf(story)) for (const match of found.get(name) ?? []) matches.set(match.clientId, match);
      return [story.storyId, [...matches.values()]];
    }),
  );
}

/**
 * Finishes a worker that crashed between sending a digest and marking its entries emailed (sendOnce, then
 * markEntriesSent): the digest's send claim lists the entries the email carried, so those still unmarked
 * are marked now, as emailed on that digest's date, and are not sent again. Returns the RM's entries still
 * to send; entries filed after that digest went out are not on its list and go into the next one, as usual.
 */
async function markCarriedEntries(store: ProspectStore, rmId: string, pending: DigestEntry[], sent: SentDigest[], log: JobDeps['log']): Promise<DigestEntry[]> {
  let left = pending;
  for (const digest of sent) {
    if (!digest.entryRefs || left.length === 0) continue;
    const carried = new Set(digest.entryRefs);
    const marked = left.filter((entry) => carried.has(entryRef(entry)));
    if (marked.length === 0) continue;
    await store.markEntriesSent(marked, digest.businessDate);
    left = left.filter((entry) => !carried.has(entryRef(entry)));
    log.warn('digest entries marked emailed after an interrupted run', { rmId, businessDate: digest.businessDate, entries: marked.length });
  }
  return left;
}
