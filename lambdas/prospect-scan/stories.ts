// From feed items to stories: each article's identity, its signals, and one story per event reported by several outlets.
import { createHash } from 'node:crypto';
import { companyKey } from '../core/company-name.ts';
import type { FeedItem, FeedLang } from './feeds/types.ts';
import { filingSignal } from './feeds/edgar.ts';
import { normaliseChinese } from './signals/classify.ts';
import { ipoStages, type IpoStage, type Signal, type SignalType } from './signals/types.ts';

/** Where a story was read: one line per outlet in the digest. */
export interface StorySource {
  feedId: string;
  feedName: string;
  title: string;
  link?: string;
  published?: string;
}

/** One event about one company, possibly reported by several feeds. Text is kept in its original script. */
export interface Story {
  /** Stable id: a hash of the lead item's identity, the same in every run that sees the same items. */
  storyId: string;
  title: string;
  summary: string;
  lang?: FeedLang;
  /** The company as the news wrote it. */
  company?: string;
  /** companyKey of the Simplified form: the prospect's id. */
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

/**
 * An article's identity across runs: its GUID (within its feed), else its canonical link, else a hash
 * of its normalised text — so a feed that re-orders or re-dates its items does not repeat them.
 */
export function itemIdentity(item: FeedItem): string {
  const guid = item.guid?.trim();
  if (guid) return `guid:${item.feedId}:${guid}`;
  if (item.link) return `link:${item.link}`;
  return `text:${hash(`${titleKey(item.title)}\n${titleKey(item.summary)}`)}`;
}

/** The seen-marker id of an identity: fixed length, safe in a key. */
export function seenId(identity: string): string {
  return hash(identity);
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 32);
}

/** A title reduced for comparison: Simplified script, NFKC, lower case, no outlet suffix, no spaces or punctuation. */
export function titleKey(title: string): string {
  const withoutOutlet = title.replace(/\s*(?:[-–—|｜]|——)\s*[^-–—|｜]{1,20}$/u, '');
  return normaliseChinese(withoutOutlet.length >= 6 ? withoutOutlet : title)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
}

/** Dice coefficient of character bigrams: 1 for equal titles, about 0.5 and more for rewordings of one headline. */
export function titleSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const grams = (text: string) => {
    const counts = new Map<string, number>();
    for (let i = 0; i < text.length - 1; i++) {
      const gram = text.slice(i, i + 2);
      counts.set(gram, (counts.get(gram) ?? 0) + 1);
    }
    return counts;
  };
  const left = grams(a);
  const right = grams(b);
  const total = Math.max(0, a.length - 1) + Math.max(0, b.length - 1);
  if (total === 0) return 0;
  let shared = 0;
  for (const [gram, count] of left) shared += Math.min(count, right.get(gram) ?? 0);
  return (2 * shared) / total;
}

export const SIMILAR_TITLE = 0.5;

const stageRank = (stage: IpoStage | undefined) => (stage ? ipoStages.indexOf(stage) : ipoStages.length);

/** The signal a story is filed under: risk first (an alert), then the earliest IPO stage, then the most confident. */
export function primarySignal(signals: Signal[]): Signal | undefined {
  const ranked = [...signals].sort(
    (a, b) =>
      Number(b.type === 'risk') - Number(a.type === 'risk') ||
      Number(b.type === 'ipo') - Number(a.type === 'ipo') ||
      stageRank(a.stage) - stageRank(b.stage) ||
      Number(Boolean(b.company)) - Number(Boolean(a.company)) ||
      b.confidence - a.confidence,
  );
  return ranked[0];
}

export type Classifier = (input: { title: string; summary?: string; lang?: FeedLang }) => Signal[];

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

/** Classifies items and keeps those with a signal at or above `minConfidence`. */
export function classifyItems(items: FeedItem[], classify: Classifier, minConfidence: number): ClassifiedItem[] {
  const classified: ClassifiedItem[] = [];
  for (const item of items) {
    // A filing's form type is its signal; news goes through the classifier.
    const fromFiling = item.filing ? filingSignal(item.filing) : undefined;
    const signals = (item.filing ? (fromFiling ? [fromFiling] : []) : classify({ title: item.title, summary: item.summary, lang: item.lang }))
      .filter((signal) => signal.confidence >= minConfidence);
    const primary = primarySignal(signals);
    if (!primary) continue;
    const company = primary.company ?? signals.find((signal) => signal.company)?.company;
    const key = company ? prospectKey(company) : undefined;
    classified.push({
      item,
      itemId: seenId(itemIdentity(item)),
      signals,
      primary,
      company,
      companyKey: key || undefined,
      titleKey: titleKey(item.title),
    });
  }
  return classified;
}

/** A prospect's id: the key of the Simplified form of its name, so 華南汽車集團 and 华南汽车集团 are one company. */
export function prospectKey(company: string): string {
  return companyKey(normaliseChinese(company));
}

/**
 * Groups items into stories: items about the same company that report the same event (see isSameEvent)
 * are one story reported by several outlets. Items without a company
 * merge only with an equal title. Deterministic: the same items give the same stories and ids.
 */
