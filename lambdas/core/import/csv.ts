// Reading CSV files as Excel writes them: UTF-8 with or without BOM, or GB18030/GBK from Chinese Excel.
import { parse } from 'csv-parse/sync';
import { ValidationError } from '../errors.ts';

export const supportedEncodings = ['utf-8', 'gb18030', 'gbk', 'big5'] as const;
export type CsvEncoding = (typeof supportedEncodings)[number];

/**
 * Decodes a file's bytes. With no encoding given: a UTF-8 BOM or valid UTF-8 means UTF-8; anything
 * else is read as GB18030 (a superset of GBK and GB2312, what Chinese Excel writes by default).
 */
export function decodeCsv(bytes: Uint8Array, encoding?: CsvEncoding): { text: string; encoding: CsvEncoding } {
  const hasUtf8Bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (encoding && encoding !== 'utf-8') return { text: new TextDecoder(encoding).decode(bytes), encoding };
  if (hasUtf8Bom) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    if (encoding === 'utf-8') throw new ValidationError('the file is not valid UTF-8; try --encoding gb18030');
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

export interface CsvRow {
  /** The line in the file where the row starts (the header is line 1). */
  line: number;
  values: Record<string, string>;
}

/** Parses CSV text with a header row; header names are matched case- and space-insensitively. */
export function parseCsv(text: string): { headers: string[]; rows: CsvRow[] } {
  let records: Array<{ record: string[]; info: { lines: number }; raw: string }>;
  try {
    // One line ending everywhere, so that line numbers count a CRLF inside a quoted cell once.
    records = parse(text.replace(/\r\n?/g, '\n'), {
      info: true,
      raw: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      bom: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number }; raw: string }>;
  } catch (error) {
    throw new ValidationError(`the file is not valid CSV: ${(error as Error).message}`, { cause: error });
  }
  const [header, ...body] = records;
  if (!header) throw new ValidationError('the file is empty: expected a header row');
  const headers = header.record.map(normaliseHeader);
  const rows = body
    .filter(({ record }) => record.some((cell) => cell !== ''))
    .map(({ record, info, raw }) => {
      const values: Record<string, string> = {};
      headers.forEach((name, index) => {
        if (name) values[name] = record[index] ?? '';
      });
      // csv-parse reports the line where a record ends; its raw text starts with any skipped blank lines.
      const spannedLines = raw.replace(/^\n+/, '').replace(/\n$/, '').split('\n').length - 1;
      return { line: info.lines - spannedLines, values };
    });
  return { headers, rows };
}

export function normaliseHeader(header: string): string {
  return header.trim().toLowerCase().replace(/[\s-]+/g, '_');
}
