// Stored call lists: one item per RM and business date holding its lines; written once, then only line statuses change.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { IsoDate, TouchSource } from '../core/model.ts';
import { ConflictError, NotFoundError } from '../core/errors.ts';
import { queryAll, withoutKeys, type Item, type TableContext } from '../core/store/dynamo.ts';
import { entities, expiresAt } from '../core/store/entities.ts';
import type { CallListLine, LineStatus, StoredCallList } from './model.ts';

const callLists = entities.callList;

export interface LineUpdate {
  status: LineStatus;
  outcome?: string;
  note?: string;
  at: string;
  /** Where it was done: the workbench, an email link, the CLI. */
  source: TouchSource;
}

export class CallListStore {
  private readonly table: TableContext;

  constructor(table: TableContext) {
    this.table = table;
  }

  async get(rmId: string, businessDate: IsoDate): Promise<StoredCallList | undefined> {
    const result = await this.table.doc.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: callLists.key(rmId, businessDate),
        // Strongly consistent: after losing the race to store a list, the winner's list must be visible.
        ConsistentRead: true,
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    this.table.meter.record(result.Item ? 1 : 0, result.ConsumedCapacity);
    return result.Item ? fromItem(result.Item) : undefined;
  }

  /** The RM's most recent list on or before a date. */
  async latest(rmId: string, onOrBefore: IsoDate): Promise<StoredCallList | undefined> {
    return (await this.recent(rmId, onOrBefore, 1))[0];
  }

  /** The RM's `count` most recent lists on or before a date, newest first (one Query). */
  async recent(rmId: string, onOrBefore: IsoDate, count: number): Promise<StoredCallList[]> {
    const items = await queryAll(
      this.table,
      {
        IndexName: 'byOwner',
        KeyConditionExpression: 'GSI1PK = :lists AND GSI1SK <= :date',
        ExpressionAttributeValues: { ':lists': callLists.byRmPartition(rmId), ':date': onOrBefore },
        ScanIndexForward: false,
      },
      count,
    );
    return items.map(fromItem);
  }

  /** The RM's lists from one date to another, both included, oldest first (the weekly report's completion). */
  async between(rmId: string, from: IsoDate, to: IsoDate): Promise<StoredCallList[]> {
    const items = await queryAll(this.table, {
      IndexName: 'byOwner',
      KeyConditionExpression: 'GSI1PK = :lists AND GSI1SK BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':lists': callLists.byRmPartition(rmId), ':from': from, ':to': to },
    });
    return items.map(fromItem);
  }

  /**
   * Stores a list unless one exists for that RM and date; returns the list that is stored either way,
   * so a re-run or a concurrent run keeps the first list unchanged.
   */
  async putIfAbsent(list: StoredCallList, now: Date): Promise<{ created: boolean; list: StoredCallList }> {
    try {
      await this.table.doc.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: toItem(list, now),
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return { created: true, list };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const stored = await this.get(list.rmId, list.businessDate);
      if (!stored) throw new ConflictError(`call list ${list.rmId} ${list.businessDate} vanished after a conflicting write`, { cause: error });
      return { created: false, list: stored };
    }
  }

  /** Sets one line's status, outcome and source; fails with NotFoundError when the list has no line for the client. */
  async updateLine(rmId: string, businessDate: IsoDate, clientId: string, update: LineUpdate): Promise<void> {
    try {
      await this.table.doc.send(new UpdateCommand(this.lineUpdate(rmId, businessDate, clientId, update, false)));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new NotFoundError(`the call list of ${rmId} for ${businessDate} has no line for client ${clientId}`, { cause: error });
      }
      throw error;
    }
  }

  /**
   * The update that records what was done with one line (status, outcome, note, when and where). With
   * `onlyOnce` the line must still be open, so a second tap on the same link records nothing twice.
   */
  lineUpdate(rmId: string, businessDate: IsoDate, clientId: string, update: LineUpdate, onlyOnce: boolean) {
    const values: Record<string, unknown> = { ':status': update.status, ':at': update.at, ':source': update.source };
    const sets = ['#lines.#client.#status = :status', '#lines.#client.updatedAt = :at', '#lines.#client.#source = :source'];
    for (const field of ['outcome', 'note'] as const) {
      if (update[field] === undefined) continue;
      sets.push(`#lines.#client.${field} = :${field}`);
      values[`:${field}`] = update[field];
    }
    if (onlyOnce) values[':open'] = 'open';
    return {
      TableName: this.table.tableName,
      Key: callLists.key(rmId, businessDate),
      ConditionExpression: onlyOnce ? 'attribute_exists(#lines.#client) AND #lines.#client.#status = :open' : 'attribute_exists(#lines.#client)',
      UpdateExpression: `SET ${sets.join(', ')}`,
      ExpressionAttributeNames: { '#lines': 'lines', '#client': clientId, '#status': 'status', '#source': 'source' },
      ExpressionAttributeValues: values,
    };
  }
}

// Lines are kept as a map by client id so that one line's status can be updated in place.
function toItem(list: StoredCallList, now: Date): Item {
  const { lines, ...header } = list;
  return {
    ...callLists.key(list.rmId, list.businessDate),
    ...callLists.byRm(list.rmId, list.businessDate),
    type: callLists.type,
    ...header,
    lines: Object.fromEntries(lines.map((line) => [line.clientId, line])),
    expiresAt: expiresAt(now, callLists.ttl.days),
  };
}

function fromItem(item: Item): StoredCallList {
  const { lines, ...header } = withoutKeys(item);
  const ordered = Object.values((lines ?? {}) as Record<string, CallListLine>).sort((a, b) => a.rank - b.rank);
  return callLists.schema.parse({ ...header, lines: ordered });
}
