// Plain text from HTML, canonical links, ISO times, keyword filters and the recency window.
import { describe, expect, it } from 'vitest';
import { growthRatio } from '../../../support/complexity.ts';
import {
  canonicalLink,
  HTML_INPUT_FACTOR,
  htmlToText,
  MAX_LINK_CHARS,
  MAX_SUMMARY_CHARS,
  MAX_TITLE_CHARS,
  isRecent,
  itemLang,
  passesKeywordFilter,
  toIsoTime,
} from '../../../../lambdas/prospect-scan/feeds/normalise.ts';

describe('htmlToText', () => {
  it('strips tags and decodes HTML entities, named and numeric', () => {
    expect(htmlToText('<p>Harbor &amp; Pine&nbsp;Foods &mdash; <b>files</b> for IPO&#8230; &#x4E0A;&#24066;</p>')).toBe(
      'Harbor & Pine Foods — files for IPO… 上市',
    );
  });

  it('drops scripts, styles and comments entirely', () => {
    expect(htmlToText('<style>p{}</style>Hello<script>alert("x")</script> <!-- note --> world')).toBe('Hello world');
  });

  it('keeps block boundaries as spaces and collapses whitespace', () => {
    expect(htmlToText('<div><p>First</p><p>Second</p><br/>Third\n\n\tend</div>')).toBe('First Second Third end');
  });

  it('undoes double escaping once more', () => {
    expect(htmlToText('&lt;p&gt;Quanta &amp;amp; Co&lt;/p&gt;')).toBe('Quanta & Co');
  });

  it('leaves a less-than sign in prose alone', () => {
    expect(htmlToText('growth < 5% and 3 > 2')).toBe('growth < 5% and 3 > 2');
  });

  it('truncates long text at a bound', () => {
    const text = htmlToText('x'.repeat(5_000), 100);
    expect(text).toHaveLength(100);
    expect(text.endsWith('…')).toBe(true);
  });

  it('is empty for nothing', () => {
    expect(htmlToText(undefined)).toBe('');
    expect(htmlToText('<p> </p>')).toBe('');
  });

  it('drops the rest of the field when a comment, script or tag is never closed', () => {
    expect(htmlToText('Hello <!-- never closed <b>x</b> world')).toBe('Hello');
    expect(htmlToText('Hi <SCRIPT type="x">alert(1) <p>gone</p>')).toBe('Hi');
    expect(htmlToText('Hi <style>p{} </style gone')).toBe('Hi');
    expect(htmlToText('Hi <b class="x" there')).toBe('Hi');
    expect(htmlToText('A<script>x</script>B<Style>y</STYLE >C<scripts>D</scripts>')).toBe('A B CD');
  });

  it('keeps the text of CDATA sections', () => {
    expect(htmlToText('<![CDATA[<p>Quanta files</p>]]> for IPO')).toBe('Quanta files for IPO');
  });

  it('reads only a bounded prefix of a huge field: the work per field is capped, whatever the feed sends', () => {
    const markupOnly = (chars: number) => '<i></i>'.repeat(Math.ceil(chars / 7));
    const cap = MAX_SUMMARY_CHARS * HTML_INPUT_FACTOR;
    // Text behind more markup than the cap is never reached; within the cap it is.
    expect(htmlToText(`${markupOnly(cap)}visible`)).toBe('');
    expect(htmlToText(`${markupOnly(cap - 100)}visible`)).toBe('visible');
    expect(htmlToText(`${markupOnly(MAX_TITLE_CHARS * HTML_INPUT_FACTOR)}visible`, MAX_TITLE_CHARS)).toBe('');
    // A cut inside an entity or a tag leaves no fragment behind.
    expect(htmlToText(`${' '.repeat(cap - 3)}&amp; more`)).toBe('');
    expect(htmlToText(`${' '.repeat(cap - 3)}<br/> more`)).toBe('');
    expect(htmlToText(`${' '.repeat(cap - 1)}\u{1F600} more`)).toBe('');
  });

  // A complexity guard: these inputs took seconds to minutes with backtracking regexes (quadratic).
  // A linear scan grows about 8× when the field grows 8×; quadratic would grow 64×. A huge maxChars
  // lifts the input cap, which would otherwise hide the growth.
  it.each([
    ['unclosed comments', '<!--', 65_536],
    ['unclosed scripts', '<script>', 131_072],
    ['tags never closed', '<a', 131_072],
    // Kept near 1 MB at the large size: past that, decodeHTML's garbage collection alone made the ratio
    // swing between 6 and 44 on a loaded machine (still far from quadratic, but not a stable guard).
    ['escaped tags never closed', '&lt;a', 26_214],
    ['comments and tags', '<!--<p', 43_691],
  ])('strips a pathological field (%s) in linear time', async (_name, unit, repeats) => {
    expect(htmlToText(unit.repeat(repeats * 4)).length).toBeLessThan(10_000);
    expect(await growthRatio((size) => htmlToText(unit.repeat(size), 10_000_000), repeats, 8)).toBeLessThan(24);
  });
});

