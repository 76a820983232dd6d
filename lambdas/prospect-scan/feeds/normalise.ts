// Normalising what feeds say: plain text from HTML, canonical links, ISO times, keyword filters, the recency window.
import { decodeHTML } from 'entities';
import { normaliseChinese } from '../signals/classify.ts';
import type { FeedLang } from './types.ts';

/** Summaries are for a headline's context, not the article: bounded so items stay small in DynamoDB and email. */
export const MAX_SUMMARY_CHARS = 1_000;
export const MAX_TITLE_CHARS = 400;

const TAG = /<[a-zA-Z/!?][^>]*>/;
const BLOCK_TAGS = /<\/?(?:p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|section|article|header|footer|hr)\b[^>]*>/gi;

function stripTags(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/<(script|style|noscript|iframe)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(BLOCK_TAGS, ' ')
    .replace(/<[a-zA-Z/!?][^>]*>/g, '');
}

/**
 * Plain text from a feed's HTML-ish field: tags stripped, entities decoded (the full HTML5
 * table, via `entities`: feeds use &nbsp;, &rsquo;, &#8217;, &mdash; and many more),
 * whitespace collapsed. Feeds that escape their HTML twice get a second pass.
 */
export function htmlToText(html: string | undefined, maxChars = MAX_SUMMARY_CHARS): string {
  if (!html) return '';
  let text = decodeHTML(stripTags(html));
  if (TAG.test(text)) text = decodeHTML(stripTags(text));
  // Control characters (other than whitespace), zero-width spaces and stray BOMs carry nothing readable.
  text = text.replace(/[\p{Cc}\u200b\ufeff]/gu, (char) => (/\s/.test(char) ? char : '')).replace(/\s+/g, ' ').trim();
  return text.length > maxChars ? `${text.slice(0, maxChars - 1).trimEnd()}…` : text;
}

/** Query parameters that only say where a click came from; removing them makes one story one link. */
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid', 'igshid',
  'mc_cid', 'mc_eid', '_hsenc', '_hsmi', 'mkt_tok', 'spm', 'scm', 'ncid', 'ocid', 'cmpid', 'wt.mc_id', 'wt_mc', 'wt_zmc',
  'at_medium', 'at_campaign', 'at_campaign_type', 'guccounter', 'share_token', 'sr_share', 'ref_src',
]);

function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith('utm_') || TRACKING_PARAMS.has(lower);
}

/**
 * The canonical form of an article link: absolute (resolved against the feed), http(s) only,
 * host lower-cased, default port and fragment dropped, tracking parameters removed.
 * Undefined for anything that is not an http(s) URL (javascript:, data:, garbage).
 */
export function canonicalLink(link: string | undefined, base?: string): string | undefined {
  const raw = link?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = base ? new URL(raw, base) : new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.hash = '';
  url.username = '';
  url.password = '';
  for (const name of [...url.searchParams.keys()]) {
    if (isTrackingParam(name)) url.searchParams.delete(name);
  }
  // URL normalises host case and default ports; an emptied query leaves a bare "?" only in href, not in search.
  if (!url.searchParams.size) url.search = '';
  return url.href;
}

/**
 * The ISO instant of a feed's date (RFC 822 in RSS, RFC 3339 in Atom, and the common
 * `YYYY-MM-DD HH:mm[:ss]` without a zone, read as UTC so results do not depend on the machine).
 */
export function toIsoTime(value: string | undefined): string | undefined {
  const raw = value?.trim();
  if (!raw) return undefined;
  const zoneless = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(raw);
  const time = zoneless
    ? Date.UTC(Number(zoneless[1]), Number(zoneless[2]) - 1, Number(zoneless[3]), Number(zoneless[4] ?? 0), Number(zoneless[5] ?? 0), Number(zoneless[6] ?? 0))
    : Date.parse(raw);
  if (Number.isNaN(time)) return undefined;
  const year = new Date(time).getUTCFullYear();
  return year >= 1990 && year <= 2200 ? new Date(time).toISOString() : undefined;
}

/** Lower-case, width-folded (ＩＰＯ → ipo), Traditional folded to Simplified Chinese: so a keyword matches either script. */
export function foldForMatching(text: string): string {
  return normaliseChinese(text.normalize('NFKC').toLowerCase());
}

/**
 * A feed's include/exclude keywords: an item is kept when it mentions one of the include
 * keywords (or there are none) and none of the exclude keywords, in its title or summary.
 */
export function passesKeywordFilter(item: { title: string; summary: string }, filter: { include: string[]; exclude: string[] }): boolean {
  if (filter.include.length === 0 && filter.exclude.length === 0) return true;
  const text = foldForMatching(`${item.title}\n${item.summary}`);
  const mentions = (keyword: string) => text.includes(foldForMatching(keyword.trim()));
  if (filter.exclude.some(mentions)) return false;
  return filter.include.length === 0 || filter.include.some(mentions);
}

/**
 * Only items from the last `days` days count, so a newly added feed does not flood the first
 * digest with its back catalogue. Items without a date are kept: nothing says they are old,
 * and the job's seen-markers stop them from coming back.
 */
export function isRecent(published: string | undefined, now: Date, days: number): boolean {
  if (!published) return true;
  return Date.parse(published) >= now.getTime() - days * 86_400_000;
}

/** The language of an item: the feed's, else Chinese when the title has Han characters. */
export function itemLang(title: string, feedLang: FeedLang | undefined): FeedLang {
  return feedLang ?? (/\p{Script=Han}/u.test(title) ? 'zh' : 'en');
}
