// Builds the signed one-tap links the emails carry, pointing at the workbench.
import type { Clock } from '../core/clock.ts';
import type { ActionLinks, EmailLinks } from '../core/mail/email-links.ts';
import { DEFAULT_LINK_DAYS, signLink, type LinkAction, type SigningKey } from './link-token.ts';

export function signedEmailLinks(options: { baseUrl: string; keys: readonly SigningKey[]; clock: Clock; validDays?: number }): EmailLinks {
  const base = options.baseUrl.replace(/\/+$/, '');
  const build = (rm: string, client: string, date: string, reminder?: string): ActionLinks => {
    const expiresAt = new Date(options.clock.now().getTime() + (options.validDays ?? DEFAULT_LINK_DAYS) * 86_400_000);
    const url = (action: LinkAction) =>
      `${base}/l/${signLink(options.keys, { rm, client, date, action, ...(reminder ? { reminder } : {}) }, expiresAt)}`;
    return { done: url('done'), snooze: url('snooze'), open: url('open') };
  };
  return {
    forLine: (rmId, clientId, businessDate) => build(rmId, clientId, businessDate),
    forReminder: (rmId, clientId, reminderKey, businessDate) => build(rmId, clientId, businessDate, reminderKey),
  };
}
