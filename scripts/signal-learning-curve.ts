// `node scripts/signal-learning-curve.ts`: how much a text model gains from more labelled headlines (docs/signals.md,
// "What more data would buy"). Dev split only, never `test`. The model is the learned layer's logistic regression over
// words, word pairs and Chinese character pairs, without the rule ids: the rules were written from these dev lines, so
// with rule features the curve would measure the rules, not learning. 5-fold cross-validation; in each fold the model is
// fitted on a seeded share of the training lines and scored on the whole held-out fold.
import { isEntryPoint } from '../bin/cli/entry-point.ts';
import { modelFeaturesOf } from '../lambdas/prospect-scan/signals/classify.ts';
import { learnedTypes, probabilitiesOf } from '../lambdas/prospect-scan/signals/learned.ts';
import { f1Of, readReal } from './eval-signals.ts';
import { random } from './seeded-random.ts';
import { commonFeatures, fit, modelSettings, rowOf, type Row } from './signal-model.ts';

export const curveShares = [0.25, 0.5, 0.75, 1] as const;

export interface CurvePoint { share: number; trainingLines: number; f1: Record<string, number>; otherMacroF1: number }

/** The best F1 over a grid of thresholds: the same optimism at every share, so the points compare with each other. */
function bestF1(labels: readonly number[], probabilities: readonly number[]): number {
  let best = 0;
  for (let at = 0.05; at < 1; at += 0.05) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    labels.forEach((label, i) => {
      const fires = probabilities[i]! >= at;
      if (fires && label) tp += 1;
      else if (fires) fp += 1;
      else if (label) fn += 1;
    });
    // A type with no fired true positive scores 0 here, not f1Of's 1 for "nothing to find, nothing found".
    if (tp > 0) best = Math.max(best, f1Of({ tp, fp, fn }));
  }
  return best;
}

export function learningCurve(rows: readonly Row[], shares: readonly number[] = curveShares): CurvePoint[] {
  return shares.map((share) => {
    const outOfFold: number[][] = rows.map(() => []);
    let trainingLines = 0;
    for (let fold = 0; fold < modelSettings.folds; fold += 1) {
      const training = rows.filter((_, i) => i % modelSettings.folds !== fold);
      const next = random(modelSettings.seed + 100 + fold);
      const shuffled = training.map((row) => ({ row, key: next() })).sort((a, b) => a.key - b.key).map(({ row }) => row);
      const taken = shuffled.slice(0, Math.round(shuffled.length * share));
      trainingLines += taken.length;
      const fitted = fit(commonFeatures(taken), modelSettings.seed + fold);
      rows.forEach((row, i) => {
        if (i % modelSettings.folds === fold) outOfFold[i] = probabilitiesOf(fitted, row.names);
      });
    }
    const f1: Record<string, number> = {};
    learnedTypes.forEach((type, k) => {
      f1[type] = bestF1(rows.map((row) => row.labels[k]!), outOfFold.map((probabilities) => probabilities[k]!));
    });
    const others = learnedTypes.filter((type) => type !== 'ipo');
    const otherMacroF1 = others.reduce((sum, type) => sum + f1[type]!, 0) / others.length;
    return { share, trainingLines: Math.round(trainingLines / modelSettings.folds), f1, otherMacroF1 };
  });
}

if (isEntryPoint(import.meta.url)) {
  const dev = readReal().filter((example) => example.split === 'dev');
  const rows = dev.map((example) => rowOf(example, modelFeaturesOf(example.title, example.lang).filter((name) => !name.startsWith('r:'))));
  console.log(`text model without rule features, ${dev.length} dev headlines, ${modelSettings.folds}-fold out-of-fold F1 (best threshold)`);
  console.log(`share  lines  ${learnedTypes.map((type) => type.padStart(11)).join('')}  non-IPO macro F1`);
  for (const point of learningCurve(rows)) {
    const cells = learnedTypes.map((type) => point.f1[type]!.toFixed(3).padStart(11)).join('');
    console.log(`${point.share.toFixed(2).padStart(5)}  ${String(point.trainingLines).padStart(5)}  ${cells}  ${point.otherMacroF1.toFixed(3)}`);
  }
}
