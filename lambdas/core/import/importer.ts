// Imports a CSV file of one entity: decode, validate every row, check references and item sizes, then write in batches.
import type { RadarStore } from '../store/radar-store.ts';
import pLimit from 'p-limit';
import { businessDateOf, localTimeToInstant } from '../dates/calendar.ts';
import type { Client, Contact, IsoDate, LifeEvent, Loan, Rm } from '../model.ts';
import { decodeCsv, parseCsv, type CsvEncoding, type CsvRow } from './csv.ts';
import { entitySpecs, type EntitySpec, type ImportEntity, type ParseContext } from './entities.ts';
import { clientItems, putClients } from '../store/client-writes.ts';
import { contactItem, lifeEventItem, loanItem, rmItem } from '../store/radar-store.ts';
import { itemLimitProblems, itemSize } from '../store/item-limits.ts';
import type { Item } from '../store/dynamo.ts';
import { messageOf, PartialWriteError, RadarError, ValidationError } from '../errors.ts';

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

/**
 * Writing failed part-way (a write error the validation could not foresee: throttling that outlasted
 * the retries, a lost connection, a permission). Names the file's lines written and not written.
 */
export class ImportWriteError extends RadarError {
  override name = 'ImportWriteError';
  readonly statusCode = 503;
  /** The report as far as it got: `written` counts the rows written. */
  readonly report: ImportReport;
  readonly writtenLines: number[];
  readonly notWrittenLines: number[];

  constructor(report: ImportReport, writtenLines: number[], notWrittenLines: number[], cause: unknown) {
    super(
      `writing failed after ${writtenLines.length} of ${writtenLines.length + notWrittenLines.length} rows (${messageOf(cause)}): ` +
        `${writtenLines.length > 0 ? `written: ${lineRanges(writtenLines)}` : 'nothing written'}; ` +
        `not written, or only in part: ${lineRanges(notWrittenLines)}. Every row is written by its id, so running the same import again is safe.`,
      { cause },
    );
    this.report = report;
    this.writtenLines = writtenLines;
    this.notWrittenLines = notWrittenLines;
  }
}

/** Lines as ranges for a person: 2-101, 105, 110-121. */
function lineRanges(lines: number[]): string {
  const sorted = [...lines].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    ranges.push(j > i ? `lines ${sorted[i]}-${sorted[j]}` : `line ${sorted[i]}`);
    i = j;
  }
  return ranges.join(', ');
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

/**
 * Reads, validates and (unless told otherwise) writes one CSV file. With any bad row, nothing is
 * written unless skipInvalid. Throws a ValidationError for a file that cannot be read as CSV, and an
 * ImportWriteError (lines written and not written) when writing fails part-way; running the same
 * import again is then safe.
 */
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
  const { problems: referenceProblems, owners } = await checkReferences(store, spec, valid);
  const referenced = withoutLines(valid, referenceProblems);
  // What DynamoDB would refuse is found here, so a dry run sees it and no write fails half-way.
  const limitProblems = itemLimitProblemsOf(entity, spec, referenced, owners);
  const writable = withoutLines(referenced, limitProblems);
  const allProblems = [...problems, ...referenceProblems, ...limitProblems].sort((a, b) => a.line - b.line);
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
  if (writable.length > 0) await writeRows(store, entity, writable, now, report);
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

