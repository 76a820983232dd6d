// Normalising what feeds say: plain text from HTML, canonical links, ISO times, keyword filters, the recency window.
import { decodeHTML } from 'entities';
import { normaliseChinese } from '../signals/classify.ts';
import type { FeedLang } from './types.ts';

/** Summaries are for a headline's context, not the article: bounded so items stay small in DynamoDB and email. */
export const MAX_SUMMARY_CHARS = 1_000;
export const MAX_TITLE_CHARS = 400;

/**
 * How much of a field's HTML is read, as a multiple of the text it may yield: a feed may send
 * megabytes in one description, and the text kept is short, so the rest is never looked at.
 */
export const HTML_INPUT_FACTOR = 16;

/** Elements whose content is not text: dropped with everything inside them. */
const RAW_TEXT_ELEMENTS = new Set(['script', 'style', 'noscript', 'iframe']);
/** Elements that separate words when removed. */
const BLOCK_ELEMENTS = new Set([
  'p', 'div', 'br', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'td', 'th', 'table',
  'blockquote', 'section', 'article', 'header', 'footer', 'hr',
]);
const TAG_START = /[a-zA-Z/!?]/;
const TAG_NAME = /\/?([a-zA-Z][a-zA-Z0-9-]*)/y;

/**
 * Removes tags, comments and script/style blocks in one forward scan (indexOf, never a backtracking
 * regex: an unclosed `<!--` or `<script` repeated thousands of times must cost linear time). When a
 * closing part is missing, the rest of the input is dropped: it is markup, not text.
 */
function stripTags(html: string): string {
  const source = html.includes('<![CDATA[') ? html.replaceAll('<![CDATA[', '').replaceAll(']]>', '') : html;
  const parts: string[] = [];
  let at = 0;
  while (at < source.length) {
    const open = source.indexOf('<', at);
    if (open === -1) {
      parts.push(source.slice(at));
      break;
    }
    parts.push(source.slice(at, open));
    if (!TAG_START.test(source.charAt(open + 1))) {
      // "growth < 5%": a less-than sign in prose.
      parts.push('<');
      at = open + 1;
      continue;
    }
    if (source.startsWith('<!--', open)) {
      const end = source.indexOf('-->', open + 4);
      if (end === -1) break;
      parts.push(' ');
      at = end + 3;
      continue;
    }
    const close = source.indexOf('>', open + 1);
    if (close === -1) break;
    TAG_NAME.lastIndex = open + 1;
    const name = TAG_NAME.exec(source)?.[1]?.toLowerCase();
    const isEndTag = source.charAt(open + 1) === '/';
    if (name && !isEndTag && RAW_TEXT_ELEMENTS.has(name)) {
      const end = findEndTag(source, name, close + 1);
      if (end === -1) break;
      parts.push(' ');
      at = end;
      continue;
    }
    parts.push(name && BLOCK_ELEMENTS.has(name) ? ' ' : '');
    at = close + 1;
  }
  return parts.join('');
}

/** The index just past `</name…>` at or after `from`, or -1. Linear: each `</name` is looked at once. */
function findEndTag(html: string, name: string, from: number): number {
  const endTag = new RegExp(`</${name}(?=[\\s/>])`, 'gi');
  endTag.lastIndex = from;
  const found = endTag.exec(html);
  if (!found) return -1;
  const close = html.indexOf('>', found.index + name.length + 2);
  return close === -1 ? -1 : close + 1;
}

/** Whether text still holds a tag (feeds that escape their HTML twice). Linear: one indexOf per candidate. */
function holdsTag(text: string): boolean {
  for (let open = text.indexOf('<'); open !== -1; open = text.indexOf('<', open + 1)) {
    if (TAG_START.test(text.charAt(open + 1))) return text.indexOf('>', open + 2) !== -1;
  }
  return false;
}

