// Imports one object of the drop zone through the CLI's importer: once per object version, in entity order
// within a day, waiting a while for the RMs or clients it refers to; then a report, a move and an email.
import { createHash } from 'node:crypto';
import { importCsv, ImportPausedError, type ImportReport } from '../core/import/importer.ts';
import { entitySpecs } from '../core/import/entities.ts';
import type { CsvSource } from '../core/import/csv.ts';
import { MaybeSentError, ValidationError } from '../core/errors.ts';
import { businessDateOf } from '../core/dates/calendar.ts';
import type { AppConfig } from '../core/config.ts';
import type { Clock } from '../core/clock.ts';
import type { Log } from '../core/log.ts';
import type { Mailer } from '../core/mail/mailer.ts';
import type { IsoDate } from '../core/model.ts';
import type { RadarStore } from '../core/store/radar-store.ts';
import {
  claimImport,
  findImportedContent,
  markDone,
  markReported,
  markWaiting,
  recordImportedContent,
  recordProgress,
  releaseClaim,
  type ImportRecord,
  type ImportResult,
  type ObjectVersion,
} from './import-records.ts';
import { destinations, ENTITY_ORDER, parseObjectKey, PREFIXES, type DropObjectName } from './object-name.ts';
import type { ObjectStore } from './object-store.ts';
import { operatorEmail, reportOfFile, reportOfImport, type FileReport } from './report.ts';

export interface DropZoneDeps {
  store: RadarStore;
  objects: ObjectStore;
  mailer: Mailer;
  clock: Clock;
  log: Log;
  config: Pick<AppConfig, 'timeZone' | 'dropZone'>;
  /** The time this invocation has left (Lambda's context); none locally, where an import never pauses. */
  timeLeftMs?: () => number;
}

/**
 * An import pauses between two batches when its invocation has less than this left, and the next
 * delivery resumes after the last line written: a file too large for one invocation takes several.
 */
export const PAUSE_WHEN_LEFT_MS = 90_000;

export type ObjectOutcome =
  | { status: ImportResult['outcome']; reportKey: string; movedTo: string }
  /** Held for an earlier file of its day or for missing references; to be retried. */
  | { status: 'waiting'; waitingFor: string }
  /** Another run holds the file; to be retried after its lease. */
  | { status: 'busy' }
  /** This version was imported before (a redelivered event). */
  | { status: 'already-done' }
  /** Not a file to import: a folder marker, or an object already gone. */
  | { status: 'ignored'; reason: string };

/** Pending files listed per earlier entity when deciding whether a file must wait for them. */
const MAX_PENDING_LISTED = 1_000;

export async function importObject(deps: DropZoneDeps, version: ObjectVersion): Promise<ObjectOutcome> {
  if (version.key.endsWith('/')) return { status: 'ignored', reason: 'a folder marker' };
  const claim = await claimImport(deps.store.table, version, deps.clock.now(), deps.config.dropZone.leaseSeconds);
  if (!claim.claimed) {
    if (claim.record.status === 'done') return { status: 'already-done' };
    if (claim.record.status === 'reported' && claim.record.result) return finish(deps, version, claim.record.result);
    return { status: 'busy' };
  }
  try {
    const outcome = await importClaimed(deps, version, claim.record);
    if (outcome.status === 'waiting') await markWaiting(deps.store.table, version, outcome.waitingFor);
    return outcome;
  } catch (error) {
    await releaseClaim(deps.store.table, version).catch(() => undefined);
    throw error;
  }
}

async function importClaimed(deps: DropZoneDeps, version: ObjectVersion, record: ImportRecord): Promise<ObjectOutcome> {
  const startedAt = deps.clock.now();
  const { dropZone, timeZone } = deps.config;
  const name = parseObjectKey(version.key);
  const relativePath = relativePathOf(version.key);
  const context = (asOf: IsoDate | null, parsed?: DropObjectName) => ({
    file: version.key,
    version: version.versionId,
    entity: parsed?.entity ?? null,
    fullExtract: parsed?.full ?? false,
    asOf,
    destinations: destinations(relativePath),
    startedAt,
    finishedAt: deps.clock.now(),
  });
  const rejectFile = (reason: string, asOf: IsoDate | null, parsed?: DropObjectName) =>
    conclude(deps, version, reportOfFile(context(asOf, parsed), 'rejected', reason));

  if ('problem' in name) return rejectFile(name.problem, null);
  const object = await deps.objects.head(version.key, version.versionId);
  if (!object) {
    await markDone(deps.store.table, version);
    return { status: 'ignored', reason: 'the object is gone' };
  }
  if (object.size > dropZone.maxFileBytes) {
    return rejectFile(`the file is ${megabytes(object.size)} MB, more than the ${megabytes(dropZone.maxFileBytes)} MB a file may be`, name.asOf ?? null, name);
  }
  // Read as a stream each time it is needed (hash, validating pass, writing pass), never held whole.
  const file: CsvSource = { open: () => deps.objects.read(version.key, version.versionId) };
  const asOf = name.asOf ?? businessDateOf(object.lastModified, timeZone);
  const withinWindow = deps.clock.now().getTime() - new Date(record.firstSeenAt).getTime() < dropZone.waitMinutes * 60_000;

  if (withinWindow) {
    const earlier = await pendingEarlierFile(deps, name, asOf);
    if (earlier) return { status: 'waiting', waitingFor: earlier };
  }

  const contentHash = await hashOf(name, asOf, file);
  const imported = await findImportedContent(deps.store.table, contentHash);
  if (imported && !(imported.key === version.key && imported.versionId === version.versionId)) {
    const reason = `the same content as ${imported.key}, imported at ${imported.importedAt}`;
    return conclude(deps, version, reportOfFile(context(asOf, name), 'duplicate', reason));
  }

  const options = {
    timeZone,
    asOf,
    full: name.full,
    skipInvalid: dropZone.skipInvalid,
    resumeAfterLine: record.writtenThroughLine,
    onProgress: (line: number) => recordProgress(deps.store.table, version, line, deps.clock.now(), dropZone.leaseSeconds),
    shouldPause: () => (deps.timeLeftMs?.() ?? Infinity) < PAUSE_WHEN_LEFT_MS,
  };
  const hasReferences = (entitySpecs[name.entity].references ?? []).length > 0;
  let report: ImportReport;
  try {
    // With skip-invalid the importer would write around a missing reference: check first while waiting is still possible.
    if (withinWindow && hasReferences && dropZone.skipInvalid) {
      const dryRun = await importCsv(deps.store, name.entity, file, { ...options, dryRun: true });
      if (dryRun.problems.some((problem) => problem.missingReference)) return { status: 'waiting', waitingFor: missingReferences(dryRun) };
    }
    report = await importCsv(deps.store, name.entity, file, options);
  } catch (error) {
    if (error instanceof ValidationError) return rejectFile(error.message, asOf, name);
    if (error instanceof ImportPausedError) return { status: 'waiting', waitingFor: `the next run, to go on after line ${error.writtenThroughLine}` };
    throw error;
  }
  // Without skip-invalid a missing reference blocks every write, so the file can wait and be read again.
  if (withinWindow && report.written === 0 && report.problems.some((problem) => problem.missingReference)) {
    return { status: 'waiting', waitingFor: missingReferences(report) };
  }
  const fileReport = reportOfImport(context(asOf, name), report);
  return conclude(deps, version, fileReport, fileReport.outcome === 'rejected' ? undefined : contentHash);
}