/** Rows whose ids refer to no stored RM or client; also the owning RM of each referred client (for the item-size check). */
async function checkReferences(
  store: RadarStore,
  spec: EntitySpec<unknown>,
  rows: ValidRow<unknown>[],
): Promise<{ problems: RowProblem[]; owners: Map<string, string> }> {
  const problems: RowProblem[] = [];
  const owners = new Map<string, string>();
  for (const reference of spec.references ?? []) {
    const field = spec.columns[reference.column]!.field;
    const idOf = (row: ValidRow<unknown>) => String((row.value as Record<string, unknown>)[field]);
    const ids = [...new Set(rows.map(idOf))];
    let found: Set<string>;
    if (reference.entity === 'rm') {
      found = new Set((await store.getRms(ids)).map((r) => r.rmId));
    } else {
      for (const c of await store.getClients(ids)) owners.set(c.clientId, c.rmId);
      found = new Set(owners.keys());
    }
    for (const row of rows) {
      if (!found.has(idOf(row))) {
        problems.push({ line: row.line, column: reference.column, missingReference: reference.entity, message: `no ${reference.entity === 'rm' ? 'RM' : 'client'} with id "${idOf(row)}" (import ${reference.entity === 'rm' ? 'rms' : 'clients'} first)` });
      }
    }
  }
  return { problems, owners };
}

function withoutLines<T>(rows: ValidRow<T>[], problems: RowProblem[]): ValidRow<T>[] {
  const bad = new Set(problems.map((p) => p.line));
  return rows.filter((row) => !bad.has(row.line));
}

/**
 * The items a row's import puts, as they will be written: the entity's item with its keys and index
 * attributes, and for a client its name-index entries and anniversaries. `owners` maps a client id to its RM.
 */
export function itemsToWrite(entity: ImportEntity, value: unknown, owners: ReadonlyMap<string, string>): Item[] {
  const ownerOf = (clientId: string) => owners.get(clientId) ?? '';
  switch (entity) {
    case 'rms':
      return [rmItem(value as Rm)];
    case 'clients':
      return clientItems(value as Client);
    case 'contacts':
      return [contactItem(value as Contact, ownerOf((value as Contact).clientId))];
    case 'loans':
      return [loanItem(value as Loan, ownerOf((value as Loan).clientId))];
    case 'events':
      return [lifeEventItem(value as LifeEvent, ownerOf((value as LifeEvent).clientId))];
  }
}

/** A problem for each row whose items DynamoDB would refuse, on the column holding the row's largest value. */
function itemLimitProblemsOf(
  entity: ImportEntity,
  spec: EntitySpec<unknown>,
  rows: ValidRow<unknown>[],
  owners: ReadonlyMap<string, string>,
): RowProblem[] {
  return rows.flatMap((row) => {
    const messages = [...new Set(itemsToWrite(entity, row.value, owners).flatMap(itemLimitProblems))];
    const column = largestColumn(spec, row.value);
    return messages.map((message) => ({ line: row.line, ...(column ? { column } : {}), message }));
  });
}

/** The column whose value takes the most room in the stored item: the one to shorten. */
function largestColumn(spec: EntitySpec<unknown>, value: unknown): string | undefined {
  let largest: { column: string; size: number } | undefined;
  for (const [column, columnSpec] of Object.entries(spec.columns)) {
    const cell = getPath(value, columnSpec.field);
    if (cell === undefined) continue;
    const size = itemSize({ cell });
    if (!largest || size > largest.size) largest = { column, size };
  }
  return largest?.column;
}

/**
 * Writes the rows; when writing fails part-way, throws an ImportWriteError naming the lines written
 * and the lines not (or only partly) written. Every write is a put by the file's ids, so re-running
 * the same import is safe.
 */
async function writeRows(store: RadarStore, entity: ImportEntity, rows: ValidRow<unknown>[], now: Date, report: ImportReport): Promise<void> {
  try {
    await writeEntities(store, entity, rows.map((row) => row.value), now);
  } catch (error) {
    const written = error instanceof PartialWriteError ? error.written : new Set<number>();
    const writtenLines = rows.filter((_, index) => written.has(index)).map((row) => row.line);
    const notWrittenLines = rows.filter((_, index) => !written.has(index)).map((row) => row.line);
    throw new ImportWriteError({ ...report, written: writtenLines.length }, writtenLines, notWrittenLines, error);
  }
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

function getPath(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, part) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined), value);
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