/** The first `limit` characters, without a half-cut character or entity at the end. */
function capInput(html: string, limit: number): string {
  if (html.length <= limit) return html;
  return html.slice(0, limit).replace(/[\ud800-\udbff]$/, '').replace(/&#?[a-zA-Z0-9]{0,32}$/, '');
}

/** Control characters (other than whitespace), zero-width spaces and stray BOMs: nothing readable. */
const unreadable = /[\p{Cc}\u200b\ufeff]/u;
const unreadableAll = new RegExp(unreadable.source, 'gu');

/**
 * Plain text from a feed's HTML-ish field: tags stripped, entities decoded (the full HTML5
 * table, via `entities`: feeds use &nbsp;, &rsquo;, &#8217;, &mdash; and many more),
 * whitespace collapsed. Feeds that escape their HTML twice get a second pass. Only the first
 * `maxChars × HTML_INPUT_FACTOR` characters are read, so the work per field is bounded.
 */
export function htmlToText(html: string | undefined, maxChars = MAX_SUMMARY_CHARS): string {
  if (!html) return '';
  let text = capInput(html, maxChars * HTML_INPUT_FACTOR);
  // Most titles hold neither a tag nor an entity: nothing for the stripper and the decoder to do.
  if (text.includes('<') || text.includes('&')) {
    text = decodeHTML(stripTags(text));
    if (holdsTag(text)) text = decodeHTML(stripTags(text));
  }
  if (unreadable.test(text)) text = text.replace(unreadableAll, (char) => (/\s/.test(char) ? char : ''));
  text = text.replace(/\s+/g, ' ').trim();
  return text.length > maxChars ? `${text.slice(0, maxChars - 1).trimEnd()}…` : text;
}

/**
 * Links longer than this are dropped (the item keeps its title and outlet): real article links are a
 * few hundred characters, and every stored story, prospect event and digest line carries its links.
 */
export const MAX_LINK_CHARS = 2_048;

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
 * Undefined for anything that is not an http(s) URL (javascript:, data:, garbage) and for links
 * longer than MAX_LINK_CHARS once canonical.
 */
export function canonicalLink(link: string | undefined, base?: string): string | undefined {
  const raw = link?.trim();
  // Tracking parameters rarely add more than a few hundred characters: anything far longer is not a link to keep.
  if (!raw || raw.length > 4 * MAX_LINK_CHARS) return undefined;
  let url: URL;
  try {
    url = base ? new URL(raw, base) : new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  // Each setter re-serialises the whole URL, so only what is there is cleared (this runs for every feed item).
  // An empty fragment leaves url.hash empty but a bare "#" in href, so href is what is asked.
  if (url.href.includes('#')) url.hash = '';
  if (url.username || url.password) {
    url.username = '';
    url.password = '';
  }
  // URL normalises host case and default ports; an emptied query leaves a bare "?" only in href, not in search.
  if (url.href.includes('?')) {
    const params = url.searchParams;
    for (const name of [...params.keys()]) {
      if (isTrackingParam(name)) params.delete(name);
    }
    if (!params.size) url.search = '';
  }
  return url.href.length > MAX_LINK_CHARS ? undefined : url.href;
}

/**
 * The ISO instant of a feed's date (RFC 822 in RSS, RFC 3339 in Atom, the common `YYYY-MM-DD HH:mm[:ss]`).
 * A date without a zone is read as UTC, so results do not depend on the machine's zone.
 */
export function toIsoTime(value: string | undefined): string | undefined {
  const raw = value?.trim();
  if (!raw) return undefined;
  const zoneless = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(raw);
  const time = zoneless
    ? Date.UTC(Number(zoneless[1]), Number(zoneless[2]) - 1, Number(zoneless[3]), Number(zoneless[4] ?? 0), Number(zoneless[5] ?? 0), Number(zoneless[6] ?? 0))
    : parseAsUtcUnlessZoned(raw);
  if (Number.isNaN(time)) return undefined;
  const year = new Date(time).getUTCFullYear();
  return year >= 1990 && year <= 2200 ? new Date(time).toISOString() : undefined;
}

/** A zone Date.parse understands: a name (UT, UTC, GMT, EST … PDT), or Z or ±hh[:mm] after the time. */
const NAMED_OR_NUMERIC_ZONE = /\b(?:UTC?|GMT|[ECMP][SD]T)\b|\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

/** Date.parse reads a date without a zone in the process's zone; such a date is read as UTC here instead. */
function parseAsUtcUnlessZoned(raw: string): number {
  if (NAMED_OR_NUMERIC_ZONE.test(raw)) return Date.parse(raw);
  const rfc822 = Date.parse(`${raw} GMT`);
  return Number.isNaN(rfc822) ? Date.parse(`${raw}Z`) : rfc822;
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
 * and the job's seen-markers stop them from coming back (renewed each time the job reads them again).
 */
export function isRecent(published: string | undefined, now: Date, days: number): boolean {
  if (!published) return true;
  return Date.parse(published) >= now.getTime() - days * 86_400_000;
}

/** The language of an item: the feed's, else Chinese when the title has Han characters. */
export function itemLang(title: string, feedLang: FeedLang | undefined): FeedLang {
  return feedLang ?? (/\p{Script=Han}/u.test(title) ? 'zh' : 'en');
}
