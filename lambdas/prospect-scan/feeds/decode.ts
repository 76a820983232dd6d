// Turns a feed's bytes into text: the byte-order mark, else the HTTP charset, else the XML prolog's encoding, else UTF-8.
import { FeedError } from './errors.ts';
import { TextDecoder } from 'node:util';

export interface DecodedFeed {
  text: string;
  /** The WHATWG name of the encoding used, e.g. `utf-8`, `gbk`, `big5`. */
  encoding: string;
  /** Where the encoding came from. */
  source: 'bom' | 'http' | 'prolog' | 'default';
}

/**
 * A body decoded with the declared encoding may contain a few broken bytes (a truncated
 * character, one bad copy-paste); beyond this share of replacement characters the
 * declaration is simply wrong and the feed is refused rather than shown as gibberish.
 */
const MAX_REPLACEMENT_SHARE = 0.01;

/** The charset parameter of a Content-Type header, if any. */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match?.[1]?.trim();
}

/** The encoding declared in the XML prolog (read as ASCII: every encoding we accept keeps ASCII there). */
export function encodingFromProlog(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const prolog = /^\s*<\?xml\s[^?]*\?>/.exec(head)?.[0];
  if (!prolog) return undefined;
  return /\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(prolog)?.[1];
}

function bomEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** A TextDecoder for a label, or undefined when the label names no encoding the platform knows. */
function decoderFor(label: string, fatal: boolean): TextDecoder | undefined {
  try {
    // ignoreBOM: false lets the decoder drop a BOM that matches the encoding.
    return new TextDecoder(label.toLowerCase(), { fatal });
  } catch {
    return undefined;
  }
}

/**
 * Decodes a feed body. A body that is valid UTF-8 is read as UTF-8 whatever the labels say (servers
 * label UTF-8 files ISO-8859-1 by default, and single-byte labels decode anything into the wrong
 * characters). Otherwise servers often send a default `charset=utf-8` for files that are really GBK
 * (and say so in their prolog), so each declared encoding — HTTP's, then the prolog's — is tried;
 * when several decode cleanly, the reading made of the more common characters wins (HTTP's on a
 * tie); if none does, the first known one is used when the damage is small, otherwise the feed is
 * refused as wrongly encoded.
 */
export function decodeFeedBody(bytes: Uint8Array, contentType?: string): DecodedFeed {
  const bom = bomEncoding(bytes);
  if (bom) {
    const text = decoderFor(bom, false)!.decode(bytes);
    return { text: withoutDeclaredEncoding(text), encoding: bom, source: 'bom' };
  }
  const declared: Array<{ label: string; source: DecodedFeed['source'] }> = [];
  const fromHttp = charsetFromContentType(contentType);
  const fromProlog = encodingFromProlog(bytes);
  if (fromHttp) declared.push({ label: fromHttp, source: 'http' });
  if (fromProlog) declared.push({ label: fromProlog, source: 'prolog' });
  declared.push({ label: 'utf-8', source: 'default' });

  // Valid UTF-8 first: Chinese text in GBK or Big5 is practically never valid UTF-8, while single-byte
  // labels (ISO-8859-1, us-ascii) and GBK decode almost anything "cleanly" into the wrong characters.
  const utf8 = tryDecode(bytes, 'utf-8');
  if (utf8 !== undefined) {
    const source = declared.find((candidate) => decoderFor(candidate.label, false)?.encoding === 'utf-8')?.source ?? 'default';
    return { text: withoutDeclaredEncoding(utf8), encoding: 'utf-8', source };
  }
  const known = declared.filter((candidate) => decoderFor(candidate.label, false));
  const clean = known
    .map((candidate) => ({ ...candidate, text: tryDecode(bytes, candidate.label) }))
    .filter((candidate): candidate is typeof candidate & { text: string } => candidate.text !== undefined);
  // GBK and Big5 both decode most double-byte text "cleanly": when the header and the prolog disagree,
  // the reading made of common characters wins (mojibake is made of rare ones); a tie keeps HTTP's.
  const best = clean.reduce<(typeof clean)[number] | undefined>(
    (chosen, candidate) => (!chosen || commonCharacterShare(candidate.text) > commonCharacterShare(chosen.text) ? candidate : chosen),
    undefined,
  );
  if (best) return { text: withoutDeclaredEncoding(best.text), encoding: decoderFor(best.label, false)!.encoding, source: best.source };
  const unknown = declared.filter((candidate) => !decoderFor(candidate.label, false));
  if (unknown.length > 0 && known.length === 1) {
    throw new FeedError('encoding', `unsupported encoding ${unknown.map((candidate) => `"${candidate.label}"`).join(' / ')}`);
  }
  const first = known[0]!;
  const lenient = decoderFor(first.label, false)!;
  const text = lenient.decode(bytes);
  const replaced = countReplacements(text);
  if (replaced / Math.max(1, text.length) <= MAX_REPLACEMENT_SHARE) {
    return { text: withoutDeclaredEncoding(text), encoding: lenient.encoding, source: first.source };
  }
  const where = first.source === 'http' ? 'the HTTP header' : first.source === 'prolog' ? 'the XML prolog' : 'default';
  throw new FeedError(
    'encoding',
    `body is not valid ${lenient.encoding} (${first.source === 'default' ? 'no encoding declared' : `declared in ${where}`}): ${replaced} undecodable characters`,
  );
}

function tryDecode(bytes: Uint8Array, label: string): string | undefined {
  try {
    return decoderFor(label, true)?.decode(bytes);
  } catch {
    return undefined;
  }
}

function countReplacements(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\uFFFD'); index !== -1; index = text.indexOf('\uFFFD', index + 1)) count++;
  return count;
}

/** Drops a leading BOM and the prolog's encoding declaration: the text is already decoded. */
export function withoutDeclaredEncoding(text: string): string {
  const unmarked = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return unmarked.replace(/^(\s*<\?xml\s[^?]*?)\s+encoding\s*=\s*["'][^"']*["']/, '$1');
}

let commonCharacters: ReadonlySet<string> | undefined;

/**
 * The common Chinese characters: GB2312's first level (the 3,755 most used Simplified ones) and
 * Big5's frequently used block (5,401 Traditional ones), read out of the two code tables themselves.
 */
function commonChineseCharacters(): ReadonlySet<string> {
  if (commonCharacters) return commonCharacters;
  const set = new Set<string>();
  const collect = (encoding: string, leads: [number, number], trails: Array<[number, number]>) => {
    const decoder = new TextDecoder(encoding);
    for (let lead = leads[0]; lead <= leads[1]; lead++) {
      for (const [from, to] of trails) {
        for (let trail = from; trail <= to; trail++) set.add(decoder.decode(new Uint8Array([lead, trail])));
      }
    }
  };
  collect('gbk', [0xb0, 0xd7], [[0xa1, 0xfe]]);
  collect('big5', [0xa4, 0xc6], [[0x40, 0x7e], [0xa1, 0xfe]]);
  commonCharacters = set;
  return set;
}

/** Of the Chinese characters in a text, the share that are common ones; 1 when there are none. */
function commonCharacterShare(text: string): number {
  const cjk = text.match(/[\u3400-\u9fff]/g);
  if (!cjk) return 1;
  const common = commonChineseCharacters();
  return cjk.filter((character) => common.has(character)).length / cjk.length;
}
