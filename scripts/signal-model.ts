// The measured-and-not-shipped alternative: a linear model over words, character pairs and rule hits on top of the rules.
import { classify, ruleIdsOf } from '../lambdas/prospect-scan/signals/classify.ts';
import type { ClassifyInput, Signal, SignalType } from '../lambdas/prospect-scan/signals/types.ts';
import type { RealExample } from './eval-signals.ts';
import { random } from './seeded-random.ts';

/** The types the model decides; contract, bond and new_entity are not labelled in the real set. */
const modelTypes = ['ipo', 'funding', 'm_and_a', 'expansion', 'leadership', 'risk'] as const satisfies readonly SignalType[];

/** Fixed settings, so that the same data always gives the same model. */
export const modelSettings = { seed: 20261201, epochs: 12, learningRate: 0.3, l2: 1e-3, folds: 5, minPrecision: { ipo: 0.95, other: 0.85 } } as const;

const cjkRun = /[\u3400-\u9fff]+/g;
const latinWord = /[a-z0-9$€£¥][a-z0-9$€£¥&.'’-]*/g;

/** Words and word pairs (Latin), character pairs (Chinese) and the ids of the rules that fire. */
export function featuresOf(input: ClassifyInput): string[] {
  const lower = input.title.toLowerCase();
  const names = new Set<string>();
  const words = [...lower.matchAll(latinWord)].map((match) => match[0].replace(/[.'’-]+$/, '').replace(/\d/g, '0')).filter(Boolean);
  words.forEach((word, i) => {
    names.add(`w:${word}`);
    if (words[i + 1]) names.add(`b:${word} ${words[i + 1]}`);
  });
  for (const match of lower.matchAll(cjkRun)) for (let i = 0; i + 1 < match[0].length; i += 1) names.add(`c2:${match[0].slice(i, i + 2)}`);
  for (const id of ruleIdsOf(input.title, input.lang)) names.add(`r:${id}`);
  return [...names];
}


interface Row { names: string[]; labels: number[]; ruleTypes: Set<string> }
interface Linear { bias: number[]; weights: Map<string, number[]> }

function rowOf(example: RealExample): Row {
  return {
    names: featuresOf(example),
    labels: modelTypes.map((type) => (example.expected.some((signal) => signal.type === type) ? 1 : 0)),
    ruleTypes: new Set(classify(example).map((signal) => signal.type as string)),
  };
}

/** Logistic regression per type (AdaGrad, L2), positives weighted up by the square root of the class imbalance. */
function fit(rows: readonly Row[], seed: number): Linear {
  const width = modelTypes.length;
  const weights = new Map<string, number[]>();
  const squares = new Map<string, number[]>();
  const bias = new Array<number>(width).fill(0);
  const biasSquares = new Array<number>(width).fill(1e-8);
  const positiveWeight = modelTypes.map((_, k) => {
    const positives = rows.filter((row) => row.labels[k] === 1).length;
    return Math.sqrt(Math.max(1, rows.length - positives) / Math.max(1, positives));
  });
  const order = rows.map((_, i) => i);
  const next = random(seed);
  for (let epoch = 0; epoch < modelSettings.epochs; epoch += 1) {
    for (let i = order.length - 1; i > 0; i -= 1) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const index of order) {
      const row = rows[index]!;
      for (let k = 0; k < width; k += 1) {
        let sum = bias[k]!;
        for (const name of row.names) sum += weights.get(name)?.[k] ?? 0;
        const label = row.labels[k]!;
        const gradient = (1 / (1 + Math.exp(-sum)) - label) * (label === 1 ? positiveWeight[k]! : 1);
        biasSquares[k]! += gradient * gradient;
        bias[k]! -= (modelSettings.learningRate * gradient) / Math.sqrt(biasSquares[k]!);
        for (const name of row.names) {
          if (!weights.has(name)) {
            weights.set(name, new Array<number>(width).fill(0));
            squares.set(name, new Array<number>(width).fill(1e-8));
          }
          const weight = weights.get(name)!;
          const square = squares.get(name)!;
          const g = gradient + modelSettings.l2 * weight[k]!;
          square[k]! += g * g;
          weight[k]! -= (modelSettings.learningRate * g) / Math.sqrt(square[k]!);
        }
      }
    }
  }
  return { bias, weights };
}

function probabilities(model: Linear, names: readonly string[]): number[] {
  return model.bias.map((b, k) => 1 / (1 + Math.exp(-names.reduce((sum, name) => sum + (model.weights.get(name)?.[k] ?? 0), b))));
}

/**
 * Per type, `keep` (a rule's signal stands when the model gives at least this) and `add` (the model adds a type no
 * rule found): the pair with the best out-of-fold F1 among those meeting the precision floor.
 */
function thresholds(rows: readonly Row[], outOfFold: number[][]): { keep: number[]; add: number[] } {
  const keep: number[] = [];
  const add: number[] = [];
  modelTypes.forEach((type, k) => {
    const floor = type === 'ipo' ? modelSettings.minPrecision.ipo : modelSettings.minPrecision.other;
    let best = { keep: 0, add: 2, f1: -1 };
    for (const keepAt of [0, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5]) {
      for (const addAt of [0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 2]) {
        let tp = 0;
        let fp = 0;
        let fn = 0;
        rows.forEach((row, i) => {
          const probability = outOfFold[i]![k]!;
          const fires = row.ruleTypes.has(type) ? probability >= keepAt : probability >= addAt;
          if (fires && row.labels[k]) tp += 1;
          else if (fires) fp += 1;
          else if (row.labels[k]) fn += 1;
        });
        const f1 = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
        if ((tp + fp === 0 || tp / (tp + fp) >= floor) && f1 > best.f1 + 1e-9) best = { keep: keepAt, add: addAt, f1 };
      }
    }
    keep.push(best.keep);
    add.push(best.add);
  });
  return { keep, add };
}

export interface ModelReport { features: number; keep: number[]; add: number[]; classifier: (input: ClassifyInput) => Signal[] }

/**
 * Fits the model on the given (dev) headlines: thresholds from 5-fold cross-validation, then one fit on all of them.
 * The returned classifier is the rules, with each rule signal kept or dropped and model-only signals added.
 */
export function trainModel(examples: readonly RealExample[]): ModelReport {
  const rows = examples.map(rowOf);
  const outOfFold: number[][] = rows.map(() => []);
  for (let fold = 0; fold < modelSettings.folds; fold += 1) {
    const model = fit(rows.filter((_, i) => i % modelSettings.folds !== fold), modelSettings.seed + fold);
    rows.forEach((row, i) => {
      if (i % modelSettings.folds === fold) outOfFold[i] = probabilities(model, row.names);
    });
  }
  const { keep, add } = thresholds(rows, outOfFold);
  const model = fit(rows, modelSettings.seed);
  const classifier = (input: ClassifyInput): Signal[] => {
    const byRules = classify(input);
    const probability = probabilities(model, featuresOf(input));
    const kept = byRules.filter((signal) => {
      const k = (modelTypes as readonly string[]).indexOf(signal.type);
      return k < 0 || probability[k]! >= keep[k]!;
    });
    modelTypes.forEach((type, k) => {
      if (!byRules.some((signal) => signal.type === type) && probability[k]! >= add[k]!) {
        kept.push({ type, ...(type === 'ipo' ? { stage: 'preparing' as const } : {}), confidence: Math.round(probability[k]! * 100) / 100, rule: `model.${type}` });
      }
    });
    return kept;
  };
  return { features: model.weights.size, keep, add, classifier };
}
