// Writing clients, which only imports do: merge with the stored copy, move a moved client's
// children, keep the client-name index (in Simplified script too) that matches news to clients.
// Kept apart from RadarStore so the job functions, which never write clients, do not bundle OpenCC.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import pLimit from 'p-limit';
import type { Client, IsoDate } from '../model.ts';
import { ConflictError, messageOf, PartialWriteError } from '../errors.ts';
import { isFutureContact } from '../last-contact.ts';
import { retryOnConflict, TryAgain } from '../retry.ts';
import { companyNameKeys } from '../company-name.ts';
import { batchGet, batchWrite, withoutKeys, type Item, type Key } from './dynamo.ts';
import { entities, type AnniversaryKind } from './entities.ts';
import { clientItem, contactItem, followUpItem, lifeEventItem, loanItem, type RadarStore } from './radar-store.ts';

/**
 * Writes clients as imported. What the bank's systems do not know is kept from the stored copy:
 * the last contact moves only forward, a snooze set in the CLI survives unless the file sets one.
 * A stored last contact in the future (after `now`, written before such dates were refused) is
 * wrong, so the file's replaces it. A client moved to another RM takes its loans, contacts,
 * events and follow-ups along. A PartialWriteError names the clients (by index) written in full.
 */
export async function putClients(store: RadarStore, clients: Client[], options: { now?: Date } = {}): Promise<void> {
  const now = options.now ?? new Date();
  const stored = await getClientsConsistently(store, clients.map((c) => c.clientId));
  // Children move first: a crash in between leaves the client with its old RM, so re-running the import repeats the move.
  for (const incoming of clients) {
    const previous = stored.get(incoming.clientId);
    if (previous && previous.rmId !== incoming.rmId) await reindexChildren(store, incoming);
  }
  // Each request remembers its client (an index in `clients`), so a failure can say which clients were written.
  const requests = clients.flatMap((c, index) =>
    [
      ...(stored.has(c.clientId) ? [] : [{ put: clientItem(c) }]),
      ...anniversaryChanges(c),
      ...clientNameIndexChanges(stored.get(c.clientId), c),
    ].map((request) => ({ request, index })),
  );
  const unwritten = new Set<number>();
  try {
    await batchWrite(store.table, requests.map((r) => r.request));
  } catch (error) {
    if (!(error instanceof PartialWriteError)) throw error;
    requests.forEach(({ index }, i) => {
      if (!error.written.has(i)) unwritten.add(index);
    });
    // Existing clients are merged only after their index entries are in place.
    throw writtenClients(clients, (index) => !unwritten.has(index) && !stored.has(clients[index]!.clientId), error);
  }
  // Existing clients are written one by one on the version read, so a touch logged meanwhile is never undone.
  const limit = pLimit(8);
  const merges = await Promise.allSettled(
    clients.map((incoming) => (stored.has(incoming.clientId) ? limit(() => mergeClient(store, incoming, stored.get(incoming.clientId)!, now)) : undefined)),
  );
  const failure = merges.find((merge): merge is PromiseRejectedResult => merge.status === 'rejected');
  if (failure) throw writtenClients(clients, (index) => merges[index]!.status === 'fulfilled', failure.reason);
}

/**
 * Every item importing a client puts: the client, its name-index entries and its anniversaries, for
 * the import's size check. The stored copy adds only the last-touch summary (bounded by the model).
 */
export function clientItems(client: Client): Item[] {
  const changes = [...anniversaryChanges(client), ...clientNameIndexChanges(undefined, client)];
  return [clientItem(client), ...changes.flatMap((change) => ('put' in change ? [change.put] : []))];
}

/** A PartialWriteError naming the clients (by index) that were written in full. */
function writtenClients(clients: Client[], isWritten: (index: number) => boolean, cause: unknown): PartialWriteError {
  const written = new Set(clients.map((_, index) => index).filter(isWritten));
  return new PartialWriteError(`${clients.length - written.size} of ${clients.length} clients not written: ${messageOf(cause)}`, written, { cause });
}

