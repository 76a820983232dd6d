// A digest entry as prospect-scan files it, for tests that store news for an RM: defaults for every field, overridable.
import { digestEntry, type DigestEntry } from '../../lambdas/prospect-scan/model.ts';

/** A story filed for an RM on `foundOn`, an "other" expansion story unless `fields` say otherwise. */
export const filedStory = (rmId: string, storyId: string, foundOn: string, fields: Partial<DigestEntry> = {}): DigestEntry =>
  digestEntry.parse({
    rmId,
    foundOn,
    storyId,
    category: 'other',
    company: 'Nanhai Robotics',
    companyKey: 'nanhai robotics',
    reasons: [{ kind: 'industry', industry: 'manufacturing', keyword: 'robot' }],
    primary: { type: 'expansion' },
    signals: [{ type: 'expansion', rule: 'en.expansion.plant', confidence: 0.8 }],
    title: 'Nanhai Robotics to build a second plant',
    summary: '',
    sources: [{ feedName: 'Wire', link: 'https://news.example/nanhai' }],
    ...fields,
  });
