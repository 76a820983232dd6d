// Imports a CSV file of one entity: decode, validate every row, check references, then write in batches.
import type { RadarStore } from '../store/radar-store.ts';
import pLimit from 'p-limit';
import { businessDateOf, localTimeToInstant } from '../dates/calendar.ts';
import type { Client, Contact, IsoDate, LifeEvent, Loan, Rm } from '../model.ts';
import { decodeCsv, parseCsv, type CsvEncoding, type CsvRow } from './csv.ts';
import { entitySpecs, type EntitySpec, type ImportEntity, type ParseContext } from './entities.ts';
import { putClients } from '../store/client-writes.ts';
import { ValidationError } from '../errors.ts';

/** Per-client loan queries a full import runs at once. */
const CLIENT_QUERY_CONCURRENCY = 8;

export interface RowProblem {
  line: number;
  column?: string;
  message: string;
  /** Set when the row refers to an RM or client the table does not hold (yet): the drop zone may wait for it. */
  missingReference?: 'rm' | 'client';
}

export interface ImportOptions {
  encoding?: CsvEncoding;
  /** Validate only; write nothing. */
  dryRun?: boolean;
  /** Write the valid rows even when other rows are bad. */
  skipInvalid?: boolean;
  /** The zone in which dates and times without an offset are read. */
  timeZone: string;
  /** The business date the file describes (days past due count to it); default: today in `timeZone`. */
  asOf?: IsoDate;
  /** The time of the import (default: the system clock): last contacts after it are refused. */
  now?: Date;
  /**
   * Loans only: the file lists every live loan of the clients it mentions, so their stored loans
   * missing from it are closed (deleted). On a dry run they are only reported.
   */
  full?: boolean;
}

/** A loan by its keys. */
export interface LoanRef {
  clientId: string;
  loanId: string;
}

export interface ImportReport {
  entity: ImportEntity;
  encoding: CsvEncoding;
  rows: number;
  valid: number;
  problems: RowProblem[];
  written: number;
  /** The business date the rows were read as of. */
  asOf: IsoDate;
  /** With `full`: stored loans of the file's clients that are not in the file (closed, or to close on a dry run). */
  missingLoans: LoanRef[];
  /** How many of them were deleted. */
  closed: number;
}

interface ValidRow<T> {
  line: number;
  value: T;
}

/** Validates rows against an entity's columns and schema; pure, no I/O. */
export function validateRows<T>(
  spec: EntitySpec<T>,
  headers: string[],
  rows: CsvRow[],
  context: ParseContext,
): { valid: ValidRow<T>[]; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const columnOf = resolveHeaders(spec, headers);
  for (const [column, columnSpec] of Object.entries(spec.columns)) {
    if (columnSpec.required && !columnOf.has(column)) {
      problems.push({ line: 1, column, message: `required column "${column}" is missing from the header` });
    }
  }
  if (problems.length > 0) return { valid: [], problems };

  const valid: ValidRow<T>[] = [];
  const firstLineOfId = new Map<string, number>();
  for (const row of rows) {
    const rowProblems: RowProblem[] = [];
    const record: Record<string, unknown> = {};
    for (const [column, columnSpec] of Object.entries(spec.columns)) {
      const header = columnOf.get(column);
      const raw = header === undefined ? '' : (row.values[header] ?? '').trim();
      if (raw === '') {
        if (columnSpec.required) rowProblems.push({ line: row.line, column, message: 'is required' });
        continue;
      }
      const parsed = columnSpec.parse ? columnSpec.parse(raw, context) : raw;
      if (parsed instanceof Error) rowProblems.push({ line: row.line, column, message: parsed.message });
      else if (parsed !== undefined) setPath(record, columnSpec.field, parsed);
    }
    const id = String(record[spec.columns[spec.idColumn]!.field] ?? '');
    if (id && firstLineOfId.has(id)) {
      rowProblems.push({ line: row.line, column: spec.idColumn, message: `duplicate id "${id}" (first on line ${firstLineOfId.get(id)})` });
    } else if (id) {
      firstLineOfId.set(id, row.line);
    }
    if (rowProblems.length === 0) {
      const result = spec.schema.safeParse(record);
      const finished = result.success && spec.finish ? spec.finish(result.data, context) : undefined;
      if (finished && 'message' in finished) rowProblems.push({ line: row.line, ...finished });
      else if (result.success) valid.push({ line: row.line, value: finished ? finished.value : result.data });
      else {
        for (const issue of result.error.issues) {
          rowProblems.push({ line: row.line, column: columnForPath(spec, issue.path.join('.')), message: issue.message });
        }
      }
    }
    problems.push(...rowProblems);
  }
  return { valid, problems };
}

