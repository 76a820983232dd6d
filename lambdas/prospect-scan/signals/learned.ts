// The learned layer over the rules: per type, a logistic regression over the headline's words, word pairs, Chinese
// character pairs and the ids of the rules that fired. It keeps or drops a rule's signal and adds a type no rule found.
// Fitted by `npm run train:signals` (scripts/signal-model.ts) on the dev split of the real headline set only.
import type { SignalType } from './types.ts';

/** The types the model decides; contract, bond and new_entity are not labelled in the real set. */
export const learnedTypes = ['ipo', 'funding', 'm_and_a', 'expansion', 'leadership', 'risk'] as const satisfies readonly SignalType[];
export type LearnedType = (typeof learnedTypes)[number];

/**
 * The model as shipped in learned-model.json. `weights` holds, for each feature in `features` order, one weight per type
 * (in `learnedTypes` order) as a little-endian 16-bit integer of thousandths, base64-encoded: the file loads in a
 * couple of milliseconds where 17,000 named arrays took tens of them at every cold start.
 */
export interface LearnedModelData {
  /** What the model was fitted on, for the record (headline count, settings). */
  fittedOn: string;
  bias: number[];
  /** Per type: a rule's signal stands when the model gives the type at least this probability. */
  keep: number[];
  /** Per type: the model adds the type, when no rule found it, from this probability (above 1: never). */
  add: number[];
  /** The feature names (see `featuresOf`), one per line. */
  features: string;
  weights: string;
}

/** Weights are shipped in thousandths. */
export const weightScale = 1000;

export function encodeWeights(rows: readonly (readonly number[])[]): string {
  const width = rows[0]?.length ?? 0;
  const bytes = Buffer.alloc(rows.length * width * 2);
  rows.forEach((row, i) => row.forEach((weight, k) => bytes.writeInt16LE(Math.round(weight * weightScale), (i * width + k) * 2)));
  return bytes.toString('base64');
}

export interface LearnedModel {
  bias: readonly number[];
  keep: readonly number[];
  add: readonly number[];
  names: readonly string[];
  /** The weights for `scoreOf`, which runs on every headline and so builds no feature names (see there). */
  scoring: Scoring;
}

/**
 * Each feature's weights as a row of one flat array. Words are numbered (`vocabulary`, every word of a word or pair
 * feature), so that a pair is found by the two numbers and a Chinese character pair by its two character codes: only
 * a headline's words are looked up by name. `seen` marks the rows already counted for the current headline.
 */
interface Scoring {
  /** In thousandths (`weightScale`), summed as integers: exact, and the same sum in any order. */
  rows: Int16Array;
  /** The bias per type in thousandths too. */
  bias: number[];
  vocabulary: Map<string, number>;
  /** By word number: the row of the word's own feature, or -1. */
  wordRows: Int32Array;
  pairs: Map<number, number>;
  chinese: Map<number, number>;
  rules: Map<string, number>;
  seen: Uint32Array;
  headline: { count: number };
}

/** Two CJK characters (U+3400–U+9FFF) as one small integer. */
function chineseKey(first: number, second: number): number {
  return (first - 0x3400) * 0x10000 + second;
}

