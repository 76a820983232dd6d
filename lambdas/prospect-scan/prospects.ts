// The prospect record of a company and how a new story updates it: history, latest stage, escalations, repeats.
import type { IsoDate } from '../core/model.ts';
import { daysBetween } from '../core/dates/calendar.ts';
import { MAX_LINK_CHARS, MAX_TITLE_CHARS } from './feeds/normalise.ts';
import { ipoStages, type IpoStage } from './signals/types.ts';
import { isSameEvent, titleKey } from './stories.ts';
import type { CompanyStory, ProspectEvent, ProspectRecord, StoryVerdict } from './model.ts';
import { withoutUndefined } from '../core/objects.ts';

const MAX_EVENTS = 50;
const MAX_SOURCES = 10;
const MAX_ALIASES = 10;
/**
 * DynamoDB refuses items over 400 KB, and a refused write would lose the company's news: a record is
 * kept under this many bytes (of its JSON, close to DynamoDB's own count) by dropping its oldest events.
 */
export const MAX_RECORD_BYTES = 200_000;
/** An event stops taking sources past this many bytes of them (its first source is always kept). */
export const MAX_EVENT_SOURCE_BYTES = 8_000;
const MAX_NAME_CHARS = 200;
/** A story within this many days of an earlier one about the same event is a repeat, not news. */
export const REPEAT_WINDOW_DAYS = 14;

export interface ProspectUpdate {
  record: ProspectRecord;
  verdicts: Map<string, StoryVerdict>;
}

const stageIndex = (stage: IpoStage) => ipoStages.indexOf(stage);

/**
 * Applies a company's stories of one run to its record. Idempotent: applying the same stories again
 * (a re-run, a concurrent run) gives the same record and the same verdicts, because a verdict looks
 * only at events filed before `businessDate` and at the story's own id.
 */
export function applyStories(existing: ProspectRecord | undefined, stories: CompanyStory[], businessDate: IsoDate): ProspectUpdate {
  const first = stories[0];
  if (!first) throw new Error('applyStories needs at least one story');
  const record: ProspectRecord = existing
    ? structuredClone(existing)
    : { companyKey: first.companyKey, name: first.company.slice(0, MAX_NAME_CHARS), aliases: [], firstSeenOn: businessDate, lastSeenOn: businessDate, events: [], version: 0 };
  const earlier = record.events.filter((event) => event.on < businessDate);
  const verdicts = new Map<string, StoryVerdict>();

  for (const story of stories) {
    const same = record.events.find((event) => event.storyId === story.storyId);
    const repeatOf = same ? undefined : earlier.find((event) => isRepeat(event, story, businessDate));
    if (repeatOf) {
      addSources(repeatOf, story);
      verdicts.set(story.storyId, { kind: 'repeat', of: repeatOf.storyId });
    } else {
      if (same) addSources(same, story);
      else record.events.push(toEvent(story, businessDate));
      verdicts.set(story.storyId, reportVerdict(earlier, story, record.firstSeenOn, businessDate));
    }
    const alias = story.company.slice(0, MAX_NAME_CHARS);
    if (alias !== record.name && !record.aliases.includes(alias) && record.aliases.length < MAX_ALIASES) {
      record.aliases.push(alias);
    }
  }

  // Oldest first, this run's stories in their given order: a re-run that restores events trimmed by the
  // size budget puts them back in the same place, and trimming gives the same record again.
  const position = new Map(stories.map((story, index) => [story.storyId, index]));
  record.events.sort((a, b) => a.on.localeCompare(b.on) || (position.get(a.storyId) ?? -1) - (position.get(b.storyId) ?? -1));
  record.events = record.events.slice(-MAX_EVENTS);
  fitInItemLimit(record);
  record.lastSeenOn = record.lastSeenOn > businessDate ? record.lastSeenOn : businessDate;
  record.firstSeenOn = record.firstSeenOn < businessDate ? record.firstSeenOn : businessDate;
  for (const event of record.events) {
    if (event.stage && (!record.latestStage || stageIndex(event.stage) > stageIndex(record.latestStage))) {
      record.latestStage = event.stage;
      record.latestStageOn = event.on;
    }
  }
  return { record, verdicts };
}

function reportVerdict(earlier: ProspectEvent[], story: CompanyStory, firstSeenOn: IsoDate, businessDate: IsoDate): StoryVerdict {
  const knownSince = firstSeenOn < businessDate && earlier.length > 0 ? firstSeenOn : undefined;
  const stage = story.primary.type === 'ipo' ? story.primary.stage : undefined;
  if (!stage) return { kind: 'report', knownSince };
  const before = earlier
    .map((event) => event.stage)
    .filter((s): s is IpoStage => Boolean(s))
    .sort((a, b) => stageIndex(b) - stageIndex(a))[0];
  const escalation = before && stageIndex(stage) > stageIndex(before) ? { from: before, to: stage } : undefined;
  return { kind: 'report', escalation, knownSince };
}

/** The same event from another outlet, within the repeat window (see isSameEvent). */
function isRepeat(event: ProspectEvent, story: CompanyStory, businessDate: IsoDate): boolean {
  if (daysBetween(event.on, businessDate) > REPEAT_WINDOW_DAYS) return false;
  return isSameEvent(
    { type: event.type, stage: event.stage, titleKey: titleKey(event.title) },
    { type: story.primary.type, stage: story.primary.stage, titleKey: titleKey(story.title) },
    story.companyKey,
  );
}

function toEvent(story: CompanyStory, businessDate: IsoDate): ProspectEvent {
  const event: ProspectEvent = {
    storyId: story.storyId,
    on: businessDate,
    type: story.primary.type,
    stage: story.primary.stage,
    title: story.title.slice(0, MAX_TITLE_CHARS),
    sources: [],
  };
  addSources(event, story);
  return event;
}

function addSources(event: ProspectEvent, story: CompanyStory): void {
  let bytes = byteSize(event.sources);
  for (const source of story.sources) {
    // A link too long to keep is dropped, not cut: a cut link leads nowhere.
    const link = source.link && source.link.length <= MAX_LINK_CHARS ? source.link : undefined;
    const feedName = source.feedName.slice(0, MAX_NAME_CHARS);
    const known = event.sources.some((s) => (s.link && s.link === link) || (!s.link && s.feedName === feedName));
    if (known || event.sources.length >= MAX_SOURCES) continue;
    const kept = withoutUndefined({ feedName, link, published: source.published });
    const size = byteSize(kept);
    if (event.sources.length > 0 && bytes + size > MAX_EVENT_SOURCE_BYTES) continue;
    event.sources.push(kept);
    bytes += size;
  }
}

/** Drops the oldest events until the record fits MAX_RECORD_BYTES (the newest is always kept). */
function fitInItemLimit(record: ProspectRecord): void {
  let size = byteSize(record);
  while (size > MAX_RECORD_BYTES && record.events.length > 1) {
    size -= byteSize(record.events.shift()) + 1;
  }
}

/** UTF-8 bytes of a value's JSON: DynamoDB counts names and values in UTF-8, so this is a close, slightly high, estimate. */
export function byteSize(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '');
}
