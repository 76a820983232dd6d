// A drop-zone file's report and the operator's email: counts, line numbers and columns, never a value from the file.
import type { ImportReport, RowProblem } from '../core/import/importer.ts';
import type { ImportEntity } from '../core/import/entities.ts';
import type { IsoDate } from '../core/model.ts';
import type { ImportResult } from './import-records.ts';

/** Problems listed in a report; the count says how many more there were. */
export const MAX_PROBLEMS_LISTED = 1_000;
const MAX_PROBLEMS_EMAILED = 20;

export interface FileReport {
  file: string;
  version: string;
  entity: ImportEntity | null;
  fullExtract: boolean;
  asOf: IsoDate | null;
  outcome: ImportResult['outcome'];
  /** One plain sentence: what happened to the file. */
  summary: string;
  encoding: string | null;
  rowsRead: number;
  rowsWritten: number;
  rowsRejected: number;
  loansClosed: number;
  /** Each as `line N [column]: reason`, or `file: reason` for the file as a whole. */
  problems: string[];
  problemsNotListed: number;
  movedTo: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
}

interface ReportContext {
  file: string;
  version: string;
  entity: ImportEntity | null;
  fullExtract: boolean;
  asOf: IsoDate | null;
  /** Where the file goes: processed/ when anything was written (or it was imported before), rejected/ otherwise. */
  destinations: { processed: string; rejected: string };
  startedAt: Date;
  finishedAt: Date;
}

/** The report of a file the importer read: rejected when its problems left nothing written. */
export function reportOfImport(context: ReportContext, report: ImportReport): FileReport {
  const badRows = new Set(report.problems.map((problem) => problem.line)).size;
  const outcome: ImportResult['outcome'] = 
    report.problems.length === 0 ? 'imported' : report.written > 0 ? 'imported-with-problems' : 'rejected';
  const summary =
    outcome === 'imported'
      ? `imported: ${report.written} of ${report.rows} rows written`
      : outcome === 'imported-with-problems'
        ? `imported with problems: ${report.written} rows written, ${badRows} rows with problems skipped`
        : `rejected: ${badRows} of ${report.rows} rows have problems, so nothing was written`;
  return {
    ...base(context, outcome, summary),
    encoding: report.encoding,
    rowsRead: report.rows,
    rowsWritten: report.written,
    rowsRejected: badRows,
    loansClosed: report.closed,
    ...listed(report.problems.map(problemLine)),
  };
}

/** The report of a file rejected as a whole (its name, size, encoding or CSV form), or recognised as already imported. */
export function reportOfFile(context: ReportContext, outcome: 'rejected' | 'duplicate', reason: string): FileReport {
  return {
    ...base(context, outcome, outcome === 'duplicate' ? `not imported again: ${reason}` : `rejected: ${reason}`),
    encoding: null,
    rowsRead: 0,
    rowsWritten: 0,
    rowsRejected: 0,
    loansClosed: 0,
    ...listed(outcome === 'rejected' ? [`file: ${redactValues(reason)}`] : []),
  };
}

function base(context: ReportContext, outcome: ImportResult['outcome'], summary: string) {
  return {
    file: context.file,
    version: context.version,
    entity: context.entity,
    fullExtract: context.fullExtract,
    asOf: context.asOf,
    outcome,
    summary,
    movedTo: outcome === 'rejected' ? context.destinations.rejected : context.destinations.processed,
    startedAt: context.startedAt.toISOString(),
    finishedAt: context.finishedAt.toISOString(),
    durationMs: context.finishedAt.getTime() - context.startedAt.getTime(),
  };
}

function listed(problems: string[]) {
  return { problems: problems.slice(0, MAX_PROBLEMS_LISTED), problemsNotListed: Math.max(0, problems.length - MAX_PROBLEMS_LISTED) };
}

/** `line 3 [tier]: reason`, with the cell values the importer quotes in its messages taken out. */
export function problemLine(problem: RowProblem): string {
  return `line ${problem.line}${problem.column ? ` [${problem.column}]` : ''}: ${redactValues(problem.message)}`;
}

/** The importer quotes every value it names ("…" is not a date, no RM with id "…"): a report keeps none of them. */
export function redactValues(message: string): string {
  return message.replace(/"[^"\n]*"/g, '(value)');
}

/** The operator's email: what happened, the counts, the first problems, and where the full report is. */
export function operatorEmail(report: FileReport, reportKey: string): { subject: string; text: string } {
  const name = report.file.split('/').at(-1) ?? report.file;
  const subject = `rm-radar import ${report.outcome === 'imported' ? 'done' : report.outcome.replace(/-/g, ' ')}: ${name}`;
  const lines = [
    `${report.file}: ${report.summary}.`,
    '',
    `entity: ${report.entity ?? 'unknown'}${report.fullExtract ? ' (full extract)' : ''}`,
    `as of: ${report.asOf ?? 'unknown'}`,
    `rows read: ${report.rowsRead}, written: ${report.rowsWritten}, with problems: ${report.rowsRejected}${report.loansClosed ? `, loans closed: ${report.loansClosed}` : ''}`,
    `took: ${(report.durationMs / 1000).toFixed(1)} s`,
    `the file is now at: ${report.movedTo}`,
    `full report: ${reportKey}`,
  ];
  const problems = [...report.problems.slice(0, MAX_PROBLEMS_EMAILED)];
  if (problems.length > 0) {
    lines.push('', 'problems:', ...problems.map((problem) => `  ${problem}`));
    const more = report.problems.length + report.problemsNotListed - problems.length;
    if (more > 0) lines.push(`  … and ${more} more in the report`);
  }
  return { subject, text: lines.join('\n') };
}
