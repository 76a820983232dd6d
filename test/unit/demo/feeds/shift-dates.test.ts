// The demo feeds' date shifter: newest date on the day before the business date, order, times and encodings kept.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { shiftFeedBytes, shiftFeedDates } from '../../../../demo/feeds/shift-dates.ts';

describe('shiftFeedDates', () => {
  it('moves RFC 822 and ISO dates by whole days, keeping times, zones and weekdays right', () => {
    const xml = [
      '<rss><channel><lastBuildDate>Thu, 19 Nov 2026 18:00:00 +0800</lastBuildDate>',
      '<item><pubDate>Wed, 18 Nov 2026 09:20:00 +0800</pubDate></item>',
      '<item><pubDate>Thu, 19 Nov 2026 01:15:00 GMT</pubDate></item>',
      '<entry><updated>2026-11-19T08:45:00+08:00</updated><published>2026-11-18T16:00:00+08:00</published></entry>',
      '<item><dc:date>2026-11-17T10:00:00Z</dc:date><title>Thu, 19 Nov 2026 stays</title></item></channel></rss>',
    ].join('');
    const shifted = shiftFeedDates(xml, '2026-03-02');
    expect(shifted).toContain('<lastBuildDate>Sun, 01 Mar 2026 18:00:00 +0800</lastBuildDate>');
    expect(shifted).toContain('<pubDate>Sat, 28 Feb 2026 09:20:00 +0800</pubDate>');
    expect(shifted).toContain('<pubDate>Sun, 01 Mar 2026 01:15:00 GMT</pubDate>');
    expect(shifted).toContain('<updated>2026-03-01T08:45:00+08:00</updated>');
    expect(shifted).toContain('<published>2026-02-28T16:00:00+08:00</published>');
    expect(shifted).toContain('<dc:date>2026-02-27T10:00:00Z</dc:date>');
    expect(shifted).toContain('<title>Thu, 19 Nov 2026 stays</title>');
  });

  it('leaves a feed without dates, or already in place, as it is', () => {
    expect(shiftFeedDates('<rss><item><title>x</title></item></rss>', '2026-03-02')).toBe('<rss><item><title>x</title></item></rss>');
    const xml = '<rss><item><pubDate>Sun, 01 Mar 2026 09:00:00 +0800</pubDate></item></rss>';
    expect(shiftFeedDates(xml, '2026-03-02')).toBe(xml);
  });

  it('shifts the GBK demo feed byte-for-byte outside its dates', async () => {
    const original = await readFile(new URL('../../../../demo/feeds/oil-weekly.gbk.xml', import.meta.url));
    const shifted = shiftFeedBytes(original, '2027-01-05');
    const text = new TextDecoder('gbk').decode(shifted);
    expect(text).toContain('<title>油品市场周刊</title>');
    expect(text).toContain('<pubDate>Mon, 04 Jan 2027 08:40:00 +0800</pubDate>');
    expect(text).not.toMatch(/<pubDate>[^<]*2026/);
    expect(shifted.length).toBe(original.length);
  });
});
