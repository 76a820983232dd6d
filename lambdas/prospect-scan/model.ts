// The prospect radar's model: stories made from feed items, the prospect record of a company and the digest entries, as stored and shown.
import * as z from 'zod';
import { isoDate, type IsoDate } from '../core/model.ts';
import type { FeedItem, FeedLang } from './feeds/types.ts';
import { ipoStages, signalTypes, type IpoStage, type Signal } from './signals/types.ts';

export const signalType = z.enum(signalTypes);
export const ipoStage = z.enum(ipoStages);

// ---- stories: one event about one company, built in a run and not stored as such -----------------

/** Where a story was read: one line per outlet in the digest. */
export interface StorySource {
  feedId: string;
  feedName: string;
  title: string;
  link?: string;
  published?: string;
}

/** One event, possibly reported by several feeds. Text is kept in its original script. */
export interface Story {
  /** Stable id: a hash of the lead item's identity, the same in every run that sees the same items. */
  storyId: string;
  title: string;
  summary: string;
  lang?: FeedLang;
  /** The company as the news wrote it. */
  company?: string;
  /** prospectKey of the company (core/company-name.ts): the prospect's id. */
  companyKey?: string;
  /** The signal that decides where the story goes in a digest (risk, else the earliest IPO stage, else the strongest). */
  primary: Signal;
  signals: Signal[];
  sources: StorySource[];
  /** Industries of the feeds that carried it. */
  industries: string[];
  /** Seen-marker ids of every item merged into the story. */
  itemIds: string[];
}

/** A story about a named company: the only kind that is filed, capped per company and emailed. */
export type CompanyStory = Story & { company: string; companyKey: string };

/** Whether a story names a company with a usable key (a name that is more than a legal suffix). */
export function isCompanyStory(story: Story): story is CompanyStory {
  return Boolean(story.company && story.companyKey);
}

/** Finds the signals of a headline (and its summary when the headline has none). */
export type { Classifier } from './signals/types.ts';

/** An item with what the classifier found, ready to be grouped into stories. */
export interface ClassifiedItem {
  item: FeedItem;
  itemId: string;
  signals: Signal[];
  primary: Signal;
  company?: string;
  companyKey?: string;
  titleKey: string;
}

// ---- the prospect record of a company (stored: PROSPECT#<companyKey>) --------------------------------

/** A source as a prospect event and a digest entry keep it. */
export const storedSource = z.object({
  feedName: z.string(),
  link: z.string().optional(),
  published: z.string().optional(),
});

/** One event in a company's history (a story as it was first filed). */
export const prospectEvent = z.object({
  storyId: z.string(),
  /** The business date of the run that first found it. */
  on: isoDate,
  type: signalType,
  stage: ipoStage.optional(),
  title: z.string(),
  sources: z.array(storedSource),
});
export type ProspectEvent = z.infer<typeof prospectEvent>;

export const prospectRecord = z.object({
  companyKey: z.string().min(1),
  /** The name as first seen, in its original script. */
  name: z.string(),
  /** Other spellings seen in the news (original scripts). */
  aliases: z.array(z.string()),
  firstSeenOn: isoDate,
  lastSeenOn: isoDate,
  /** The most advanced IPO stage seen so far. */
  latestStage: ipoStage.optional(),
  latestStageOn: isoDate.optional(),
  /** Oldest first, capped (see prospects.ts). */
  events: z.array(prospectEvent),
  /** Optimistic-locking version: incremented on every write. */
  version: z.number().int().nonnegative(),
});
export type ProspectRecord = z.infer<typeof prospectRecord>;

/** What a story means for its company. */
export type StoryVerdict =
  /** Report it: new, or found again by a re-run of the same day (same story id). */
  | { kind: 'report'; escalation?: { from: IpoStage; to: IpoStage }; knownSince?: IsoDate }
  /** Another outlet's report of an event already filed on an earlier run: recorded as a source, not reported again. */
  | { kind: 'repeat'; of: string };

