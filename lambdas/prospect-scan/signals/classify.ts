// Classifier of business triggers (IPO stages, funding, M&A, risk …) in English and Chinese news: rules, then the learned layer.
import { toSimplified } from '../../core/chinese-script.ts';
import type { Classifier, ClassifyInput, Signal, SignalType } from './types.ts';
import { enAnalystAction, enAnalystWords, enCommentary, enNegation, enNeutral, enRules, zhCommentary, zhNegation, zhNeutral, zhRules, type Rule } from './rules.ts';
import { enHeadName, enSubject, objectName, zhSubject, type NameSpan } from './company.ts';
import { additionsOf, compileModel, featuresOf, keeps, scoreOf, strongestFeatures, type LearnedModel, type LearnedModelData } from './learned.ts';
import shippedModelData from './learned-model.json' with { type: 'json' };

const cjk = /[\u3400-\u9fff]/;
const fullWidth = /[\uff01-\uff5e\u3000]/g;

/** Traditional → Simplified Chinese, so that one set of rules (and company keys) covers both scripts. */
export function normaliseChinese(text: string): string {
  return toSimplified(text);
}

/** Full-width ASCII → ASCII (Ｆ－１ → F-1, ＩＰＯ → IPO); keeps the length so offsets still point into the original. */
function foldWidth(text: string): string {
  return text.replace(fullWidth, (ch) => (ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)));
}

/** Replaces each match with filler of the same length, so that offsets survive and the phrase can no longer trigger. */
function blank(text: string, pattern: RegExp): string {
  return text.replace(pattern, (phrase) => '□'.repeat(phrase.length));
}

interface Segment {
  /** The text as given (companies are cut from here, in the original script). */
  original: string;
  /** Width-folded and simplified: what the model's features are read from. */
  simplified: string;
  /** `simplified` with neutral phrases blanked: what the rules see. */
  matchable: string;
  /** Whether offsets in `matchable` are offsets in `original` (OpenCC kept the length). */
  aligned: boolean;
  zh: boolean;
}

function prepare(text: string, lang: ClassifyInput['lang']): Segment {
  const zh = cjk.test(text);
  // OpenCC walks every character; text without a CJK character has nothing for it to convert.
  const simplified = zh ? normaliseChinese(foldWidth(text)) : foldWidth(text);
  const neutral = zh ? blank(blank(simplified, zhNeutral), enNeutral) : blank(simplified, enNeutral);
  void lang;
  return { original: text, simplified, matchable: neutral, aligned: simplified.length === text.length, zh };
}

interface Clause { start: number; end: number }

