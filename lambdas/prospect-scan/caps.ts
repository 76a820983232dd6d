// What one feed and one company may contribute to a run, and what each feed lost to those caps.
import type { FeedCut, FeedItem } from './feeds/types.ts';
import { signalOrder } from './stories.ts';
import { ipoStages } from './signals/types.ts';
import type { CompanyStory, Story } from './model.ts';

/** How many company names a feed's cut note keeps (the note is bookkeeping, not a list). */
const MAX_NOTED_COMPANIES = 3;

/**
 * At most `maxPerFeed` new items of each feed go into this run: the newest dated ones first, then undated
 * ones in the feed's order. The others are left for the next runs (they are not marked seen), so a huge
 * feed is worked through a slice a day instead of stopping every run.
 */
export function capItemsPerFeed<T extends { item: FeedItem }>(entries: T[], maxPerFeed: number): { taken: T[]; deferred: Map<string, number> } {
  const byFeed = new Map<string, T[]>();
  for (const entry of entries) {
    const list = byFeed.get(entry.item.feedId);
    if (list) list.push(entry);
    else byFeed.set(entry.item.feedId, [entry]);
  }
  const taken: T[] = [];
  const deferred = new Map<string, number>();
  for (const [feedId, list] of byFeed) {
    if (list.length <= maxPerFeed) {
      taken.push(...list);
      continue;
    }
    const newestFirst = list
      .map((entry, position) => ({ entry, position }))
      .sort((a, b) => (b.entry.item.published ?? '').localeCompare(a.entry.item.published ?? '') || a.position - b.position);
    taken.push(...newestFirst.slice(0, maxPerFeed).map(({ entry }) => entry));
    deferred.set(feedId, list.length - maxPerFeed);
  }
  return { taken, deferred };
}

const typeRank = (story: Story) => {
  const rank = signalOrder.indexOf(story.primary.type);
  return rank === -1 ? signalOrder.length : rank;
};
const stageRank = (story: Story) => (story.primary.stage ? ipoStages.indexOf(story.primary.stage) : ipoStages.length);

/** Which of a company's stories a run keeps first: risk, then IPO stages (earliest first), then the other triggers; more outlets first. */
function byImportance(a: Story, b: Story): number {
  return typeRank(a) - typeRank(b) || stageRank(a) - stageRank(b) || b.sources.length - a.sources.length || a.storyId.localeCompare(b.storyId);
}

/**
 * At most `maxPerCompany` stories of each company are filed by one run, the most important ones (see
 * byImportance); the others are dropped. Hundreds of stories about one company in one morning are a
 * flood (or an attack), not news an RM can use, and each one would cost a write to the company's record.
 * Kept stories stay in their given order.
 */
export function capStoriesPerCompany(stories: CompanyStory[], maxPerCompany: number): { kept: CompanyStory[]; dropped: CompanyStory[] } {
  const byCompany = new Map<string, CompanyStory[]>();
  for (const story of stories) {
    const list = byCompany.get(story.companyKey);
    if (list) list.push(story);
    else byCompany.set(story.companyKey, [story]);
  }
  const droppedIds = new Set<string>();
  for (const list of byCompany.values()) {
    if (list.length <= maxPerCompany) continue;
    for (const story of [...list].sort(byImportance).slice(maxPerCompany)) droppedIds.add(story.storyId);
  }
  return {
    kept: stories.filter((story) => !droppedIds.has(story.storyId)),
    dropped: stories.filter((story) => droppedIds.has(story.storyId)),
  };
}

/**
 * Each feed's share of what the caps cut in this run: items left for later runs, and items of dropped
 * stories with the companies they were about. Feeds that lost nothing are absent.
 */
export function cutsByFeed(deferred: Map<string, number>, dropped: CompanyStory[], at: string): Map<string, FeedCut> {
  const cuts = new Map<string, FeedCut>();
  const cutOf = (feedId: string) => {
    let cut = cuts.get(feedId);
    if (!cut) {
      cut = { at, deferredItems: 0, droppedItems: 0, companies: [] };
      cuts.set(feedId, cut);
    }
    return cut;
  };
  for (const [feedId, count] of deferred) cutOf(feedId).deferredItems += count;
  for (const story of dropped) {
    for (const source of story.sources) {
      const cut = cutOf(source.feedId);
      cut.droppedItems += 1;
      if (cut.companies.length < MAX_NOTED_COMPANIES && !cut.companies.includes(story.company)) cut.companies.push(story.company);
    }
  }
  return cuts;
}

/** A feed's cut note in one line, for `feeds list`. */
export function describeCut(cut: FeedCut): string {
  const parts: string[] = [];
  if (cut.deferredItems > 0) parts.push(`${cut.deferredItems} new items over FEED_MAX_ITEMS_PER_RUN left for the next runs`);
  if (cut.droppedItems > 0) {
    const about = cut.companies.length > 0 ? ` about ${cut.companies.join(', ')}` : '';
    parts.push(`${cut.droppedItems} items dropped${about} (over PROSPECT_MAX_STORIES_PER_COMPANY stories of one company)`);
  }
  return `last run cut at ${cut.at}: ${parts.join('; ')}`;
}
