// The one way jobs send: skip a flagged address, claim (job, RM, date), send once, record what happened on the claim.
import type { Clock } from '../clock.ts';
import { ConflictError, MaybeSentError } from '../errors.ts';
import type { TableContext } from '../store/dynamo.ts';
import { backoff } from '../retry.ts';
import { claimSend, claimState, markMaybeSent, markSent, releaseClaim } from '../store/send-claims.ts';
import type { SendKey } from '../store/entities.ts';
import { getEmailStatuses, isFlagged, normaliseAddress } from '../store/email-status.ts';
import type { Mailer, OutgoingEmail } from './mailer.ts';
import { OUTCOME_WRITE_BUDGET_MS } from './send-timing.ts';

/**
 * 'suppressed': the recipient address bounced permanently or complained; nothing was claimed or sent.
 * 'in-progress': another run claimed this email and has not marked it sent — still sending, or it
 * crashed, in which case a run after the lease sends it. Not sent by this run, so it counts as failed.
 * 'maybe-sent': SES's answer was lost (now or by an earlier run): the email may have gone out. It is
 * not sent again unless an operator asks (resendMaybeSent).
 */
export type SendOutcome = 'sent' | 'already-sent' | 'failed' | 'suppressed' | 'in-progress' | 'maybe-sent';

export interface SendOnceDeps {
  table: TableContext;
  mailer: Mailer;
  clock: Clock;
  leaseSeconds: number;
  /** How long to wait for another run that holds the claim to finish sending (default 15 s). */
  waitForOtherRunMs?: number;
}

export interface SendOnceOptions {
  /** Stored on the claim when it is marked sent or maybe-sent: e.g. what the email carried. */
  sentAttributes?: Record<string, unknown>;
  /** An operator's deliberate resend: a maybe-sent claim is taken and the email sent once more. */
  resendMaybeSent?: boolean;
}

export interface SendResult {
  outcome: SendOutcome;
  error?: unknown;
}

const POLL_MS = 250;

/**
 * Headers on every email: the job, and the RM it is for. SES returns an email's original headers with
 * its bounce and complaint events, so the events function can log the RM id instead of the address.
 */
export const JOB_HEADER = 'X-RM-Radar-Job';
export const RM_HEADER = 'X-RM-Radar-RM';

export async function sendOnce(deps: SendOnceDeps, key: SendKey, email: OutgoingEmail, options: SendOnceOptions = {}): Promise<SendResult> {
  // Checked before claiming: no claim is left behind, so once the flag is cleared the same day's run sends.
  const statuses = await getEmailStatuses(deps.table, [email.to]);
  if (isFlagged(statuses.get(normaliseAddress(email.to)))) return { outcome: 'suppressed' };
  const claim = await claimSend(deps.table, key, deps.clock.now(), deps.leaseSeconds, { takeMaybeSent: options.resendMaybeSent });
  if (!claim) return { outcome: await waitForOtherRun(deps, key) };
  let messageId: string;
  try {
    messageId = await deps.mailer.send({ ...email, headers: { [JOB_HEADER]: key.job, [RM_HEADER]: key.rmId, ...email.headers } });
  } catch (error) {
    if (error instanceof MaybeSentError) {
      const recorded = await recordOutcome(() => markMaybeSent(deps.table, claim, causeName(error), deps.clock.now(), options.sentAttributes));
      return { outcome: 'maybe-sent', error: recorded ?? error };
    }
    // A clear refusal: nothing went out. If the claim is no longer ours, its new owner sends; either way not sent here.
    await releaseClaim(deps.table, claim);
    return { outcome: 'failed', error };
  }
  const notRecorded = await recordOutcome(() => markSent(deps.table, claim, messageId, deps.clock.now(), options.sentAttributes));
  // Sent, but the claim does not say so: reported as maybe-sent (never as failed, which would invite a retry).
  if (notRecorded) return { outcome: 'maybe-sent', error: notRecorded };
  return { outcome: 'sent' };
}

/**
 * Writes what a send did, retrying for OUTCOME_WRITE_BUDGET_MS: until it is written, a run after the lease
 * could send the email again. Returns the last error if it never succeeded; a claim another run took is not retried.
 */
async function recordOutcome(write: () => Promise<void>): Promise<unknown> {
  const deadline = Date.now() + OUTCOME_WRITE_BUDGET_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      await write();
      return undefined;
    } catch (error) {
      if (error instanceof ConflictError || Date.now() >= deadline) return error;
      await backoff(attempt + 1);
    }
  }
}

/** The name (and code) of what made a send unclear, for the claim: never its message, which may quote an address. */
function causeName(error: MaybeSentError): string {
  const cause = error.cause as { name?: unknown; code?: unknown } | undefined;
  const parts = [cause?.name, cause?.code].filter((part): part is string => typeof part === 'string');
  return parts.length > 0 ? parts.join(' ') : error.name;
}

/** A second run waits briefly for the run holding the claim, so a duplicate invocation reports the truth. */
async function waitForOtherRun(deps: SendOnceDeps, key: SendKey): Promise<SendOutcome> {
  const deadline = Date.now() + (deps.waitForOtherRunMs ?? 15_000);
  for (;;) {
    const state = await claimState(deps.table, key);
    if (state === 'sent') return 'already-sent';
    if (state === 'maybe-sent') return 'maybe-sent';
    if (Date.now() >= deadline) return 'in-progress';
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

