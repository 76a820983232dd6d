// Reading CSV: the line each row is reported at, whatever the line endings, blank lines and multi-line cells.
import { describe, expect, it } from 'vitest';
import { bytesSource, readCsvRows, type CsvRow } from '../../../lambdas/core/import/csv.ts';

/** The rows of a file given as text, read in pieces of `pieceSize` bytes (to cross every boundary a stream can). */
async function rowsOf(text: string, pieceSize?: number): Promise<CsvRow[]> {
  const bytes = Buffer.from(text);
  const source = pieceSize
    ? { async *open() { for (let i = 0; i < bytes.length; i += pieceSize) yield bytes.subarray(i, i + pieceSize); } }
    : bytesSource(bytes);
  const rows: CsvRow[] = [];
  for await (const item of readCsvRows(source, 'utf-8')) if (!('headers' in item)) rows.push(item);
  return rows;
}

const linesOf = async (text: string, pieceSize?: number) => (await rowsOf(text, pieceSize)).map((row) => `${row.values.id}@${row.line}`);

describe('readCsvRows line numbers', () => {
  it.each([
    ['CRLF rows', 'id,note\r\na,x\r\nb,y\r\nc,z\r\n', ['a@2', 'b@3', 'c@4']],
    ['a cell with LF inside CRLF rows (what Excel writes)', 'id,note\r\na,"l1\nl2"\r\nb,y\r\nc,z\r\n', ['a@2', 'b@4', 'c@5']],
    ['a cell with CRLF inside', 'id,note\r\na,"l1\r\nl2"\r\nb,y\r\nc,z\r\n', ['a@2', 'b@4', 'c@5']],
    ['a three-line cell', 'id,note\r\na,x\r\nb,"l1\r\nl2\r\nl3"\r\nc,z\r\n', ['a@2', 'b@3', 'c@6']],
    ['blank lines between rows', 'id,note\n\na,x\n\n\nb,"l1\nl2"\nc,z\n', ['a@3', 'b@6', 'c@8']],
    ['no newline at the end', 'id,note\na,x\nb,"l1\nl2"', ['a@2', 'b@3']],
  ])('counts %s', async (_name, text, expected) => {
    expect(await linesOf(text)).toEqual(expected);
    // The same when the file arrives one byte at a time: a CRLF split between two pieces is still one line end.
    expect(await linesOf(text, 1)).toEqual(expected);
  });

  it('keeps multi-line cells, with one kind of line break', async () => {
    expect((await rowsOf('id,note\r\na,"l1\r\nl2"\r\n'))[0]?.values.note).toBe('l1\nl2');
  });
});
