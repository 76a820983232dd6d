// Exactly once per object version: the drop zone's import records and the hashes of the contents it imported.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TableContext } from '../core/store/dynamo.ts';
import { entities, expiresAt } from '../core/store/entities.ts';

const { dropZoneImport, dropZoneContent } = entities;

/**
 * importing: claimed by a run until leaseUntil (a crashed run's claim is taken again after it);
 * waiting: held for an earlier file of its day or for the records it refers to, retried later;
 * reported: imported (or rejected) and its report written, the move and the email may be left;
 * done: nothing left to do — a redelivered event for this version is acknowledged and ignored.
 */
export type ImportStatus = 'importing' | 'waiting' | 'reported' | 'done';

export interface ObjectVersion {
  key: string;
  versionId: string;
}

/** What a reported import left for its finishing steps, so a retry can finish without importing again. */
export interface ImportResult {
  outcome: 'imported' | 'imported-with-problems' | 'rejected' | 'duplicate';
  reportKey: string;
  movedTo: string;
  /** The email to the operator, already rendered (no values from the file, only counts and line numbers). */
  email: { subject: string; text: string };
  contentHash?: string;
}

export interface ImportRecord {
  status: ImportStatus;
  firstSeenAt: string;
  attempts: number;
  waitingFor?: string;
  result?: ImportResult;
  /** How far an import that paused got: its rows up to this line are written. */
  writtenThroughLine?: number;
}

/** Claims an object version for a run; answers the record as it stands when another run has it, or had it. */
export async function claimImport(
  table: TableContext,
  version: ObjectVersion,
  now: Date,
  leaseSeconds: number,
): Promise<{ claimed: true; record: ImportRecord } | { claimed: false; record: ImportRecord }> {
  try {
    const result = await table.doc.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: dropZoneImport.key(version.key, version.versionId),
        UpdateExpression:
          'SET #type = :type, #status = :importing, leaseUntil = :lease, firstSeenAt = if_not_exists(firstSeenAt, :now), attempts = if_not_exists(attempts, :zero) + :one, expiresAt = :expires',
        ConditionExpression: 'attribute_not_exists(PK) OR #status = :waiting OR (#status = :importing AND leaseUntil < :now)',
        ExpressionAttributeNames: { '#type': 'type', '#status': 'status' },
        ExpressionAttributeValues: {
          ':type': dropZoneImport.type,
          ':importing': 'importing',
          ':waiting': 'waiting',
          ':lease': new Date(now.getTime() + leaseSeconds * 1000).toISOString(),
          ':now': now.toISOString(),
          ':zero': 0,
          ':one': 1,
          ':expires': expiresAt(now, dropZoneImport.ttl.days),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return { claimed: true, record: recordOf(result.Attributes!) };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
  const stored = await table.doc.send(
    new GetCommand({ TableName: table.tableName, Key: dropZoneImport.key(version.key, version.versionId), ConsistentRead: true }),
  );
  return { claimed: false, record: recordOf(stored.Item ?? {}) };
}

/**
 * Records how far the import of a claimed version has written, and extends the claim's lease: a run that
 * keeps writing keeps its file, and a run after a pause or a crash resumes after this line.
 */
export async function recordProgress(table: TableContext, version: ObjectVersion, writtenThroughLine: number, now: Date, leaseSeconds: number): Promise<void> {
  await table.doc.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: dropZoneImport.key(version.key, version.versionId),
      UpdateExpression: 'SET writtenThroughLine = :line, leaseUntil = :lease',
      ConditionExpression: '#status = :importing',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':line': writtenThroughLine, ':lease': new Date(now.getTime() + leaseSeconds * 1000).toISOString(), ':importing': 'importing' },
    }),
  );
}

/** Releases a claim to wait for another file or for references; the next delivery claims it again. */
export async function markWaiting(table: TableContext, version: ObjectVersion, waitingFor: string): Promise<void> {
  await setStatus(table, version, 'waiting', { waitingFor });
}

/** Records what the import did, once its report is written; the finishing steps follow. */
export async function markReported(table: TableContext, version: ObjectVersion, result: ImportResult): Promise<void> {
  await setStatus(table, version, 'reported', { result });
}

/** After a failure before the report: the claim is released (as waiting) so a retry need not wait for the lease. */
export async function releaseClaim(table: TableContext, version: ObjectVersion): Promise<void> {
  try {
    await table.doc.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: dropZoneImport.key(version.key, version.versionId),
        UpdateExpression: 'SET #status = :waiting, waitingFor = :why REMOVE leaseUntil',
        ConditionExpression: '#status = :importing',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':waiting': 'waiting', ':importing': 'importing', ':why': 'a retry after a failure' },
      }),
    );
  } catch (error) {
    // Already reported: the retry finishes from the report instead.
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

export async function markDone(table: TableContext, version: ObjectVersion): Promise<void> {
  await setStatus(table, version, 'done', {});
}

async function setStatus(table: TableContext, version: ObjectVersion, status: ImportStatus, values: Record<string, unknown>): Promise<void> {
  const names = Object.keys(values);
  await table.doc.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: dropZoneImport.key(version.key, version.versionId),
      UpdateExpression: `SET #status = :status${names.map((name) => `, #${name} = :${name}`).join('')} REMOVE leaseUntil`,
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeNames: { '#status': 'status', ...Object.fromEntries(names.map((name) => [`#${name}`, name])) },
      ExpressionAttributeValues: { ':status': status, ...Object.fromEntries(names.map((name) => [`:${name}`, values[name]])) },
    }),
  );
}

/** The object version that last imported this content, if any. */
export async function findImportedContent(table: TableContext, contentHash: string): Promise<{ key: string; versionId: string; importedAt: string } | undefined> {
  const result = await table.doc.send(new GetCommand({ TableName: table.tableName, Key: dropZoneContent.key(contentHash), ConsistentRead: true }));
  const item = result.Item;
  return item ? { key: String(item.objectKey), versionId: String(item.versionId), importedAt: String(item.importedAt) } : undefined;
}

export async function recordImportedContent(table: TableContext, contentHash: string, version: ObjectVersion, now: Date): Promise<void> {
  await table.doc.send(
    new PutCommand({
      TableName: table.tableName,
      Item: {
        ...dropZoneContent.key(contentHash),
        type: dropZoneContent.type,
        objectKey: version.key,
        versionId: version.versionId,
        importedAt: now.toISOString(),
        expiresAt: expiresAt(now, dropZoneContent.ttl.days),
      },
    }),
  );
}

function recordOf(item: Record<string, unknown>): ImportRecord {
  return {
    status: item.status as ImportStatus,
    firstSeenAt: String(item.firstSeenAt),
    attempts: Number(item.attempts ?? 0),
    ...(item.waitingFor ? { waitingFor: String(item.waitingFor) } : {}),
    ...(item.result ? { result: item.result as ImportResult } : {}),
    ...(typeof item.writtenThroughLine === 'number' ? { writtenThroughLine: item.writtenThroughLine } : {}),
  };
}
