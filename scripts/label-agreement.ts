// How consistent are the real set's labels? Draws a seeded sample of dev lines without their labels, and scores a second,
// blind labelling of it against the stored labels (docs/signals.md, "How consistent the labels are").
//
//   node scripts/label-agreement.ts --sample [--out FILE] [--seed N]
//   node scripts/label-agreement.ts --score FILE [--disagreements] [--classifier] [--skip-quoted-in docs/signals.md]
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isEntryPoint } from '../bin/cli/entry-point.ts';
import { classify } from '../lambdas/prospect-scan/signals/classify.ts';
import { f1Of, prospectTypes, readLabelled, readReal, sameCompany, type Counts, type LabelledExample, type RealExample } from './eval-signals.ts';
import { random } from './seeded-random.ts';

type Labels = LabelledExample['expected'];
type ProspectType = (typeof prospectTypes)[number];

/** One line of the unlabelled sample: what a labeller may see. */
export interface SampleLine { id: string; title: string; lang: 'en' | 'zh' }

export const defaultSamplePath = fileURLToPath(new URL('../test/fixtures/signals/agreement/sample.jsonl', import.meta.url));
export const defaultSeed = 20261202;

/** A stable id from the title alone (titles are unique in the real set), so it says nothing about the label. */
export function lineId(title: string): string {
  return createHash('sha256').update(`rm-radar-agreement-v1:${title}`).digest('hex').slice(0, 10);
}

const typesOf = (labels: Labels) => new Set(labels.map((label) => label.type));

