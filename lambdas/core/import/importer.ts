// Imports a CSV file of one entity: decode, validate every row, check references, then write in batches.
import type { RadarStore } from '../store/radar-store.ts';
import { localTimeToInstant } from '../dates/calendar.ts';
import type { Client, Contact, LifeEvent, Loan, Rm } from '../model.ts';
import { decodeCsv, parseCsv, type CsvEncoding, type CsvRow } from './csv.ts';
import { entitySpecs, type EntitySpec, type ImportEntity, type ParseContext } from './entities.ts';

export interface RowProblem {
  line: number;
  column?: string;
  message: string;
}

export interface ImportOptions {
  encoding?: CsvEncoding;
  /** Validate only; write nothing. */
  dryRun?: boolean;
  /** Write the valid rows even when other rows are bad. */
  skipInvalid?: boolean;
  /** The zone in which dates and times without an offset are read. */
  timeZone: string;
}

export interface ImportReport {
  entity: ImportEntity;
  encoding: CsvEncoding;
  rows: number;
  valid: number;
  problems: RowProblem[];
  written: number;
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
      if (result.success) valid.push({ line: row.line, value: result.data });
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
  const spec = entitySpecs[entity] as EntitySpec<unknown>;
  const { text, encoding } = decodeCsv(bytes, options.encoding);
  const { headers, rows } = parseCsv(text);
  const context: ParseContext = { toInstant: (date, time) => localTimeToInstant(date, time, options.timeZone) };
  const { valid, problems } = validateRows(spec, headers, rows, context);
  const referenceProblems = await checkReferences(store, spec, valid);
  const badLines = new Set(referenceProblems.map((p) => p.line));
  const writable = valid.filter((row) => !badLines.has(row.line));
  const allProblems = [...problems, ...referenceProblems].sort((a, b) => a.line - b.line);
  const report: ImportReport = { entity, encoding, rows: rows.length, valid: writable.length, problems: allProblems, written: 0 };
  if (options.dryRun || (allProblems.length > 0 && !options.skipInvalid) || writable.length === 0) return report;
  await writeEntities(store, entity, writable.map((row) => row.value));
  report.written = writable.length;
  return report;
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
        problems.push({ line: row.line, column: reference.column, message: `no ${reference.entity === 'rm' ? 'RM' : 'client'} with id "${idOf(row)}" (import ${reference.entity === 'rm' ? 'rms' : 'clients'} first)` });
      }
    }
  }
  return problems;
}

async function writeEntities(store: RadarStore, entity: ImportEntity, values: unknown[]): Promise<void> {
  switch (entity) {
    case 'rms':
      return store.putRms(values as Rm[]);
    case 'clients':
      return store.putClients(values as Client[]);
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
