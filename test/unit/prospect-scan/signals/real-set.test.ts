// The real headline set (test/fixtures/signals/real-headlines.jsonl): its shape, its split, and what the evaluation counts.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { evaluateReal, missedRealTargets, prospectTypes, readReal, type RealExample } from '../../../../scripts/eval-signals.ts';
import { classifyByRules } from '../../../../lambdas/prospect-scan/signals/classify.ts';
import { ipoStages } from '../../../../lambdas/prospect-scan/signals/types.ts';

const real = readReal();

describe('real headline set', () => {
  it('holds at least 2,000 distinct headlines in English and Chinese, each with its source, date and split', () => {
    expect(real.length).toBeGreaterThanOrEqual(2000);
    expect(new Set(real.map((example) => example.title)).size).toBe(real.length);
    expect(real.filter((example) => example.lang === 'zh').length).toBeGreaterThanOrEqual(400);
    expect(real.filter((example) => example.lang === 'en').length).toBeGreaterThanOrEqual(1000);
    for (const example of real) {
      expect(example.source, example.title).toMatch(/\S/);
      expect(example.date, example.title).toMatch(/^\d{4}(-\d{2}(-\d{2})?|\.\.\d{4})?$/);
      expect(['dev', 'test']).toContain(example.split);
    }
  });

  it('labels all seven labels, IPO stages and companies', () => {
    const expected = real.flatMap((example) => example.expected);
    for (const type of prospectTypes) expect(expected.filter((signal) => signal.type === type).length, type).toBeGreaterThanOrEqual(20);
    expect(real.filter((example) => example.expected.length === 0).length).toBeGreaterThanOrEqual(1000);
    for (const signal of expected.filter((signal) => signal.type === 'ipo')) expect(ipoStages).toContain(signal.stage);
    expect(expected.filter((signal) => signal.type === 'ipo' && signal.company).length).toBeGreaterThanOrEqual(80);
  });

  it('splits by a hash of the title, so a headline never changes side', () => {
    for (const example of real) {
      const bucket = Number.parseInt(createHash('sha256').update(`rm-radar-signals-v1:${example.title}`).digest('hex').slice(0, 8), 16) % 10;
      expect(example.split, example.title).toBe(bucket < 3 ? 'test' : 'dev');
    }
    const test = real.filter((example) => example.split === 'test').length / real.length;
    expect(test).toBeGreaterThan(0.25);
    expect(test).toBeLessThan(0.35);
  });
});

describe('evaluateReal', () => {
  const example = (title: string, expected: RealExample['expected'], lang: 'en' | 'zh' = 'en'): RealExample => ({ title, lang, expected, source: 'test', date: '2024-01-01', split: 'test' });

  it('counts a neutral headline given a type as flagged, and a missed company and stage', () => {
    const evaluation = evaluateReal([
      example('Acme Steel Corp files for IPO', []),
      example('Shares of Acme Steel rose 3% on Tuesday', []),
      example('Acme Steel Corp files for IPO on Nasdaq', [{ type: 'ipo', stage: 'listed', company: 'Someone Else' }]),
    ]);
    expect(evaluation.neutral).toMatchObject({ total: 2, flagged: 1, rate: 0.5 });
    expect(evaluation.ipoStage).toMatchObject({ total: 1, correct: 0 });
    expect(evaluation.ipoCompany).toMatchObject({ total: 1, correct: 0 });
    const ipo = evaluation.perType.find((score) => score.type === 'ipo' && score.lang === 'all')!;
    expect(ipo).toMatchObject({ tp: 1, fp: 1, fn: 0 });
    const missed = missedRealTargets(evaluation).join('\n');
    expect(missed).toMatch(/ipo precision 0\.500/);
    expect(missed).toMatch(/neutral/);
    expect(missed).toMatch(/company/);
  });

  it('scores each language on its own', () => {
    const evaluation = evaluateReal([
      example('Acme Steel Corp files for IPO', [{ type: 'ipo', stage: 'filed', company: 'Acme Steel Corp' }]),
      example('华东钢贸有限公司股价今日小幅上涨', [{ type: 'risk', company: '华东钢贸有限公司' }], 'zh'),
    ]);
    const score = (type: string, lang: string) => evaluation.perType.find((entry) => entry.type === type && entry.lang === lang)!;
    expect(score('ipo', 'en')).toMatchObject({ tp: 1, fp: 0, fn: 0 });
    expect(score('risk', 'zh')).toMatchObject({ tp: 0, fn: 1 });
    expect(score('risk', 'en')).toMatchObject({ tp: 0, fp: 0, fn: 0 });
    expect(evaluation.ipoCompany).toMatchObject({ total: 1, correct: 1 });
  });

  it('the rules fall back on none of the held-back figures', () => {
    // Since the sixth round (rules from the dev mistakes of every batch, 3,729 held-back headlines): IPO precision 0.962, recall
    // 0.844, macro F1 0.690, 88 of 3,074 neutral headlines flagged (2.86 %), company 63 of 87. These floors are where the rules
    // stand (docs/signals.md), so a change that makes any of them worse fails; eval:signals reports every missed goal and exits 1.
    const evaluation = evaluateReal(real.filter((entry) => entry.split === 'test'), classifyByRules);
    const ipo = evaluation.perType.find((score) => score.type === 'ipo' && score.lang === 'all')!;
    expect(ipo.precision).toBeGreaterThanOrEqual(0.96);
    expect(evaluation.neutral.flagged).toBeLessThanOrEqual(88);
    expect(ipo.recall).toBeGreaterThanOrEqual(0.84);
    expect(evaluation.otherMacroF1).toBeGreaterThanOrEqual(0.689);
    expect(evaluation.ipoCompany.accuracy).toBeGreaterThanOrEqual(0.72);
  });

  it('the shipped classifier (rules and learned layer) falls back on none of the held-back figures', () => {
    // The learned layer, fitted on dev only, adds funding and expansion signals: macro F1 0.694 against 0.690, one more neutral headline.
    const evaluation = evaluateReal(real.filter((entry) => entry.split === 'test'));
    const ipo = evaluation.perType.find((score) => score.type === 'ipo' && score.lang === 'all')!;
    expect(ipo.precision).toBeGreaterThanOrEqual(0.96);
    expect(ipo.recall).toBeGreaterThanOrEqual(0.84);
    expect(evaluation.neutral.flagged).toBeLessThanOrEqual(89);
    expect(evaluation.otherMacroF1).toBeGreaterThanOrEqual(0.693);
    expect(evaluation.ipoCompany.accuracy).toBeGreaterThanOrEqual(0.72);
  });
});
