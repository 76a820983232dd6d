// The store of RMs, clients and everything they own: typed reads and writes on the single table.
import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, TransactWriteCommand, UpdateCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { TEXT_BOUNDS, type Client, type Contact, type FollowUp, type IsoDate, type LifeEvent, type Loan, type MonthDay, type Rm, type Tier, type Touch } from '../model.ts';
import { AlreadyRecordedError, ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { retryOnConflict, TryAgain } from '../retry.ts';
import { batchGet, batchWrite, queryAll, ReadMeter, withoutKeys, type Item, type TableContext } from './dynamo.ts';
import { calendarPartition, entities, upTo, type AnniversaryKind } from './entities.ts';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** A yearly or one-off date of a client found in the calendar index. */
export type CalendarEntry =
  | { kind: 'birthday'; rmId: string; clientId: string; contact: Contact }
  | { kind: 'anniversary'; rmId: string; clientId: string; anniversary: AnniversaryKind; date: IsoDate }
  | { kind: 'event'; rmId: string; clientId: string; event: LifeEvent };

export interface ClientDossier {
  client: Client;
  contacts: Contact[];
  loans: Loan[];
  events: LifeEvent[];
  /** The newest touches, newest first. */
  touches: Touch[];
  /** The follow-ups still open. */
  followUps: FollowUp[];
}

export interface NewTouch {
  clientId: string;
  channel: Touch['channel'];
  at: string;
  outcome?: string;
  note?: string;
  followUpOn?: IsoDate;
  /** Marks these open follow-ups of the client as done in the same transaction. */
  completesFollowUps?: string[];
  source?: Touch['source'];
  /**
   * Further writes that belong to the touch (a call-list line marked done, a reminder marked done), in
   * the same transaction. When one of their conditions fails the touch is not logged: AlreadyRecordedError.
   */
  alsoWrites?: TransactItem[];
}

export type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

export class RadarStore {
  readonly table: TableContext;

  constructor(doc: DynamoDBDocumentClient, tableName: string, meter = new ReadMeter()) {
    this.table = { doc, tableName, meter };
  }

  get meter(): ReadMeter {
    return this.table.meter;
  }

  // ---- RMs -------------------------------------------------------------------------------

  /** One item per RM; a PartialWriteError names the written ones by their index in `rms`. */
  async putRms(rms: Rm[]): Promise<void> {
    await batchWrite(this.table, rms.map((rm) => ({ put: rmItem(rm) })));
  }

  async getRms(rmIds: string[]): Promise<Rm[]> {
    const items = await batchGet(this.table, rmIds.map(entities.rm.key));
    return items.map((item) => entities.rm.schema.parse(withoutKeys(item)));
  }

  async getRm(rmId: string): Promise<Rm | undefined> {
    return (await this.getRms([rmId]))[0];
  }

  /**
   * Adds a company to the RM's watch-list (the names prospect-scan routes to them whatever the industry).
   * A name already on it is left as it is; a full list is refused with a ValidationError.
   */
  async addToWatchList(rmId: string, name: string): Promise<void> {
    const entry = name.trim().slice(0, TEXT_BOUNDS.name);
    try {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: entities.rm.key(rmId),
          UpdateExpression: 'SET watchList = list_append(if_not_exists(watchList, :none), :entry)',
          ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(watchList) OR (NOT contains(watchList, :name) AND size(watchList) < :max))',
          ExpressionAttributeValues: { ':none': [], ':entry': [entry], ':name': entry, ':max': TEXT_BOUNDS.watchList },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const rm = await this.getRm(rmId);
      if (!rm) throw new NotFoundError('no such RM');
      if (!rm.watchList.includes(entry)) throw new ValidationError(`the watch-list is full (${TEXT_BOUNDS.watchList} names): remove one first`);
    }
  }

  async listRms(): Promise<Rm[]> {
    const items = await queryAll(this.table, {
      IndexName: 'byOwner',
      KeyConditionExpression: 'GSI1PK = :registry',
      ExpressionAttributeValues: { ':registry': entities.rm.registryPartition },
    });
    return items.map((item) => entities.rm.schema.parse(withoutKeys(item)));
  }

  // ---- clients ---------------------------------------------------------------------------

  async getClients(clientIds: string[]): Promise<Client[]> {
    const items = await batchGet(this.table, clientIds.map(entities.client.key));
    return items.map((item) => entities.client.schema.parse(withoutKeys(item)));
  }

  async getClient(clientId: string): Promise<Client | undefined> {
    return (await this.getClients([clientId]))[0];
  }

  /** Clients of an RM in one tier, oldest contact first, optionally only those last contacted before an instant. */
  async listClientsByLastContact(
    rmId: string,
    tier: Tier,
    options: { contactedBefore?: string; limit?: number } = {},
  ): Promise<Client[]> {
    const items = await queryAll(
      this.table,
      {
        IndexName: 'byOwner',
        KeyConditionExpression: options.contactedBefore ? 'GSI1PK = :owner AND GSI1SK < :before' : 'GSI1PK = :owner',
        ExpressionAttributeValues: {
          ':owner': entities.client.byLastContactPartition(rmId, tier),
          ...(options.contactedBefore ? { ':before': options.contactedBefore } : {}),
        },
      },
      options.limit,
    );
    return items.map((item) => entities.client.schema.parse(withoutKeys(item)));
  }

  async updateClientSnooze(clientId: string, snoozedUntil: IsoDate | undefined): Promise<void> {
    await this.table.doc.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: entities.client.key(clientId),
        ConditionExpression: 'attribute_exists(PK)',
        UpdateExpression: snoozedUntil ? 'SET snoozedUntil = :until' : 'REMOVE snoozedUntil',
        ...(snoozedUntil ? { ExpressionAttributeValues: { ':until': snoozedUntil } } : {}),
      }),
    );
  }

  /**
   * Sets a client's last contact to `at`, earlier or later than the stored one, or clears it (never
   * contacted): the way to correct a wrong date, which touches and imports never move backwards.
   * The summary of a touch later than `at` goes too. Conditional on the value read, so a touch
   * logged meanwhile is not overwritten (ConflictError: run it again). Returns the value replaced.
   */
  async correctLastContact(clientId: string, at: string | undefined): Promise<{ previous: string | undefined }> {
    const stored = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: entities.client.key(clientId), ConsistentRead: true }),
    );
    if (!stored.Item) throw new NotFoundError(`no client with id ${clientId}`);
    const client = entities.client.schema.parse(withoutKeys(stored.Item));
    const dropsSummary = !!client.lastTouch && (!at || client.lastTouch.at > at);
    const sortKey = entities.client.byLastContact(client.rmId, client.tier, at, client.clientId).GSI1SK;
    const sets = ['GSI1SK = :sortKey', ...(at ? ['lastContactAt = :at'] : [])];
    const removes = [...(at ? [] : ['lastContactAt']), ...(dropsSummary ? ['lastTouch'] : [])];
    try {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: entities.client.key(clientId),
          ConditionExpression: client.lastContactAt ? 'lastContactAt = :previous' : 'attribute_exists(PK) AND attribute_not_exists(lastContactAt)',
          UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ExpressionAttributeValues: {
            ':sortKey': sortKey,
            ...(at ? { ':at': at } : {}),
            ...(client.lastContactAt ? { ':previous': client.lastContactAt } : {}),
          },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new ConflictError(`client ${clientId} changed while its last contact was corrected; run it again`, { cause: error });
      }
      throw error;
    }
    return { previous: client.lastContactAt };
  }

  /**
   * What a client page shows of one client: the client, its contacts, loans and life events, its open
   * follow-ups and its newest touches. Two Queries: the client's records but its touches on their key
   * range, and the touches newest first with a Limit, so what is read follows what is shown, not how long
   * the history is (done follow-ups are filtered out by DynamoDB; the meter counts them, as they are read).
   */
  async getDossier(clientId: string, recentTouches = 10): Promise<ClientDossier> {
    const [records, touches] = await Promise.all([this.clientRecords(clientId, 'open'), this.listRecentTouches(clientId, recentTouches)]);
    if (!records.client) throw new NotFoundError(`no client with id ${clientId}`);
    return { ...records, client: records.client, touches };
  }

  /** A client's newest touches, newest first (one Query backwards on the touch prefix, `limit` items at most). */
  async listRecentTouches(clientId: string, limit: number): Promise<Touch[]> {
    if (limit <= 0) return [];
    const items = await this.queryOwned(clientId, entities.touch.sortKeyPrefix, { ScanIndexForward: false }, limit);
    return items.map((item) => entities.touch.schema.parse(withoutKeys(item)));
  }

  /** The contacts, loans, life events and every follow-up stored under a client, not its touches (to re-index a moved client). */
  async ownedBy(clientId: string): Promise<Omit<ClientDossier, 'client' | 'touches'>> {
    const { client: _client, ...owned } = await this.clientRecords(clientId, 'all');
    return owned;
  }

  /** One Query on the client's records (entities.client.recordsRange), by type; `open` leaves out the follow-ups done. */
  private async clientRecords(clientId: string, followUps: 'open' | 'all'): Promise<Omit<ClientDossier, 'client' | 'touches'> & { client?: Client }> {
    const { from, to } = entities.client.recordsRange;
    const items = await queryAll(this.table, {
      KeyConditionExpression: 'PK = :client AND SK BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':client': entities.client.partition(clientId), ':from': from, ':to': to, ...(followUps === 'open' ? { ':open': 'open' } : {}) },
      // Only follow-ups have a status.
      ...(followUps === 'open' ? { FilterExpression: 'attribute_not_exists(#status) OR #status = :open', ExpressionAttributeNames: { '#status': 'status' } } : {}),
    });
    const ofType = (type: string) => items.filter((item) => item.type === type).map(withoutKeys);
    const clientItem = ofType(entities.client.type)[0];
    return {
      ...(clientItem ? { client: entities.client.schema.parse(clientItem) } : {}),
      contacts: ofType(entities.contact.type).map((item) => entities.contact.schema.parse(item)),
      loans: ofType(entities.loan.type).map((item) => entities.loan.schema.parse(item)),
      events: ofType(entities.lifeEvent.type).map((item) => entities.lifeEvent.schema.parse(item)),
      followUps: ofType(entities.followUp.type).map((item) => entities.followUp.schema.parse(item)),
    };
  }

  /** The items of one kind under a client: a Query on its partition and the kind's sort-key prefix. */
  private queryOwned(clientId: string, prefix: string, extra: Partial<QueryCommandInput> = {}, limit?: number): Promise<Item[]> {
    return queryAll(
      this.table,
      {
        ...extra,
        KeyConditionExpression: 'PK = :client AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ...extra.ExpressionAttributeValues, ':client': entities.client.partition(clientId), ':prefix': prefix },
      },
      limit,
    );
  }

  // ---- contacts, loans, life events --------------------------------------------------------
  // One item each; a PartialWriteError names the written ones by their index in the list given.

  async putContacts(contacts: Contact[]): Promise<void> {
    const owners = await this.ownersOf(contacts.map((c) => c.clientId));
    await batchWrite(this.table, contacts.map((c) => ({ put: contactItem(c, owners.get(c.clientId)!) })));
  }

  async putLoans(loans: Loan[]): Promise<void> {
    const owners = await this.ownersOf(loans.map((l) => l.clientId));
    await batchWrite(this.table, loans.map((l) => ({ put: loanItem(l, owners.get(l.clientId)!) })));
  }

  async putLifeEvents(events: LifeEvent[]): Promise<void> {
    const owners = await this.ownersOf(events.map((e) => e.clientId));
    await batchWrite(this.table, events.map((e) => ({ put: lifeEventItem(e, owners.get(e.clientId)!) })));
  }

  async getContacts(clientId: string): Promise<Contact[]> {
    const items = await this.queryOwned(clientId, entities.contact.sortKeyPrefix);
    return items.map((item) => entities.contact.schema.parse(withoutKeys(item)));
  }

  /**
   * Loans of an RM in the arrears index: earliest past-due date (most days past due) first, then loans
   * with only an old days-past-due snapshot. Callers count the days for their date (core/loans.ts).
   */
  async listLoansInArrears(rmId: string): Promise<Loan[]> {
    const items = await queryAll(this.table, {
      IndexName: 'byOwner',
      KeyConditionExpression: 'GSI1PK = :arrears',
      ExpressionAttributeValues: { ':arrears': entities.loan.arrearsPartition(rmId) },
    });
    return items.map((item) => entities.loan.schema.parse(withoutKeys(item)));
  }

  /** Every loan stored under a client (one Query on its partition). */
  async listLoansOfClient(clientId: string): Promise<Loan[]> {
    const items = await this.queryOwned(clientId, entities.loan.sortKeyPrefix);
    return items.map((item) => entities.loan.schema.parse(withoutKeys(item)));
  }

  /** Deletes loans (repaid or closed): they leave every index with their item. Missing ones are ignored. */
  async deleteLoans(loans: ReadonlyArray<Pick<Loan, 'clientId' | 'loanId'>>): Promise<void> {
    await batchWrite(this.table, loans.map((l) => ({ delete: entities.loan.key(l.clientId, l.loanId) })));
  }

  /** Deletes one loan of a client; NotFoundError when the client has no such loan. */
  async closeLoan(clientId: string, loanId: string): Promise<Loan> {
    try {
      const deleted = await this.table.doc.send(
        new DeleteCommand({
          TableName: this.table.tableName,
          Key: entities.loan.key(clientId, loanId),
          ConditionExpression: 'attribute_exists(PK)',
          ReturnValues: 'ALL_OLD',
        }),
      );
      return entities.loan.schema.parse(withoutKeys(deleted.Attributes!));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new NotFoundError(`client ${clientId} has no loan with id ${loanId}`, { cause: error });
      }
      throw error;
    }
  }

  /** Loans of an RM maturing between two dates, both included, earliest first. */
  async listLoansMaturing(rmId: string, from: IsoDate, to: IsoDate): Promise<Loan[]> {
    const items = await queryAll(this.table, {
      IndexName: 'byDue',
      KeyConditionExpression: 'GSI3PK = :maturity AND GSI3SK BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':maturity': entities.loan.maturityPartition(rmId), ':from': from, ':to': upTo(`${to}#`) },
    });
    return items.map((item) => entities.loan.schema.parse(withoutKeys(item)));
  }

  /** Open follow-ups of an RM due on or before a date (overdue ones included), earliest first. */
  async listOpenFollowUps(rmId: string, dueOnOrBefore: IsoDate): Promise<FollowUp[]> {
    const items = await queryAll(this.table, {
      IndexName: 'byDue',
      KeyConditionExpression: 'GSI3PK = :followUps AND GSI3SK <= :until',
      ExpressionAttributeValues: { ':followUps': entities.followUp.openPartition(rmId), ':until': upTo(`${dueOnOrBefore}#`) },
    });
    return items.map((item) => entities.followUp.schema.parse(withoutKeys(item)));
  }

  /**
   * Calendar entries of an RM: yearly ones on a Gregorian month-day, yearly lunar ones on a lunar
   * month-day, one-off ones on a date.
   */
  async listCalendar(
    rmId: string,
    on: { monthDay: MonthDay } | { lunarMonthDay: MonthDay } | { date: IsoDate },
  ): Promise<CalendarEntry[]> {
    const items = await queryAll(this.table, {
      IndexName: 'byDate',
      KeyConditionExpression: 'GSI2PK = :day',
      ExpressionAttributeValues: { ':day': calendarPartition(rmId, on) },
    });
    return items.map((item) => toCalendarEntry(item, rmId));
  }

  // ---- touches ---------------------------------------------------------------------------

  /**
   * Logs a touch and, in the same transaction, moves the client's last contact forward (never back)
   * and records a promised follow-up. Retries when another writer changed the client meanwhile.
   */
  async logTouch(input: NewTouch): Promise<Touch> {
    return retryOnConflict(`client ${input.clientId} kept changing while the touch was logged`, async () => {
      const stored = await this.table.doc.send(
        new GetCommand({ TableName: this.table.tableName, Key: entities.client.key(input.clientId), ConsistentRead: true }),
      );
      if (!stored.Item) throw new NotFoundError(`no client with id ${input.clientId}`);
      const client = entities.client.schema.parse(withoutKeys(stored.Item));
      const { completesFollowUps: _completes, alsoWrites: _writes, ...fields } = input;
      const touch = entities.touch.schema.parse({ ...fields, touchId: randomUUID(), rmId: client.rmId });
      const movesForward = !client.lastContactAt || touch.at > client.lastContactAt;
      const ownItems = this.touchTransaction(client, touch, movesForward, input);
      try {
        await this.table.doc.send(new TransactWriteCommand({ TransactItems: [...ownItems, ...(input.alsoWrites ?? [])] }));
        return touch;
      } catch (error) {
        const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
        if (reasons.slice(ownItems.length).some((reason) => reason.Code === 'ConditionalCheckFailed')) {
          throw new AlreadyRecordedError(`already recorded for client ${input.clientId}`, { cause: error });
        }
        if (error instanceof TransactionCanceledException) return new TryAgain(error);
        throw error;
      }
    });
  }

  private touchTransaction(client: Client, touch: Touch, movesForward: boolean, input: NewTouch) {
    const tableName = this.table.tableName;
    const items: TransactItem[] = [
      {
        Put: {
          TableName: tableName,
          Item: { ...entities.touch.key(touch.clientId, touch.at, touch.touchId), type: entities.touch.type, ...touch },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    ];
    // The client update is conditional on the version read, so two concurrent touches cannot move it backwards.
    const versionCondition = client.lastContactAt
      ? 'lastContactAt = :previous'
      : 'attribute_exists(PK) AND attribute_not_exists(lastContactAt)';
    const previousValue = client.lastContactAt ? { ':previous': client.lastContactAt } : {};
    if (movesForward) {
      items.push({
        Update: {
          TableName: tableName,
          Key: entities.client.key(client.clientId),
          ConditionExpression: versionCondition,
          UpdateExpression: 'SET lastContactAt = :at, lastTouch = :summary, GSI1SK = :sortKey',
          ExpressionAttributeValues: {
            ':at': touch.at,
            ':summary': { at: touch.at, channel: touch.channel, outcome: touch.outcome, note: touch.note },
            ':sortKey': entities.client.byLastContact(client.rmId, client.tier, touch.at, client.clientId).GSI1SK,
            ...previousValue,
          },
        },
      });
    } else {
      items.push({
        ConditionCheck: {
          TableName: tableName,
          Key: entities.client.key(client.clientId),
          ConditionExpression: versionCondition,
          ...(client.lastContactAt ? { ExpressionAttributeValues: previousValue } : {}),
        },
      });
    }
    if (touch.followUpOn) {
      const followUp: FollowUp = {
        clientId: touch.clientId,
        rmId: touch.rmId,
        touchId: touch.touchId,
        dueOn: touch.followUpOn,
        note: touch.note,
        status: 'open',
      };
      items.push({ Put: { TableName: tableName, Item: followUpItem(followUp) } });
    }
    for (const touchId of input.completesFollowUps ?? []) {
      items.push({
        Update: {
          TableName: tableName,
          Key: entities.followUp.key(client.clientId, touchId),
          ConditionExpression: 'attribute_exists(PK)',
          UpdateExpression: 'SET #status = :done REMOVE GSI3PK, GSI3SK',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':done': 'done' },
        },
      });
    }
    return items;
  }

  /** Marks a follow-up done; it leaves the open list. */
  async completeFollowUp(clientId: string, touchId: string): Promise<void> {
    await this.table.doc.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: entities.followUp.key(clientId, touchId),
        ConditionExpression: 'attribute_exists(PK)',
        UpdateExpression: 'SET #status = :done REMOVE GSI3PK, GSI3SK',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':done': 'done' },
      }),
    );
  }

  // ---- internals -------------------------------------------------------------------------

  /** The owning RM of each client; every client must exist. */
  private async ownersOf(clientIds: string[]): Promise<Map<string, string>> {
    const clients = await this.getClients(clientIds);
    const owners = new Map(clients.map((c) => [c.clientId, c.rmId]));
    const missing = [...new Set(clientIds)].filter((id) => !owners.has(id));
    if (missing.length > 0) throw new NotFoundError(`unknown client ids: ${missing.slice(0, 10).join(', ')}`);
    return owners;
  }
}