export function compileModel(data: LearnedModelData): LearnedModel {
  const names = data.features === '' ? [] : data.features.split('\n');
  const width = data.bias.length;
  const bytes = Buffer.from(data.weights, 'base64');
  if (bytes.length !== names.length * width * 2) throw new Error(`learned model: ${bytes.length} weight bytes for ${names.length} features × ${width} types`);
  // A view of an aligned copy, no decoding loop: every platform Lambda and Node run on here is little-endian.
  const rows = new Int16Array(Uint8Array.from(bytes).buffer);
  const vocabulary = new Map<string, number>();
  const numberOf = (word: string) => vocabulary.get(word) ?? vocabulary.set(word, vocabulary.size).size - 1;
  const wordRows: number[] = [];
  const chinese = new Map<number, number>();
  const rules = new Map<string, number>();
  const pairRows: [string, string, number][] = [];
  names.forEach((name, row) => {
    const colon = name.indexOf(':');
    const kind = name.slice(0, colon);
    const key = name.slice(colon + 1);
    if (kind === 'w') wordRows[numberOf(key)] = row;
    else if (kind === 'r') rules.set(key, row);
    else if (kind === 'c2' && key.length === 2) chinese.set(chineseKey(key.charCodeAt(0), key.charCodeAt(1)), row);
    else if (kind === 'b' && key.includes(' ')) {
      const space = key.indexOf(' ');
      pairRows.push([key.slice(0, space), key.slice(space + 1), row]);
    }
  });
  // Number every word of a pair before any pair key is made: a key multiplies by the final vocabulary size.
  for (const [first, second] of pairRows) {
    numberOf(first);
    numberOf(second);
  }
  const pairs = new Map<number, number>();
  for (const [first, second, row] of pairRows) pairs.set(numberOf(first) * vocabulary.size + numberOf(second), row);
  const scoring: Scoring = {
    rows,
    bias: data.bias.map((bias) => Math.round(bias * weightScale)),
    vocabulary,
    wordRows: Int32Array.from({ length: vocabulary.size }, (_, word) => wordRows[word] ?? -1),
    pairs,
    chinese,
    rules,
    seen: new Uint32Array(names.length),
    headline: { count: 0 },
  };
  return { bias: data.bias, keep: data.keep, add: data.add, names, scoring };
}

const byName = new WeakMap<LearnedModel, Map<string, number[]>>();

/** The weights of each feature by its name; built on first use (explanations and tests), not at load. */
export function weightsOf(model: LearnedModel): ReadonlyMap<string, readonly number[]> {
  let weights = byName.get(model);
  if (!weights) {
    const width = model.bias.length;
    weights = new Map(model.names.map((name, row) => [name, Array.from(model.scoring.rows.subarray(row * width, (row + 1) * width), (weight) => weight / weightScale)]));
    byName.set(model, weights);
  }
  return weights;
}