/** Reads, validates and (unless told otherwise) writes one CSV file. With any bad row, nothing is written unless skipInvalid. */
export async function importCsv(
  store: RadarStore,
  entity: ImportEntity,
  bytes: Uint8Array,
  options: ImportOptions,
): Promise<ImportReport> {
  if (options.full && entity !== 'loans') throw new ValidationError('a full import (--full) is for loans only');
  const spec = entitySpecs[entity] as EntitySpec<unknown>;
  const { text, encoding } = decodeCsv(bytes, options.encoding);
  const { headers, rows } = parseCsv(text);
  const now = options.now ?? new Date();
  const asOf = options.asOf ?? businessDateOf(now, options.timeZone);
  const context: ParseContext = { toInstant: (date, time) => localTimeToInstant(date, time, options.timeZone), asOf, now };
  const { valid, problems } = validateRows(spec, headers, rows, context);
  const referenceProblems = await checkReferences(store, spec, valid);
  const badLines = new Set(referenceProblems.map((p) => p.line));
  const writable = valid.filter((row) => !badLines.has(row.line));
  const allProblems = [...problems, ...referenceProblems].sort((a, b) => a.line - b.line);
  const report: ImportReport = {
    entity,
    encoding,
    rows: rows.length,
    valid: writable.length,
    problems: allProblems,
    written: 0,
    asOf,
    missingLoans: [],
    closed: 0,
  };
  const blocked = allProblems.length > 0 && !options.skipInvalid;
  if (options.full && (options.dryRun || !blocked)) {
    report.missingLoans = await loansMissingFromFile(store, writable as ValidRow<Loan>[], idsInFile(spec, headers, rows));
  }
  if (options.dryRun || blocked) return report;
  if (writable.length > 0) await writeEntities(store, entity, writable.map((row) => row.value), now);
  report.written = writable.length;
  // Closed after the file's loans are written: a failure in between leaves loans to close, never loans lost.
  if (report.missingLoans.length > 0) await store.deleteLoans(report.missingLoans);
  report.closed = report.missingLoans.length;
  return report;
}

/**
 * The stored loans of the clients the valid rows mention that the file does not list. A loan id on
 * any row, even an invalid one skipped by --skip-invalid, counts as listed, so it is never closed.
 */
async function loansMissingFromFile(store: RadarStore, rows: ValidRow<Loan>[], listedIds: Set<string>): Promise<LoanRef[]> {
  const clientIds = [...new Set(rows.map((row) => row.value.clientId))];
  const limit = pLimit(CLIENT_QUERY_CONCURRENCY);
  const stored = await Promise.all(clientIds.map((clientId) => limit(() => store.listLoansOfClient(clientId))));
  return stored
    .flat()
    .filter((loan) => !listedIds.has(loan.loanId))
    .map((loan) => ({ clientId: loan.clientId, loanId: loan.loanId }))
    .sort((a, b) => a.clientId.localeCompare(b.clientId) || a.loanId.localeCompare(b.loanId));
}

/** Every id cell of the file, valid row or not. */
function idsInFile(spec: EntitySpec<unknown>, headers: string[], rows: CsvRow[]): Set<string> {
  const header = resolveHeaders(spec, headers).get(spec.idColumn);
  return new Set(rows.map((row) => (header === undefined ? '' : (row.values[header] ?? '').trim())).filter(Boolean));
}

async function checkReferences(store: RadarStore, spec: EntitySpec<unknown>, rows: ValidRow<unknown>[]): Promise<RowProblem[]> {
  const problems: RowProblem[] = [];
  for (const reference of spec.references ?? []) {
    const field = spec.columns[reference.column]!.field;
    const idOf = (row: ValidRow<unknown>) => String((row.value as Record<string, unknown>)[field]);
    const ids = [...new Set(rows.map(idOf))];
    const found =
      reference.entity === 'rm'
        ? new Set((await store.getRms(ids)).map((r) => r.rmId))
        : new Set((await store.getClients(ids)).map((c) => c.clientId));
    for (const row of rows) {
      if (!found.has(idOf(row))) {
        problems.push({ line: row.line, column: reference.column, missingReference: reference.entity, message: `no ${reference.entity === 'rm' ? 'RM' : 'client'} with id "${idOf(row)}" (import ${reference.entity === 'rm' ? 'rms' : 'clients'} first)` });
      }
    }
  }
  return problems;
}

async function writeEntities(store: RadarStore, entity: ImportEntity, values: unknown[], now: Date): Promise<void> {
  switch (entity) {
    case 'rms':
      return store.putRms(values as Rm[]);
    case 'clients':
      return putClients(store, values as Client[], { now });
    case 'contacts':
      return store.putContacts(values as Contact[]);
    case 'loans':
      return store.putLoans(values as Loan[]);
    case 'events':
      return store.putLifeEvents(values as LifeEvent[]);
  }
}

/** Maps each known column to the header that holds it (its own name or an alias). */
function resolveHeaders(spec: EntitySpec<unknown>, headers: string[]): Map<string, string> {
  const resolved = new Map<string, string>();
  for (const [column, columnSpec] of Object.entries(spec.columns)) {
    const header = headers.find((h) => h === column || columnSpec.aliases?.includes(h));
    if (header !== undefined) resolved.set(column, header);
  }
  return resolved;
}

function columnForPath(spec: EntitySpec<unknown>, path: string): string | undefined {
  const entries = Object.entries(spec.columns);
  return (
    entries.find(([, c]) => c.field === path)?.[0] ??
    entries.find(([, c]) => path.startsWith(`${c.field}.`) || c.field.startsWith(`${path}.`))?.[0] ??
    (path || undefined)
  );
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const existing = node[part];
    node[part] = typeof existing === 'object' && existing !== null ? existing : {};
    node = node[part] as Record<string, unknown>;
  }
  const last = parts.at(-1)!;
  const existing = node[last];
  // A birthday cell fills {monthDay, year}; the calendar column adds to the same object.
  node[last] = typeof existing === 'object' && existing !== null && typeof value === 'object' ? { ...existing, ...value } : value;
}
