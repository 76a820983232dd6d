// The feed module's contract: feeds in the registry, the items read from them, and what each read did.
import * as z from 'zod';
import type { AppConfig } from '../../core/config.ts';
import type { Clock } from '../../core/clock.ts';

export const feedLangs = ['zh', 'en'] as const;
export const feedLang = z.enum(feedLangs);
export type FeedLang = z.infer<typeof feedLang>;

export const feedKinds = ['news', 'sec-edgar'] as const;
export const feedKind = z.enum(feedKinds);
export type FeedKind = z.infer<typeof feedKind>;

/** What the per-run caps left out of a run that read the feed (see prospect-scan/caps.ts). */
export const feedCut = z.object({
  /** ISO instant of the read. */
  at: z.string(),
  /** New items over the per-feed cap, left for the next runs. */
  deferredItems: z.number().int().nonnegative(),
  /** Items of stories dropped because their company had more stories than the per-company cap. */
  droppedItems: z.number().int().nonnegative(),
  /** Some of the companies those dropped stories were about. */
  companies: z.array(z.string()),
});
export type FeedCut = z.infer<typeof feedCut>;

/** What the last reads of a feed did: enough to send conditional GETs and to say when it is failing or was cut. */
export const feedHealth = z.object({
  consecutiveFailures: z.number().int().nonnegative().default(0),
  lastError: z.string().optional(),
  lastErrorAt: z.string().optional(),
  lastSuccessAt: z.string().optional(),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  /** What the caps cut in the last run that read the feed; absent when they cut nothing. */
  lastCut: feedCut.optional(),
});
export type FeedHealth = z.infer<typeof feedHealth>;

export const feed = z.object({
  /** Stable id: a short hash of the URL the feed was added with (kept when a 301 moves it). */
  feedId: z.string().min(1),
  url: z.url({ protocol: /^https?$/ }),
  name: z.string().trim().min(1),
  lang: feedLang.optional(),
  industries: z.array(z.string().trim().min(1)).default([]),
  /** An item counts only if its title or summary contains one of these (when any are given). */
  include: z.array(z.string().trim().min(1)).default([]),
  /** An item is dropped if its title or summary contains one of these. */
  exclude: z.array(z.string().trim().min(1)).default([]),
  kind: feedKind.default('news'),
  active: z.boolean().default(true),
  /** ISO instant the feed was added. */
  addedAt: z.string(),
  health: feedHealth.default({ consecutiveFailures: 0 }),
});
export type Feed = z.infer<typeof feed>;

/** One normalised article (or SEC filing) read from a feed: plain text, canonical link, ISO time. */
export interface FeedItem {
  feedId: string;
  feedName: string;
  title: string;
  summary: string;
  /** Canonical http(s) link: tracking parameters and fragment removed. */
  link?: string;
  guid?: string;
  /** ISO instant the item was published, when the feed says. */
  published?: string;
  lang?: FeedLang;
  industries: string[];
  /** Present for SEC EDGAR items: the form type is the signal, the company comes from the entry title. */
  filing?: { form: string; company: string; cik?: string };
}

export type FeedStatus = 'ok' | 'not-modified' | 'failed' | 'gone' | 'moved';

/** What reading one feed did in one run. */
export interface FeedOutcome {
  feedId: string;
  /** The URL that was requested (the stored one). */
  url: string;
  /**
   * ok: read; not-modified: 304, nothing to do; failed: any error (see `error`);
   * gone: 410, the feed is deactivated; moved: read through a 301/308, the stored URL becomes `movedTo`.
   */
  status: FeedStatus;
  /** Items kept (after the recency window and include/exclude filters). */
  items: number;
  /** One-line reason when status is failed (or gone). */
  error?: string;
  /** True only when this failure makes N consecutive failures (config.prospects.failingAfter). */
  failing: boolean;
  /** The consecutive failure count after this read. */
  consecutiveFailures: number;
  /** New permanent URL after a 301/308. */
  movedTo?: string;
  /** Validators to send on the next conditional GET. */
  etag?: string;
  lastModified?: string;
  /** ISO instant of the read. */
  at: string;
  /** What the per-run caps cut from this feed's items (set by the job after filing). */
  cut?: FeedCut;
}

/** A conditional GET of a feed, with the limits that protect the run. */
export interface FeedRequest {
  url: string;
  etag?: string;
  lastModified?: string;
  /** Adds the SEC's contact User-Agent and rate limit. */
  kind?: FeedKind;
}

/** The raw result of fetching one feed; the body is still bytes (decoding is separate). */
export type FetchResult =
  | {
      status: 'ok';
      /** Final URL after redirects. */
      url: string;
      /** Set when every redirect on the way was permanent (301/308): the feed's new home. */
      movedTo?: string;
      body: Uint8Array;
      contentType?: string;
      etag?: string;
      lastModified?: string;
    }
  | { status: 'not-modified'; url: string; movedTo?: string }
  | { status: 'gone'; url: string; error: string }
  | { status: 'failed'; url: string; error: string };

/** Fetches a feed over HTTP(S) under the configured limits and address policy; never throws. */
export type FeedFetcher = (request: FeedRequest) => Promise<FetchResult>;

export type FeedConfig = AppConfig['prospects'];

export interface ReadFeedsDeps {
  fetch: FeedFetcher;
  clock: Clock;
  config: FeedConfig;
}

/** Reads all feeds with bounded concurrency; one bad feed never fails the run (see its outcome). */
export type ReadFeeds = (feeds: Feed[], deps: ReadFeedsDeps) => Promise<{ items: FeedItem[]; outcomes: FeedOutcome[] }>;

/** The part of the feed registry the prospect job uses. */
export interface FeedStoreForJob {
  /** Active feeds, by a Query on byOwner (GSI1PK 'FEEDS'). */
  listActiveFeeds(): Promise<Feed[]>;
  /** Updates health (failures, last error/success, validators), the URL after a 301, deactivates after a 410. */
  recordOutcome(feed: Feed, outcome: FeedOutcome): Promise<Feed>;
}
