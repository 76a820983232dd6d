// Runs the labelled evaluation sets (development and held-out) and asserts the precision/recall targets of issue 3.
import { describe, expect, it } from 'vitest';
import { evaluate, evaluationSets, missedTargets, readLabelled, type LabelledExample } from '../../../../scripts/eval-signals.ts';
import { ipoStages, signalTypes } from '../../../../lambdas/prospect-scan/signals/types.ts';

describe('signal evaluation', () => {
  for (const [name, path] of Object.entries(evaluationSets)) {
    it(`meets the targets on the ${name} set`, () => {
      const evaluation = evaluate(readLabelled(path));
      expect(missedTargets(evaluation)).toEqual([]);
      expect(evaluation.ipoStage.accuracy).toBeGreaterThanOrEqual(0.9);
    });
  }

  it('the sets are large, cover every type and stage, and hold many hard negatives', () => {
    const labelled = readLabelled(evaluationSets.labelled);
    const holdout = readLabelled(evaluationSets.holdout);
    expect(labelled.length).toBeGreaterThanOrEqual(300);
    expect(holdout.length / (labelled.length + holdout.length)).toBeGreaterThan(0.25);
    for (const set of [labelled, holdout]) {
      const expected = set.flatMap((example) => example.expected);
      for (const type of signalTypes) expect(expected.some((signal) => signal.type === type)).toBe(true);
      for (const stage of ipoStages) expect(expected.some((signal) => signal.stage === stage)).toBe(true);
      expect(set.filter((example) => example.expected.length === 0).length).toBeGreaterThanOrEqual(30);
      expect(set.some((example) => /[遞聆訊劃發]/.test(example.title))).toBe(true);
      expect(set.some((example) => example.lang === 'en')).toBe(true);
    }
  });

  it('counts a signal on a hard negative as a false prospect', () => {
    const examples: LabelledExample[] = [{ title: 'Acme Steel Corp files for IPO', lang: 'en', expected: [] }];
    const evaluation = evaluate(examples);
    expect(evaluation.hardNegatives).toMatchObject({ total: 1, falseProspects: 1, rate: 1 });
    expect(missedTargets(evaluation).join('\n')).toMatch(/ipo precision 0\.000.*\n.*hard-negative/s);
  });
});
