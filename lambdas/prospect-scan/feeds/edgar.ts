// SEC EDGAR Atom feeds are filings, not news: the form type is the signal and the company comes from the entry title.
import type { Signal } from '../signals/types.ts';
import type { FeedItem } from './types.ts';

/** The SEC asks automated clients for at most 10 requests per second. */
export const SEC_MIN_INTERVAL_MS = 100;

export function isSecHost(url: string): boolean {
  try {
    const host = new URL(url).hostname.toLowerCase();
    return host === 'sec.gov' || host.endsWith('.sec.gov');
  } catch {
    return false;
  }
}

export type Filing = NonNullable<FeedItem['filing']>;

/**
 * The form type, company and CIK of an entry title as the getcurrent feed writes it:
 * `S-1 - Acme Robotics Inc. (0001234567) (Filer)`.
 */
export function parseFilingTitle(title: string): (Filing & { role?: string }) | undefined {
  const match = /^\s*(\S+(?:\s\S+)?)\s+-\s+(.+?)\s+\((\d{4,10})\)\s*(?:\(([^)]+)\))?\s*$/.exec(title);
  if (!match) return undefined;
  return { form: match[1]!.toUpperCase(), company: match[2]!.trim(), cik: match[3]!, role: match[4]?.trim() };
}

/**
 * The company of a getcompany feed, whose entries are titled by form only: from the feed's
 * `<company-info><conformed-name>` or its title `ACME ROBOTICS INC (0001234567)`.
 */
export function companyOfCompanyFeed(feedTitle: string | undefined, companyInfo: unknown): Omit<Filing, 'form'> | undefined {
  const info = companyInfo as { 'conformed-name'?: unknown[]; cik?: unknown[] } | undefined;
  const conformed = textOf(info?.['conformed-name']?.[0]);
  if (conformed) return { company: conformed, cik: textOf(info?.cik?.[0]) };
  const match = /^\s*(.+?)\s+\((\d{4,10})\)\s*$/.exec(feedTitle ?? '');
  return match ? { company: match[1]!, cik: match[2]! } : undefined;
}

/** The form type of an entry: its `<category label="form type" term="…">`, else the getcompany `<filing-type>`. */
export function formOfEntry(categories: unknown, content: unknown): string | undefined {
  for (const category of Array.isArray(categories) ? categories : []) {
    const attributes = (category as { $?: { term?: string; label?: string } }).$;
    if (attributes?.term && (!attributes.label || /form/i.test(attributes.label))) return attributes.term.trim().toUpperCase();
  }
  const filingType = textOf((content as { 'filing-type'?: unknown[] } | undefined)?.['filing-type']?.[0]);
  return filingType?.toUpperCase();
}

/** rss-parser hands over strings, `{ _: text }` objects or element trees (as XML strings in content). */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (value && typeof value === 'object' && typeof (value as { _?: unknown })._ === 'string') return ((value as { _: string })._).trim() || undefined;
  return undefined;
}

/** What each IPO-related form means for the listing stage. */
const FORM_SIGNALS: Record<string, { stage: NonNullable<Signal['stage']>; rule: string; confidence: number }> = {
  'S-1': { stage: 'filed', rule: 'edgar.form.registration', confidence: 0.97 },
  'F-1': { stage: 'filed', rule: 'edgar.form.registration', confidence: 0.97 },
  DRS: { stage: 'filed', rule: 'edgar.form.draft-registration', confidence: 0.95 },
  'S-1/A': { stage: 'filed', rule: 'edgar.form.amendment', confidence: 0.95 },
  'F-1/A': { stage: 'filed', rule: 'edgar.form.amendment', confidence: 0.95 },
  'DRS/A': { stage: 'filed', rule: 'edgar.form.amendment', confidence: 0.9 },
  EFFECT: { stage: 'approved', rule: 'edgar.form.effective', confidence: 0.9 },
  '424B4': { stage: 'offering', rule: 'edgar.form.priced', confidence: 0.95 },
};

/**
 * The IPO signal a filing carries: S-1/F-1 filed; S-1/A, F-1/A amendment (still filed);
 * EFFECT approved; 424B4 priced (offering). Other forms carry none.
 */
export function filingSignal(filing: Filing): Signal | undefined {
  const known = FORM_SIGNALS[filing.form.toUpperCase()];
  if (!known) return undefined;
  return { type: 'ipo', stage: known.stage, company: filing.company, confidence: known.confidence, rule: `${known.rule}:${filing.form}` };
}
