// The prospect-scan job: read the feeds, find new stories with business triggers, file them per company, email each RM a digest.
import pLimit from 'p-limit';
import { emptySummary, recordSendOutcome, resolveBusinessDate, type JobDeps, type JobOptions, type JobSummary } from '../core/job.ts';
import { addDays, datesInRange } from '../core/dates/calendar.ts';
import { companyKey } from '../core/company-name.ts';
import { loggableMessage } from '../core/errors.ts';
import { sendOnce } from '../core/mail/send-once.ts';
import type { IsoDate, Rm } from '../core/model.ts';
import { createFeedFetcher, fetcherSettings } from './feeds/fetch.ts';
import { FeedStore } from './feeds/feed-store.ts';
import { readFeeds as readAllFeeds } from './feeds/read-feeds.ts';
import type { Feed, FeedFetcher, FeedItem, FeedOutcome, FeedStoreForJob, ReadFeeds } from './feeds/types.ts';
import { classify as classifyHeadline } from './signals/classify.ts';
import { orderEntries, renderDigest, type DigestEntry, type FailingFeed } from './digest.ts';
import { applyStories, type ProspectRecord, type StoryVerdict } from './prospects.ts';
import { DIGEST_ENTRIES_ATTRIBUTE, entryRef, ProspectStore, type SentDigest } from './prospect-store.ts';
import { routeStory, watchListCompany, type ClientMatch } from './routing.ts';
import { classifyItems, groupIntoStories, itemIdentity, prospectKey, seenId, type Classifier, type Story } from './stories.ts';

export const JOB_NAME = 'prospect-scan';

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

/**
 * Runs the radar for a business date. Safe to re-run and to run twice at once: articles already
 * processed are skipped, prospect records merge idempotently, each RM's digest is built from the
 * stored entries not yet emailed, and sendOnce sends it exactly once per RM and date.
 */
