// Reading JSON lines from stdin without trusting their length: a line is read up to a bound and the rest of it
// skipped, so one endless line (a file without newlines, a wrong pipe) costs bounded memory and is reported.
import type { Readable } from 'node:stream';

export interface InputLine {
  /** 1-based, counting every line read, empty ones included. */
  number: number;
  /** The line without its line end (and without a byte-order mark on the first); empty when it was too long. */
  text: string;
  /** The line had more than the bound's bytes: its text was not kept. */
  tooLong: boolean;
}

const newline = 0x0a;

/** The lines of a byte stream, each at most `maxBytes` long (a longer one comes back as `tooLong`, without its text). */
export async function* boundedLines(input: Readable, maxBytes: number): AsyncGenerator<InputLine> {
  let parts: Buffer[] = [];
  let length = 0;
  let tooLong = false;
  let number = 0;
  const finish = (): InputLine => {
    number += 1;
    let text = tooLong ? '' : Buffer.concat(parts, length).toString('utf8');
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (number === 1) text = text.replace(/^\uFEFF/, '');
    const line = { number, text, tooLong };
    parts = [];
    length = 0;
    tooLong = false;
    return line;
  };
  /** `copy`: the piece is the chunk's tail, kept past this chunk; the stream may reuse that memory. */
  const keep = (piece: Buffer, copy: boolean) => {
    if (tooLong) return;
    if (length + piece.length > maxBytes) {
      tooLong = true;
      parts = [];
      length = 0;
      return;
    }
    parts.push(copy ? Buffer.from(piece) : piece);
    length += piece.length;
  };
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
    let start = 0;
    for (let end = bytes.indexOf(newline, start); end >= 0; end = bytes.indexOf(newline, start)) {
      keep(bytes.subarray(start, end), false);
      yield finish();
      start = end + 1;
    }
    if (start < bytes.length) keep(bytes.subarray(start), true);
  }
  if (length > 0 || tooLong) yield finish();
}