const cjkRun = /[\u3400-\u9fff]+/g;
const latinWord = /[a-z0-9$€£¥][a-z0-9$€£¥&.'’-]*/g;
const trailingPunctuation = /[.'’-]+$/;
const digit = /\d/g;

/** A word as a feature: without trailing dots, apostrophes and hyphens, each digit as 0 (empty when nothing is left). */
function wordOf(token: string): string {
  const last = token.charCodeAt(token.length - 1);
  const word = last === 0x2e || last === 0x27 || last === 0x2019 || last === 0x2d ? token.replace(trailingPunctuation, '') : token;
  for (let i = 0; i < word.length; i += 1) {
    const code = word.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) return word.replace(digit, '0');
  }
  return word;
}

/** What a walk over a headline's features reports, in order: each word, then its pair with the word before. */
interface FeatureVisitor {
  word(word: string): void;
  pair(previous: string, word: string): void;
  chinese(first: number, second: number): void;
  rule(id: string): void;
}

/** The one definition of the features, walked by `featuresOf` (names) and `scoreOf` (weights) alike. */
function walkFeatures(title: string, ruleIds: readonly string[], visit: FeatureVisitor): void {
  const lower = title.toLowerCase();
  let previous: string | undefined;
  latinWord.lastIndex = 0;
  for (let match = latinWord.exec(lower); match; match = latinWord.exec(lower)) {
    const word = wordOf(match[0]);
    if (!word) continue;
    visit.word(word);
    if (previous) visit.pair(previous, word);
    previous = word;
  }
  cjkRun.lastIndex = 0;
  for (let match = cjkRun.exec(lower); match; match = cjkRun.exec(lower)) {
    const end = match.index + match[0].length;
    for (let i = match.index; i + 1 < end; i += 1) visit.chinese(lower.charCodeAt(i), lower.charCodeAt(i + 1));
  }
  for (const id of ruleIds) visit.rule(id);
}

/**
 * The features of a headline: `w:` Latin words (digits as 0), `b:` pairs of adjacent words, `c2:` pairs of adjacent
 * Chinese characters and `r:` the ids of the rules that fired (with `r:commentary`). Each once, in first-seen order.
 */
export function featuresOf(title: string, ruleIds: readonly string[]): string[] {
  const names = new Set<string>();
  walkFeatures(title, ruleIds, {
    word: (word) => names.add(`w:${word}`),
    pair: (previous, word) => names.add(`b:${previous} ${word}`),
    chinese: (first, second) => names.add(`c2:${String.fromCharCode(first, second)}`),
    rule: (id) => names.add(`r:${id}`),
  });
  return [...names];
}

/**
 * The model's probability of each type for a headline: the same as `probabilitiesOf(model, featuresOf(title, ruleIds))`
 * (a unit test holds them equal on the whole real set), without building the feature names: it runs on every headline.
 */
export function scoreOf(model: LearnedModel, title: string, ruleIds: readonly string[]): number[] {
  const { rows, vocabulary, wordRows, pairs, chinese, rules, seen, headline } = model.scoring;
  const sums = [...model.scoring.bias];
  const width = sums.length;
  // Each feature counts once: a row stamped with this headline's number was counted already.
  if (headline.count === 0xffffffff) {
    seen.fill(0);
    headline.count = 0;
  }
  const stamp = (headline.count += 1);
  const add = (row: number | undefined) => {
    if (row === undefined || row < 0 || seen[row] === stamp) return;
    seen[row] = stamp;
    for (let k = 0, at = row * width; k < width; k += 1, at += 1) sums[k]! += rows[at]!;
  };
  // The numbers of the last two words; -1 for a word that is no word of the model (then no pair with it is either).
  let current = -1;
  let previous = -1;
  walkFeatures(title, ruleIds, {
    word: (word) => {
      previous = current;
      current = vocabulary.get(word) ?? -1;
      if (current >= 0) add(wordRows[current]);
    },
    pair: () => {
      if (previous >= 0 && current >= 0) add(pairs.get(previous * vocabulary.size + current));
    },
    chinese: (first, second) => add(chinese.get(chineseKey(first, second))),
    rule: (id) => add(rules.get(id)),
  });
  return sums.map((sum) => 1 / (1 + Math.exp(-sum / weightScale)));
}

/** The model's probability of each type (in `learnedTypes` order) for a headline's features. */
export function probabilitiesOf(model: { bias: readonly number[]; weights: ReadonlyMap<string, readonly number[]> }, features: readonly string[]): number[] {
  const sums = [...model.bias];
  for (const name of features) {
    const weights = model.weights.get(name);
    if (weights) for (let k = 0; k < sums.length; k += 1) sums[k]! += weights[k]!;
  }
  return sums.map((sum) => 1 / (1 + Math.exp(-sum)));
}

/** The features that weighed most for a type, strongest first: the explanation of a signal the model added. */
export function strongestFeatures(model: LearnedModel, features: readonly string[], type: LearnedType, count = 3): string[] {
  const k = learnedTypes.indexOf(type);
  return features
    .map((name) => ({ name, weight: weightsOf(model).get(name)?.[k] ?? 0 }))
    .filter((feature) => feature.weight > 0)
    .sort((a, b) => b.weight - a.weight)
    .slice(0, count)
    .map((feature) => feature.name);
}

/** Whether a rule's signal of this type stands: the model gives it at least its `keep` (types it does not decide always stand). */
export function keeps(model: LearnedModel, probabilities: readonly number[], type: SignalType): boolean {
  const k = (learnedTypes as readonly SignalType[]).indexOf(type);
  return k < 0 || probabilities[k]! >= model.keep[k]!;
}

/** The types no rule found (`found` holds those that were) that the model adds, with its probability; never an IPO. */
export function additionsOf(model: LearnedModel, probabilities: readonly number[], found: readonly { type: SignalType }[]): { type: LearnedType; probability: number }[] {
  const added: { type: LearnedType; probability: number }[] = [];
  for (let k = 0; k < learnedTypes.length; k += 1) {
    const type = learnedTypes[k]!;
    // Never an IPO: only a rule gives its stage.
    if (type !== 'ipo' && probabilities[k]! >= model.add[k]! && !found.some((signal) => signal.type === type)) added.push({ type, probability: probabilities[k]! });
  }
  return added;
}
