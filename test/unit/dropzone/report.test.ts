// Drop-zone reports and emails: counts and line numbers, no cell values.
import { describe, expect, it } from 'vitest';
import { operatorEmail, problemLine, redactValues, reportOfImport } from '../../../lambdas/dropzone/report.ts';
import type { ImportReport } from '../../../lambdas/core/import/importer.ts';

const context = {
  file: 'incoming/clients/c.csv',
  version: 'v1',
  entity: 'clients' as const,
  fullExtract: false,
  asOf: '2026-12-01',
  destinations: { processed: 'processed/clients/c.csv', rejected: 'rejected/clients/c.csv' },
  startedAt: new Date('2026-12-01T00:00:00Z'),
  finishedAt: new Date('2026-12-01T00:00:02.500Z'),
};
const importReport = (overrides: Partial<ImportReport>): ImportReport => ({
  entity: 'clients',
  encoding: 'utf-8',
  rows: 3,
  valid: 3,
  problems: [],
  written: 3,
  asOf: '2026-12-01',
  missingLoans: [],
  closed: 0,
  ...overrides,
});

describe('reports', () => {
  it('takes every quoted value out of the importer messages', () => {
    expect(redactValues('"12abc" is not an amount')).toBe('(value) is not an amount');
    expect(redactValues('duplicate id "王敏" (first on line 2)')).toBe('duplicate id (value) (first on line 2)');
    expect(problemLine({ line: 4, column: 'tier', message: 'Invalid option: expected one of "A"|"B"|"C"' })).toBe('line 4 [tier]: Invalid option: expected one of (value)|(value)|(value)');
    expect(problemLine({ line: 1, message: 'required column "name" is missing' })).toBe('line 1: required column (value) is missing');
  });

  it('says imported, imported with problems or rejected by what was written', () => {
    expect(reportOfImport(context, importReport({}))).toMatchObject({ outcome: 'imported', rowsWritten: 3, movedTo: 'processed/clients/c.csv', durationMs: 2500 });
    const problems = [
      { line: 2, column: 'tier', message: 'bad' },
      { line: 2, column: 'kind', message: 'bad' },
    ];
    expect(reportOfImport(context, importReport({ problems, written: 2, valid: 2 }))).toMatchObject({ outcome: 'imported-with-problems', rowsRejected: 1 });
    const rejected = reportOfImport(context, importReport({ problems, written: 0, valid: 2 }));
    expect(rejected).toMatchObject({ outcome: 'rejected', rowsRejected: 1, movedTo: 'rejected/clients/c.csv', problems: ['line 2 [tier]: bad', 'line 2 [kind]: bad'] });
  });

  it('emails the counts, the first twenty problems and where the report is', () => {
    const problems = Array.from({ length: 25 }, (_, i) => ({ line: i + 2, column: 'tier', message: 'bad' }));
    const email = operatorEmail(reportOfImport(context, importReport({ rows: 25, problems, written: 0, valid: 0 })), 'reports/clients/c.csv.report.json');
    expect(email.subject).toBe('rm-radar import rejected: c.csv');
    expect(email.text).toContain('rows read: 25, written: 0, with problems: 25');
    expect(email.text).toContain('  line 21 [tier]: bad');
    expect(email.text).not.toContain('line 22 [tier]');
    expect(email.text).toContain('… and 5 more in the report');
    expect(email.text).toContain('full report: reports/clients/c.csv.report.json');
  });
});