// ---- entity → item ----------------------------------------------------------------------

/** Item builders are exported for bulk loaders (the call-list benchmark) and for the import's item-size check. */
export function rmItem(rm: Rm): Item {
  return { ...entities.rm.key(rm.rmId), ...entities.rm.inRegistry(rm.rmId), type: entities.rm.type, ...rm };
}

export function clientItem(client: Client): Item {
  return {
    ...entities.client.key(client.clientId),
    ...entities.client.byLastContact(client.rmId, client.tier, client.lastContactAt, client.clientId),
    type: entities.client.type,
    ...client,
  };
}

export function contactItem(contact: Contact, rmId: string): Item {
  const calendarKeys = contact.birthday ? entities.contact.birthdayOn(rmId, contact.birthday, contact.clientId, contact.contactId) : {};
  return { ...entities.contact.key(contact.clientId, contact.contactId), ...calendarKeys, type: entities.contact.type, rmId, ...contact };
}

export function loanItem(loan: Loan, rmId: string): Item {
  return {
    ...entities.loan.key(loan.clientId, loan.loanId),
    ...entities.loan.byMaturity(rmId, loan.maturityDate, loan.loanId),
    ...arrearsKeys(loan, rmId),
    type: entities.loan.type,
    rmId,
    ...loan,
  };
}