function shuffled<T>(items: readonly T[], next: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

export interface SampleOptions { positives: number; neutrals: number; perType: number; seed: number }

/**
 * Dev lines only. `positives` lines with a prospect label, taking the scarcest type first until each type has `perType`
 * lines in the sample (or all it has), then filled at random; `neutrals` neutral lines at random. Sorted by id.
 */
export function drawSample(examples: readonly RealExample[], options: SampleOptions = { positives: 200, neutrals: 150, perType: 25, seed: defaultSeed }): RealExample[] {
  const next = random(options.seed);
  const dev = examples.filter((example) => example.split === 'dev');
  const positives = shuffled(dev.filter((example) => example.expected.some((label) => (prospectTypes as readonly string[]).includes(label.type))), next);
  const neutrals = shuffled(dev.filter((example) => example.expected.length === 0), next);
  const chosen = new Set<RealExample>();
  const available = (type: ProspectType) => positives.filter((example) => typesOf(example.expected).has(type)).length;
  for (const type of [...prospectTypes].sort((a, b) => available(a) - available(b))) {
    const inSample = () => [...chosen].filter((example) => typesOf(example.expected).has(type)).length;
    for (const example of positives) {
      if (inSample() >= options.perType || chosen.size >= options.positives) break;
      if (typesOf(example.expected).has(type)) chosen.add(example);
    }
  }
  for (const example of positives) {
    if (chosen.size >= options.positives) break;
    chosen.add(example);
  }
  return [...chosen, ...neutrals.slice(0, options.neutrals)].sort((a, b) => (lineId(a.title) < lineId(b.title) ? -1 : 1));
}

/** A line labelled twice: `reference` is the stored label, `other` the second labelling; `weight` re-weights strata. */
export interface LabelPair { reference: Labels; other: Labels; weight?: number }

export interface TypeAgreement extends Counts { type: ProspectType; precision: number; recall: number; f1: number; kappa: number }

export interface Agreement {
  lines: number;
  perType: TypeAgreement[];
  otherMacroF1: number;
  /** Lines both labellings call ipo, and how many of them give the same stage. */
  ipoStage: { same: number; total: number; rate: number };
  /** (line, type) pairs both labellings give, where at least one names a company; the same name after normalising. */
  company: { same: number; total: number; rate: number };
  ipoCompany: { same: number; total: number; rate: number };
  /** Lines the reference calls neutral; of those, how many the second labelling gives a prospect type. */
  neutral: { total: number; flagged: number; rate: number };
  /** Lines the second labelling calls neutral that the reference does not. */
  missedByOther: number;
}

const ratio = (part: number, whole: number) => (whole === 0 ? 1 : part / whole);

/** Cohen's kappa for one binary label from the 2×2 table (a = both, b = reference only, c = other only, d = neither). */
export function cohensKappa(a: number, b: number, c: number, d: number): number {
  const n = a + b + c + d;
  if (n === 0) return 1;
  const observed = (a + d) / n;
  const expected = ((a + b) / n) * ((a + c) / n) + ((c + d) / n) * ((b + d) / n);
  return expected === 1 ? 1 : (observed - expected) / (1 - expected);
}

export function scoreAgreement(pairs: readonly LabelPair[]): Agreement {
  const table = new Map(prospectTypes.map((type) => [type, { both: 0, refOnly: 0, otherOnly: 0, neither: 0 }]));
  const ipoStage = { same: 0, total: 0 };
  const company = { same: 0, total: 0 };
  const ipoCompany = { same: 0, total: 0 };
  const neutral = { total: 0, flagged: 0 };
  let missedByOther = 0;
  for (const { reference, other, weight = 1 } of pairs) {
    for (const type of prospectTypes) {
      const ref = reference.find((label) => label.type === type);
      const oth = other.find((label) => label.type === type);
      const cell = table.get(type)!;
      if (ref && oth) cell.both += weight;
      else if (ref) cell.refOnly += weight;
      else if (oth) cell.otherOnly += weight;
      else cell.neither += weight;
      if (!ref || !oth) continue;
      if (type === 'ipo') {
        ipoStage.total += weight;
        if (ref.stage === oth.stage) ipoStage.same += weight;
      }
      if (ref.company === undefined && oth.company === undefined) continue;
      const same = ref.company !== undefined && sameCompany(oth.company, ref.company);
      for (const count of type === 'ipo' ? [company, ipoCompany] : [company]) {
        count.total += weight;
        if (same) count.same += weight;
      }
    }
    const refProspect = reference.some((label) => (prospectTypes as readonly string[]).includes(label.type));
    const otherProspect = other.some((label) => (prospectTypes as readonly string[]).includes(label.type));
    if (reference.length === 0) {
      neutral.total += weight;
      if (otherProspect) neutral.flagged += weight;
    }
    if (refProspect && !otherProspect) missedByOther += weight;
  }
  const perType = prospectTypes.map((type): TypeAgreement => {
    const { both, refOnly, otherOnly, neither } = table.get(type)!;
    const counts = { tp: both, fp: otherOnly, fn: refOnly };
    return { type, ...counts, precision: ratio(both, both + otherOnly), recall: ratio(both, both + refOnly), f1: f1Of(counts), kappa: cohensKappa(both, refOnly, otherOnly, neither) };
  });
  const nonIpo = perType.filter((score) => score.type !== 'ipo');
  return {
    lines: pairs.reduce((sum, pair) => sum + (pair.weight ?? 1), 0),
    perType,
    otherMacroF1: nonIpo.reduce((sum, score) => sum + score.f1, 0) / nonIpo.length,
    ipoStage: { ...ipoStage, rate: ratio(ipoStage.same, ipoStage.total) },
    company: { ...company, rate: ratio(company.same, company.total) },
    ipoCompany: { ...ipoCompany, rate: ratio(ipoCompany.same, ipoCompany.total) },
    neutral: { ...neutral, rate: neutral.total === 0 ? 0 : neutral.flagged / neutral.total },
    missedByOther,
  };
}

export function formatAgreement(name: string, agreement: Agreement, reference = 'stored labels'): string {
  const num = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));
  const pad = (value: string | number, width: number) => String(value).padStart(width);
  const lines = [
    `${name}: ${num(agreement.lines)} lines (${reference} as reference)`,
    `  ${'type'.padEnd(11)}${pad('both', 7)}${pad('ref', 7)}${pad('other', 7)}${pad('P', 7)}${pad('R', 7)}${pad('F1', 7)}${pad('kappa', 7)}`,
  ];
  for (const score of agreement.perType) {
    lines.push(`  ${score.type.padEnd(11)}${pad(num(score.tp), 7)}${pad(num(score.fn), 7)}${pad(num(score.fp), 7)}${pad(score.precision.toFixed(3), 7)}${pad(score.recall.toFixed(3), 7)}${pad(score.f1.toFixed(3), 7)}${pad(score.kappa.toFixed(3), 7)}`);
  }
  const { ipoStage, company, ipoCompany, neutral } = agreement;
  lines.push(`  ('ref' = reference only, 'other' = the compared labelling only)`);
  lines.push(`  non-IPO macro F1        ${agreement.otherMacroF1.toFixed(3)}`);
  lines.push(`  IPO stage same          ${ipoStage.rate.toFixed(3)} (${num(ipoStage.same)}/${num(ipoStage.total)})`);
  lines.push(`  company same            ${company.rate.toFixed(3)} (${num(company.same)}/${num(company.total)}; IPO only ${ipoCompany.rate.toFixed(3)}, ${num(ipoCompany.same)}/${num(ipoCompany.total)})`);
  lines.push(`  neutral given a type    ${neutral.rate.toFixed(3)} (${num(neutral.flagged)}/${num(neutral.total)})`);
  lines.push(`  prospect called neutral ${num(agreement.missedByOther)}`);
  return lines.join('\n');
}

