// From decoded feed text to normalised items: rss-parser (RSS 0.9x/1.0/2.0, Atom) plus our normalisation and EDGAR reading.
import Parser from 'rss-parser';
import rssParserUtils from 'rss-parser/lib/utils.js';
import { decodeHTML } from 'entities';
import { decodeFeedBody } from './decode.ts';
import { FeedError, oneLineReason } from './errors.ts';
import { canonicalLink, htmlToText, itemLang, MAX_TITLE_CHARS, toIsoTime } from './normalise.ts';
import { companyOfCompanyFeed, formOfEntry, isSecHost, parseFilingTitle, textOf } from './edgar.ts';
import type { FeedItem, FeedKind, FeedLang } from './types.ts';
import { withoutUndefined } from '../../core/objects.ts';

// rss-parser fills a contentSnippet we never read, with a tag regex that is quadratic on unclosed
// markup: one hostile description stalled a run for minutes. Our stripper is linear and capped.
rssParserUtils.getSnippet = (html) => htmlToText(html);

interface RawItem {
  title?: unknown;
  link?: string;
  guid?: unknown;
  id?: unknown;
  'rdf:about'?: string;
  pubDate?: string;
  date?: string;
  isoDate?: string;
  summary?: unknown;
  content?: unknown;
  contentSnippet?: string;
  'content:encoded'?: unknown;
  edgarCategories?: unknown;
  edgarContent?: unknown;
}

interface RawFeed {
  title?: string;
  link?: string;
  id?: unknown;
  'company-info'?: unknown;
  author?: unknown;
  items: RawItem[];
}

// One parser for the process: its options never change. Extra fields: full RSS content, EDGAR form data.
const parser: Parser<RawFeed, RawItem> = new Parser({
  // Some feeds write <rss> without a version; read them as RSS 2.0 rather than refusing them.
  defaultRSS: 2,
  customFields: {
    feed: ['id', 'company-info', 'author'] as Array<keyof RawFeed>,
    item: ['content:encoded', ['category', 'edgarCategories', { keepArray: true }], ['content', 'edgarContent']] as never,
  },
});

/** Entities XML does not define: HTML feeds use them anyway and a strict parser would refuse the whole feed. */
const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/**
 * Repairs the two slips real feeds make most, so they do not cost the whole feed:
 * HTML named entities (&nbsp; &mdash;) become numeric references, and a bare `&`
 * ("AT&T") becomes `&amp;`. Anything structurally broken still fails to parse.
 */