/** Only a loan past due is in the arrears index; one with only an old snapshot keeps the old sort key. */
function arrearsKeys(loan: Loan, rmId: string): Item {
  if (loan.pastDueSince) return entities.loan.inArrears(rmId, loan.pastDueSince, loan.loanId);
  if ((loan.daysPastDue ?? 0) > 0) return entities.loan.inArrearsSnapshot(rmId, loan.daysPastDue!, loan.loanId);
  return {};
}

export function lifeEventItem(event: LifeEvent, rmId: string): Item {
  return {
    ...entities.lifeEvent.key(event.clientId, event.eventId),
    ...entities.lifeEvent.onCalendar(rmId, event),
    type: entities.lifeEvent.type,
    rmId,
    ...event,
  };
}

export function followUpItem(followUp: FollowUp): Item {
  return {
    ...entities.followUp.key(followUp.clientId, followUp.touchId),
    ...(followUp.status === 'open' ? entities.followUp.whileOpen(followUp.rmId, followUp.dueOn, followUp.clientId, followUp.touchId) : {}),
    type: entities.followUp.type,
    ...followUp,
  };
}

function toCalendarEntry(item: Item, rmId: string): CalendarEntry {
  const clientId = String(item.clientId);
  switch (item.type) {
    case entities.contact.type:
      return { kind: 'birthday', rmId, clientId, contact: entities.contact.schema.parse(withoutKeys(item)) };
    case entities.anniversary.type:
      return { kind: 'anniversary', rmId, clientId, anniversary: item.anniversary as AnniversaryKind, date: String(item.date) };
    case entities.lifeEvent.type:
      return { kind: 'event', rmId, clientId, event: entities.lifeEvent.schema.parse(withoutKeys(item)) };
    default:
      throw new Error(`unexpected item type ${String(item.type)} in the calendar index`);
  }
}
