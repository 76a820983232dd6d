// The one way jobs send: skip a flagged address, claim (job, RM, date), send, mark sent; a failed send releases the claim.
import type { IsoDate } from '../model.ts';
import type { Clock } from '../clock.ts';
import type { TableContext } from '../store/dynamo.ts';
import { claimSend, markSent, releaseClaim } from '../store/send-claims.ts';
import { getEmailStatuses, isFlagged, normaliseAddress } from '../store/email-status.ts';
import type { Mailer, OutgoingEmail } from './mailer.ts';

/** 'suppressed': the recipient address bounced permanently or complained; nothing was claimed or sent. */
export type SendOutcome = 'sent' | 'already-sent' | 'failed' | 'suppressed';

export interface SendOnceDeps {
  table: TableContext;
  mailer: Mailer;
  clock: Clock;
  leaseSeconds: number;
}

export async function sendOnce(
  deps: SendOnceDeps,
  key: { job: string; rmId: string; businessDate: IsoDate },
  email: OutgoingEmail,
): Promise<{ outcome: SendOutcome; error?: unknown }> {
  // Checked before claiming: no claim is left behind, so once the flag is cleared the same day's run sends.
  const statuses = await getEmailStatuses(deps.table, [email.to]);
  if (isFlagged(statuses.get(normaliseAddress(email.to)))) return { outcome: 'suppressed' };
  const claimed = await claimSend(deps.table, key, deps.clock.now(), deps.leaseSeconds);
  if (!claimed) return { outcome: 'already-sent' };
  let messageId: string;
  try {
    messageId = await deps.mailer.send({ ...email, headers: { 'X-RM-Radar-Job': key.job, ...email.headers } });
  } catch (error) {
    await releaseClaim(deps.table, key);
    return { outcome: 'failed', error };
  }
  await markSent(deps.table, key, messageId, deps.clock.now());
  return { outcome: 'sent' };
}