export function repairEntities(xml: string): string {
  return xml
    .replace(/&([A-Za-z][A-Za-z0-9]{1,31});/g, (whole, name: string) => {
      if (XML_ENTITIES.has(name)) return whole;
      const decoded = decodeHTML(whole);
      return decoded === whole ? `&amp;${name};` : [...decoded].map((char) => `&#${char.codePointAt(0)};`).join('');
    })
    .replace(/&(?!(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#x[0-9A-Fa-f]{1,6});)/g, '&amp;');
}

/** Parses decoded feed text; a document that is not RSS or Atom fails with a one-line `malformed` reason. */
export async function parseFeedText(xml: string): Promise<RawFeed> {
  if (!/<(rss|feed|rdf:RDF)[\s>]/i.test(xml.slice(0, 20_000))) {
    throw new FeedError('malformed', 'not an RSS or Atom document');
  }
  try {
    return await parser.parseString(repairEntities(xml));
  } catch (error) {
    throw new FeedError('malformed', `malformed feed: ${oneLineReason(error)}`);
  }
}

/** Where items come from: stamped on every item. */
export interface ItemSource {
  feedId: string;
  feedName: string;
  lang?: FeedLang;
  industries: string[];
  /** Declared kind; EDGAR is also recognised by the sec.gov host or the feed's own id. */
  kind?: FeedKind;
  /** The feed's URL, to resolve relative links and recognise EDGAR. */
  url?: string;
}

export interface ParsedFeed {
  /** The feed's own title, plain text. */
  title?: string;
  items: FeedItem[];
  encoding: string;
  kind: FeedKind;
}

/** Bytes → decoded text → parsed → normalised items: the one path used by the job and by `feeds check`. */
export async function parseFeedBody(body: Uint8Array, contentType: string | undefined, source: ItemSource): Promise<ParsedFeed> {
  const decoded = decodeFeedBody(body, contentType);
  const raw = await parseFeedText(decoded.text);
  const kind = source.kind === 'sec-edgar' || (source.url && isSecHost(source.url)) || looksLikeEdgar(raw) ? 'sec-edgar' : 'news';
  const items = kind === 'sec-edgar' ? edgarItems(raw, source) : newsItems(raw, source);
  return { title: htmlToText(textOf(raw.title), MAX_TITLE_CHARS) || undefined, items, encoding: decoded.encoding, kind };
}

function looksLikeEdgar(raw: RawFeed): boolean {
  const id = textOf(raw.id) ?? '';
  const author = JSON.stringify(raw.author ?? '');
  return /sec\.gov/i.test(id) || /@sec\.gov/i.test(author) || raw['company-info'] !== undefined;
}

function newsItems(raw: RawFeed, source: ItemSource): FeedItem[] {
  const base = raw.link && /^https?:/i.test(raw.link) ? raw.link : source.url;
  const items: FeedItem[] = [];
  for (const entry of raw.items ?? []) {
    const summary = summaryOf(entry);
    const title = htmlToText(textOf(entry.title), MAX_TITLE_CHARS) || firstWords(summary);
    if (!title) continue;
    items.push(withoutUndefined({
      feedId: source.feedId,
      feedName: source.feedName,
      title,
      summary,
      link: canonicalLink(entry.link, base) ?? canonicalLink(textOf(entry.guid), base),
      guid: textOf(entry.guid) ?? textOf(entry.id) ?? entry['rdf:about'],
      published: toIsoTime(entry.isoDate) ?? toIsoTime(entry.pubDate) ?? toIsoTime(entry.date),
      lang: itemLang(title, source.lang),
      industries: source.industries,
    }));
  }
  return items;
}

/** An item's summary as plain text: its summary, else its content (description), else its encoded content. */
function summaryOf(entry: RawItem): string {
  const fromSummary = textOf(entry.summary);
  // rss-parser has already run htmlToText over the content for its contentSnippet (the patch above): reuse it
  // rather than strip the same HTML twice, the larger part of the work on a feed's items.
  if (fromSummary === undefined && typeof entry.content === 'string' && textOf(entry.content) !== undefined && typeof entry.contentSnippet === 'string') {
    return entry.contentSnippet;
  }
  return htmlToText(fromSummary ?? textOf(entry.content) ?? textOf(entry['content:encoded']));
}

function edgarItems(raw: RawFeed, source: ItemSource): FeedItem[] {
  const feedCompany = companyOfCompanyFeed(textOf(raw.title), raw['company-info']);
  const seen = new Set<string>();
  const items: FeedItem[] = [];
  for (const entry of raw.items ?? []) {
    const title = htmlToText(textOf(entry.title), MAX_TITLE_CHARS);
    const fromTitle = parseFilingTitle(title);
    const form = formOfEntry(entry.edgarCategories, entry.edgarContent) ?? fromTitle?.form;
    const company = fromTitle?.company ?? feedCompany?.company;
    if (!title || !form) continue;
    const guid = textOf(entry.id);
    // getcurrent lists a filing once per party (Filer, Subject): one item per accession number.
    const identity = guid ?? `${form}|${company}|${entry.link}`;
    if (seen.has(identity)) continue;
    seen.add(identity);
    const summary = htmlToText(textOf(entry.summary) ?? textOf(entry.content));
    items.push(withoutUndefined({
      feedId: source.feedId,
      feedName: source.feedName,
      title,
      summary,
      link: canonicalLink(entry.link, source.url ?? 'https://www.sec.gov/'),
      guid,
      published: toIsoTime(entry.isoDate) ?? toIsoTime(entry.pubDate),
      lang: source.lang ?? 'en',
      industries: source.industries,
      filing: company ? withoutUndefined({ form, company, cik: fromTitle?.cik ?? feedCompany?.cik }) : undefined,
    }));
  }
  return items;
}

function firstWords(text: string): string {
  return text.length > 120 ? `${text.slice(0, 119).trimEnd()}…` : text;
}
