// Rule keywords are a cheap prefilter: every text a rule's pattern matches must contain one of its keywords.
import { describe, expect, it } from 'vitest';
import { readReal } from '../../../../scripts/eval-signals.ts';
import { normaliseChinese } from '../../../../lambdas/prospect-scan/signals/classify.ts';
import { enRules, zhRules } from '../../../../lambdas/prospect-scan/signals/rules.ts';

const titles = readReal().map((example) => normaliseChinese(example.title));

describe('rule keywords', () => {
  it('are lower-case, so that the case-insensitive scan finds them by their lower-cased match', () => {
    for (const rule of [...enRules, ...zhRules]) {
      for (const word of rule.keywords ?? []) expect(word, rule.id).toBe(word.toLowerCase());
    }
  });

  it('occur in every real headline a rule matches: the prefilter never hides a match', () => {
    for (const rule of [...enRules, ...zhRules]) {
      if (!rule.keywords) continue;
      for (const title of titles.filter((text) => rule.pattern.test(text))) {
        expect(rule.keywords.some((word) => title.toLowerCase().includes(word)), `${rule.id}: ${title}`).toBe(true);
      }
    }
  });
});
