// Fits the learned layer over the rules (lambdas/prospect-scan/signals/learned.ts) on the dev split of the real headline set.
// `npm run train:signals` writes learned-model.json; the same data and settings always give the same file.
import { classifyByRules, modelFeaturesOf } from '../lambdas/prospect-scan/signals/classify.ts';
import { encodeWeights, learnedTypes, probabilitiesOf, weightScale, type LearnedModelData } from '../lambdas/prospect-scan/signals/learned.ts';
import type { RealExample } from './eval-signals.ts';
import { random } from './seeded-random.ts';

/** Fixed settings, so that the same data always gives the same model. */
export const modelSettings = {
  seed: 20261201,
  epochs: 12,
  learningRate: 0.3,
  l2: 1e-3,
  folds: 5,
  minPrecision: { ipo: 0.95, other: 0.85 },
  /** Features seen in fewer dev headlines are left out: they cannot generalise and would only make the file big. */
  minCount: 2,
} as const;

export interface Row { names: string[]; labels: number[]; ruleTypes: Set<string> }
interface Linear { bias: number[]; weights: Map<string, number[]> }

export function rowOf(example: RealExample, names: string[] = modelFeaturesOf(example.title, example.lang)): Row {
  return {
    names,
    labels: learnedTypes.map((type) => (example.expected.some((signal) => signal.type === type) ? 1 : 0)),
    ruleTypes: new Set(classifyByRules(example).map((signal) => signal.type as string)),
  };
}

/** Keeps only the features seen in at least `minCount` rows (the count is over the rows being fitted). */
export function commonFeatures(rows: readonly Row[]): Row[] {
  const counts = new Map<string, number>();
  for (const row of rows) for (const name of row.names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return rows.map((row) => ({ ...row, names: row.names.filter((name) => counts.get(name)! >= modelSettings.minCount) }));
}

/** Logistic regression per type (AdaGrad, L2), positives weighted up by the square root of the class imbalance. */
export function fit(rows: readonly Row[], seed: number): Linear {
  const width = learnedTypes.length;
  const weights = new Map<string, number[]>();
  const squares = new Map<string, number[]>();
  const bias = new Array<number>(width).fill(0);
  const biasSquares = new Array<number>(width).fill(1e-8);
  const positiveWeight = learnedTypes.map((_, k) => {
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

/**
 * Per type, `keep` (a rule's signal stands when the model gives at least this) and `add` (the model adds a type no
 * rule found): the pair with the best out-of-fold F1 among those meeting the precision floor.
 */
function thresholds(rows: readonly Row[], outOfFold: number[][]): { keep: number[]; add: number[] } {
  const keep: number[] = [];
  const add: number[] = [];
  learnedTypes.forEach((type, k) => {
    const floor = type === 'ipo' ? modelSettings.minPrecision.ipo : modelSettings.minPrecision.other;
    let best = { keep: 0, add: 2, f1: -1 };
    for (const keepAt of [0, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5]) {
      // An IPO signal needs a stage, which only a rule gives: the model may drop an IPO signal but never adds one.
      for (const addAt of type === 'ipo' ? [2] : [0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 2]) {
        let tp = 0;
        let fp = 0;
        let fn = 0;
        let addedTp = 0;
        let addedFp = 0;
        rows.forEach((row, i) => {
          const probability = outOfFold[i]![k]!;
          const byRule = row.ruleTypes.has(type);
          const fires = byRule ? probability >= keepAt : probability >= addAt;
          if (fires && row.labels[k]) tp += 1;
          else if (fires) fp += 1;
          else if (row.labels[k]) fn += 1;
          if (fires && !byRule && row.labels[k]) addedTp += 1;
          else if (fires && !byRule) addedFp += 1;
        });
        const f1 = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
        // The floor holds for the type and for the model's additions alone: the rules were written from these dev lines,
        // so their near-perfect dev precision would otherwise let additions of any precision through.
        const meetsFloor = (hits: number, misses: number) => hits + misses === 0 || hits / (hits + misses) >= floor;
        if (meetsFloor(tp, fp) && meetsFloor(addedTp, addedFp) && f1 > best.f1 + 1e-9) best = { keep: keepAt, add: addAt, f1 };
      }
    }
    keep.push(best.keep);
    add.push(best.add);
  });
  return { keep, add };
}

/**
 * Fits the model on the given (dev) headlines: thresholds from 5-fold cross-validation, then one fit on all of them,
 * rounded for shipping.
 */
export function trainModel(examples: readonly RealExample[]): LearnedModelData {
  const rows = examples.map((example) => rowOf(example));
  const outOfFold: number[][] = rows.map(() => []);
  for (let fold = 0; fold < modelSettings.folds; fold += 1) {
    const fitted = fit(commonFeatures(rows.filter((_, i) => i % modelSettings.folds !== fold)), modelSettings.seed + fold);
    rows.forEach((row, i) => {
      if (i % modelSettings.folds === fold) outOfFold[i] = probabilitiesOf(fitted, row.names);
    });
  }
  const { keep, add } = thresholds(rows, outOfFold);
  const fitted = fit(commonFeatures(rows), modelSettings.seed);
  // Shipped in thousandths (learned.ts): a feature whose weights all round to 0 is left out.
  const kept = [...fitted.weights.keys()].sort().filter((name) => fitted.weights.get(name)!.some((weight) => Math.round(weight * weightScale) !== 0));
  return {
    fittedOn: `${examples.length} dev headlines of the real set; ${JSON.stringify(modelSettings)}`,
    bias: fitted.bias.map((bias) => Math.round(bias * weightScale) / weightScale),
    keep,
    add,
    features: kept.join('\n'),
    weights: encodeWeights(kept.map((name) => fitted.weights.get(name)!)),
  };
}
