// Low-level DynamoDB helpers: the document client, paginated queries, batched reads and writes with retry.
import { ConditionalCheckFailedException, DynamoDBClient, type ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import pLimit from 'p-limit';
import { messageOf, PartialWriteError } from '../errors.ts';
import { retryUnprocessed, TryAgain } from '../retry.ts';

export type Item = Record<string, unknown>;
export type Key = { PK: string; SK: string };

/** A document client that drops undefined attributes; endpoint and region come from the standard AWS config. */
export function createDocumentClient(client: DynamoDBClient = new DynamoDBClient({})): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

/** Counts what the store read, so jobs and benchmarks can show that cost follows the work. */
export class ReadMeter {
  itemsRead = 0;
  readCapacityUnits = 0;
  requests = 0;

  record(itemCount: number, consumed: ConsumedCapacity | ConsumedCapacity[] | undefined): void {
    this.requests += 1;
    this.itemsRead += itemCount;
    for (const entry of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
      this.readCapacityUnits += entry.CapacityUnits ?? 0;
    }
  }

  reset(): void {
    this.itemsRead = 0;
    this.readCapacityUnits = 0;
    this.requests = 0;
  }
}

export interface TableContext {
  doc: DynamoDBDocumentClient;
  tableName: string;
  meter: ReadMeter;
}

/**
 * The largest Limit a query page asks for. DynamoDB's Limit is a 32-bit integer (DynamoDB Local fails a
 * larger one with InternalFailure), and a page stops at 1 MB anyway; a larger `limit` takes more pages.
 */
export const QUERY_PAGE_LIMIT = 1000;

/** Runs a query to the end (or to `limit` items), following LastEvaluatedKey. The meter counts the items DynamoDB read, filtered out or not. */
export async function queryAll(
  table: TableContext,
  input: Omit<QueryCommandInput, 'TableName'>,
  limit = Number.POSITIVE_INFINITY,
): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.doc.send(
      new QueryCommand({
        ...input,
        TableName: table.tableName,
        ExclusiveStartKey: startKey,
        ReturnConsumedCapacity: 'TOTAL',
        ...(Number.isFinite(limit) ? { Limit: Math.min(QUERY_PAGE_LIMIT, Math.max(1, limit - items.length)) } : {}),
      }),
    );
    table.meter.record(page.ScannedCount ?? page.Items?.length ?? 0, page.ConsumedCapacity);
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey && items.length < limit);
  return items;
}

const BATCH_WRITE_SIZE = 25;
const BATCH_GET_SIZE = 100;

type WriteRequest = { put: Item } | { delete: Key };

/**
 * Writes and deletes in batches of 25, a few batches at a time, retrying unprocessed items with backoff.
 * A failure stops the batches not yet started and, once those under way are done, throws a
 * PartialWriteError with the indices of the requests that were written.
 */
export async function batchWrite(table: TableContext, requests: WriteRequest[], concurrency = 4): Promise<void> {
  const limit = pLimit(concurrency);
  const written = new Set<number>();
  let failed = false;
  const chunks: number[][] = [];
  for (let i = 0; i < requests.length; i += BATCH_WRITE_SIZE) {
    chunks.push(Array.from({ length: Math.min(BATCH_WRITE_SIZE, requests.length - i) }, (_, j) => i + j));
  }
  const outcomes = await Promise.allSettled(
    chunks.map((chunk) =>
      limit(async () => {
        if (failed) return;
        try {
          await writeChunk(table, requests, chunk, written);
        } catch (error) {
          failed = true;
          throw error;
        }
      }),
    ),
  );
  const failure = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failure) {
    throw new PartialWriteError(
      `${requests.length - written.size} of ${requests.length} writes failed: ${messageOf(failure.reason)}`,
      written,
      { cause: failure.reason },
    );
  }
}

/** One batch of requests (by index), retried until every item is processed; records each index written. */
async function writeChunk(table: TableContext, requests: WriteRequest[], indices: number[], written: Set<number>): Promise<void> {
  const keyOf = (key: Record<string, unknown>) => `${String(key.PK)}\u0000${String(key.SK)}`;
  const requestKey = (request: WriteRequest) => keyOf('put' in request ? request.put : request.delete);
  let pending = indices;
  await retryUnprocessed('batch write left items unprocessed after retries', async () => {
    const result = await table.doc.send(
      new BatchWriteCommand({
        RequestItems: {
          [table.tableName]: pending.map((index) => {
            const request = requests[index]!;
            return 'put' in request ? { PutRequest: { Item: request.put } } : { DeleteRequest: { Key: request.delete } };
          }),
        },
      }),
    );
    const unprocessed = new Set(
      (result.UnprocessedItems?.[table.tableName] ?? []).map((request) =>
        keyOf((request.PutRequest?.Item ?? request.DeleteRequest?.Key ?? {}) as Record<string, unknown>),
      ),
    );
    for (const index of pending) if (!unprocessed.has(requestKey(requests[index]!))) written.add(index);
    pending = pending.filter((index) => unprocessed.has(requestKey(requests[index]!)));
    return pending.length > 0 ? new TryAgain() : undefined;
  });
}

/** Reads items by key in batches of 100, retrying unprocessed keys; missing items are simply absent. */
export async function batchGet(table: TableContext, keyList: Key[], options: { consistent?: boolean } = {}): Promise<Item[]> {
  const unique = [...new Map(keyList.map((key) => [`${key.PK}|${key.SK}`, key])).values()];
  const items: Item[] = [];
  for (let i = 0; i < unique.length; i += BATCH_GET_SIZE) {
    let pending: Key[] = unique.slice(i, i + BATCH_GET_SIZE);
    await retryUnprocessed('batch get left keys unprocessed after retries', async () => {
      const result = await table.doc.send(
        new BatchGetCommand({
          RequestItems: { [table.tableName]: { Keys: pending, ConsistentRead: options.consistent } },
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      const found = result.Responses?.[table.tableName] ?? [];
      table.meter.record(found.length, result.ConsumedCapacity);
      items.push(...found);
      pending = (result.UnprocessedKeys?.[table.tableName]?.Keys ?? []) as Key[];
      return pending.length > 0 ? new TryAgain() : undefined;
    });
  }
  return items;
}

/** Sends a conditional Put or Update: true when written, false when its condition failed (any other error is thrown). */
export async function writeIf(table: TableContext, command: PutCommand | UpdateCommand): Promise<boolean> {
  try {
    // One call per command type: the client's send is typed by its command.
    await (command instanceof PutCommand ? table.doc.send(command) : table.doc.send(command));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Strips the table's key and index attributes from an item before it is parsed as an entity. */
export function withoutKeys(item: Item): Item {
  const { PK: _pk, SK: _sk, GSI1PK: _a, GSI1SK: _b, GSI2PK: _c, GSI2SK: _d, GSI3PK: _e, GSI3SK: _f, type: _t, expiresAt: _x, ...rest } = item;
  return rest;
}
