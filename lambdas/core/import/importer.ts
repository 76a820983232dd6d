// Imports a CSV file of one entity: decode, validate every row, check references and item sizes, then write in batches.
import type { RadarStore } from '../store/radar-store.ts';
import pLimit from 'p-limit';
import { businessDateOf, localTimeToInstant } from '../dates/calendar.ts';
import type { Client, Contact, IsoDate, LifeEvent, Loan, Rm } from '../model.ts';
import { bytesSource, NotUtf8Error, readCsvRows, type CsvEncoding, type CsvRow, type CsvSource } from './csv.ts';
import { entitySpecs, type EntitySpec, type ImportEntity, type ParseContext } from './entities.ts';
import { clientItems, putClients } from '../store/client-writes.ts';
import { contactItem, lifeEventItem, loanItem, rmItem } from '../store/radar-store.ts';
import { itemLimitProblems, itemSize } from '../store/item-limits.ts';
import type { Item } from '../store/dynamo.ts';
import { messageOf, PartialWriteError, RadarError, ValidationError } from '../errors.ts';
import { reportingTree } from '../reporting-lines.ts';

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
  /**
   * Lines up to this one were written by an earlier run of the same import that stopped part-way
   * (a paused drop-zone import): they are counted as written and not written again.
   */
  resumeAfterLine?: number;
  /** Called after each batch is written with the last line written so far: a checkpoint to resume from. */
  onProgress?: (writtenThroughLine: number) => Promise<void>;
  /** Asked before each batch is written: true stops the import with an ImportPausedError, to be resumed later. */
  shouldPause?: () => boolean;
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

/** An import stopped between two batches because it was asked to (its time was running out); resume it from `writtenThroughLine`. */
export class ImportPausedError extends RadarError {
  override name = 'ImportPausedError';
  readonly statusCode = 503;
  readonly writtenThroughLine: number;

