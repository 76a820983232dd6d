// Builders shared by the prospect-scan unit tests: feed items, stories and RMs with sensible defaults.
import type { FeedItem } from '../../../lambdas/prospect-scan/feeds/types.ts';
import type { Signal } from '../../../lambdas/prospect-scan/signals/types.ts';
import { classifyItems, groupIntoStories } from '../../../lambdas/prospect-scan/stories.ts';
import { isCompanyStory, type Classifier, type CompanyStory, type Story } from '../../../lambdas/prospect-scan/model.ts';
import { rm as rmSchema, type Rm } from '../../../lambdas/core/model.ts';

export function feedItem(overrides: Partial<FeedItem> = {}): FeedItem {
  return {
    feedId: 'feed-a',
    feedName: '钢铁日报',
    title: '沪上钢联冲刺IPO 已完成辅导备案',
    summary: '',
    link: `https://news.example/${Math.random().toString(36).slice(2)}`,
    published: '2026-11-19T01:00:00.000Z',
    lang: 'zh',
    industries: [],
    ...overrides,
  };
}

/** A classifier that returns fixed signals per title, so the tests do not depend on the real rules. */
export function fixedClassifier(byTitle: Record<string, Signal[]>): Classifier {
  return (input) => byTitle[input.title] ?? [];
}

export function ipo(stage: Signal['stage'], company: string, confidence = 0.9): Signal {
  return { type: 'ipo', stage, company, confidence, rule: `test.ipo.${stage}` };
}

export function signal(type: Signal['type'], company: string | undefined, confidence = 0.9): Signal {
  return { type, company, confidence, rule: `test.${type}` };
}

/** One story from one item with the given signals. */
export function story(item: Partial<FeedItem>, signals: Signal[]): Story {
  const built = feedItem(item);
  const [only, ...more] = groupIntoStories(classifyItems([built], () => signals, 0));
  if (!only || more.length > 0) throw new Error('expected one story');
  return only;
}

/** One story about a named company (what the job files), from one item with the given signals. */
export function companyStory(item: Partial<FeedItem>, signals: Signal[]): CompanyStory {
  const built = story(item, signals);
  if (!isCompanyStory(built)) throw new Error('expected a story about a company');
  return built;
}

export function rm(overrides: Partial<Rm> & { rmId: string }): Rm {
  return rmSchema.parse({ name: overrides.rmId, email: `${overrides.rmId}@bank.example`, locale: 'zh-CN', ...overrides });
}
