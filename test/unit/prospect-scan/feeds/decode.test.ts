// Decoding feed bodies: BOM, HTTP charset, XML prolog, UTF-8 default; wrong declarations; the prolog rewritten.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { charsetFromContentType, decodeFeedBody, encodingFromProlog } from '../../../../lambdas/prospect-scan/feeds/decode.ts';
import { FeedError } from '../../../../lambdas/prospect-scan/feeds/errors.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/feeds/${name}`, import.meta.url));
const utf8 = (text: string) => new TextEncoder().encode(text);
const bytes = (...parts: Array<string | number[]>) =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...utf8(part)] : part)));

// 中文 in GBK / GB2312, 中文 in Big5.
const ZHONGWEN_GBK = [0xd6, 0xd0, 0xce, 0xc4];
const ZHONGWEN_BIG5 = [0xa4, 0xa4, 0xa4, 0xe5];

describe('charset and prolog detection', () => {
  it('reads the charset parameter of a Content-Type, quoted or not', () => {
    expect(charsetFromContentType('application/rss+xml; charset=GBK')).toBe('GBK');
    expect(charsetFromContentType('text/xml;charset="big5"')).toBe('big5');
    expect(charsetFromContentType('application/xml')).toBeUndefined();
    expect(charsetFromContentType(undefined)).toBeUndefined();
  });

  it('reads the encoding of the XML prolog only', () => {
    expect(encodingFromProlog(utf8(`<?xml version="1.0" encoding='gb2312'?><rss/>`))).toBe('gb2312');
    expect(encodingFromProlog(utf8(`<?xml version="1.0"?><rss encoding="big5"/>`))).toBeUndefined();
    expect(encodingFromProlog(utf8(`<rss/>`))).toBeUndefined();
  });
});