export function groupIntoStories(items: ClassifiedItem[]): Story[] {
  const ordered = [...items].sort(
    (a, b) => (a.item.published ?? '\uffff').localeCompare(b.item.published ?? '\uffff') || a.itemId.localeCompare(b.itemId),
  );
  const groups: ClassifiedItem[][] = [];
  // Only items about the same company (or, without one, with the same title) can be one event.
  const byBucket = new Map<string, ClassifiedItem[][]>();
  for (const candidate of ordered) {
    const bucket = candidate.companyKey ? `c:${candidate.companyKey}` : `t:${candidate.titleKey}`;
    const siblings = byBucket.get(bucket) ?? [];
    const group = siblings.find((members) => sameEvent(members[0]!, candidate));
    if (group) group.push(candidate);
    else {
      const created = [candidate];
      groups.push(created);
      siblings.push(created);
      byBucket.set(bucket, siblings);
    }
  }
  return groups.map(toStory);
}

function sameEvent(lead: ClassifiedItem, other: ClassifiedItem): boolean {
  if (lead.itemId === other.itemId) return true;
  if (!lead.companyKey || !other.companyKey) return !lead.companyKey && !other.companyKey && lead.titleKey === other.titleKey;
  if (lead.companyKey !== other.companyKey) return false;
  return isSameEvent(
    { type: lead.primary.type, stage: lead.primary.stage, titleKey: lead.titleKey },
    { type: other.primary.type, stage: other.primary.stage, titleKey: other.titleKey },
    lead.companyKey,
  );
}

/**
 * Whether two reports about one company are the same event. Different triggers never are (a contract
 * and a lawsuit, a lawsuit and a bankruptcy filing). IPO reports are the same event when they report
 * the same stage: the stage is the event, however outlets word it, and a later stage is an escalation.
 * Other triggers recur (a second contract, a second lawsuit), so the type alone says nothing: they are
 * one event only when their titles are similar once the company's name is taken out (it would make
 * any two headlines look alike) and they do not name different figures.
 */
export function isSameEvent(
  a: { type: SignalType; stage?: IpoStage; titleKey: string },
  b: { type: SignalType; stage?: IpoStage; titleKey: string },
  companyKey: string,
): boolean {
  if (a.type !== b.type) return false;
  if (a.type === 'ipo') return a.stage === b.stage;
  const left = withoutCompany(a.titleKey, companyKey);
  const right = withoutCompany(b.titleKey, companyKey);
  return !nameDifferentFigures(left, right) && titleSimilarity(left, right) >= SIMILAR_TITLE;
}

/** A title key without the company's name and the legal form that follows it (沪钢物资贸易有限公司 and 沪钢物资贸易 alike). */
function withoutCompany(key: string, companyKey: string): string {
  if (!companyKey) return key;
  const name = companyKey.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return key.replace(new RegExp(`${name}(?:股份有限公司|有限责任公司|有限公司|集团|控股|股份|公司)*`, 'g'), '');
}

/** "wins 300 million contract" and "wins 120 million contract" are two contracts: both titles carry figures and share none. */
function nameDifferentFigures(a: string, b: string): boolean {
  const figures = (text: string) => new Set(text.match(/\d+(?:\.\d+)?/g) ?? []);
  const left = figures(a);
  const right = figures(b);
  if (left.size === 0 || right.size === 0) return false;
  for (const figure of left) if (right.has(figure)) return false;
  return true;
}

function toStory(members: ClassifiedItem[]): Story {
  const lead = members[0]!;
  const signals = dedupeSignals(members.flatMap((member) => member.signals));
  const sources = new Map<string, StorySource>();
  for (const { item } of members) {
    const key = item.link ?? `${item.feedId}:${item.title}`;
    if (!sources.has(key)) {
      sources.set(key, { feedId: item.feedId, feedName: item.feedName, title: item.title, link: item.link, published: item.published });
    }
  }
  return {
    storyId: lead.itemId,
    title: lead.item.title,
    summary: lead.item.summary,
    lang: lead.item.lang,
    company: lead.company ?? members.find((member) => member.company)?.company,
    companyKey: lead.companyKey ?? members.find((member) => member.companyKey)?.companyKey,
    primary: primarySignal(signals) ?? lead.primary,
    signals,
    sources: [...sources.values()],
    industries: [...new Set(members.flatMap((member) => member.item.industries))],
    itemIds: [...new Set(members.map((member) => member.itemId))],
  };
}

/** One signal per (type, stage), the most confident. */
function dedupeSignals(signals: Signal[]): Signal[] {
  const best = new Map<string, Signal>();
  for (const signal of signals) {
    const key = `${signal.type}:${signal.stage ?? ''}`;
    const current = best.get(key);
    if (!current || signal.confidence > current.confidence) best.set(key, signal);
  }
  return [...best.values()];
}

export const signalOrder: readonly SignalType[] = ['risk', 'ipo', 'funding', 'm_and_a', 'bond', 'expansion', 'contract', 'leadership', 'new_entity'];
