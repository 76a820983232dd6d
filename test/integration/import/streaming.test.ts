// Imports read as streams (the CLI's file, the drop zone's S3 object): the file is read twice, in pieces,
// never held whole; what arrives in pieces reads as it would whole, and a file that changes between passes is caught.
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../../support/local-aws.ts';
import { importCsv, ImportWriteError } from '../../../lambdas/core/import/importer.ts';
import { MAX_RECORD_CHARACTERS, type CsvSource } from '../../../lambdas/core/import/csv.ts';
import { ValidationError } from '../../../lambdas/core/errors.ts';
import type { RadarStore } from '../../../lambdas/core/store/radar-store.ts';

const fixture = (name: string) => readFile(new URL(`../../fixtures/import/${name}`, import.meta.url));
const options = { timeZone: 'Asia/Shanghai' };
let store: RadarStore;

/** A source that gives each reading's bytes in pieces of `size`, and counts the readings. */
function inPieces(bytesOfReading: (reading: number) => Uint8Array, size: number): CsvSource & { readings: number } {
  const source = {
    readings: 0,
    async *open() {
      const bytes = bytesOfReading(source.readings++);
      for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
    },
  };
  return source;
}

beforeAll(async () => {
  ({ store } = await createTestStore());
  await importCsv(store, 'rms', await fixture('rms.csv'), options);
  await importCsv(store, 'clients', Buffer.from('client_id,rm_id,kind,tier,name\nc-10,rm-a,corporate,A,Steel\n'), options);
});

describe('import from a stream', () => {
  it('detects GB18030 in a file that arrives three bytes at a time, splitting its characters, and writes it on a second reading', async () => {
    const bytes = await fixture('contacts-gb18030.csv');
    const source = inPieces(() => bytes, 3);
    const report = await importCsv(store, 'contacts', source, options);
    expect(report).toMatchObject({ encoding: 'gb18030', written: 2, problems: [] });
    expect((await store.getContacts('c-10')).map((c) => c.name).sort()).toEqual(['赵建华', '钱秀英'].sort());
    // Read as UTF-8 until that failed, again as GB18030 to validate, once more to write.
    expect(source.readings).toBe(3);
  });

  it('reads a dry run once and writes nothing', async () => {
    const source = inPieces(() => Buffer.from('rm_id,name,email,locale\nrm-new,New,new@bank.example,en\n'), 5);
    const report = await importCsv(store, 'rms', source, { ...options, dryRun: true });
    expect(report).toMatchObject({ rows: 1, valid: 1, written: 0 });
    expect(source.readings).toBe(1);
    expect(await store.getRm('rm-new')).toBeUndefined();
  });

  it('stops with the lines written and not when the file changed between the validating and the writing pass', async () => {
    const header = 'client_id,rm_id,kind,tier,name';
    const rows = Array.from({ length: 1500 }, (_, i) => `changing-${i},rm-a,individual,B,Client ${i}`);
    // On the second reading, line 1,400 has lost its tier.
    const changed = rows.map((row, i) => (i === 1398 ? row.replace(',B,', ',,') : row));
    const source = inPieces((reading) => Buffer.from([header, ...(reading === 0 ? rows : changed)].join('\n')), 4096);
    const failure = await importCsv(store, 'clients', source, options).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ImportWriteError);
    const { writtenLines, notWrittenLines, message } = failure as ImportWriteError;
    expect(message).toMatch(/the file changed while it was imported \(line 1400/);
    // The first thousand rows (lines 2–1001) were written before the change was found; the rest were not.
    expect(writtenLines).toHaveLength(1000);
    expect(Math.max(...writtenLines)).toBe(1001);
    expect(notWrittenLines).toHaveLength(500);
    expect(await store.getClient('changing-999')).toBeDefined();
    expect(await store.getClient('changing-1000')).toBeUndefined();
  });

  it('refuses a file whose unclosed quote would swallow the rest of it, without reading it whole into one cell', async () => {
    const text = `client_id,rm_id,kind,tier,name\nc-q,rm-a,individual,B,"never closed ${'x'.repeat(MAX_RECORD_CHARACTERS + 10)}\n`;
    const failure = await importCsv(store, 'clients', inPieces(() => Buffer.from(text), 65_536), options).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ValidationError);
    expect((failure as Error).message).toBe('the file is not valid CSV: a row starting near line 2 is longer than 1,000,000 characters (a quote never closed?)');
    expect(await store.getClient('c-q')).toBeUndefined();
  });
});