export async function runProspectScan(deps: JobDeps, options: JobOptions = {}, overrides: Partial<ProspectScanDeps> = {}): Promise<JobSummary> {
  const { businessDate, isBusinessDay } = resolveBusinessDate(deps, options);
  const summary = emptySummary(JOB_NAME, businessDate);
  if (!isBusinessDay) return { ...summary, skipped: 'not a business day' };
  const scan = scanDeps(deps, overrides);
  const settings = deps.config.prospects;

  // 1. Feeds: read them all; one feed's failure costs the others nothing.
  const feeds = await scan.feedStore.listActiveFeeds();
  const { items, outcomes } = await scan.readFeeds(feeds, { fetch: scan.fetchFeed, clock: deps.clock, config: settings });

  // 2. Only articles no earlier run has processed.
  const fresh = await newItems(scan.prospectStore, items);

  // 3. Signals, and one story per event however many outlets carried it.
  const rms = await deps.store.listRms();
  const stories = groupIntoStories(classifyItems(fresh.items, scan.classify, settings.minConfidence));
  for (const story of stories) {
    if (story.companyKey) continue;
    const watched = watchListCompany(story, rms);
    if (watched) Object.assign(story, { company: watched, companyKey: prospectKey(watched) || undefined });
  }
  const aboutCompanies = stories.filter((story) => story.company && story.companyKey);

  // 4. Prospect records (history, stage, escalation), then routes to RMs as digest entries.
  const { verdicts, notSaved } = await updateProspects(scan.prospectStore, aboutCompanies, businessDate, deps.log);
  // A company whose record could not be written waits for the next run: no entries, its articles not marked seen.
  const filed = aboutCompanies.filter((story) => !notSaved.has(story.companyKey!));
  const retryLater = aboutCompanies.filter((story) => notSaved.has(story.companyKey!));
  const clients = await clientsOf(scan.prospectStore, filed);
  const entries: DigestEntry[] = [];
  for (const story of filed) {
    const verdict = verdicts.get(story.storyId);
    if (verdict?.kind !== 'report') continue;
    for (const route of routeStory(story, rms, clients.get(story.storyId) ?? [])) {
      entries.push(toEntry(story, verdict, route, businessDate));
    }
  }
  await scan.prospectStore.putDigestEntries(entries, deps.clock.now());
  // Marked seen only once their stories are stored: a crash before this point re-processes them.
  const unfiled = new Set(retryLater.flatMap((story) => story.itemIds));
  const filedIds = fresh.ids.filter((id) => !unfiled.has(id));
  await scan.prospectStore.markSeen(filedIds.filter((id) => !fresh.undated.has(id)), deps.clock.now(), settings.seenDays);
  // Undated items: new ones, and the renewal of those seen before (see UNDATED_SEEN_DAYS).
  const undatedIds = [...filedIds.filter((id) => fresh.undated.has(id)), ...fresh.undatedSeenBefore];
  await scan.prospectStore.markSeen(undatedIds, deps.clock.now(), Math.max(settings.seenDays, UNDATED_SEEN_DAYS));
  // Health (with the new ETag) is stored only now: a run that crashed earlier reads the same items again.
  const failingFeeds = await recordOutcomes(scan.feedStore, feeds, withoutValidatorsFor(outcomes, retryLater), settings.failingAfter, deps);

  summary.read = {
    feeds: feeds.length,
    items: items.length,
    newItems: fresh.items.length,
    stories: stories.length,
    prospects: new Set(entries.map((entry) => entry.companyKey)).size,
    entries: entries.length,
    rms: rms.length,
    prospectsNotSaved: notSaved.size,
  };
  deps.log.info('prospect stories filed', { businessDate, ...summary.read, failingFeeds: failingFeeds.length });

  // 5. One digest per RM from everything not yet emailed.
  await sendDigests(deps, scan.prospectStore, rms, businessDate, failingFeeds, summary, options);
  return summary;
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
          deps.log.error('feed health not recorded', { feedId: feed.feedId, error: loggableMessage(error) });
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
 * Items no earlier run has processed, each once (a feed listing an article twice counts once), and which
 * ids are undated (some copy has no published time): `undated` among the new ones, `undatedSeenBefore`
 * among those already seen, whose markers the run renews.
 */
async function newItems(
  store: ProspectStore,
  items: FeedItem[],
): Promise<{ items: FeedItem[]; ids: string[]; undated: Set<string>; undatedSeenBefore: string[] }> {
  const byId = new Map<string, FeedItem>();
  const undated = new Set<string>();
  for (const item of items) {
    const id = seenId(itemIdentity(item));
    if (!byId.has(id)) byId.set(id, item);
    if (!item.published) undated.add(id);
  }
  const seen = await store.findSeen([...byId.keys()]);
  const fresh = [...byId].filter(([id]) => !seen.has(id));
  return {
    items: fresh.map(([, item]) => item),
    ids: fresh.map(([id]) => id),
    undated,
    undatedSeenBefore: [...undated].filter((id) => seen.has(id)),
  };
}

const MAX_WRITE_ATTEMPTS = 6;

/**
 * Applies each company's stories to its record with optimistic locking: a concurrent run that wrote
 * first makes this one re-read and re-apply, which gives the same verdicts (applyStories is idempotent).
 * Companies are independent: one whose record cannot be read or written is logged (by its key) and
 * returned in `notSaved`, and the others' news still goes out.
 */
async function updateProspects(
  store: ProspectStore,
  stories: Story[],
  businessDate: IsoDate,
  log: JobDeps['log'],
): Promise<{ verdicts: Map<string, StoryVerdict>; notSaved: Set<string> }> {
  const byCompany = new Map<string, Story[]>();
  for (const story of stories) byCompany.set(story.companyKey!, [...(byCompany.get(story.companyKey!) ?? []), story]);
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
          log.error('prospect record not saved; its stories wait for the next run', { companyKey: key, error: loggableMessage(error) });
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
  stories: Story[],
  businessDate: IsoDate,
): Promise<Map<string, StoryVerdict>> {
  let current = read;
  for (let attempt = 1; ; attempt++) {
    const update = applyStories(current, stories, businessDate);
    if (await store.saveProspect(update.record, current?.version)) return update.verdicts;
    if (attempt >= MAX_WRITE_ATTEMPTS) throw new Error(`prospect ${key} kept changing while it was updated`);
    current = await store.getProspect(key);
  }
}

/**
 * Outcomes without the validators of feeds that carried stories left for the next run: their next read
 * is a full GET (not a 304), so those articles come back while they are within the recency window.
 */
function withoutValidatorsFor(outcomes: FeedOutcome[], stories: Story[]): FeedOutcome[] {
  const feedIds = new Set(stories.flatMap((story) => story.sources.map((source) => source.feedId)));
  if (feedIds.size === 0) return outcomes;
  return outcomes.map((outcome) => (feedIds.has(outcome.feedId) ? { ...outcome, etag: undefined, lastModified: undefined } : outcome));
}

/** Clients under each story's company name (as written, and in Simplified), by story id. */
async function clientsOf(store: ProspectStore, stories: Story[]): Promise<Map<string, ClientMatch[]>> {
  const namesOf = (story: Story) => [...new Set([companyKey(story.company!), story.companyKey!].filter(Boolean))];
  const found = await store.findClientsByName(stories.flatMap(namesOf));
  return new Map(
    stories.map((story) => {
      const matches = new Map<string, ClientMatch>();
      for (const name of namesOf(story)) for (const match of found.get(name) ?? []) matches.set(match.clientId, match);
      return [story.storyId, [...matches.values()]];
    }),
  );
}

function toEntry(story: Story, verdict: Extract<StoryVerdict, { kind: 'report' }>, route: ReturnType<typeof routeStory>[number], foundOn: IsoDate): DigestEntry {
  return {
    rmId: route.rmId,
    foundOn,
    storyId: story.storyId,
    category: route.category,
    company: story.company!,
    companyKey: story.companyKey!,
    clientId: route.clientId,
    reasons: route.reasons,
    primary: { type: story.primary.type, stage: story.primary.stage },
    signals: story.signals.map(({ type, stage, rule, confidence }) => ({ type, stage, rule, confidence })),
    title: story.title,
    summary: story.summary,
    sources: story.sources.map(({ feedName, link, published }) => ({ feedName, link, published })),
    escalation: verdict.escalation,
    knownSince: verdict.knownSince,
  };
}

async function sendDigests(
  deps: JobDeps,
  store: ProspectStore,
  rms: Rm[],
  businessDate: IsoDate,
  failingFeeds: FailingFeed[],
  summary: JobSummary,
  options: JobOptions,
): Promise<void> {
  const unsent = await store.listUnsentEntries(datesInRange(addDays(businessDate, -(LOOKBACK_DAYS - 1)), businessDate));
  // Digests sent from the oldest unsent entry's date on: only those can have carried an entry still unmarked.
  const oldestUnsent = [...unsent.values()].flat().reduce((oldest, entry) => (entry.foundOn < oldest ? entry.foundOn : oldest), businessDate);
  const sent = await store.sentDigests(JOB_NAME, datesInRange(oldestUnsent, businessDate));
  await markCarriedEntries(store, unsent, sent, deps.log);
  const needsSending = (rm: Rm) => (unsent.get(rm.rmId)?.length ?? 0) > 0 || deps.config.prospects.sendEmptyDigest;
  // An RM with nothing left to send may have had today's digest already: say so rather than "nothing to send".
  const alreadySent = new Set(sent.filter((digest) => digest.businessDate === businessDate).map((digest) => digest.rmId));
  for (const rm of rms) {
    const entries = unsent.get(rm.rmId) ?? [];
    if (!needsSending(rm)) {
      if (alreadySent.has(rm.rmId)) summary.emails.alreadySent += 1;
      else summary.emails.notNeeded += 1;
      continue;
    }
    const email = renderDigest({ rm, businessDate, entries, failingFeeds, timeZone: deps.config.timeZone });
    const result = await sendOnce(
      { table: deps.store.table, mailer: deps.mailer, clock: deps.clock, leaseSeconds: deps.config.sendLeaseSeconds },
      { job: JOB_NAME, rmId: rm.rmId, businessDate },
      email,
      // What this digest carries, on its claim: a run that crashes before markEntriesSent below is finished by the next one.
      {
        sentAttributes: { [DIGEST_ENTRIES_ATTRIBUTE]: orderEntries(entries).slice(0, MAX_RECORDED_ENTRIES).map(entryRef) },
        resendMaybeSent: options.resendMaybeSent,
      },
    );
    recordSendOutcome(summary, result.outcome, deps.log, rm.rmId);
    // Only a sent digest marks its entries: suppressed, failed or maybe-sent ones stay pending for the next run.
    if (result.outcome === 'sent') await store.markEntriesSent(entries, businessDate);
    if (result.outcome === 'failed') deps.log.error('digest not sent', { rmId: rm.rmId, businessDate, error: loggableMessage(result.error) });
  }
}

/**
 * Finishes a run that crashed between sending a digest and marking its entries emailed (sendOnce, then
 * markEntriesSent): the digest's send claim lists the entries the email carried, so those still unmarked
 * are marked now, as emailed on that digest's date, and taken out of `unsent` (they are not sent again).
 * Entries filed after that digest went out are not on its list and go into the next one, as usual.
 */
async function markCarriedEntries(store: ProspectStore, unsent: Map<string, DigestEntry[]>, sent: SentDigest[], log: JobDeps['log']): Promise<void> {
  for (const digest of sent) {
    const pending = unsent.get(digest.rmId);
    if (!digest.entryRefs || !pending?.length) continue;
    const carried = new Set(digest.entryRefs);
    const marked = pending.filter((entry) => carried.has(entryRef(entry)));
    if (marked.length === 0) continue;
    await store.markEntriesSent(marked, digest.businessDate);
    unsent.set(digest.rmId, pending.filter((entry) => !carried.has(entryRef(entry))));
    log.warn('digest entries marked emailed after an interrupted run', { rmId: digest.rmId, businessDate: digest.businessDate, entries: marked.length });
  }
}
