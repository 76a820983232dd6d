// What an RM does with a reminder — done (logs the touch) or snooze — shared by the workbench and email links.
import { ValidationError } from '../core/errors.ts';
import type { Channel, IsoDate, Touch } from '../core/model.ts';
import { clientFor, type ActionDeps, type Actor } from '../call-list/actions.ts';
import { clientOfReminderKey, handledMarkerWrite, snoozeReminder } from './handled.ts';

const reminderKeyPattern = /^[a-z-]+:[A-Za-z0-9._-]{1,64}(:[A-Za-z0-9._-]{1,64}){0,2}$/;

function clientOfKey(key: string): string {
  const clientId = reminderKeyPattern.test(key) ? clientOfReminderKey(key) : undefined;
  if (!clientId) throw new ValidationError('not a reminder');
  return clientId;
}

/**
 * A reminder acted on: logs the touch (wishes sent, gift given, call made) and marks the reminder
 * done in one transaction; a follow-up reminder also completes its follow-up. AlreadyRecordedError on a second time.
 */
export async function markReminderDone(
  deps: ActionDeps,
  actor: Actor,
  key: string,
  touch: { channel: Channel; outcome?: string; note?: string },
): Promise<Touch> {
  const clientId = clientOfKey(key);
  const client = await clientFor(deps.store, actor, clientId);
  const now = deps.clock.now();
  const followUpTouchId = key.startsWith('follow-up:') ? key.split(':')[2] : undefined;
  return deps.store.logTouch({
    clientId,
    channel: touch.channel,
    at: now.toISOString(),
    outcome: touch.outcome,
    note: touch.note,
    source: actor.source,
    ...(followUpTouchId ? { completesFollowUps: [followUpTouchId] } : {}),
    alsoWrites: [handledMarkerWrite(deps.store.table, client.rmId, clientId, { key, status: 'done', source: actor.source }, now)],
  });
}

/** Leaves a reminder out of the emails and the workbench until a date. */
export async function snoozeReminderUntil(deps: ActionDeps, actor: Actor, key: string, until: IsoDate): Promise<void> {
  const clientId = clientOfKey(key);
  const client = await clientFor(deps.store, actor, clientId);
  await snoozeReminder(deps.store.table, client.rmId, clientId, { key, status: 'snoozed', until, source: actor.source }, deps.clock.now());
}
