// Rule-based classifier of business triggers (IPO stages, funding, M&A, risk …) in English and Chinese news.
import * as OpenCC from 'opencc-js/t2cn';
import type { ClassifyInput, Signal } from './types.ts';

/** Built once per process: building an OpenCC converter is far costlier than converting a headline. */
const traditionalToSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });

/** Traditional → Simplified Chinese, so that one set of rules (and company keys) covers both scripts. */
export function normaliseChinese(text: string): string {
  return traditionalToSimplified(text);
}

interface FirstRule { id: string; signal: Omit<Signal, 'confidence' | 'rule'>; pattern: RegExp }

const firstRules: FirstRule[] = [
  { id: 'zh.ipo.preparing', signal: { type: 'ipo', stage: 'preparing' }, pattern: /辅导备案|上市辅导|拟上市|冲刺IPO/i },
  { id: 'zh.ipo.filed', signal: { type: 'ipo', stage: 'filed' }, pattern: /递表|递交上市申请|招股书/ },
  { id: 'en.ipo.filed', signal: { type: 'ipo', stage: 'filed' }, pattern: /files for (an )?IPO|\b[SF]-1\b/i },
];

/** First version: a few rules; the full rule set replaces it. */
export function classify(input: ClassifyInput): Signal[] {
  const text = normaliseChinese(`${input.title} ${input.summary ?? ''}`);
  const signals: Signal[] = [];
  for (const rule of firstRules) {
    if (rule.pattern.test(text)) signals.push({ ...rule.signal, confidence: 0.5, rule: rule.id });
  }
  return signals;
}
