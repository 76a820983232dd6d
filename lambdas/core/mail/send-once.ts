// The one way jobs send: skip a flagged address, claim (job, RM, date), send, mark sent; a failed send releases the claim.
import type { IsoDate } from '../model.ts';
import type { Clock } from '../clock.ts';
import type { TableContext } from '../store/dynamo.ts';
import { claimSend, claimStatus, markSent, releaseClaim } from '../store/send-claims.ts';
import { getEmailStatuses, isFlagged, normaliseAddress } from '../store/email-status.ts';
import type { Mailer, OutgoingEmail } from './mailer.ts';

/**
 * 'suppressed': the recipient address bounced permanently or complained; nothing was claimed or sent.
 * 'in-progress': another run claimed this email and has not marked it sent — still sending, or it
 * crashed, in which case a run after the lease sends it. Not sent by this run, so it counts as failed.
 */
export type SendOutcome = 'sent' | 'already-sent' | 'failed' | 'suppressed' | 'in-progress';

export interface SendOnceDeps {
  table: TableContext;
  mailer: Mailer;
  clock: Clock;
  leaseSeconds: number;
  /** How long to wait for another run that holds the claim to finish sending (default 15 s). */
  waitForOtherRunMs?: number;
}

export interface SendOnceOptions {
  /** Stored on the claim when it is marked sent (see markSent): e.g. what the email carried. */
  sentAttributes?: Record<string, unknown>;
}

const POLL_MS = 250;

/**
 * Headers on every email: the job, and the RM it is for. SES returns an email's original headers with
 * its bounce and complaint events, so the events function can log the RM id instead of the address.
 */
export const JOB_HEADER = 'X-RM-Radar-Job';
export const RM_HEADER = 'X-RM-Radar-RM';

export async function sendOnce(
  deps: SendOnceDeps,
  key: { job: string; rmId: string; businessDate: IsoDate },
  email: OutgoingEmail,
  options: SendOnceOptions = {},
): Promise<{ outcome: SendOutcome; error?: unknown }> {
  // Checked before claiming: no claim is left behind, so once the flag is cleared the same day's run sends.
  const statuses = await getEmailStatuses(deps.table, [email.to]);
  if (isFlagged(statuses.get(normaliseAddress(email.to)))) return { outcome: 'suppressed' };
  const claimed = await claimSend(deps.table, key, deps.clock.now(), deps.leaseSeconds);
  if (!claimed) return { outcome: await waitForOtherRun(deps, key) };
  let messageId: string;
  try {
    messageId = await deps.mailer.send({ ...email, headers: { [JOB_HEADER]: key.job, [RM_HEADER]: key.rmId, ...email.headers } });
  } catch (error) {
    await releaseClaim(deps.table, key);
    return { outcome: 'failed', error };
  }
  await markSent(deps.table, key, messageId, deps.clock.now(), options.sentAttributes);
  return { outcome: 'sent' };
}

/** A second run waits briefly for the run holding the claim, so a duplicate invocation reports the truth. */
async function waitForOtherRun(deps: SendOnceDeps, key: { job: string; rmId: string; businessDate: IsoDate }): Promise<SendOutcome> {
  const deadline = Date.now() + (deps.waitForOtherRunMs ?? 15_000);
  for (;;) {
    if ((await claimStatus(deps.table, key)) === 'sent') return 'already-sent';
    if (Date.now() >= deadline) return 'in-progress';
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