/** Writes the report, records it, then moves the file and emails the operator. */
async function conclude(deps: DropZoneDeps, version: ObjectVersion, report: FileReport, contentHash?: string): Promise<ObjectOutcome> {
  const reportKey = destinations(relativePathOf(version.key)).report;
  await deps.objects.put(reportKey, `${JSON.stringify(report, null, 2)}\n`, 'application/json');
  const result: ImportResult = {
    outcome: report.outcome,
    reportKey,
    movedTo: report.movedTo,
    email: operatorEmail(report, reportKey),
    ...(contentHash ? { contentHash } : {}),
  };
  await markReported(deps.store.table, version, result);
  deps.log.info('drop zone file reported', {
    file: version.key,
    outcome: report.outcome,
    entity: report.entity,
    asOf: report.asOf,
    rowsRead: report.rowsRead,
    rowsWritten: report.rowsWritten,
    rowsRejected: report.rowsRejected,
    durationMs: report.durationMs,
  });
  return finish(deps, version, result);
}

/** The steps after the report, safe to repeat: a retry after a crash here finishes without importing again. */
async function finish(deps: DropZoneDeps, version: ObjectVersion, result: ImportResult): Promise<ObjectOutcome> {
  if (result.contentHash) await recordImportedContent(deps.store.table, result.contentHash, version, deps.clock.now());
  await deps.objects.move(version.key, version.versionId, result.movedTo);
  const to = deps.config.dropZone.operatorEmail;
  if (to) {
    try {
      await deps.mailer.send({ to, subject: result.email.subject, text: result.email.text, html: `<pre>${escapeHtml(result.email.text)}</pre>` });
    } catch (error) {
      // SES may have taken it: a retry would email again. The report is in the bucket either way.
      if (!(error instanceof MaybeSentError)) throw error;
      deps.log.warn('drop zone operator email may not have been sent; not sent again', { file: version.key, error: error.name });
    }
  }
  await markDone(deps.store.table, version);
  return { status: result.outcome, reportKey: result.reportKey, movedTo: result.movedTo };
}

/** An earlier entity's file of the same business date still in incoming/, which this file must follow. */
async function pendingEarlierFile(deps: DropZoneDeps, name: DropObjectName, asOf: IsoDate): Promise<string | undefined> {
  for (const entity of ENTITY_ORDER.slice(0, ENTITY_ORDER.indexOf(name.entity))) {
    const pending = await deps.objects.list(`${PREFIXES.incoming}${entity}/`, MAX_PENDING_LISTED);
    const sameDay = pending.find((object) => {
      const other = parseObjectKey(object.key);
      if ('problem' in other) return false;
      return (other.asOf ?? businessDateOf(object.lastModified, deps.config.timeZone)) === asOf;
    });
    if (sameDay) return `${sameDay.key}, an earlier file of ${asOf}`;
  }
  return undefined;
}

function missingReferences(report: ImportReport): string {
  const kinds = new Set(report.problems.map((problem) => problem.missingReference).filter(Boolean));
  const rows = new Set(report.problems.filter((problem) => problem.missingReference).map((problem) => problem.line)).size;
  return `${[...kinds].map((kind) => (kind === 'rm' ? 'RMs' : 'clients')).join(' and ')} not imported yet (${rows} rows refer to them)`;
}

/** The hash an identical re-upload is recognised by: the bytes, and how they are read (entity, full extract, as-of date). */
async function hashOf(name: DropObjectName, asOf: IsoDate, file: CsvSource): Promise<string> {
  const hash = createHash('sha256').update(`${name.entity}\n${name.full}\n${asOf}\n`);
  for await (const piece of file.open()) hash.update(piece);
  return hash.digest('hex');
}

function relativePathOf(key: string): string {
  return key.startsWith(PREFIXES.incoming) ? key.slice(PREFIXES.incoming.length) : key;
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
