// Measures the signal classifier on the labelled sets: precision/recall per type, IPO stage and company accuracy, hard negatives.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { classify } from '../lambdas/prospect-scan/signals/classify.ts';
import { signalTypes, type ClassifyInput, type IpoStage, type Signal, type SignalType } from '../lambdas/prospect-scan/signals/types.ts';
import { isEntryPoint } from '../bin/cli/entry-point.ts';

export interface LabelledExample extends ClassifyInput {
  expected: { type: SignalType; stage?: IpoStage; company?: string }[];
}

export interface TypeScore { type: SignalType; truePositives: number; falsePositives: number; falseNegatives: number; precision: number; recall: number }

export interface Evaluation {
  examples: number;
  perType: TypeScore[];
  ipoStage: { correct: number; total: number; accuracy: number };
  company: { correct: number; total: number; accuracy: number };
  hardNegatives: { total: number; falseProspects: number; rate: number };
  /** Examples the classifier got wrong, for tuning and for reading. */
  mistakes: { example: LabelledExample; got: Signal[] }[];
}

export const targets = {
  ipo: { precision: 0.95, recall: 0.9 },
  other: { precision: 0.85, recall: 0.8 },
  hardNegativeRate: 0.02,
} as const;

const fixtureDir = fileURLToPath(new URL('../test/fixtures/signals/', import.meta.url));
export const evaluationSets = { labelled: `${fixtureDir}labelled.jsonl`, holdout: `${fixtureDir}holdout.jsonl` } as const;

export function readLabelled(path: string): LabelledExample[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LabelledExample);
}

/** Company names compare without case, spaces or trailing punctuation ("Acme Corp." = "acme corp"). */
function sameCompany(a: string | undefined, b: string): boolean {
  const fold = (s: string) => s.toLowerCase().replace(/[\s.,'"]+/g, '');
  return a !== undefined && fold(a) === fold(b);
}

const ratio = (part: number, whole: number) => (whole === 0 ? 1 : part / whole);

export function evaluate(examples: LabelledExample[], classifier: (input: ClassifyInput) => Signal[] = classify): Evaluation {
  const counts = new Map(signalTypes.map((type) => [type, { tp: 0, fp: 0, fn: 0 }]));
  const ipoStage = { correct: 0, total: 0 };
  const company = { correct: 0, total: 0 };
  const hardNegatives = { total: 0, falseProspects: 0 };
  const mistakes: Evaluation['mistakes'] = [];

  for (const example of examples) {
    const got = classifier({ title: example.title, summary: example.summary, lang: example.lang });
    let wrong = false;
    for (const type of signalTypes) {
      const expected = example.expected.find((signal) => signal.type === type);
      const predicted = got.find((signal) => signal.type === type);
      const count = counts.get(type)!;
      if (expected && predicted) {
        count.tp += 1;
        if (type === 'ipo') {
          ipoStage.total += 1;
          if (predicted.stage === expected.stage) ipoStage.correct += 1;
          else wrong = true;
        }
        if (expected.company !== undefined) {
          company.total += 1;
          if (sameCompany(predicted.company, expected.company)) company.correct += 1;
          else wrong = true;
        }
      } else if (predicted) {
        count.fp += 1;
        wrong = true;
      } else if (expected) {
        count.fn += 1;
        wrong = true;
      }
    }
    if (example.expected.length === 0) {
      hardNegatives.total += 1;
      if (got.length > 0) hardNegatives.falseProspects += 1;
    }
    if (wrong) mistakes.push({ example, got });
  }

  return {
    examples: examples.length,
    perType: signalTypes.map((type) => {
      const { tp, fp, fn } = counts.get(type)!;
      return { type, truePositives: tp, falsePositives: fp, falseNegatives: fn, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn) };
    }),
    ipoStage: { ...ipoStage, accuracy: ratio(ipoStage.correct, ipoStage.total) },
    company: { ...company, accuracy: ratio(company.correct, company.total) },
    hardNegatives: { ...hardNegatives, rate: hardNegatives.total === 0 ? 0 : hardNegatives.falseProspects / hardNegatives.total },
    mistakes,
  };
}

/** The targets an evaluation misses, as readable lines (empty when all are met). */
export function missedTargets(evaluation: Evaluation): string[] {
  const missed: string[] = [];
  for (const score of evaluation.perType) {
    const target = score.type === 'ipo' ? targets.ipo : targets.other;
    if (score.precision < target.precision) missed.push(`${score.type} precision ${score.precision.toFixed(3)} < ${target.precision}`);
    if (score.recall < target.recall) missed.push(`${score.type} recall ${score.recall.toFixed(3)} < ${target.recall}`);
  }
  if (evaluation.hardNegatives.rate > targets.hardNegativeRate) {
    missed.push(`hard-negative false-prospect rate ${evaluation.hardNegatives.rate.toFixed(3)} > ${targets.hardNegativeRate}`);
  }
  return missed;
}

export function formatEvaluation(name: string, evaluation: Evaluation): string {
  const pad = (value: string | number, width: number) => String(value).padStart(width);
  const lines = [
    `${name}: ${evaluation.examples} examples`,
    `  ${'type'.padEnd(11)}${pad('TP', 5)}${pad('FP', 5)}${pad('FN', 5)}${pad('precision', 11)}${pad('recall', 8)}`,
  ];
  for (const score of evaluation.perType) {
    lines.push(`  ${score.type.padEnd(11)}${pad(score.truePositives, 5)}${pad(score.falsePositives, 5)}${pad(score.falseNegatives, 5)}${pad(score.precision.toFixed(3), 11)}${pad(score.recall.toFixed(3), 8)}`);
  }
  const { ipoStage, company, hardNegatives } = evaluation;
  lines.push(`  IPO stage accuracy      ${ipoStage.accuracy.toFixed(3)} (${ipoStage.correct}/${ipoStage.total})`);
  lines.push(`  company accuracy        ${company.accuracy.toFixed(3)} (${company.correct}/${company.total})`);
  lines.push(`  hard negatives flagged  ${hardNegatives.rate.toFixed(3)} (${hardNegatives.falseProspects}/${hardNegatives.total})`);
  return lines.join('\n');
}

function main(argv: string[]): number {
  const verbose = argv.includes('--verbose');
  let failed = false;
  for (const [name, path] of Object.entries(evaluationSets)) {
    const evaluation = evaluate(readLabelled(path));
    console.log(formatEvaluation(name, evaluation));
    if (verbose) {
      for (const { example, got } of evaluation.mistakes) {
        console.log(`    ✗ ${example.title}\n      expected ${JSON.stringify(example.expected)}\n      got      ${JSON.stringify(got)}`);
      }
    }
    const missed = missedTargets(evaluation);
    for (const line of missed) console.log(`  MISSED: ${line}`);
    if (missed.length === 0) console.log('  all targets met');
    console.log('');
    failed ||= missed.length > 0;
  }
  return failed ? 1 : 0;
}

if (isEntryPoint(import.meta.url)) process.exitCode = main(process.argv.slice(2));