describe('canonicalLink', () => {
  it('removes tracking parameters and the fragment, keeps the rest', () => {
    expect(canonicalLink('https://News.Example.com:443/a/b?utm_source=rss&id=7&UTM_Medium=x&fbclid=1&gclid=2&spm=a.b.c&page=2#comments')).toBe(
      'https://news.example.com/a/b?id=7&page=2',
    );
  });

  it('drops an emptied query string entirely', () => {
    expect(canonicalLink('http://finance.example.cn/n/1.html?utm_source=rss&spm=x')).toBe('http://finance.example.cn/n/1.html');
  });

  it('resolves relative links against the feed', () => {
    expect(canonicalLink('/markets/1?mc_cid=9', 'https://dealwire.example.com/rss')).toBe('https://dealwire.example.com/markets/1');
    // An empty fragment or query still leaves the one canonical form.
    for (const bare of ['http://a.example/b#', 'http://a.example/b?#', 'http://a.example/b?utm_source=x#', 'http://a.example/b?']) expect(canonicalLink(bare), bare).toBe('http://a.example/b');
  });

  it('refuses anything but http(s)', () => {
    expect(canonicalLink('javascript:alert(1)')).toBeUndefined();
    expect(canonicalLink('data:text/html,hi')).toBeUndefined();
    expect(canonicalLink('not a url')).toBeUndefined();
    expect(canonicalLink('   ')).toBeUndefined();
  });

  it('drops links longer than MAX_LINK_CHARS', () => {
    const path = 'a'.repeat(MAX_LINK_CHARS);
    expect(canonicalLink(`https://news.example/${path}`)).toBeUndefined();
    expect(canonicalLink(`https://news.example/${path.slice(0, MAX_LINK_CHARS - 40)}`)).toMatch(/^https:\/\/news\.example\/a+$/);
    // Tracking parameters are removed before the length is judged.
    expect(canonicalLink(`https://news.example/x?utm_source=${path}`)).toBe('https://news.example/x');
  });

  it('drops credentials in the URL', () => {
    expect(canonicalLink('https://user:secret@example.com/x')).toBe('https://example.com/x');
  });
});

describe('toIsoTime', () => {
  it('reads RFC 822 with offsets, RFC 3339, and zone-less dates as UTC', () => {
    expect(toIsoTime('Thu, 05 Mar 2026 09:12:00 +0800')).toBe('2026-03-05T01:12:00.000Z');
    expect(toIsoTime('2026-03-05T09:58:41-05:00')).toBe('2026-03-05T14:58:41.000Z');
    expect(toIsoTime('2026-03-05 08:30')).toBe('2026-03-05T08:30:00.000Z');
    expect(toIsoTime('2026/3/5')).toBe('2026-03-05T00:00:00.000Z');
  });

  it('reads an RFC 822 or ISO date without a zone as UTC, not in the process time zone (the tests run west of UTC)', () => {
    expect(toIsoTime('Thu, 05 Mar 2026 09:12:00')).toBe('2026-03-05T09:12:00.000Z');
    expect(toIsoTime('2026-03-05T09:12:00.250')).toBe('2026-03-05T09:12:00.250Z');
    expect(toIsoTime('Mar 5, 2026 09:12')).toBe('2026-03-05T09:12:00.000Z');
    expect(toIsoTime('Thu, 05 Mar 2026 09:12:00 EST')).toBe('2026-03-05T14:12:00.000Z');
    expect(toIsoTime('Thu, 05 Mar 2026 09:12:00 GMT')).toBe('2026-03-05T09:12:00.000Z');
    expect(toIsoTime('2026-03-05T09:12:00.250+08:00')).toBe('2026-03-05T01:12:00.250Z');
    expect(toIsoTime('2026-03-05T09:12:00.250Z')).toBe('2026-03-05T09:12:00.250Z');
    expect(toIsoTime('5-Mar-2026')).toBe('2026-03-05T00:00:00.000Z');
  });

  it('is undefined for garbage and absurd years', () => {
    expect(toIsoTime('yesterday-ish')).toBeUndefined();
    expect(toIsoTime('')).toBeUndefined();
    expect(toIsoTime('0001-01-01T00:00:00Z')).toBeUndefined();
  });
});