// ---- routing: which RMs a story goes to and why --------------------------------------------------

export const matchReason = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('client'), clientId: z.string(), hasLoans: z.boolean() }),
  z.object({ kind: z.literal('industry'), industry: z.string(), keyword: z.string() }),
  z.object({ kind: z.literal('feed-industry'), industry: z.string() }),
  z.object({ kind: z.literal('watch-list'), entry: z.string() }),
]);
export type MatchReason = z.infer<typeof matchReason>;

/** Where a story sits in a digest: risk alerts on borrowers first, then IPO prospects, then the rest. */
export const digestCategories = ['risk-alert', 'ipo', 'other'] as const;
export type DigestCategory = (typeof digestCategories)[number];

/** A client found under the story's company name. */
export interface ClientMatch {
  clientId: string;
  rmId: string;
  hasLoans: boolean;
}

/** One RM a story goes to, in which section and why. */
export interface Route {
  rmId: string;
  category: DigestCategory;
  reasons: MatchReason[];
  clientId?: string;
}

// ---- digest entries (stored: PROSPECTDAY#<foundOn> / RM#<rmId>#STORY#<storyId>) ----------------------

/** One story as it appears in one RM's digest; stored per (day found, RM, story) so a re-run renders the same email. */
export const digestEntry = z.object({
  rmId: z.string(),
  /** The business date of the run that found it. */
  foundOn: isoDate,
  storyId: z.string(),
  category: z.enum(digestCategories),
  /** As the news wrote it (Traditional stays Traditional). */
  company: z.string(),
  companyKey: z.string(),
  clientId: z.string().optional(),
  reasons: z.array(matchReason),
  primary: z.object({ type: signalType, stage: ipoStage.optional() }),
  signals: z.array(z.object({ type: signalType, stage: ipoStage.optional(), rule: z.string(), confidence: z.number() })),
  title: z.string(),
  summary: z.string(),
  sources: z.array(storedSource),
  escalation: z.object({ from: ipoStage, to: ipoStage }).optional(),
  /** The day the company was first seen, when that was before this story. */
  knownSince: isoDate.optional(),
});
export type DigestEntry = z.infer<typeof digestEntry>;

/** A digest entry as read back: with the business date of the digest that emailed it, once one has, and what the RM did with it. */
export const storedDigestEntry = digestEntry.extend({
  sentOn: isoDate.optional(),
  /** What the RM did with it in the workbench; a handled entry is not shown again. */
  handledAs: z.enum(['not-relevant', 'watch-list', 'contacted']).optional(),
  handledAt: z.string().optional(),
  handledNote: z.string().optional(),
});
export type StoredDigestEntry = z.infer<typeof storedDigestEntry>;

/**
 * The digest entry of a story for one RM. The schema keeps what is stored and drops the rest (a signal's
 * company, a source's feed id and title), so the stored shape is written down once, above.
 */
export function digestEntryOf(story: CompanyStory, verdict: Extract<StoryVerdict, { kind: 'report' }>, route: Route, foundOn: IsoDate): DigestEntry {
  return digestEntry.parse({
    ...route,
    foundOn,
    storyId: story.storyId,
    company: story.company,
    companyKey: story.companyKey,
    primary: story.primary,
    signals: story.signals,
    title: story.title,
    summary: story.summary,
    sources: story.sources,
    escalation: verdict.escalation,
    knownSince: verdict.knownSince,
  });
}

/** A digest that went out: its business date, its RM and, when recorded, the entries it carried. */
export interface SentDigest {
  businessDate: IsoDate;
  rmId: string;
  entryRefs?: string[];
}

/** A feed listed in the digest's footer: failing for several reads in a row, or gone (410). */
export const failingFeed = z.object({
  name: z.string().max(200),
  url: z.string().max(2048),
  consecutiveFailures: z.number().int().min(0),
  lastError: z.string().max(500).optional(),
  gone: z.boolean().optional(),
});
export type FailingFeed = z.infer<typeof failingFeed>;
