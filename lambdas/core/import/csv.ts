// Reading CSV files as Excel writes them (UTF-8 with or without BOM, or GB18030/GBK from Chinese Excel), as a
// stream of rows, so that a file of any size is read in bounded memory and can be read again from its start.
import { parse } from 'csv-parse';
import { ValidationError } from '../errors.ts';

export const supportedEncodings = ['utf-8', 'gb18030', 'gbk', 'big5'] as const;
export type CsvEncoding = (typeof supportedEncodings)[number];

/** The longest record (in characters) a file may hold: an unclosed quote would otherwise swallow the whole file. */
export const MAX_RECORD_CHARACTERS = 1_000_000;

/** A file that can be read from its start as many times as needed (a validating pass, then a writing pass). */
export interface CsvSource {
  open(): AsyncIterable<Uint8Array>;
}

/** A file already in memory. */
export function bytesSource(bytes: Uint8Array): CsvSource {
  return {
    async *open() {
      yield bytes;
    },
  };
}

export interface CsvRow {
  /** The line in the file where the row starts (the header is line 1). */
  line: number;
  values: Record<string, string>;
}

/** The text is not in the encoding it is read as; only thrown when reading as UTF-8. */
export class NotUtf8Error extends ValidationError {
  override name = 'NotUtf8Error';
  constructor() {
    super('the file is not valid UTF-8; try --encoding gb18030');
  }
}

/**
 * The header and the rows of a file, read as `encoding`. Header names are matched case- and
 * space-insensitively; blank rows are skipped. Throws a NotUtf8Error when UTF-8 text turns out not to be,
 * and a ValidationError for a file that is empty or not CSV.
 */
export async function* readCsvRows(source: CsvSource, encoding: CsvEncoding): AsyncGenerator<{ headers: string[] } | CsvRow> {
  const parser = parse({
    info: true,
    raw: true,
    skip_empty_lines: true,
    relax_column_count: true,
    trim: true,
    bom: true,
    max_record_size: MAX_RECORD_CHARACTERS,
  });
  // Fed in the background; an error reading or decoding the file ends the parser with it.
  const feeding = feed(parser, decodeText(source.open(), encoding)).catch((error: unknown) => parser.destroy(error as Error));
  let headers: string[] | undefined;
  try {
    for await (const { record, info, raw } of parser as AsyncIterable<{ record: string[]; info: { lines: number }; raw: string }>) {
      if (!headers) {
        headers = record.map(normaliseHeader);
        yield { headers };
        continue;
      }
      if (!record.some((cell) => cell !== '')) continue;
      const values: Record<string, string> = {};
      headers.forEach((name, index) => {
        if (name) values[name] = record[index] ?? '';
      });
      // csv-parse reports the line where a record ends; its raw text starts with any skipped blank lines.
      const spannedLines = raw.replace(/^\n+/, '').replace(/\n$/, '').split('\n').length - 1;
      yield { line: info.lines - spannedLines, values };
    }
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    if ((error as { code?: string }).code === 'CSV_MAX_RECORD_SIZE') {
      const line = (error as { lines?: number }).lines;
      throw new ValidationError(
        `the file is not valid CSV: a row${line ? ` starting near line ${line}` : ''} is longer than ${MAX_RECORD_CHARACTERS.toLocaleString('en')} characters (a quote never closed?)`,
        { cause: error },
      );
    }
    throw new ValidationError(`the file is not valid CSV: ${(error as Error).message}`, { cause: error });
  } finally {
    parser.destroy();
    await feeding;
  }
  if (!headers) throw new ValidationError('the file is empty: expected a header row');
}

async function feed(parser: ReturnType<typeof parse>, text: AsyncIterable<string>): Promise<void> {
  for await (const piece of text) {
    if (parser.destroyed) return;
    if (!parser.write(piece)) await new Promise<void>((resolve) => parser.once('drain', resolve).once('close', resolve));
  }
  parser.end();
}

/**
 * The file's text in pieces, with one line ending everywhere (so that line numbers count a CRLF inside a
 * quoted cell once). UTF-8 is read strictly, so that a GB18030 file read as UTF-8 is noticed.
 */
async function* decodeText(chunks: AsyncIterable<Uint8Array>, encoding: CsvEncoding): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
  // A CR at the end of a piece may be the first half of a CRLF: it waits for the next piece.
  let pendingCr = false;
  const normalise = (text: string, final: boolean): string => {
    let joined = (pendingCr ? '\r' : '') + text;
    pendingCr = !final && joined.endsWith('\r');
    if (pendingCr) joined = joined.slice(0, -1);
    return joined.replace(/\r\n?/g, '\n');
  };
  try {
    for await (const chunk of chunks) {
      const text = normalise(decoder.decode(chunk, { stream: true }), false);
      if (text) yield text;
    }
    const rest = normalise(decoder.decode(), true);
    if (rest) yield rest;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') throw new NotUtf8Error();
    throw error;
  }
}

export function normaliseHeader(header: string): string {
  return header.trim().toLowerCase().replace(/[\s-]+/g, '_');
}