// A space breaks a Chinese clause unless it sits inside a Latin name ("Genneia SA", "Deep Fission").
const zhClauseBreak = /[，,；;。！!？?|]+\s*|(?<![A-Za-z0-9&.'’-])\s+|\s+(?![A-Za-z0-9])/g;
const enClauseBreak = /;\s*|\s[-–—|]\s|:\s+/g;

function clausesOf(text: string, zh: boolean): Clause[] {
  const clauses: Clause[] = [];
  let start = 0;
  for (const match of text.matchAll(zh ? zhClauseBreak : enClauseBreak)) {
    if (match.index > start) clauses.push({ start, end: match.index });
    start = match.index + match[0].length;
  }
  if (start < text.length) clauses.push({ start, end: text.length });
  return clauses;
}

/** One scan for the keywords of a rule table: which keyword was found at a position says which rules may match. */
interface KeywordIndex {
  rules: readonly Rule[];
  /** The longest keyword at a position; `candidatesOf` restarts it one past each match so that overlapping keywords are found. */
  scan: RegExp;
  /** Keyword → the rules it lets run: its own and those of every shorter keyword it starts with (found with it). */
  rulesOf: Map<string, number[]>;
}

function indexKeywords(rules: readonly Rule[]): KeywordIndex {
  const words = [...new Set(rules.flatMap((rule) => rule.keywords ?? []))].sort((a, b) => b.length - a.length);
  const rulesOf = new Map(
    words.map((word) => [word, rules.flatMap((rule, order) => (rule.keywords?.some((own) => word.startsWith(own)) ? [order] : []))]),
  );
  const escaped = words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return { rules, scan: new RegExp(`(${escaped.join('|')})`, 'gi'), rulesOf };
}

const enIndex = indexKeywords(enRules);
const zhIndex = indexKeywords(zhRules);

/** Where each keyword of a rule table occurs in the text: its position and the rules (by their place in the table) it lets run. */
function keywordsIn(text: string, index: KeywordIndex): { at: number; orders: number[] }[] {
  const found: { at: number; orders: number[] }[] = [];
  // An exec loop rather than matchAll over a zero-width lookahead: the same matches, about seven times faster in V8.
  const { scan } = index;
  scan.lastIndex = 0;
  for (let match = scan.exec(text); match; match = scan.exec(text)) {
    const orders = index.rulesOf.get(match[1]!.toLowerCase());
    if (orders) found.push({ at: match.index, orders });
    scan.lastIndex = match.index + 1;
  }
  return found;
}

/**
 * Per rule, whether it can match in a clause: it has no keywords, or one starts inside the clause. A match lies
 * within its clause and holds a keyword, so a keyword elsewhere in the headline cannot make it match here.
 */
function candidatesIn(clause: Clause, keywords: { at: number; orders: number[] }[], index: KeywordIndex): boolean[] {
  const candidate = index.rules.map((rule) => !rule.keywords);
  for (const { at, orders } of keywords) {
    if (at < clause.start || at >= clause.end) continue;
    for (const order of orders) candidate[order] = true;
  }
  return candidate;
}

interface Hit { rule: Rule; order: number; clause: number; index: number; company?: NameSpan }

function findHits(segment: Segment): Hit[] {
  const text = segment.matchable;
  const clauses = clausesOf(text, segment.zh);
  const rules = segment.zh ? zhRules : enRules;
  const negation = segment.zh ? zhNegation : enNegation;
  const keywordIndex = segment.zh ? zhIndex : enIndex;
  const keywords = keywordsIn(text, keywordIndex);
  const hits: Hit[] = [];
  clauses.forEach((clause, clauseIndex) => {
    const candidate = candidatesIn(clause, keywords, keywordIndex);
    const clauseText = text.slice(clause.start, clause.end);
    rules.forEach((rule, order) => {
      if (!candidate[order]) return;
      const match = rule.pattern.exec(clauseText);
      if (!match) return;
      if (rule.unless?.test(clauseText)) return;
      if (rule.unlessAnywhere?.test(text)) return;
      const index = clause.start + match.index;
      if (rule.type !== 'risk' && negation.test(text.slice(clause.start, index))) return;
      const subject = (segment.zh ? zhSubject : enSubject)(text, clause.start, index);
      let company = subject;
      const co = match.indices?.groups?.co;
      if (co && (rule.company === 'object' || !subject || subject.generic)) {
        company = objectName(text, clause.start + co[0], clause.start + co[1], segment.zh ? 'zh' : 'en') ?? subject;
      }
      // "ABN Amro: Bank that …": a generic subject after a headline that opens with a bare name and a colon.
      if (!segment.zh && company?.generic && clauseIndex > 0) company = enHeadName(text, clauses[0]!.end) ?? company;
      hits.push({ rule, order, clause: clauseIndex, index, company });
    });
  });
  return hits;
}

/** The span of a segment's text, in the original script when OpenCC kept the length. */
function nameOf(segment: Segment, span: NameSpan | undefined): string | undefined {
  return span ? (segment.aligned ? segment.original : segment.matchable).slice(span.start, span.end).trim() : undefined;
}

/** The signals of one segment (title or summary), at most one per type: the earliest hit in the text wins. */
function signalsOf(segment: Segment, allHits: readonly Hit[], confidenceScale: number): Signal[] {
  const best = new Map<SignalType, Hit>();
  // A hit whose subject is a market, a regulator or a count ("港交所：30家公司递表") is commentary, not a company event;
  // another hit of the same type that names the company as its object ("China to sanction Lockheed Martin") still counts.
  for (const hit of allHits.filter((candidate) => !candidate.company?.generic)) {
    const current = best.get(hit.rule.type);
    if (!current || hit.clause < current.clause || (hit.clause === current.clause && (hit.index < current.index || (hit.index === current.index && hit.order < current.order)))) {
      best.set(hit.rule.type, hit);
    }
  }
  // Clauses without a subject ("冲刺IPO！天宇航材完成股改") borrow the headline's company from any other hit.
  const shared = nameOf(segment, sharedCompanyOf(allHits));
  return [...best.values()].map((hit) => {
    const company = nameOf(segment, hit.company) ?? shared;
    return {
      type: hit.rule.type,
      ...(hit.rule.stage ? { stage: hit.rule.stage } : {}),
      ...(company ? { company } : {}),
      confidence: confidenceOf(hit.rule.confidence, company, confidenceScale),
      rule: hit.rule.id,
    };
  });
}

function sharedCompanyOf(hits: readonly Hit[]): NameSpan | undefined {
  return hits.find((hit) => hit.company && !hit.company.generic)?.company;
}

/** A signal without a company is less use to an RM and more often wrong. */
function confidenceOf(sureness: number, company: string | undefined, scale: number): number {
  return Math.round(sureness * (company ? 1 : 0.6) * scale * 100) / 100;
}

/**
 * The learned layer (learned.ts): drops the rule signals the model is sure are wrong and adds the types it is sure of
 * that no rule found. An added signal takes the company of the rule hits, or in English the first clause's subject.
 */
function withModel(model: LearnedModel, segment: Segment, hits: readonly Hit[], signals: Signal[]): Signal[] {
  const ruleIds = hits.map((hit) => hit.rule.id);
  const probabilities = scoreOf(model, segment.simplified, ruleIds);
  const kept = signals.filter((signal) => keeps(model, probabilities, signal.type));
  const added = additionsOf(model, probabilities, signals);
  if (added.length === 0) return kept;
  const features = featuresOf(segment.simplified, ruleIds);
  const firstClause = clausesOf(segment.matchable, segment.zh)[0];
  const subject = segment.zh || !firstClause ? undefined : enSubject(segment.matchable, firstClause.start, firstClause.end);
  const company = nameOf(segment, sharedCompanyOf(hits) ?? (subject?.generic ? undefined : subject));
  for (const { type, probability } of added) {
    kept.push({
      type,
      ...(company ? { company } : {}),
      confidence: confidenceOf(probability, company, 1),
      rule: `model.${type}`,
      because: strongestFeatures(model, features, type),
    });
  }
  return kept;
}

function isCommentary(segment: Segment): boolean {
  if (segment.zh) return zhCommentary.test(segment.matchable) || enCommentary.test(segment.matchable);
  // A trailing "as the IPO market heats up" sets the scene for the event before it; it does not make the headline commentary.
  const event = segment.matchable.replace(/\s+(as|amid)\s+(the |a )?[^;]*\b(market|window|pipeline|boom|frenzy|slump|drought|rebound|revival)s?\b[^;]*$/i, '');
  if (enAnalystWords.test(segment.matchable) && enAnalystAction.test(segment.matchable)) return true;
  return enCommentary.test(/\b(start-?ups|companies|firms|issuers|unicorns)\b/i.test(event) ? segment.matchable : event);
}

/** The ids of the rules that fire anywhere in a headline, and `commentary` when it reads as commentary: the model's rule features. */
export function ruleIdsOf(title: string, lang?: ClassifyInput['lang']): string[] {
  return ruleIdsIn(prepare(title, lang));
}

function ruleIdsIn(segment: Segment): string[] {
  const ids = findHits(segment).map((hit) => hit.rule.id);
  if (isCommentary(segment)) ids.push('commentary');
  return ids;
}

/** The model's features of a headline as the shipped classifier reads them (from the simplified text): what it is fitted on. */
export function modelFeaturesOf(title: string, lang?: ClassifyInput['lang']): string[] {
  const segment = prepare(title, lang);
  return featuresOf(segment.simplified, ruleIdsIn(segment));
}

function firstSentencesOf(summary: string): string {
  return summary.split(/(?<=[。！？!?])|(?<=\.)\s+/).slice(0, 2).join(' ');
}

/**
 * A classifier of business triggers in a headline (and its summary when the headline has none), each signal with its
 * company, confidence and the rule (or `model.<type>`) that found it. Market commentary, listicles and explainers give
 * no signals. Without a model, the rules alone; the model reads headlines only (it was fitted on them).
 */
export function createClassifier(model?: LearnedModel): Classifier {
  return (input) => {
    const title = prepare(input.title, input.lang);
    if (isCommentary(title)) return [];
    const hits = findHits(title);
    const byRules = signalsOf(title, hits, 1);
    // The summary's rules speak when the headline's rules found nothing; the model (which reads the headline only) then
    // decides on whichever rule signals there are, so an addition never hides the summary and a veto is not undone by it.
    const ruleSignals = byRules.length > 0 || !input.summary ? byRules : summarySignalsOf(input.summary, input.lang);
    return model ? withModel(model, title, hits, ruleSignals) : ruleSignals;
  };
}

function summarySignalsOf(text: string, lang: ClassifyInput['lang']): Signal[] {
  const summary = prepare(firstSentencesOf(text), lang);
  return isCommentary(summary) ? [] : signalsOf(summary, findHits(summary), 0.85);
}

/** The rules alone: what the model is fitted on top of, and the baseline it is measured against. */
export const classifyByRules: Classifier = createClassifier();

/** The learned layer as shipped (learned-model.json, written by `npm run train:signals`). */
export const shippedModel: LearnedModel = compileModel(shippedModelData as LearnedModelData);

/** The shipped classifier: the rules with the learned layer. */
export const classify: Classifier = createClassifier(shippedModel);
