// The confirmation page an email link opens: the action prefilled, nothing done until the RM confirms (mail scanners follow links).
import { TEXT_BOUNDS, type IsoDate } from '../../core/model.ts';
import type { LinkClaims } from '../link-token.ts';
import { copy } from '../copy.ts';
import { channelSelect, defaultChannelFor } from './today.ts';
import { html, layout, type Html, type PageContext } from './layout.ts';

export interface ConfirmView {
  claims: LinkClaims;
  clientName: string;
  token: string;
  snoozeUntil: IsoDate;
}

export function confirmPage(ctx: PageContext, view: ConfirmView): Html {
  const t = copy[ctx.locale];
  const { claims } = view;
  const reminderKind = claims.reminder?.split(':')[0] as Parameters<typeof defaultChannelFor>[0] | undefined;
  const question =
    claims.action === 'done'
      ? claims.reminder
        ? t.confirmReminderDone(view.clientName)
        : t.confirmDone(view.clientName)
      : claims.reminder
        ? t.confirmReminderSnooze(view.clientName, view.snoozeUntil)
        : t.confirmSnooze(view.clientName, view.snoozeUntil);
  return layout(
    ctx,
    t.confirmTitle,
    html`<h1>${t.confirmTitle}</h1>
<form method="post" action="/l/${view.token}" class="stack confirm">
  <input type="hidden" name="csrf" value="${ctx.csrf}">
  <p>${question}</p>
  ${claims.action === 'done'
    ? html`<label for="channel">${t.channel}</label>${channelSelect(t, 'channel', reminderKind ? defaultChannelFor(reminderKind) : 'call')}
  <label for="outcome">${t.outcome}</label><input id="outcome" name="outcome" maxlength="${TEXT_BOUNDS.outcome}" required value="${t.defaultOutcome}">`
    : ''}
  <label for="note">${t.note}</label><input id="note" name="note" maxlength="${TEXT_BOUNDS.note}">
  <button type="submit">${t.confirm}</button>
</form>`,
  );
}
