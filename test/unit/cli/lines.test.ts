// boundedLines: stdin's JSON lines are read up to a bound, whatever the chunking, and an endless line costs no memory.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { boundedLines, type InputLine } from '../../../bin/cli/lines.ts';

async function linesOf(chunks: (string | Buffer)[], maxBytes: number): Promise<InputLine[]> {
  const lines: InputLine[] = [];
  for await (const line of boundedLines(Readable.from(chunks), maxBytes)) lines.push(line);
  return lines;
}

describe('boundedLines', () => {
  it('splits on newlines across chunks, drops CR and a leading byte-order mark, keeps empty lines numbered', async () => {
    const lines = await linesOf(['\uFEFF{"a"', ':1}\r\n\n{"b":2}', '\n{"c":3}'], 100);
    expect(lines).toEqual([
      { number: 1, text: '{"a":1}', tooLong: false },
      { number: 2, text: '', tooLong: false },
      { number: 3, text: '{"b":2}', tooLong: false },
      { number: 4, text: '{"c":3}', tooLong: false },
    ]);
  });

  it('keeps a character whose bytes are split between chunks whole', async () => {
    const bytes = Buffer.from('華星電動\n', 'utf8');
    const lines = await linesOf([bytes.subarray(0, 2), bytes.subarray(2, 7), bytes.subarray(7)], 100);
    expect(lines).toEqual([{ number: 1, text: '華星電動', tooLong: false }]);
  });

  it('reports a line over the bound without its text and reads the next line normally', async () => {
    const lines = await linesOf(['x'.repeat(60), 'x'.repeat(60), '\nshort\n', 'y'.repeat(101)], 100);
    expect(lines).toEqual([
      { number: 1, text: '', tooLong: true },
      { number: 2, text: 'short', tooLong: false },
      { number: 3, text: '', tooLong: true },
    ]);
  });

  it('takes a line of exactly the bound', async () => {
    expect(await linesOf(['z'.repeat(100), '\n'], 100)).toEqual([{ number: 1, text: 'z'.repeat(100), tooLong: false }]);
  });

  it('skips an endless line chunk by chunk and reads the line after it', async () => {
    const megabyte = Buffer.alloc(1024 * 1024, 0x61);
    const chunks = [...Array.from({ length: 64 }, () => megabyte), Buffer.from('\n{"title":"next"}\n')];
    expect(await linesOf(chunks, 64 * 1024)).toEqual([
      { number: 1, text: '', tooLong: true },
      { number: 2, text: '{"title":"next"}', tooLong: false },
    ]);
  });
});
