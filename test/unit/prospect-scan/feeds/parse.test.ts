// Parsing real-world and hand-made feeds into normalised items: RSS 0.9x/1.0/2.0 and Atom, entities, links, bad XML.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFeedBody, repairEntities } from '../../../../lambdas/prospect-scan/feeds/parse.ts';
import { FeedError } from '../../../../lambdas/prospect-scan/feeds/errors.ts';
import { growthRatio } from '../../../support/complexity.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/feeds/${name}`, import.meta.url));
const source = { feedId: 'f1', feedName: 'Test feed', industries: ['manufacturing'] };
const parse = (name: string, contentType?: string, extra: object = {}) => parseFeedBody(fixture(name), contentType, { ...source, ...extra });

describe('real-world feeds (rss-parser test inputs)', () => {
  it('RSS 2.0 (Guardian): every item has a title, canonical link and ISO date; summaries are plain text', async () => {
    const feed = await parse('rss-parser/guardian.rss');
    expect(feed.kind).toBe('news');
    expect(feed.items.length).toBeGreaterThan(20);
    for (const item of feed.items) {
      expect(item.title.length).toBeGreaterThan(0);
      expect(item.link).toMatch(/^https?:\/\//);
      expect(item.published).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(item.summary).not.toMatch(/<[a-z/][^>]*>/i);
      expect(item.summary).not.toMatch(/&(amp|lt|gt|nbsp|#\d+);/);
    }
    expect(feed.items[0]).toMatchObject({ feedId: 'f1', feedName: 'Test feed', industries: ['manufacturing'], lang: 'en' });
  });

  it('Atom (Heise): titles, alternate links, published times, ids as guids', async () => {
    const feed = await parse('rss-parser/heise.atom');
    expect(feed.items).toHaveLength(15);
    expect(feed.items[0]).toMatchObject({
      title: 'Java-Anwendungsserver: Red Hat gibt WildFly 10 frei',
      link: expect.stringMatching(/^http:\/\/www\.heise\.de\/developer\/meldung\//),
      published: expect.stringMatching(/^2016-/),
      guid: expect.any(String),
    });
    // Heise tags its links with Webtrekk's wt_mc: removed.
    expect(feed.items[0]!.link).toBe('http://www.heise.de/developer/meldung/Java-Anwendungsserver-Red-Hat-gibt-WildFly-10-frei-3088438.html');
  });

  it('RSS 1.0 / RDF (Science, Craigslist)', async () => {
    const science = await parse('rss-parser/rss-1.rss');
    expect(science.items.length).toBeGreaterThan(50);
    expect(science.items[0]).toMatchObject({ title: 'Food for fungi', published: '2017-06-15T17:29:47.000Z' });
    const craigslist = await parse('rss-parser/craigslist.rss');
    expect(craigslist.items).toHaveLength(25);
  });

  it('RSS 0.92 and an <rss> without a version', async () => {
    expect((await parse('rss-parser/heraldsun.rss')).items.map((item) => item.title)).toEqual(['The First Item', 'The Second Item']);
    // UOL sends Latin-1 without declaring it: read when the HTTP header says so.
    const uol = await parse('rss-parser/uolNoticias.rss', 'text/xml; charset=iso-8859-1');
    expect(uol.items.length).toBeGreaterThan(5);
    expect(uol.items.some((item) => /[ãçéí]/.test(item.title))).toBe(true);
  });

  it('ISO-8859-1 declared in the prolog (Jornal de Notícias)', async () => {
    const feed = await parse('rss-parser/encoding.rss');
    expect(feed.items[0]!.title).toBe('Mãe de utente é a nova presidente da Raríssimas');
  });

  it('feeds with missing fields give no items rather than failing', async () => {
    expect((await parse('rss-parser/missing-fields.atom')).items).toEqual([]);
    expect((await parse('rss-parser/incomplete-fields.atom')).items).toEqual([]);
  });

  it('an HTML page is not a feed', async () => {
    await expect(parse('rss-parser/unrecognized.rss')).rejects.toThrow('not an RSS or Atom document');
  });
});

describe('normalisation of a hand-made feed', () => {
  it('decodes entities in titles, strips (double-escaped) HTML from summaries, canonicalises links', async () => {
    const feed = await parse('entities-and-links.rss');
    const [harbor, quanta, old, wrap] = feed.items;
    expect(feed.title).toBe('Deal Wire & Markets (fictional)');
    expect(harbor).toMatchObject({
      title: 'Harbor & Pine Foods hires underwriters for a Hong Kong listing — sources',
      summary: 'Harbor & Pine Foods Ltd. has hired two banks to prepare a listing.',
      link: 'https://dealwire.example.com/markets/2026/03/05/harbor-pine-ipo?id=42',
      guid: 'dealwire-42',
      published: '2026-03-05T06:30:00.000Z',
    });
    expect(quanta).toMatchObject({
      title: 'Quanta Grid wins $120m contract from AT&T',
      summary: 'Quanta Grid Inc. said it won a $120 million contract. Shares rose 3%.',
      link: 'https://dealwire.example.com/contracts/quanta?page=2',
      published: '2026-03-04T22:10:00.000Z',
    });
    expect(old!.published).toBe('2026-01-12T09:00:00.000Z');
    expect(wrap!.link).toBeUndefined();
  });

  it('reads Chinese feeds in GBK and Big5 with their links cleaned', async () => {
    const gbk = await parse('zh-finance.gbk.xml', undefined, { lang: 'zh' });
    expect(gbk.encoding).toBe('gbk');
    expect(gbk.items[0]).toMatchObject({
      title: '深圳星河智能装备股份有限公司递交港股上市申请',
      summary: '据港交所披露，星河智能于3月4日向联交所递交上市申请，中金公司为独家保荐人。',
      link: 'http://finance.example.cn/news/2026/0305/10001.html',
      guid: 'finance-example-10001',
      published: '2026-03-05T01:12:00.000Z',
      lang: 'zh',
    });
    const big5 = await parse('tw-business.big5.xml');
    expect(big5.items.map((item) => item.title)).toEqual(['鴻達精密工業遞表港交所 擬明年掛牌', '新竹晶鑽半導體通過上市聆訊 下週招股']);
    expect(big5.items[0]!.link).toBe('https://news.example.tw/article/88001?ref=rss');
  });

  it('refuses malformed XML with a one-line reason', async () => {
    const failure = parse('malformed.rss');
    await expect(failure).rejects.toBeInstanceOf(FeedError);
    await expect(parse('malformed.rss')).rejects.toThrow(/^malformed feed: [^\n]+$/);
  });

  it('refuses truncated XML', async () => {
    const truncated = fixture('entities-and-links.rss').subarray(0, 900);
    await expect(parseFeedBody(truncated, undefined, source)).rejects.toThrow(/malformed feed/);
  });
});

describe('repairEntities', () => {
  it('turns HTML-only entities into numeric references and escapes bare ampersands', () => {
    expect(repairEntities('<t>A&nbsp;B &mdash; AT&T &amp; &lt; &#38; &#x26; &bogus;</t>')).toBe(
      '<t>A&#160;B &#8212; AT&amp;T &amp; &lt; &#38; &#x26; &amp;bogus;</t>',
    );
  });
});

describe('hostile item fields', () => {
  // The markup never closes: a backtracking tag regex took seconds (titles) to minutes (descriptions,
  // through rss-parser's own snippet stripping, which parse.ts replaces) on fields like these.
  // Linear parsing grows about 8× when the input grows 8×; the quadratic strippers grew 64×.
  const hostileTitles = (repeats: number) => `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title>
      <item><title>Acme files for IPO &lt;!--${'&lt;!--'.repeat(repeats)}</title><description>ok</description><link>https://a.example/1</link></item>
      <item><title>Second &lt;script&gt;${'&lt;a'.repeat(repeats * 2)}</title><description>ok</description><link>https://a.example/2</link></item>
    </channel></rss>`;
  const hostileDescriptions = (repeats: number) => `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title>
      <item><title>Acme files for IPO</title><description>Acme &lt;!--${'&lt;!--'.repeat(repeats)}</description><link>https://a.example/1</link></item>
      <item><title>Beta raises funds</title><description>Beta &lt;a${' &lt;a'.repeat(repeats * 2)}</description><link>https://a.example/2</link></item>
    </channel></rss>`;
  const parseXml = (xml: string) => parseFeedBody(new TextEncoder().encode(xml), 'application/rss+xml', source);

  it('parses a feed whose titles are hundreds of KB of unclosed markup, in time linear in their size', async () => {
    const feed = await parseXml(hostileTitles(50_000));
    expect(feed.items.map((item) => item.title)).toEqual(['Acme files for IPO', 'Second']);
    expect(await growthRatio((repeats) => parseXml(hostileTitles(repeats)), 6_250, 8)).toBeLessThan(24);
  });

  it('parses a feed whose descriptions are megabytes of unclosed markup, in time linear in their size', async () => {
    const feed = await parseXml(hostileDescriptions(100_000));
    expect(feed.items.map((item) => item.summary)).toEqual(['Acme', 'Beta']);
    expect(await growthRatio((repeats) => parseXml(hostileDescriptions(repeats)), 12_500, 8)).toBeLessThan(24);
  });
});
