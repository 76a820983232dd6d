// The report's history on the single table: one snapshot item per RM (or team) and report date, read back by key.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { IsoDate } from '../core/model.ts';
import { addDays } from '../core/dates/calendar.ts';
import { TTL_ATTRIBUTE } from '../core/store/table-design.ts';
import { entities, expiresAt } from '../core/store/entities.ts';
import { queryAll, withoutKeys, type TableContext } from '../core/store/dynamo.ts';
import { snapshot as snapshotSchema, type Snapshot, type SnapshotScope } from './snapshot.ts';

const snapshots = entities.portfolioSnapshot;

/** What a report needs from history: the snapshots of the trend window, the one at the start of the year, and the first. */
export interface History {
  snapshots: Snapshot[];
  /** The date of the owner's first snapshot, or undefined before the first report. */
  firstOn?: IsoDate;
}

export class SnapshotStore {
  private readonly table: TableContext;

  constructor(table: TableContext) {
    this.table = table;
  }

  /**
   * Stores a snapshot unless one exists for that owner and date, and returns the stored one: a re-run of
   * an old date (after the book moved on) keeps the totals as they were then.
   */
  async putIfAbsent(entry: Snapshot, now: Date): Promise<{ created: boolean; snapshot: Snapshot }> {
    const parsed = snapshotSchema.parse(entry);
    try {
      await this.table.doc.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: {
            ...snapshots.key(parsed.scope, parsed.ownerId, parsed.date),
            type: snapshots.type,
            ...parsed,
            [TTL_ATTRIBUTE]: expiresAt(now, snapshots.ttl.days),
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return { created: true, snapshot: parsed };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const [stored] = await this.between(parsed.scope, parsed.ownerId, parsed.date, parsed.date);
      return { created: false, snapshot: stored ?? parsed };
    }
  }

  /** Snapshots of an owner from one date to another, both included, oldest first: one Query on the owner's partition. */
  async between(scope: SnapshotScope, ownerId: string, from: IsoDate, to: IsoDate): Promise<Snapshot[]> {
    const items = await queryAll(this.table, {
      KeyConditionExpression: 'PK = :owner AND SK BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':owner': snapshots.partition(scope, ownerId), ':from': snapshots.key(scope, ownerId, from).SK, ':to': snapshots.key(scope, ownerId, to).SK },
      ConsistentRead: true,
    });
    return items.map(fromItem);
  }

  /** The latest snapshot on or before a date (descending, one item), or the first one ever (`first`). */
  async edge(scope: SnapshotScope, ownerId: string, which: { onOrBefore: IsoDate } | 'first'): Promise<Snapshot | undefined> {
    const owner = snapshots.partition(scope, ownerId);
    const [item] = await queryAll(
      this.table,
      which === 'first'
        ? { KeyConditionExpression: 'PK = :owner AND begins_with(SK, :prefix)', ExpressionAttributeValues: { ':owner': owner, ':prefix': snapshots.sortKeyPrefix } }
        : {
            KeyConditionExpression: 'PK = :owner AND SK <= :to',
            ExpressionAttributeValues: { ':owner': owner, ':to': snapshots.key(scope, ownerId, which.onOrBefore).SK },
            ScanIndexForward: false,
          },
      1,
    );
    return item ? fromItem(item) : undefined;
  }

  /**
   * The history a report on `date` compares with: the trend window (`trendFrom` to the day before),
   * the snapshot at the start of the year, and the first snapshot (when history starts). Three Queries.
   */
  async historyFor(scope: SnapshotScope, ownerId: string, date: IsoDate, trendFrom: IsoDate): Promise<History> {
    const dayBefore = addDays(date, -1);
    const [window, yearStart, first] = await Promise.all([
      this.between(scope, ownerId, trendFrom, dayBefore),
      this.edge(scope, ownerId, { onOrBefore: `${date.slice(0, 4)}-01-01` }),
      this.edge(scope, ownerId, 'first'),
    ]);
    const byDate = new Map([...(first ? [first] : []), ...(yearStart ? [yearStart] : []), ...window].map((s) => [s.date, s]));
    const snapshots = [...byDate.values()].filter((s) => s.date < date).sort((a, b) => a.date.localeCompare(b.date));
    return { snapshots, firstOn: first?.date };
  }
}

/** The schema drops the item's type and TTL attributes. */
function fromItem(item: Record<string, unknown>): Snapshot {
  return snapshotSchema.parse(withoutKeys(item));
}
