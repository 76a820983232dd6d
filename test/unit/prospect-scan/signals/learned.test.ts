// The learned layer over the rules: its features, scores and verdicts, how the classifier uses it, and that the shipped
// weights are what the training script makes from the dev split.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyByRules, createClassifier, modelFeaturesOf, ruleIdsOf, shippedModel } from '../../../../lambdas/prospect-scan/signals/classify.ts';
import { additionsOf, compileModel, encodeWeights, featuresOf, keeps, learnedTypes, probabilitiesOf, scoreOf, strongestFeatures, weightsOf, type LearnedModelData } from '../../../../lambdas/prospect-scan/signals/learned.ts';
import { readReal } from '../../../../scripts/eval-signals.ts';
import { formatModel, shippedModelPath, trainShippedModel } from '../../../../scripts/train-signals.ts';

/** A model that knows a few features and adds nothing unless told to (add above 1 means never). */
function toyModel(weights: Record<string, Partial<Record<(typeof learnedTypes)[number], number>>>, settings: Partial<Pick<LearnedModelData, 'keep' | 'add'>> = {}) {
  return compileModel({
    fittedOn: 'a test',
    bias: learnedTypes.map(() => -4),
    keep: settings.keep ?? learnedTypes.map(() => 0),
    add: settings.add ?? learnedTypes.map(() => 0.9),
    features: Object.keys(weights).join('\n'),
    weights: encodeWeights(Object.values(weights).map((byType) => learnedTypes.map((type) => byType[type] ?? 0))),
  });
}

describe('featuresOf', () => {
  it('reads words with digits as 0, adjacent word pairs, Chinese character pairs and rule ids, each once', () => {
    expect(featuresOf('Acme cuts 1200 jobs; Acme cuts', ['en.risk.jobs'])).toEqual([
      'w:acme', 'w:cuts', 'b:acme cuts', 'w:0000', 'b:cuts 0000', 'w:jobs', 'b:0000 jobs', 'b:jobs acme', 'r:en.risk.jobs',
    ]);
    expect(featuresOf('华东钢贸裁员', [])).toEqual(['c2:华东', 'c2:东钢', 'c2:钢贸', 'c2:贸裁', 'c2:裁员']);
  });

  it('reads Traditional Chinese as Simplified, so both scripts share the weights', () => {
    expect(modelFeaturesOf('華東鋼貿裁員')).toEqual(modelFeaturesOf('华东钢贸裁员'));
  });
});

describe('probabilities and verdicts', () => {
  const model = toyModel({ 'w:layoffs': { risk: 8 }, 'w:spin': { risk: 1, m_and_a: 2 } }, { keep: learnedTypes.map((type) => (type === 'm_and_a' ? 0.5 : 0)) });

  it('scores each type from the bias and the weights of the features present', () => {
    const [ipo, , mAndA, , , risk] = scoreOf(model, 'layoffs unknown', []);
    expect(risk).toBeCloseTo(1 / (1 + Math.exp(-4)), 6);
    expect(ipo).toBeCloseTo(1 / (1 + Math.exp(4)), 6);
    expect(mAndA).toBeCloseTo(ipo!, 6);
  });

  it('adds a type no rule found when the model is sure, and drops a rule signal it is sure is wrong', () => {
    const sure = scoreOf(model, 'layoffs spin', []);
    expect(additionsOf(model, sure, [{ type: 'm_and_a' }]).map((added) => added.type)).toEqual(['risk']);
    expect(keeps(model, sure, 'm_and_a')).toBe(false);
    expect(keeps(model, sure, 'contract')).toBe(true);
    const unsure = scoreOf(model, 'spin', []);
    expect(additionsOf(model, unsure, [{ type: 'risk' }])).toEqual([]);
    expect(keeps(model, unsure, 'risk')).toBe(true);
  });

  it('explains a type with the features that weighed most for it', () => {
    expect(strongestFeatures(model, ['w:spin', 'w:layoffs', 'w:unknown'], 'risk')).toEqual(['w:layoffs', 'w:spin']);
    expect(strongestFeatures(model, ['w:layoffs'], 'funding')).toEqual([]);
  });
});

describe('the classifier with a model', () => {
  // A made-up word no rule knows, so that only the model can find the type.
  const title = 'Northwind Traders weighs zorblat at its plants';
  const model = toyModel({ 'w:zorblat': { risk: 8 }, 'b:weighs zorblat': { risk: 1 } });

  it('adds the model type with the rule model.<type>, the features that made it and the subject as company', () => {
    expect(classifyByRules({ title }).some((signal) => signal.type === 'risk')).toBe(false);
    const risk = createClassifier(model)({ title }).find((signal) => signal.type === 'risk');
    expect(risk).toMatchObject({ rule: 'model.risk', company: 'Northwind Traders', because: ['w:zorblat', 'b:weighs zorblat'] });
    expect(risk!.confidence).toBeGreaterThan(0.9);
  });

  it('never adds a signal to commentary, and never an IPO (only a rule gives a stage)', () => {
    expect(createClassifier(model)({ title: `Opinion: ${title}` })).toEqual([]);
    // Even a model sure of an IPO, with an add threshold that lets it, adds none.
    const ipoModel = toyModel({ 'w:zorblat': { ipo: 20 } });
    expect(createClassifier(ipoModel)({ title })).toEqual([]);
  });

  it('keeps the rule signals it does not overrule, and drops those below their keep threshold', () => {
    const ipoTitle = 'Northwind Traders files for IPO on Nasdaq';
    expect(createClassifier(model)({ title: ipoTitle })).toEqual(classifyByRules({ title: ipoTitle }));
    const doubting = toyModel({}, { keep: learnedTypes.map((type) => (type === 'ipo' ? 0.5 : 0)) });
    expect(classifyByRules({ title: ipoTitle }).map((signal) => signal.type)).toContain('ipo');
    expect(createClassifier(doubting)({ title: ipoTitle }).map((signal) => signal.type)).not.toContain('ipo');
  });

  it('reads the summary when the headline\'s rules found nothing, whatever the model adds, and lets a veto stand over it', () => {
    const summary = 'Northwind Traders files for IPO on Nasdaq.';
    const types = createClassifier(model)({ title, summary }).map((signal) => `${signal.type}:${signal.rule}`);
    expect(types).toContain('risk:model.risk');
    expect(types.some((type) => type.startsWith('ipo:en.ipo.'))).toBe(true);
    const doubting = toyModel({}, { keep: learnedTypes.map((type) => (type === 'ipo' ? 0.5 : 0)) });
    expect(createClassifier(doubting)({ title: summary, summary })).toEqual([]);
  });
});

describe('the shipped model', () => {
  it('is what `npm run train:signals` fits on the dev split (retrain after changing a rule: rule ids are features)', () => {
    expect(readFileSync(shippedModelPath, 'utf8')).toBe(formatModel(trainShippedModel()));
  }, 60_000);
});

describe('scoreOf', () => {
  it('gives what probabilitiesOf gives on the named features, for every headline of the real set', () => {
    for (const { title, lang } of readReal()) {
      const ids = ruleIdsOf(title, lang);
      const expected = probabilitiesOf({ bias: shippedModel.bias, weights: weightsOf(shippedModel) }, featuresOf(title, ids));
      // Sums of thousandths as integers against sums of doubles: equal to the last few bits.
      scoreOf(shippedModel, title, ids).forEach((probability, k) => expect(probability, title).toBeCloseTo(expected[k]!, 12));
    }
  });
});
