// The prospect job's items on the single table: seen markers, prospect records, digest entries, and client look-ups by name.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import pLimit from 'p-limit';
import type { IsoDate } from '../core/model.ts';
import { batchGet, batchWrite, queryAll, withoutKeys, type TableContext } from '../core/store/dynamo.ts';
import { entities, expiresAt } from '../core/store/entities.ts';
import { AlreadyRecordedError, NotFoundError } from '../core/errors.ts';
import { storedDigestEntry, type ClientMatch, type DigestEntry, type ProspectRecord, type SentDigest, type StoredDigestEntry } from './model.ts';

// This module's items (seen markers, prospects, digest entries) and their keys: see entities.ts.
const { seen, prospect, digestEntry } = entities;

/** A digest entry's reference within its RM's digests: `<foundOn>/<storyId>` (about 43 bytes). */
export function entryRef(entry: Pick<DigestEntry, 'foundOn' | 'storyId'>): string {
  return `${entry.foundOn}/${entry.storyId}`;
}

/** One of an RM's digest entries by its key. */
export interface EntryRef {
  foundOn: IsoDate;
  rmId: string;
  storyId: string;
}

type HandledAs = NonNullable<StoredDigestEntry['handledAs']>;

/** The send-claim attribute listing the entries a digest carried (entryRef each). */
export const DIGEST_ENTRIES_ATTRIBUTE = 'digestEntries';

/** The entries a sent digest's claim lists, if its sender recorded them. */
const entryRefsOf = (claim: Record<string, unknown>): string[] | undefined =>
  Array.isArray(claim[DIGEST_ENTRIES_ATTRIBUTE]) ? (claim[DIGEST_ENTRIES_ATTRIBUTE] as unknown[]).map(String) : undefined;

export class ProspectStore {
  readonly table: TableContext;

  constructor(table: TableContext) {
    this.table = table;
  }

  // ---- seen markers ----------------------------------------------------------------------

  /** Which of these items were processed by an earlier run. */
  async findSeen(seenIds: string[]): Promise<Set<string>> {
    const found = await batchGet(this.table, seenIds.map(seen.key));
    return new Set(found.flatMap((item) => seen.decode(item) ?? []));
  }

  async markSeen(seenIds: string[], now: Date, keepDays: number): Promise<void> {
    const expires = expiresAt(now, keepDays);
    await batchWrite(
      this.table,
      [...new Set(seenIds)].map((id) => ({ put: { ...seen.key(id), type: seen.type, seenAt: now.toISOString(), expiresAt: expires } })),
    );
  }

  // ---- prospects -------------------------------------------------------------------------

  async getProspects(companyKeys: string[]): Promise<Map<string, ProspectRecord>> {
    const items = await batchGet(this.table, companyKeys.map(prospect.key));
    return new Map(items.map((item) => prospect.schema.parse(withoutKeys(item))).map((record) => [record.companyKey, record]));
  }

