// Reading CSV: the line each row is reported at, whatever the line endings, blank lines and multi-line cells.
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../lambdas/core/import/csv.ts';

const linesOf = (text: string) => parseCsv(text).rows.map((row) => `${row.values.id}@${row.line}`);

describe('parseCsv line numbers', () => {
  it.each([
    ['CRLF rows', 'id,note\r\na,x\r\nb,y\r\nc,z\r\n', ['a@2', 'b@3', 'c@4']],
    ['a cell with LF inside CRLF rows (what Excel writes)', 'id,note\r\na,"l1\nl2"\r\nb,y\r\nc,z\r\n', ['a@2', 'b@4', 'c@5']],
    ['a cell with CRLF inside', 'id,note\r\na,"l1\r\nl2"\r\nb,y\r\nc,z\r\n', ['a@2', 'b@4', 'c@5']],
    ['a three-line cell', 'id,note\r\na,x\r\nb,"l1\r\nl2\r\nl3"\r\nc,z\r\n', ['a@2', 'b@3', 'c@6']],
    ['blank lines between rows', 'id,note\n\na,x\n\n\nb,"l1\nl2"\nc,z\n', ['a@3', 'b@6', 'c@8']],
    ['no newline at the end', 'id,note\na,x\nb,"l1\nl2"', ['a@2', 'b@3']],
  ])('counts %s', (_name, text, expected) => {
    expect(linesOf(text)).toEqual(expected);
  });

  it('keeps multi-line cells, with one kind of line break', () => {
    expect(parseCsv('id,note\r\na,"l1\r\nl2"\r\n').rows[0]?.values.note).toBe('l1\nl2');
  });
});
