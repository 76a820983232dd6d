// From feed items to stories: each article's identity, its signals, and one story per event reported by several outlets.
import { hash as digest } from 'node:crypto';
import { prospectKey } from '../core/company-name.ts';
import type { FeedItem } from './feeds/types.ts';
import { filingSignal } from './feeds/edgar.ts';
import { classify as classifyHeadline, normaliseChinese } from './signals/classify.ts';
import { ipoStages, type IpoStage, type Signal, type SignalType } from './signals/types.ts';
import type { ClassifiedItem, Classifier, Story, StorySource } from './model.ts';

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
  // The one-shot digest: no Hash object per call (this runs for every feed item).
  return digest('sha256', text, 'base64url').slice(0, 32);
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
  return similarity(bigrams(a), bigrams(b));
}

/** A text with its character bigrams counted, so that comparing it again costs no re-counting. */
interface Bigrams {
  text: string;
  counts: Map<string, number>;
}

function bigrams(text: string): Bigrams {
  const counts = new Map<string, number>();
  for (let i = 0; i < text.length - 1; i++) {
    const gram = text.slice(i, i + 2);
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return { text, counts };
}

function similarity(a: Bigrams, b: Bigrams): number {
  if (a.text === b.text) return 1;
  const total = Math.max(0, a.text.length - 1) + Math.max(0, b.text.length - 1);
  if (total === 0) return 0;
  let shared = 0;
  for (const [gram, count] of a.counts) shared += Math.min(count, b.counts.get(gram) ?? 0);
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

/**
 * The signals of one feed item, for the job and the CLI alike: an EDGAR filing's form type (its title,
 * "S-1 - Acme Inc. (0001…) (Filer)", is not news prose), else what the classifier finds in the headline and
 * summary. An empty summary is no summary: the classifier is given none.
 */
export function signalsOf(item: FeedItem, classify: Classifier = classifyHeadline): Signal[] {
  if (item.filing) {
    const signal = filingSignal(item.filing);
    return signal ? [signal] : [];
  }
  return classify({ title: item.title, summary: item.summary || undefined, lang: item.lang });
}

/** Classifies items and keeps those with a signal at or above `minConfidence`. */
export function classifyItems(items: FeedItem[], classify: Classifier, minConfidence: number): ClassifiedItem[] {
  const classified: ClassifiedItem[] = [];
  for (const item of items) {
    const signals = signalsOf(item, classify).filter((signal) => signal.confidence >= minConfidence);
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

/**
 * At most this many of a company's earlier stories of the same trigger are compared with each new report
 * (the most recent ones: reports of one event come close together). It keeps grouping linear in the
 * number of items however many reports one feed carries about one company.
 */
export const MAX_STORIES_COMPARED = 32;

/** Counts the pairwise comparisons grouping makes (tests and benchmarks read it). */
export interface GroupingProbe {
  comparisons: number;
}

/**
 * Groups items into stories: items about the same company that report the same event (see isSameEvent)
 * are one story reported by several outlets. Items without a company merge only with an equal title.
 * Deterministic: the same items give the same stories and ids. Near-linear: an IPO stage, a title without
 * a company and an identical headline are found by key; other reports are compared only with the
 * MAX_STORIES_COMPARED latest stories of their company and trigger.
 */
export function groupIntoStories(items: ClassifiedItem[], probe?: GroupingProbe): Story[] {
  const ordered = [...items].sort(
    (a, b) => (a.item.published ?? '\uffff').localeCompare(b.item.published ?? '\uffff') || a.itemId.localeCompare(b.itemId),
  );
  const groups: ClassifiedItem[][] = [];
  const byItemId = new Map<string, ClassifiedItem[]>();
  // One group per key: an IPO stage of a company, a title without a company, a headline already seen.
  const byKey = new Map<string, ClassifiedItem[]>();
  // Per company and trigger, the stories so far, newest last, with their lead's headline ready to compare.
  const byTrigger = new Map<string, Array<{ lead: Bigrams; figures: Set<string>; members: ClassifiedItem[] }>>();
  for (const candidate of ordered) {
    let group = byItemId.get(candidate.itemId);
    const key = exactKey(candidate);
    if (!group && key.kind === 'one-per-key') group = byKey.get(key.key);
    if (!group && key.kind === 'compare') {
      const siblings = byTrigger.get(key.bucket) ?? [];
      for (let i = Math.max(0, siblings.length - MAX_STORIES_COMPARED); i < siblings.length && !group; i++) {
        if (probe) probe.comparisons += 1;
        const sibling = siblings[i]!;
        if (similarHeadlines(sibling, key)) group = sibling.members;
      }
      // An identical headline is the same event however long ago in this run it was filed.
      group ??= byKey.get(key.key);
      if (!group) {
        group = [];
        siblings.push({ lead: key.lead, figures: key.figures, members: group });
        byTrigger.set(key.bucket, siblings);
      }
    }
    if (!group) group = [];
    if (group.length === 0) groups.push(group);
    group.push(candidate);
    byItemId.set(candidate.itemId, group);
    if (!byKey.has(key.key)) byKey.set(key.key, group);
  }
  return groups.map(toStory);
}

type GroupingKey =
  | { kind: 'one-per-key'; key: string }
  | { kind: 'compare'; key: string; bucket: string; lead: Bigrams; figures: Set<string> };

/** Where an item is looked for: by key alone (see isSameEvent), or among its company's stories of its trigger. */
function exactKey(item: ClassifiedItem): GroupingKey {
  if (!item.companyKey) return { kind: 'one-per-key', key: `title:${item.titleKey}` };
  const { type, stage } = item.primary;
  if (type === 'ipo') return { kind: 'one-per-key', key: `ipo:${item.companyKey}:${stage ?? ''}` };
  const text = withoutCompany(item.titleKey, item.companyKey);
  const bucket = `${type}:${item.companyKey}`;
  return { kind: 'compare', key: `${bucket}:${text}`, bucket, lead: bigrams(text), figures: figuresOf(text) };
}

function similarHeadlines(a: { lead: Bigrams; figures: Set<string> }, b: { lead: Bigrams; figures: Set<string> }): boolean {
  return !differentFigures(a.figures, b.figures) && similarity(a.lead, b.lead) >= SIMILAR_TITLE;
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
  const headline = (key: string) => {
    const text = withoutCompany(key, companyKey);
    return { lead: bigrams(text), figures: figuresOf(text) };
  };
  return similarHeadlines(headline(a.titleKey), headline(b.titleKey));
}

/** A title key without the company's name and the legal form that follows it (沪钢物资贸易有限公司 and 沪钢物资贸易 alike). */
function withoutCompany(key: string, companyKey: string): string {
  if (!companyKey) return key;
  const name = companyKey.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return key.replace(new RegExp(`${name}(?:股份有限公司|有限责任公司|有限公司|集团|控股|股份|公司)*`, 'g'), '');
}

const figuresOf = (text: string) => new Set(text.match(/\d+(?:\.\d+)?/g) ?? []);

/** "wins 300 million contract" and "wins 120 million contract" are two contracts: both titles carry figures and share none. */
function differentFigures(left: Set<string>, right: Set<string>): boolean {
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