  /** One prospect, strongly consistent: read again after losing a write race. */
  async getProspect(companyKey: string): Promise<ProspectRecord | undefined> {
    const result = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: prospect.key(companyKey), ConsistentRead: true, ReturnConsumedCapacity: 'TOTAL' }),
    );
    this.table.meter.record(result.Item ? 1 : 0, result.ConsumedCapacity);
    return result.Item ? prospect.schema.parse(withoutKeys(result.Item)) : undefined;
  }

  /**
   * Writes a prospect if nobody else wrote it since it was read (version check); false when another
   * run got there first, so the caller re-reads and re-applies its stories.
   */
  async saveProspect(record: ProspectRecord, readVersion: number | undefined): Promise<boolean> {
    try {
      await this.table.doc.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: { ...prospect.key(record.companyKey), type: prospect.type, ...record, version: (readVersion ?? 0) + 1 },
          ConditionExpression: readVersion === undefined ? 'attribute_not_exists(PK)' : 'version = :read',
          ...(readVersion === undefined ? {} : { ExpressionAttributeValues: { ':read': readVersion } }),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  // ---- digest entries --------------------------------------------------------------------

  /**
   * Stores digest entries. An entry already emailed is left alone, so a re-run never queues it again;
   * an unsent one is overwritten with the same content (runs are deterministic).
   */
  async putDigestEntries(entries: DigestEntry[], now: Date): Promise<void> {
    const expires = expiresAt(now, digestEntry.ttl.days);
    const limit = pLimit(8);
    await Promise.all(
      entries.map((entry) =>
        limit(async () => {
          try {
            await this.table.doc.send(
              new PutCommand({
                TableName: this.table.tableName,
                Item: { ...digestEntry.key(entry.foundOn, entry.rmId, entry.storyId), type: digestEntry.type, ...entry, expiresAt: expires },
                ConditionExpression: 'attribute_not_exists(sentOn)',
              }),
            );
          } catch (error) {
            if (!(error instanceof ConditionalCheckFailedException)) throw error;
          }
        }),
      ),
    );
  }

  /**
   * One RM's entries not yet emailed, found on any of `days` (one strongly consistent Query per day on the
   * RM's part of it): what that RM's digest carries, read without anyone else's entries.
   */
  async unsentEntriesOfRm(rmId: string, days: IsoDate[]): Promise<DigestEntry[]> {
    const perDay = await Promise.all(
      days.map((day) =>
        queryAll(this.table, {
          KeyConditionExpression: 'PK = :day AND begins_with(SK, :rm)',
          FilterExpression: 'attribute_not_exists(sentOn)',
          ExpressionAttributeValues: { ':day': digestEntry.partition(day), ':rm': digestEntry.ofRm(rmId) },
          ConsistentRead: true,
        }),
      ),
    );
    return perDay.flat().map((item) => digestEntry.schema.parse(withoutKeys(item)));
  }

  /** Entries of one day, all RMs (for the CLI). */
  async listEntriesOn(day: IsoDate): Promise<StoredDigestEntry[]> {
    const items = await queryAll(this.table, {
      KeyConditionExpression: 'PK = :day',
      ExpressionAttributeValues: { ':day': digestEntry.partition(day) },
    });
    return items.map((item) => storedDigestEntry.parse(withoutKeys(item)));
  }

  /** One RM's entries found on each of `days`, as stored (one Query per day on the RM's part of it). */
  async entriesOfRm(rmId: string, days: IsoDate[]): Promise<StoredDigestEntry[]> {
    const perDay = await Promise.all(
      days.map((day) =>
        queryAll(this.table, {
          KeyConditionExpression: 'PK = :day AND begins_with(SK, :rm)',
          ExpressionAttributeValues: { ':day': digestEntry.partition(day), ':rm': digestEntry.ofRm(rmId) },
        }),
      ),
    );
    return perDay.flat().map((item) => storedDigestEntry.parse(withoutKeys(item)));
  }

  /** One of an RM's entries by its key (one GetItem); undefined when there is none. */
  async getEntry(ref: EntryRef): Promise<StoredDigestEntry | undefined> {
    const result = await this.table.doc.send(new GetCommand({ TableName: this.table.tableName, Key: digestEntry.key(ref.foundOn, ref.rmId, ref.storyId) }));
    return result.Item ? storedDigestEntry.parse(withoutKeys(result.Item)) : undefined;
  }

  /**
   * Records what the RM did with one of their entries (the key holds the RM, so nobody reaches another
   * RM's entry). Throws NotFoundError when there is no such entry, AlreadyRecordedError when it was handled.
   */
  async markEntryHandled(ref: EntryRef, how: HandledAs, at: Date, note?: string): Promise<void> {
    try {
      await this.table.doc.send(new UpdateCommand(this.handledUpdate(ref, how, at, note)));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const stored = await this.table.doc.send(new GetCommand({ TableName: this.table.tableName, Key: digestEntry.key(ref.foundOn, ref.rmId, ref.storyId), ConsistentRead: true }));
      if (!stored.Item) throw new NotFoundError('no such story');
      throw new AlreadyRecordedError('this story was already handled');
    }
  }

  /**
   * The update that records an entry as handled, once: for markEntryHandled, or as a further write in a
   * touch's transaction (a contact logged about a client's story). `clientId` also requires the entry to be that client's.
   */
  handledUpdate(ref: EntryRef, how: HandledAs, at: Date, note?: string, clientId?: string) {
    return {
      TableName: this.table.tableName,
      Key: digestEntry.key(ref.foundOn, ref.rmId, ref.storyId),
      UpdateExpression: `SET handledAs = :how, handledAt = :at${note ? ', handledNote = :note' : ''}`,
      ConditionExpression: `attribute_exists(PK) AND attribute_not_exists(handledAs)${clientId ? ' AND clientId = :client' : ''}`,
      ExpressionAttributeValues: { ':how': how, ':at': at.toISOString(), ...(note ? { ':note': note } : {}), ...(clientId ? { ':client': clientId } : {}) },
    };
  }

  /** Marks entries as emailed in the digest of `businessDate`, so later digests do not repeat them. */
  async markEntriesSent(entries: DigestEntry[], businessDate: IsoDate): Promise<void> {
    const limit = pLimit(8);
    await Promise.all(
      entries.map((entry) =>
        limit(() =>
          this.table.doc.send(
            new UpdateCommand({
              TableName: this.table.tableName,
              Key: digestEntry.key(entry.foundOn, entry.rmId, entry.storyId),
              UpdateExpression: 'SET sentOn = :day',
              ExpressionAttributeValues: { ':day': businessDate },
            }),
          ),
        ),
      ),
    );
  }

  /** One RM's digests sent on any of `dates` (one strongly consistent BatchGet of their send claims), with the entries each carried when its sender recorded them (see `entryRef`). */
  async sentDigestsOfRm(job: string, rmId: string, dates: IsoDate[]): Promise<SentDigest[]> {
    const items = await batchGet(this.table, dates.map((businessDate) => entities.sendClaim.key({ job, rmId, businessDate })), { consistent: true });
    return items.flatMap((item) => {
      const claim = entities.sendClaim.decode(item);
      return claim && item.status === 'sent' ? [{ businessDate: claim.businessDate, rmId: claim.rmId, entryRefs: entryRefsOf(item) }] : [];
    });
  }

  // ---- clients by name -------------------------------------------------------------------

  /**
   * Clients known under any of these company-name keys (the index putClients in core/store/client-writes.ts keeps), with
   * whether each has a loan. One Query per name key, and one per client found for its loans.
   */
  async findClientsByName(nameKeys: string[]): Promise<Map<string, ClientMatch[]>> {
    const limit = pLimit(8);
    const unique = [...new Set(nameKeys.filter(Boolean))];
    const results = await Promise.all(
      unique.map((nameKey) =>
        limit(async () => {
          const items = await queryAll(this.table, {
            KeyConditionExpression: 'PK = :name',
            ExpressionAttributeValues: { ':name': entities.clientName.partition(nameKey) },
          });
          return [nameKey, items.map((item) => ({ clientId: String(item.clientId), rmId: String(item.rmId) }))] as const;
        }),
      ),
    );
    const clientIds = [...new Set(results.flatMap(([, found]) => found.map((c) => c.clientId)))];
    const withLoans = new Set(
      (await Promise.all(clientIds.map((clientId) => limit(async () => ((await this.hasLoans(clientId)) ? clientId : undefined))))).filter(Boolean),
    );
    return new Map(results.map(([nameKey, found]) => [nameKey, found.map((c) => ({ ...c, hasLoans: withLoans.has(c.clientId) }))]));
  }

  private async hasLoans(clientId: string): Promise<boolean> {
    const items = await queryAll(
      this.table,
      {
        KeyConditionExpression: 'PK = :client AND begins_with(SK, :loan)',
        ExpressionAttributeValues: { ':client': entities.client.partition(clientId), ':loan': entities.loan.sortKeyPrefix },
        ProjectionExpression: 'PK',
      },
      1,
    );
    return items.length > 0;
  }
}