async function mergeClient(store: RadarStore, incoming: Client, firstRead: Client, now: Date): Promise<void> {
  let previous = firstRead;
  await retryOnConflict(`client ${incoming.clientId} kept changing while it was imported`, async () => {
    const storedIsFuture = !!previous.lastContactAt && isFutureContact(previous.lastContactAt, now);
    const merged: Client = {
      ...incoming,
      lastContactAt: storedIsFuture ? incoming.lastContactAt : latest(previous.lastContactAt, incoming.lastContactAt),
      // The summary of a touch dated in the future goes with it.
      lastTouch: previous.lastTouch && !isFutureContact(previous.lastTouch.at, now) ? previous.lastTouch : incoming.lastTouch,
      snoozedUntil: incoming.snoozedUntil ?? previous.snoozedUntil,
    };
    try {
      await store.table.doc.send(
        new PutCommand({
          TableName: store.table.tableName,
          Item: clientItem(merged),
          ConditionExpression: previous.lastContactAt ? 'lastContactAt = :seen' : 'attribute_not_exists(lastContactAt)',
          ...(previous.lastContactAt ? { ExpressionAttributeValues: { ':seen': previous.lastContactAt } } : {}),
        }),
      );
      return;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const reread = (await getClientsConsistently(store, [incoming.clientId])).get(incoming.clientId);
      if (!reread) throw new ConflictError(`client ${incoming.clientId} was deleted while it was imported`, { cause: error });
      previous = reread;
      return new TryAgain(error);
    }
  });
}

async function getClientsConsistently(store: RadarStore, clientIds: string[]): Promise<Map<string, Client>> {
  const items = await batchGet(store.table, clientIds.map(entities.client.key), { consistent: true });
  return new Map(items.map((item) => entities.client.schema.parse(withoutKeys(item))).map((c) => [c.clientId, c]));
}

/** Rewrites a moved client's items so that every per-RM index points at the new RM. */
async function reindexChildren(store: RadarStore, moved: Client): Promise<void> {
  const dossier = await store.ownedBy(moved.clientId);
  await batchWrite(store.table, [
    ...dossier.contacts.map((c) => ({ put: contactItem(c, moved.rmId) })),
    ...dossier.loans.map((l) => ({ put: loanItem(l, moved.rmId) })),
    ...dossier.events.map((e) => ({ put: lifeEventItem(e, moved.rmId) })),
    ...dossier.followUps.map((f) => ({ put: followUpItem({ ...f, rmId: moved.rmId }) })),
  ]);
}

/** The name-index items to write and delete when a client is stored (see entities.clientName). */
function clientNameIndexChanges(previous: Client | undefined, current: Client): Array<{ put: Item } | { delete: Key }> {
  const currentKeys = clientNameKeys(current);
  const stale = [...clientNameKeys(previous)].filter((nameKey) => !currentKeys.has(nameKey));
  return [
    ...[...currentKeys].map((nameKey) => ({
      put: { ...entities.clientName.key(nameKey, current.clientId), type: entities.clientName.type, nameKey, clientId: current.clientId, rmId: current.rmId },
    })),
    ...stale.map((nameKey) => ({ delete: entities.clientName.key(nameKey, current.clientId) })),
  ];
}

/**
 * The keys a client is known by in the news: its company name and aliases, and its name if it is a
 * company — each as written and in Simplified script, so Traditional records meet Simplified news.
 */
function clientNameKeys(client: Client | undefined): Set<string> {
  if (!client) return new Set();
  const names = [client.companyName, ...client.aliases, client.kind === 'corporate' ? client.name : undefined].filter(
    (name): name is string => Boolean(name),
  );
  return new Set(names.flatMap(companyNameKeys));
}

/** A client's founding and relationship anniversaries in the calendar index; a date removed from the file removes its entry. */
function anniversaryChanges(client: Client): Array<{ put: Item } | { delete: Key }> {
  return (['founded', 'relationship'] as const).map((kind) => {
    const date = kind === 'founded' ? client.foundedOn : client.relationshipSince;
    return date ? { put: anniversaryItem(client, kind, date) } : { delete: entities.anniversary.key(client.clientId, kind) };
  });
}

function anniversaryItem(client: Client, anniversary: AnniversaryKind, date: IsoDate): Item {
  return {
    ...entities.anniversary.key(client.clientId, anniversary),
    ...entities.anniversary.onCalendar(client.rmId, date, client.clientId, anniversary),
    type: entities.anniversary.type,
    clientId: client.clientId,
    rmId: client.rmId,
    anniversary,
    date,
  };
}

function latest(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}