describe('decodeFeedBody', () => {
  it('defaults to UTF-8', () => {
    const decoded = decodeFeedBody(utf8('<?xml version="1.0"?><rss><title>上市 ünïcode</title></rss>'));
    expect(decoded).toMatchObject({ encoding: 'utf-8', source: 'default' });
    expect(decoded.text).toContain('上市 ünïcode');
  });

  it('decodes GBK named in the XML prolog and removes the declaration', () => {
    const decoded = decodeFeedBody(fixture('zh-finance.gbk.xml'));
    expect(decoded).toMatchObject({ encoding: 'gbk', source: 'prolog' });
    expect(decoded.text).toContain('深圳星河智能装备股份有限公司递交港股上市申请');
    expect(decoded.text.startsWith('<?xml version="1.0"?>')).toBe(true);
  });

  it('decodes GBK named only in the HTTP header', () => {
    const decoded = decodeFeedBody(fixture('zh-noprolog-encoding.gbk.xml'), 'application/rss+xml; charset=gbk');
    expect(decoded).toMatchObject({ encoding: 'gbk', source: 'http' });
    expect(decoded.text).toContain('宁波海纳新能源中标15亿元储能项目');
  });

  it('prefers the HTTP charset over the prolog when both decode', () => {
    const body = bytes('<?xml version="1.0" encoding="big5"?><rss><title>', ZHONGWEN_GBK, '</title></rss>');
    expect(decodeFeedBody(body, 'text/xml; charset=gbk').text).toContain('<title>中文</title>');
  });

  it('falls back to the prolog when a default charset=utf-8 header is wrong', () => {
    const decoded = decodeFeedBody(fixture('zh-finance.gbk.xml'), 'text/xml; charset=utf-8');
    expect(decoded).toMatchObject({ encoding: 'gbk', source: 'prolog' });
    expect(decoded.text).toContain('星河智能');
  });

  it('understands GB2312 and GB18030 labels, including four-byte GB18030 characters', () => {
    expect(decodeFeedBody(bytes('<?xml version="1.0" encoding="GB2312"?><t>', ZHONGWEN_GBK, '</t>')).text).toContain('中文');
    const fourByte = bytes('<?xml version="1.0" encoding="GB18030"?><t>', [0x95, 0x32, 0x82, 0x36], '</t>');
    expect(decodeFeedBody(fourByte).text).toContain('\u{20000}');
  });

  it('decodes Big5 (Traditional Chinese)', () => {
    expect(decodeFeedBody(bytes('<?xml version="1.0" encoding="Big5"?><t>', ZHONGWEN_BIG5, '</t>')).text).toContain('中文');
    const decoded = decodeFeedBody(fixture('tw-business.big5.xml'));
    expect(decoded.encoding).toBe('big5');
    expect(decoded.text).toContain('鴻達精密工業遞表港交所');
  });

  it('decodes ISO-8859-1 as the web does (windows-1252)', () => {
    const decoded = decodeFeedBody(bytes('<?xml version="1.0" encoding="ISO-8859-1"?><t>Soci', [0xe9], 't', [0xe9], '</t>'));
    expect(decoded.text).toContain('Société');
  });

  it('lets a byte-order mark win over any declaration', () => {
    const decoded = decodeFeedBody(bytes([0xef, 0xbb, 0xbf], '<?xml version="1.0" encoding="gbk"?><t>上市</t>'), 'text/xml; charset=big5');
    expect(decoded).toMatchObject({ encoding: 'utf-8', source: 'bom' });
    expect(decoded.text).toBe('<?xml version="1.0"?><t>上市</t>');
  });

  it('refuses a body that is not what it claims to be, with a one-line reason', () => {
    const decode = () => decodeFeedBody(fixture('zh-noprolog-encoding.gbk.xml'));
    expect(decode).toThrow(FeedError);
    expect(decode).toThrow(/not valid utf-8 \(no encoding declared\): \d+ undecodable characters/);
  });

  it('tolerates a few broken bytes in an otherwise well-encoded body', () => {
    const long = `<?xml version="1.0"?><rss>${'<item>fine text</item>'.repeat(20)}`;
    const decoded = decodeFeedBody(bytes(long, [0xff], '</rss>'));
    expect(decoded.text).toContain('\uFFFD');
  });

  it('names an encoding nobody knows', () => {
    expect(() => decodeFeedBody(bytes('<?xml version="1.0" encoding="x-klingon"?><t>', [0xd6, 0xd0], '</t>'))).toThrow(
      /unsupported encoding "x-klingon"/,
    );
    // …but a UTF-8 body with a bogus label is still read.
    expect(decodeFeedBody(utf8('<?xml version="1.0" encoding="x-klingon"?><t>ok</t>')).text).toContain('<t>ok</t>');
  });
});

describe('a UTF-8 body under a wrong single-byte label', () => {
  it('is read as UTF-8, not as mojibake', () => {
    const body = new TextEncoder().encode('<?xml version="1.0"?><rss><title>華南汽車遞表</title></rss>');
    expect(decodeFeedBody(body, 'text/xml; charset=ISO-8859-1')).toMatchObject({ encoding: 'utf-8' });
    expect(decodeFeedBody(body, 'application/rss+xml; charset=us-ascii').text).toContain('<title>華南汽車遞表</title>');
  });
});

describe('a header and a prolog that disagree on GBK and Big5', () => {
  const big5 = (text: string) => {
    // Big5 bytes for the test text, found by decoding the code table (Node has no Big5 encoder).
    const table = new Map<string, number[]>();
    const decoder = new TextDecoder('big5');
    for (let lead = 0xa1; lead <= 0xf9; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        const character = decoder.decode(new Uint8Array([lead, trail]));
        if (!table.has(character)) table.set(character, [lead, trail]);
      }
    }
    return [...text].flatMap((character) => (character.charCodeAt(0) < 0x80 ? [character.charCodeAt(0)] : table.get(character)!));
  };

  it('reads Big5 served as charset=gbk by its prolog, since the GBK reading is made of rare characters', () => {
    const body = new Uint8Array(big5('<?xml version="1.0" encoding="big5"?><rss><title>華南汽車集團向港交所遞表</title></rss>'));
    const decoded = decodeFeedBody(body, 'text/xml; charset=gbk');
    expect(decoded).toMatchObject({ encoding: 'big5', source: 'prolog' });
    expect(decoded.text).toContain('<title>華南汽車集團向港交所遞表</title>');
  });
});
