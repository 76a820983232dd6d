// What an RM does with a call-list line — done, snooze, skip — as one function each, shared by the CLI, the workbench and email links.
import { businessDateOf } from '../core/dates/calendar.ts';
import { NotFoundError, ValidationError } from '../core/errors.ts';
import type { Clock } from '../core/clock.ts';
import type { Channel, Client, IsoDate, Touch, TouchSource } from '../core/model.ts';
import type { RadarStore } from '../core/store/radar-store.ts';
import { CallListStore, type LineUpdate } from './store.ts';
import type { StoredCallList } from './model.ts';

export interface ActionDeps {
  store: RadarStore;
  clock: Clock;
  timeZone: string;
}

/**
 * Who acts. `rmId` set (the workbench, a link): only that RM's clients exist for them, and a line
 * already handled is not handled twice. Unset (the CLI, run by an operator): any client.
 */
export interface Actor {
  source: TouchSource;
  rmId?: string;
}

export interface CallOutcome {
  outcome: string;
  note?: string;
  followUpOn?: IsoDate;
  channel?: Channel;
  /** When it happened; default now. */
  at?: string;
  /** The list's business date; default the RM's latest list up to today. */
  businessDate?: IsoDate;
}

export interface ActionResult {
  client: Client;
  list?: StoredCallList;
  /** Whether a line of the list was marked; false when the client is not on it. */
  lineMarked: boolean;
  touch?: Touch;
}

/** The client, if it exists and the actor may see it; otherwise NotFoundError (another RM's client looks the same as none). */
export async function clientFor(store: RadarStore, actor: Actor, clientId: string): Promise<Client> {
  const client = await store.getClient(clientId);
  if (!client || (actor.rmId !== undefined && client.rmId !== actor.rmId)) throw new NotFoundError(`no client with id ${clientId}`);
  return client;
}

const lines = (deps: ActionDeps) => new CallListStore(deps.store.table);

async function listFor(deps: ActionDeps, rmId: string, businessDate: IsoDate | undefined): Promise<StoredCallList | undefined> {
  const lists = new CallListStore(deps.store.table);
  return businessDate ? lists.get(rmId, businessDate) : lists.latest(rmId, businessDateOf(deps.clock.now(), deps.timeZone));
}

/**
 * A call made: logs the touch (so the client's last contact moves and the next lists leave them out)
 * and marks the line done, in one transaction. AlreadyRecordedError when an RM's line was already handled.
 */
export async function recordCall(deps: ActionDeps, actor: Actor, clientId: string, call: CallOutcome): Promise<ActionResult> {
  const client = await clientFor(deps.store, actor, clientId);
  const list = await listFor(deps, client.rmId, call.businessDate);
  const onList = !!list?.lines.some((line) => line.clientId === clientId);
  const touch = await deps.store.logTouch({
    clientId,
    channel: call.channel ?? 'call',
    at: call.at ?? deps.clock.now().toISOString(),
    outcome: call.outcome,
    note: call.note,
    followUpOn: call.followUpOn,
    source: actor.source,
    // For an RM acting (not the CLI) the line must still be open, so a second tap on the same link records nothing twice.
    alsoWrites: onList
      ? [{ Update: lines(deps).lineUpdate(list!.rmId, list!.businessDate, clientId, { status: 'done', outcome: call.outcome, note: call.note, at: deps.clock.now().toISOString(), source: actor.source }, actor.rmId !== undefined) }]
      : [],
  });
  return { client, list, lineMarked: onList, touch };
}

/** Keeps a client off the call lists until a date (the first date they may be listed again), and marks the line snoozed. */
export async function snoozeClient(
  deps: ActionDeps,
  actor: Actor,
  clientId: string,
  request: { until: IsoDate; note?: string; businessDate?: IsoDate },
): Promise<ActionResult> {
  const today = businessDateOf(deps.clock.now(), deps.timeZone);
  if (request.until <= today) throw new ValidationError(`the snooze date ${request.until} must be after today (${today})`);
  const client = await clientFor(deps.store, actor, clientId);
  await deps.store.updateClientSnooze(clientId, request.until);
  const list = await listFor(deps, client.rmId, request.businessDate);
  const lineMarked = await markLine(deps, list, clientId, { status: 'snoozed', note: request.note, source: actor.source });
  return { client, list, lineMarked };
}

/** Marks a line skipped today; the client stays eligible for the next lists. NotFoundError when not on the list. */
export async function skipLine(
  deps: ActionDeps,
  actor: Actor,
  clientId: string,
  request: { note?: string; businessDate?: IsoDate },
): Promise<ActionResult> {
  const client = await clientFor(deps.store, actor, clientId);
  const list = await listFor(deps, client.rmId, request.businessDate);
  if (!list?.lines.some((line) => line.clientId === clientId)) {
    throw new NotFoundError(`client ${clientId} is not on RM ${client.rmId}'s call list${list ? ` for ${list.businessDate}` : ''}`);
  }
  await markLine(deps, list, clientId, { status: 'skipped', note: request.note, source: actor.source });
  return { client, list, lineMarked: true };
}

async function markLine(
  deps: ActionDeps,
  list: StoredCallList | undefined,
  clientId: string,
  update: Omit<LineUpdate, 'at'>,
): Promise<boolean> {
  if (!list?.lines.some((line) => line.clientId === clientId)) return false;
  await lines(deps).updateLine(list.rmId, list.businessDate, clientId, { ...update, at: deps.clock.now().toISOString() });
  return true;
}
