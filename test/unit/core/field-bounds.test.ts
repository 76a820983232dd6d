// Every field from outside has a bound the model enforces, reported by the import on its row and column.
import { describe, expect, it } from 'vitest';
import { itemsToWrite, validateRows } from '../../../lambdas/core/import/importer.ts';
import { clientSpec, contactSpec, loanSpec, rmSpec } from '../../../lambdas/core/import/entities.ts';
import { itemLimitProblems } from '../../../lambdas/core/store/item-limits.ts';
import { localTimeToInstant } from '../../../lambdas/core/dates/calendar.ts';
import { TEXT_BOUNDS } from '../../../lambdas/core/model.ts';
import type { CsvRow } from '../../../lambdas/core/import/csv.ts';

const context = { asOf: '2026-03-05', now: new Date('2026-03-05T01:00:00Z'), toInstant: (d: string, t: string) => localTimeToInstant(d, t, 'Asia/Shanghai') };
const rows = (...values: Record<string, string>[]): CsvRow[] => values.map((v, i) => ({ line: i + 2, values: v }));
const problemsOf = (spec: Parameters<typeof validateRows>[0], data: CsvRow[]) =>
  validateRows(spec, Object.keys(data[0]!.values), data, context).problems.map((p) => `${p.line}:${p.column}: ${p.message}`);

describe('field bounds', () => {
  it('refuses a 420 KB role and a 2,400-byte company name on their row and column', () => {
    const contact = { contact_id: 'p-1', client_id: 'c-1', name: 'Zhao', role: 'CFO' };
    expect(problemsOf(contactSpec, rows(contact, { ...contact, contact_id: 'p-2', role: 'x'.repeat(420 * 1024) }))).toEqual([
      `3:role: must be at most ${TEXT_BOUNDS.label} characters`,
    ]);
    const client = { client_id: 'c-1', rm_id: 'rm-a', kind: 'corporate', tier: 'A', name: 'Steel', company_name: '钢'.repeat(800) };
    expect(problemsOf(clientSpec, rows(client))).toEqual([`2:company_name: must be at most ${TEXT_BOUNDS.name} characters`]);
  });

  it('bounds the number of entries in a list cell and the length of each', () => {
    const client = { client_id: 'c-1', rm_id: 'rm-a', kind: 'corporate', tier: 'A', name: 'Steel' };
    const manyAliases = Array.from({ length: TEXT_BOUNDS.aliases + 1 }, (_, i) => `alias ${i}`).join('|');
    expect(problemsOf(clientSpec, rows({ ...client, aliases: manyAliases }))).toEqual([`2:aliases: must have at most ${TEXT_BOUNDS.aliases} entries`]);
    expect(problemsOf(clientSpec, rows({ ...client, products: `cash|${'p'.repeat(TEXT_BOUNDS.label + 1)}` }))).toEqual([
      `2:products: must be at most ${TEXT_BOUNDS.label} characters`,
    ]);
  });

  it('bounds phone numbers, e-mail addresses, collateral and amounts', () => {
    const contact = { contact_id: 'p-1', client_id: 'c-1', name: 'Zhao', phone: '', email: '' };
    expect(problemsOf(contactSpec, rows({ ...contact, phone: '1'.repeat(41) }, { ...contact, contact_id: 'p-2', email: `a@${`${'b'.repeat(60)}.`.repeat(5)}example` }))).toEqual([
      `2:phone: must be at most ${TEXT_BOUNDS.phone} characters`,
      `3:email: must be at most ${TEXT_BOUNDS.email} characters`,
    ]);
    const loan = { loan_id: 'l-1', client_id: 'c-1', amount: '1000000', start_date: '2026-01-01', maturity_date: '2027-01-01', currency: 'CNY', collateral: '' };
    expect(problemsOf(loanSpec, rows({ ...loan, amount: '1'.repeat(30) }, { ...loan, loan_id: 'l-2', collateral: 'c'.repeat(201) }))).toEqual([
      '2:amount: must be at most 10,000,000,000,000',
      `3:collateral: must be at most ${TEXT_BOUNDS.name} characters`,
    ]);
  });

  it('lets lists at their bounds through, and the item-size check catches the item they make together', () => {
    const watchList = Array.from({ length: TEXT_BOUNDS.watchList }, (_, i) => `${String(i).padStart(3, '0')}${'钢'.repeat(TEXT_BOUNDS.name - 3)}`).join('|');
    const keywords = Array.from({ length: TEXT_BOUNDS.keywords }, (_, i) => `${String(i).padStart(2, '0')}${'钢'.repeat(TEXT_BOUNDS.label - 2)}`).join('|');
    const industries = Array.from({ length: TEXT_BOUNDS.industries }, (_, i) => `industry ${i}:${keywords}`).join(';');
    const data = rows({ rm_id: 'rm-a', name: 'Grace', email: 'grace@bank.example', locale: 'en', watch_list: watchList, industries });
    const { valid, problems } = validateRows(rmSpec, Object.keys(data[0]!.values), data, context);
    expect(problems).toEqual([]);
    expect(itemsToWrite('rms', valid[0]!.value, new Map()).flatMap(itemLimitProblems)).toEqual([
      expect.stringMatching(/^makes an item of [\d,]+ bytes; DynamoDB stores at most 409,600$/),
    ]);
  });
});