describe('passesKeywordFilter', () => {
  const item = { title: 'Orchid Logistics files for IPO', summary: 'Sponsored content from our partner' };

  it('keeps everything without keywords', () => {
    expect(passesKeywordFilter(item, { include: [], exclude: [] })).toBe(true);
  });

  it('needs one include keyword, case-insensitively, in title or summary', () => {
    expect(passesKeywordFilter(item, { include: ['ipo', 'bond'], exclude: [] })).toBe(true);
    expect(passesKeywordFilter(item, { include: ['bond'], exclude: [] })).toBe(false);
    expect(passesKeywordFilter(item, { include: ['PARTNER'], exclude: [] })).toBe(true);
  });

  it('drops items with an exclude keyword, even when included', () => {
    expect(passesKeywordFilter(item, { include: ['IPO'], exclude: ['sponsored'] })).toBe(false);
  });

  it('matches Chinese keywords across Traditional and Simplified script and full-width letters', () => {
    const traditional = { title: '鴻達精密工業遞表港交所', summary: '' };
    expect(passesKeywordFilter(traditional, { include: ['递表'], exclude: [] })).toBe(true);
    expect(passesKeywordFilter({ title: '冲刺ＩＰＯ', summary: '' }, { include: ['ipo'], exclude: [] })).toBe(true);
    expect(passesKeywordFilter({ title: '某公司股价上涨', summary: '' }, { include: ['上市'], exclude: [] })).toBe(false);
  });
});

describe('isRecent', () => {
  const now = new Date('2026-03-05T12:00:00Z');

  it('keeps items from the last N days and drops older ones', () => {
    expect(isRecent('2026-03-02T12:00:00.000Z', now, 3)).toBe(true);
    expect(isRecent('2026-03-02T11:59:59.000Z', now, 3)).toBe(false);
    expect(isRecent('2026-01-12T09:00:00.000Z', now, 3)).toBe(false);
    expect(isRecent('2026-03-05T20:00:00.000Z', now, 3)).toBe(true);
  });

  it('keeps undated items', () => {
    expect(isRecent(undefined, now, 3)).toBe(true);
  });
});

describe('itemLang', () => {
  it('takes the feed language, else guesses from Han characters', () => {
    expect(itemLang('Acme files for IPO', 'zh')).toBe('zh');
    expect(itemLang('星河智能递表', undefined)).toBe('zh');
    expect(itemLang('Acme files for IPO', undefined)).toBe('en');
  });
});

describe('isAllowedHost', () => {
  it('allows every host without a list, else only listed hosts and their subdomains', async () => {
    const { isAllowedHost } = await import('../../../../lambdas/prospect-scan/feeds/fetch.ts');
    expect(isAllowedHost('anything.example', [])).toBe(true);
    expect(isAllowedHost('www.sec.gov', ['sec.gov'])).toBe(true);
    expect(isAllowedHost('SEC.GOV.', ['sec.gov'])).toBe(true);
    expect(isAllowedHost('notsec.gov', ['sec.gov'])).toBe(false);
    expect(isAllowedHost('sec.gov.evil.example', ['sec.gov'])).toBe(false);
  });
});