function writeSample(out: string, seed: number): void {
  const sample = drawSample(readReal(), { positives: 200, neutrals: 150, perType: 25, seed });
  mkdirSync(dirname(out), { recursive: true });
  const lines = sample.map((example): SampleLine => ({ id: lineId(example.title), title: example.title, lang: example.lang ?? 'en' }));
  writeFileSync(out, lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
  const counts = prospectTypes.map((type) => `${type} ${sample.filter((example) => typesOf(example.expected).has(type)).length}`);
  console.log(`wrote ${lines.length} dev lines without labels to ${out} (seed ${seed}; ${counts.join(', ')})`);
}

/** The stratum a line was drawn from: neutral, or its first stored prospect type (the sampler draws by type). */
export function stratumOf(labels: Labels): string {
  return labels.find((label) => (prospectTypes as readonly string[]).includes(label.type))?.type ?? 'neutral';
}

/**
 * Weights that give each stratum its share of the dev split (the sample over-draws labelled lines, and rare types
 * among them): a neutral line stands for about 28 dev lines, a funding line for about 4.
 */
export function stratumWeights(dev: readonly RealExample[], sample: readonly Labels[]): number[] {
  const count = (labels: readonly Labels[]) => {
    const counts = new Map<string, number>();
    for (const label of labels) counts.set(stratumOf(label), (counts.get(stratumOf(label)) ?? 0) + 1);
    return counts;
  };
  const inDev = count(dev.map((example) => example.expected));
  const inSample = count(sample);
  return sample.map((labels) => inDev.get(stratumOf(labels))! / inSample.get(stratumOf(labels))!);
}

/** Percentile intervals (2.5 %, 97.5 %) of a few figures, resampling lines with replacement within each stratum. */
export function bootstrap(pairs: readonly LabelPair[], rounds: number, seed: number): Record<'otherMacroF1' | 'ipoPrecision' | 'ipoRecall' | 'neutralRate', [number, number]> {
  const next = random(seed);
  const strata = new Map<string, LabelPair[]>();
  for (const pair of pairs) strata.set(stratumOf(pair.reference), [...(strata.get(stratumOf(pair.reference)) ?? []), pair]);
  const figures = { otherMacroF1: [] as number[], ipoPrecision: [] as number[], ipoRecall: [] as number[], neutralRate: [] as number[] };
  for (let round = 0; round < rounds; round += 1) {
    const drawn = [...strata.values()].flatMap((members) => members.map(() => members[Math.floor(next() * members.length)]!));
    const agreement = scoreAgreement(drawn);
    const ipo = agreement.perType.find((score) => score.type === 'ipo')!;
    figures.otherMacroF1.push(agreement.otherMacroF1);
    figures.ipoPrecision.push(ipo.precision);
    figures.ipoRecall.push(ipo.recall);
    figures.neutralRate.push(agreement.neutral.rate);
  }
  const interval = (values: number[]): [number, number] => {
    const sorted = [...values].sort((a, b) => a - b);
    return [sorted[Math.floor(0.025 * (sorted.length - 1))]!, sorted[Math.ceil(0.975 * (sorted.length - 1))]!];
  };
  return { otherMacroF1: interval(figures.otherMacroF1), ipoPrecision: interval(figures.ipoPrecision), ipoRecall: interval(figures.ipoRecall), neutralRate: interval(figures.neutralRate) };
}

/** Whether a headline is quoted in a text (four words running, or seven Chinese characters): the labeller saw it there. */
export function quotedIn(text: string, title: string): boolean {
  if (/[\u4e00-\u9fff]/.test(title)) {
    for (let i = 0; i + 7 <= title.length; i += 1) if (text.includes(title.slice(i, i + 7))) return true;
    return false;
  }
  const words = title.split(/\s+/);
  for (let i = 0; i + 4 <= words.length; i += 1) if (text.includes(words.slice(i, i + 4).join(' '))) return true;
  return false;
}

function score(file: string, options: { disagreements: boolean; classifier: boolean; skipQuotedIn?: string }): number {
  const dev = readReal().filter((example) => example.split === 'dev');
  const byId = new Map(dev.map((example) => [lineId(example.title), example]));
  const relabelled = readLabelled(file) as (LabelledExample & { id: string })[];
  const matched = relabelled.map((line) => ({ line, stored: byId.get(line.id) }));
  const unknown = matched.filter(({ stored }) => stored === undefined);
  if (unknown.length > 0) {
    console.error(`${unknown.length} ids are not dev lines of the real set (first: ${unknown[0]!.line.id})`);
    return 1;
  }
  let pairs = matched.map(({ line, stored }) => ({ reference: stored!.expected, other: line.expected, stored: stored! }));
  if (options.skipQuotedIn !== undefined) {
    const text = readFileSync(options.skipQuotedIn, 'utf8');
    const before = pairs.length;
    pairs = pairs.filter((pair) => !quotedIn(text, pair.stored.title));
    console.log(`left out ${before - pairs.length} lines quoted in ${options.skipQuotedIn}`);
  }
  const seed = defaultSeed;
  const unweighted = scoreAgreement(pairs);
  const weights = stratumWeights(dev, pairs.map((pair) => pair.reference));
  const weighted = pairs.map((pair, index) => ({ ...pair, weight: weights[index]! }));
  const identical = pairs.filter((pair) => labelKey(pair.reference) === labelKey(pair.other)).length;
  console.log(formatAgreement(`second labelling of ${file}`, unweighted));
  console.log(`  identical labels        ${identical}/${pairs.length}`);
  console.log('');
  console.log(formatAgreement(`the same, each stratum weighted to its share of the dev split (${dev.length} lines)`, scoreAgreement(weighted)));
  const intervals = bootstrap(weighted, 2000, seed);
  const show = ([low, high]: [number, number]) => `${low.toFixed(3)}–${high.toFixed(3)}`;
  console.log(`  95 % intervals (2,000 resamples within strata): non-IPO macro F1 ${show(intervals.otherMacroF1)}, ipo P ${show(intervals.ipoPrecision)}, ipo R ${show(intervals.ipoRecall)}, neutral given a type ${show(intervals.neutralRate)}`);
  if (options.classifier) {
    // The rules were written from the stored dev labels; how far do they follow a second labelling of the same lines?
    const signals = pairs.map((pair) => classify({ title: pair.stored.title, lang: pair.stored.lang }).filter((signal) => (prospectTypes as readonly string[]).includes(signal.type)));
    const asLabels = (index: number): Labels => signals[index]!.map((signal) => ({ type: signal.type, stage: signal.stage, company: signal.company }));
    console.log('');
    console.log(formatAgreement('classifier against the stored labels, same lines', scoreAgreement(pairs.map((pair, index) => ({ reference: pair.reference, other: asLabels(index) })))));
    console.log('');
    console.log(formatAgreement('classifier against the second labelling, same lines', scoreAgreement(pairs.map((pair, index) => ({ reference: pair.other, other: asLabels(index) }))), 'second labelling'));
  }
  if (options.disagreements) {
    console.log('');
    for (const { reference, other, stored } of pairs) {
      if (labelKey(reference) === labelKey(other)) continue;
      const typesDiffer = prospectTypes.some((type) => typesOf(reference).has(type) !== typesOf(other).has(type));
      console.log(`${typesDiffer ? '✗' : '~'} ${lineId(stored.title)} ${stored.title}\n    stored ${JSON.stringify(reference)}\n    second ${JSON.stringify(other)}`);
    }
  }
  return 0;
}

/** Labels compared as a whole: types, stages and companies, in any order. */
const labelKey = (labels: Labels) =>
  JSON.stringify([...labels].map((label) => [label.type, label.stage ?? '', label.company ?? '']).sort((a, b) => (a[0]! < b[0]! ? -1 : 1)));

function main(argv: string[]): number {
  const valueOf = (flag: string) => {
    const index = argv.indexOf(flag);
    return index === -1 ? undefined : argv[index + 1];
  };
  if (argv.includes('--sample')) {
    writeSample(valueOf('--out') ?? defaultSamplePath, Number(valueOf('--seed') ?? defaultSeed));
    return 0;
  }
  const file = valueOf('--score');
  if (file !== undefined) return score(file, { disagreements: argv.includes('--disagreements'), classifier: argv.includes('--classifier'), skipQuotedIn: valueOf('--skip-quoted-in') });
  console.error('usage: node scripts/label-agreement.ts --sample [--out FILE] [--seed N] | --score FILE [--disagreements] [--classifier] [--skip-quoted-in FILE]');
  return 2;
}

if (isEntryPoint(import.meta.url)) process.exitCode = main(process.argv.slice(2));
