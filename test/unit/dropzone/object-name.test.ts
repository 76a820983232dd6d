// Reading drop-zone keys: entity by prefix, full loan extracts, the as-of date in the name, where files go.
import { describe, expect, it } from 'vitest';
import { dateInName, destinations, parseObjectKey } from '../../../lambdas/dropzone/object-name.ts';
import { objectKeyOf } from '../../../lambdas/dropzone/queue.ts';

describe('parseObjectKey', () => {
  it('takes the entity from the prefix and the as-of date from the name', () => {
    expect(parseObjectKey('incoming/clients/clients-2026-12-01.csv')).toEqual({
      key: 'incoming/clients/clients-2026-12-01.csv',
      entity: 'clients',
      full: false,
      relativePath: 'clients/clients-2026-12-01.csv',
      asOf: '2026-12-01',
    });
    expect(parseObjectKey('incoming/rms/rms.csv')).toMatchObject({ entity: 'rms', asOf: undefined });
  });

  it('reads loans under incoming/loans/full/ as a full extract, and only loans', () => {
    expect(parseObjectKey('incoming/loans/full/loans_20261201.csv')).toMatchObject({ entity: 'loans', full: true, asOf: '2026-12-01' });
    expect(parseObjectKey('incoming/loans/loans.csv')).toMatchObject({ entity: 'loans', full: false });
    expect(parseObjectKey('incoming/clients/full/clients.csv')).toHaveProperty('problem');
  });

  it('names the problem with other keys', () => {
    expect(parseObjectKey('incoming/balances/b.csv')).toEqual({ problem: expect.stringMatching(/^put files directly under incoming\/rms\/, incoming\/clients\//) });
    expect(parseObjectKey('incoming/clients/a/b.csv')).toHaveProperty('problem');
    expect(parseObjectKey('reports/clients/x.csv')).toEqual({ problem: 'the object is not under incoming/' });
    expect(parseObjectKey(`incoming/clients/${'x'.repeat(1100)}`)).toEqual({ problem: 'the object name is longer than 1024 characters' });
    expect(parseObjectKey('incoming/clients/a\u0007.csv')).toEqual({ problem: 'the file name holds control characters' });
  });
});

describe('dateInName', () => {
  it('finds a real date written in the common ways', () => {
    expect(dateInName('clients-2026-12-01.csv')).toBe('2026-12-01');
    expect(dateInName('CLIENTS_20261201_v2.csv')).toBe('2026-12-01');
    expect(dateInName('clients_2026_12_01.csv')).toBe('2026-12-01');
    expect(dateInName('clients.2026.12.01.csv')).toBe('2026-12-01');
  });

  it('ignores what is not a date: impossible days, mixed separators, longer numbers', () => {
    expect(dateInName('clients-2026-02-30.csv')).toBeUndefined();
    expect(dateInName('clients-2026-12_01.csv')).toBeUndefined();
    expect(dateInName('batch-120261201.csv')).toBeUndefined();
    expect(dateInName('clients-2026-02-30-then-2026-03-01.csv')).toBe('2026-03-01');
  });
});

describe('where files go', () => {
  it('keeps the path below incoming/ under processed/, rejected/ and reports/', () => {
    expect(destinations('loans/full/l.csv')).toEqual({
      processed: 'processed/loans/full/l.csv',
      rejected: 'rejected/loans/full/l.csv',
      report: 'reports/loans/full/l.csv.report.json',
    });
  });

  it('decodes keys as S3 notifications encode them', () => {
    expect(objectKeyOf('incoming/clients/%E5%AE%A2%E6%88%B7+2026-12-01.csv')).toBe('incoming/clients/客户 2026-12-01.csv');
  });
});