  constructor(writtenThroughLine: number) {
    super(`the import paused after line ${writtenThroughLine}; it resumes from there`);
    this.writtenThroughLine = writtenThroughLine;
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

/** Valid rows checked against the table (references, item sizes) at a time, while the file is read. */
const ROWS_CHECKED_AT_ONCE = 1_000;
/** Rows written at a time on the writing pass. */
const ROWS_WRITTEN_AT_ONCE = 1_000;

/**
 * Checks rows one by one against an entity's columns and schema, in file order (a repeated id is a
 * problem on its later row); pure, no I/O. The same file read twice gives the same answers.
 */
export function rowValidator<T>(spec: EntitySpec<T>, headers: string[], context: ParseContext) {
  const columnOf = resolveHeaders(spec, headers);
  const headerProblems: RowProblem[] = [];
  for (const [column, columnSpec] of Object.entries(spec.columns)) {
    if (columnSpec.required && !columnOf.has(column)) {
      headerProblems.push({ line: 1, column, message: `required column "${column}" is missing from the header` });
    }
  }
  const idHeader = columnOf.get(spec.idColumn);
  const firstLineOfId = new Map<string, number>();
  return {
    headerProblems,
    /** The row's id cell as written, valid or not. */
    idCell: (row: CsvRow): string => (idHeader === undefined ? '' : (row.values[idHeader] ?? '').trim()),
    check(row: CsvRow): { value: T } | { problems: RowProblem[] } {
      const problems: RowProblem[] = [];
      const record: Record<string, unknown> = {};
      for (const [column, columnSpec] of Object.entries(spec.columns)) {
        const header = columnOf.get(column);
        const raw = header === undefined ? '' : (row.values[header] ?? '').trim();
        if (raw === '') {
          if (columnSpec.required) problems.push({ line: row.line, column, message: 'is required' });
          continue;
        }
        const parsed = columnSpec.parse ? columnSpec.parse(raw, context) : raw;
        if (parsed instanceof Error) problems.push({ line: row.line, column, message: parsed.message });
        else if (parsed !== undefined) setPath(record, columnSpec.field, parsed);
      }
      const id = String(record[spec.columns[spec.idColumn]!.field] ?? '');
      if (id && firstLineOfId.has(id)) {
        problems.push({ line: row.line, column: spec.idColumn, message: `duplicate id "${id}" (first on line ${firstLineOfId.get(id)})` });
      } else if (id) {
        firstLineOfId.set(id, row.line);
      }
      if (problems.length > 0) return { problems };
      const result = spec.schema.safeParse(record);
      if (!result.success) {
        return { problems: result.error.issues.map((issue) => ({ line: row.line, column: columnForPath(spec, issue.path.join('.')), message: issue.message })) };
      }
      const finished = spec.finish?.(result.data, context);
      if (finished && 'message' in finished) return { problems: [{ line: row.line, ...finished }] };
      return { value: finished ? finished.value : result.data };
    },
  };
}

/** Validates rows held in memory against an entity's columns and schema; pure, no I/O (no reference or size checks). */
export function validateRows<T>(
  spec: EntitySpec<T>,
  headers: string[],
  rows: CsvRow[],
  context: ParseContext,
): { valid: ValidRow<T>[]; problems: RowProblem[] } {
  const validator = rowValidator(spec, headers, context);
  if (validator.headerProblems.length > 0) return { valid: [], problems: validator.headerProblems };
  const valid: ValidRow<T>[] = [];
  const problems: RowProblem[] = [];
  for (const row of rows) {
    const checked = validator.check(row);
    if ('problems' in checked) problems.push(...checked.problems);
    else valid.push({ line: row.line, value: checked.value });
  }
  return { valid, problems };
}

/**
 * Reads, validates and (unless told otherwise) writes one CSV file. With any bad row, nothing is
 * written unless skipInvalid. The file is read twice, as a stream: once to validate every row and
 * reference, once to write, so memory stays bounded by what is kept per row (its line and id), not
 * by the file. Throws a ValidationError for a file that cannot be read as CSV, and an ImportWriteError
 * (lines written and not written) when writing fails part-way; running the same import again is then safe.
 */
export async function importCsv(
  store: RadarStore,
  entity: ImportEntity,
  file: Uint8Array | CsvSource,
  options: ImportOptions,
): Promise<ImportReport> {
  if (options.full && entity !== 'loans') throw new ValidationError('a full import (--full) is for loans only');
  const spec = entitySpecs[entity] as EntitySpec<unknown>;
  const source = file instanceof Uint8Array ? bytesSource(file) : file;
  const now = options.now ?? new Date();
  const asOf = options.asOf ?? businessDateOf(now, options.timeZone);
  const context: ParseContext = { toInstant: (date, time) => localTimeToInstant(date, time, options.timeZone), asOf, now };
  const { encoding, result: scan } = await withEncoding(options.encoding, (encoding) => scanFile(store, entity, spec, source, encoding, context));
  const report: ImportReport = {
    entity,
    encoding,
    rows: scan.rows,
    valid: scan.writableLines.length,
    problems: scan.problems.sort((a, b) => a.line - b.line),
    written: 0,
    asOf,
    missingLoans: [],
    closed: 0,
  };
  const blocked = report.problems.length > 0 && !options.skipInvalid;
  if (options.full && (options.dryRun || !blocked)) {
    report.missingLoans = await loansMissingFromFile(store, scan.clientIds, scan.idsInFile);
  }
  if (options.dryRun || blocked) return report;
  if (scan.writableLines.length > 0) await writeRows(store, entity, spec, { source, encoding, context, now }, scan.writableLines, report, options);
  report.written = scan.writableLines.length;
  // Closed after the file's loans are written: a failure in between leaves loans to close, never loans lost.
  if (report.missingLoans.length > 0) await store.deleteLoans(report.missingLoans);
  report.closed = report.missingLoans.length;
  return report;
}

/** Reads with the encoding asked for; with none, as UTF-8, and as GB18030 (what Chinese Excel writes) if that fails. */
async function withEncoding<T>(requested: CsvEncoding | undefined, read: (encoding: CsvEncoding) => Promise<T>): Promise<{ encoding: CsvEncoding; result: T }> {
  if (requested) return { encoding: requested, result: await read(requested) };
  try {
    return { encoding: 'utf-8', result: await read('utf-8') };
  } catch (error) {
    if (!(error instanceof NotUtf8Error)) throw error;
    return { encoding: 'gb18030', result: await read('gb18030') };
  }
}

/** What the validating pass keeps of a file: problems, and per row only its line and ids. */
interface FileScan {
  rows: number;
  problems: RowProblem[];
  /** Lines of the rows to write, in file order. */
  writableLines: number[];
  /** Every id cell of the file, valid row or not (for a full loans import). */
  idsInFile: Set<string>;
  /** The clients the rows to write refer to (for a full loans import). */
  clientIds: Set<string>;
}

/** The validating pass: every row against the schema, then (a thousand at a time) against the table. */
async function scanFile(
  store: RadarStore,
  entity: ImportEntity,
  spec: EntitySpec<unknown>,
  source: CsvSource,
  encoding: CsvEncoding,
  context: ParseContext,
): Promise<FileScan> {
  const scan: FileScan = { rows: 0, problems: [], writableLines: [], idsInFile: new Set(), clientIds: new Set() };
  const references = new ReferenceCache(store);
  /** An RMs file's rows to write, by RM id: their manager_id lines are checked for loops once the file is read. */
  const managerLines = new Map<string, { line: number; managerId?: string | undefined }>();
  let validator: ReturnType<typeof rowValidator<unknown>> | undefined;
  let pending: ValidRow<unknown>[] = [];
  const checkPending = async () => {
    const { problems, owners } = await checkReferences(references, spec, pending);
    const referenced = withoutLines(pending, problems);
    // What DynamoDB would refuse is found here, so a dry run sees it and no write fails half-way.
    const limitProblems = itemLimitProblemsOf(entity, spec, referenced, owners);
    for (const row of withoutLines(referenced, limitProblems)) {
      scan.writableLines.push(row.line);
      const clientId = (row.value as { clientId?: unknown }).clientId;
      if (entity === 'loans' && typeof clientId === 'string') scan.clientIds.add(clientId);
      if (entity === 'rms') managerLines.set((row.value as Rm).rmId, { line: row.line, managerId: (row.value as Rm).managerId });
    }
    scan.problems.push(...problems, ...limitProblems);
    pending = [];
  };
  for await (const item of readCsvRows(source, encoding)) {
    if ('headers' in item) {
      validator = rowValidator(spec, item.headers, context);
      scan.problems.push(...validator.headerProblems);
      continue;
    }
    scan.rows++;
    // Without a required column no row can be read: the rows are only counted.
    if (!validator || validator.headerProblems.length > 0) continue;
    if (entity === 'loans') {
      const id = validator.idCell(item);
      if (id) scan.idsInFile.add(id);
    }
    const checked = validator.check(item);
    if ('problems' in checked) scan.problems.push(...checked.problems);
    else pending.push({ line: item.line, value: checked.value });
    if (pending.length >= ROWS_CHECKED_AT_ONCE) await checkPending();
  }
  if (pending.length > 0) await checkPending();
  if (managerLines.size > 0) {
    const loopProblems = await managerLoopProblems(store, managerLines);
    const bad = new Set(loopProblems.map((p) => p.line));
    scan.problems.push(...loopProblems);
    scan.writableLines = scan.writableLines.filter((line) => !bad.has(line));
  }
  return scan;
}

/**
 * The rows whose manager_id would close a loop (an RM below their own report, or their own manager),
 * with the RMs already stored: the report's team tree must have a top. Every row of the file on a loop
 * is named, so skipping the bad rows (--skip-invalid) writes no loop either.
 */
async function managerLoopProblems(store: RadarStore, fileRows: ReadonlyMap<string, { line: number; managerId?: string | undefined }>): Promise<RowProblem[]> {
  const lines = new Map((await store.listRms()).map((rm) => [rm.rmId, rm.managerId]));
  for (const [rmId, row] of fileRows) lines.set(rmId, row.managerId);
  const { loops } = reportingTree([...lines].map(([rmId, managerId]) => ({ rmId, managerId })));
  return loops.flatMap((loop) => {
    const around = [...loop, loop[0]!].join(' → ');
    return loop
      .filter((rmId) => fileRows.has(rmId))
      .map((rmId) => ({ line: fileRows.get(rmId)!.line, column: 'manager_id', message: `manager_id "${lines.get(rmId)}" makes a loop of managers (${around}); one of them must report to someone outside it, or to no one` }));
  });
}

/**
 * The stored loans of the clients the valid rows mention that the file does not list. A loan id on
 * any row, even an invalid one skipped by --skip-invalid, counts as listed, so it is never closed.
 */
async function loansMissingFromFile(store: RadarStore, clientIdsInFile: Set<string>, listedIds: Set<string>): Promise<LoanRef[]> {
  const clientIds = [...clientIdsInFile];
  const limit = pLimit(CLIENT_QUERY_CONCURRENCY);
  const stored = await Promise.all(clientIds.map((clientId) => limit(() => store.listLoansOfClient(clientId))));
  return stored
    .flat()
    .filter((loan) => !listedIds.has(loan.loanId))
    .map((loan) => ({ clientId: loan.clientId, loanId: loan.loanId }))
    .sort((a, b) => a.clientId.localeCompare(b.clientId) || a.loanId.localeCompare(b.loanId));
}

/** The RMs and clients a file refers to, each looked up once per import; a client with its RM. */
class ReferenceCache {
  private readonly rms = new Map<string, boolean>();
  private readonly clientOwners = new Map<string, string | null>();

  private readonly store: RadarStore;

  constructor(store: RadarStore) {
    this.store = store;
  }

  async rmsExist(ids: string[]): Promise<(id: string) => boolean> {
    const unknown = [...new Set(ids)].filter((id) => !this.rms.has(id));
    if (unknown.length > 0) {
      const found = new Set((await this.store.getRms(unknown)).map((rm) => rm.rmId));
      for (const id of unknown) this.rms.set(id, found.has(id));
    }
    return (id) => this.rms.get(id) === true;
  }

  /** The RM of each client id (null: no such client). */
  async ownersOf(ids: string[]): Promise<(id: string) => string | null> {
    const unknown = [...new Set(ids)].filter((id) => !this.clientOwners.has(id));
    if (unknown.length > 0) {
      const found = new Map((await this.store.getClients(unknown)).map((client) => [client.clientId, client.rmId]));
      for (const id of unknown) this.clientOwners.set(id, found.get(id) ?? null);
    }
    return (id) => this.clientOwners.get(id) ?? null;
  }
}

/** Rows whose ids refer to no stored RM or client; also the owning RM of each referred client (for the item-size check). */
async function checkReferences(
  references: ReferenceCache,
  spec: EntitySpec<unknown>,
  rows: ValidRow<unknown>[],
): Promise<{ problems: RowProblem[]; owners: Map<string, string> }> {
  const problems: RowProblem[] = [];
  const owners = new Map<string, string>();
  for (const reference of spec.references ?? []) {
    const field = spec.columns[reference.column]!.field;
    const idOf = (row: ValidRow<unknown>) => String((row.value as Record<string, unknown>)[field]);
    const ids = rows.map(idOf);
    let exists: (id: string) => boolean;
    if (reference.entity === 'rm') {
      exists = await references.rmsExist(ids);
    } else {
      const ownerOf = await references.ownersOf(ids);
      for (const id of ids) {
        const owner = ownerOf(id);
        if (owner !== null) owners.set(id, owner);
      }
      exists = (id) => owners.has(id);
    }
    for (const row of rows) {
      if (!exists(idOf(row))) {
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

/** How the validating pass read the file, so that the writing pass reads it the same way. */
interface FileReading {
  source: CsvSource;
  encoding: CsvEncoding;
  context: ParseContext;
  now: Date;
}

/**
 * The writing pass: reads the file again and writes the rows the validating pass found writable, a
 * thousand at a time. When writing fails part-way, throws an ImportWriteError naming the lines written
 * and the lines not (or only partly) written. Every write is a put by the file's ids, so re-running the
 * same import is safe.
 */
async function writeRows(
  store: RadarStore,
  entity: ImportEntity,
  spec: EntitySpec<unknown>,
  reading: FileReading,
  writableLines: number[],
  report: ImportReport,
  resumable: Pick<ImportOptions, 'resumeAfterLine' | 'onProgress' | 'shouldPause'> = {},
): Promise<void> {
  const toWrite = new Set(writableLines);
  const resumeAfter = resumable.resumeAfterLine ?? 0;
  // Rows an earlier run wrote count as written; lines are in file order, so they are the first ones.
  const writtenLines: number[] = writableLines.filter((line) => line <= resumeAfter);
  const fail = (cause: unknown, alsoWritten: number[] = []): never => {
    const written = new Set([...writtenLines, ...alsoWritten]);
    throw new ImportWriteError({ ...report, written: written.size }, [...written], writableLines.filter((line) => !written.has(line)), cause);
  };
  let batch: ValidRow<unknown>[] = [];
  const writeBatch = async () => {
    if (resumable.shouldPause?.()) throw new ImportPausedError(Math.max(resumeAfter, writtenLines.at(-1) ?? 0));
    try {
      await writeEntities(store, entity, batch.map((row) => row.value), reading.now);
    } catch (error) {
      const written = error instanceof PartialWriteError ? error.written : new Set<number>();
      fail(error, batch.filter((_, index) => written.has(index)).map((row) => row.line));
    }
    writtenLines.push(...batch.map((row) => row.line));
    await resumable.onProgress?.(batch.at(-1)!.line);
    batch = [];
  };
  let validator: ReturnType<typeof rowValidator<unknown>> | undefined;
  for await (const item of readCsvRows(reading.source, reading.encoding)) {
    if ('headers' in item) {
      validator = rowValidator(spec, item.headers, reading.context);
      continue;
    }
    // Every row is checked again, in order, so that a repeated id is found on the same line as before.
    const checked = validator!.check(item);
    if (!toWrite.has(item.line) || item.line <= resumeAfter) continue;
    if ('problems' in checked) fail(new Error(`the file changed while it was imported (line ${item.line} is no longer valid)`));
    else batch.push({ line: item.line, value: checked.value });
    if (batch.length >= ROWS_WRITTEN_AT_ONCE) await writeBatch();
  }
  if (batch.length > 0) await writeBatch();
  if (writtenLines.length !== writableLines.length) fail(new Error('the file changed while it was imported (rows are missing)'));
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
