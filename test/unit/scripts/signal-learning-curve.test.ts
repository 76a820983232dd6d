// The learning-curve script (docs/signals.md, "What more data would buy") on rows built here, so its arithmetic is checked
// without the real set.
import { describe, expect, it } from 'vitest';
import { learnedTypes } from '../../../lambdas/prospect-scan/signals/learned.ts';
import { learningCurve } from '../../../scripts/signal-learning-curve.ts';
import type { Row } from '../../../scripts/signal-model.ts';

const mergerIndex = learnedTypes.indexOf('m_and_a');

/** Every third row is a merger (folds go by row number modulo 5, so each fold has some), said with one of two words; the rest are neutral with filler words. */
function rows(count: number): Row[] {
  return Array.from({ length: count }, (_, i) => {
    const merger = i % 3 === 0;
    const names = merger ? [i % 2 === 0 ? 'w:acquires' : 'w:merges', `w:filler${i % 7}`] : [`w:filler${i % 7}`, `w:other${i % 3}`];
    return { names, labels: learnedTypes.map((_, k) => (merger && k === mergerIndex ? 1 : 0)), ruleTypes: new Set<string>() };
  });
}

describe('learningCurve', () => {
  it('fits on the given share of each training fold and scores every line out of fold', () => {
    const points = learningCurve(rows(500), [0.5, 1]);
    expect(points.map((point) => point.trainingLines)).toEqual([200, 400]);
    expect(points[1]!.f1.m_and_a).toBe(1);
    // No other type has a positive line, so none can score.
    expect(points[1]!.f1.funding).toBe(0);
    expect(points[1]!.otherMacroF1).toBeCloseTo(1 / 5, 6);
  });
});
