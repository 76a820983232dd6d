// The Today page: the day's call list with an action form per line, and the reminders due today and this week.
import { channels, TEXT_BOUNDS, type IsoDate, type Rm } from '../../core/model.ts';
import { categoryLabels } from '../../call-list/lines.ts';
import type { CallListLine, StoredCallList } from '../../call-list/model.ts';
import type { ReminderLine } from '../../touch-reminders/email.ts';
import type { StoredDigestEntry } from '../../prospect-scan/model.ts';
import { copy, type Copy } from '../copy.ts';
import { csrfField, dateField, html, layout, notice, type Html, type PageContext } from './layout.ts';

export interface TodayReminder {
  line: ReminderLine;
  /** Absent for festivals (many clients): shown, not actionable. */
  key?: string;
  clientId?: string;
}

export interface TodayView {
  rm: Rm;
  today: IsoDate;
  list?: StoredCallList;
  reminders: TodayReminder[];
  /** The RM's prospect-scan stories of the last days not yet handled: risk alerts first. */
  news: StoredDigestEntry[];
  /** The date a snooze defaults to: a week on. */
  snoozeDefault: IsoDate;
  notice?: string;
}

export function todayPage(ctx: PageContext, view: TodayView): Html {
  const t = copy[ctx.locale];
  const list = view.list;
  const handled = list ? list.lines.filter((line) => line.status !== 'open').length : 0;
  const dueToday = view.reminders.filter((r) => r.line.group === 'today');
  const dueWeek = view.reminders.filter((r) => r.line.group === 'this-week');
  return layout(
    ctx,
    t.today,
    html`${notice(view.notice)}
<section aria-labelledby="list-heading">
  <h1 id="list-heading">${list ? t.callList(list.businessDate) : t.today}</h1>
  ${list
    ? html`<p class="summary">${t.listSummary(list.lines.length, handled)}</p>
  <ol class="lines">${list.lines.map((line) => lineItem(ctx, t, list, line, view.snoozeDefault))}</ol>`
    : html`<p>${t.noList(view.today)}</p>`}
</section>
<section aria-labelledby="reminders-heading">
  <h2 id="reminders-heading">${t.reminders}</h2>
  ${view.reminders.length === 0 ? html`<p>${t.noReminders}</p>` : ''}
  ${dueToday.length > 0 ? html`<h3>${t.remindersToday}</h3><ul class="reminders">${dueToday.map((r) => reminderItem(ctx, t, r, view))}</ul>` : ''}
  ${dueWeek.length > 0 ? html`<h3>${t.remindersWeek}</h3><ul class="reminders">${dueWeek.map((r) => reminderItem(ctx, t, r, view))}</ul>` : ''}
</section>
<section aria-labelledby="news-heading">
  <h2 id="news-heading">${t.news}</h2>
  ${view.news.length === 0 ? html`<p>${t.noNews}</p>` : html`<ul class="reminders">${view.news.map((entry) => newsItem(ctx, t, entry))}</ul>`}
</section>`,
  );
}

function lineItem(ctx: PageContext, t: Copy, list: StoredCallList, line: CallListLine, snoozeDefault: IsoDate): Html {
  const id = line.clientId;
  const company = line.companyName && line.companyName !== line.clientName ? html` <span class="muted">${line.companyName}</span>` : '';
  const listDateField = html`<input type="hidden" name="date" value="${list.businessDate}">`;
  return html`<li class="line ${line.flag} status-${line.status}" id="line-${id}" data-client="${id}">
  <div class="line-head">
    <a class="client" href="/clients/${id}">${line.clientName}</a>${company}
    <span class="badge status-${line.status}" data-status="${line.status}">${t.status[line.status]}</span>
  </div>
  <p class="why"><strong>${categoryLabels[ctx.locale][line.category]}</strong> · ${line.reason}</p>
  ${line.contact
    ? html`<p class="contact">${line.contact.name}${line.contact.role ? t.role(line.contact.role) : ''}
    ${line.contact.phone ? html` · <a class="tel" href="tel:${line.contact.phone.replace(/[^0-9+]/g, '')}">${line.contact.phone}</a>` : ''}</p>`
    : ''}
  ${line.lastTouch ? html`<p class="muted">${t.labelled(t.lastTouch, line.lastTouch)}</p>` : ''}
  ${line.outcome || line.note ? html`<p class="outcome">${[line.outcome, line.note].filter(Boolean).join(' · ')}</p>` : ''}
  ${line.status === 'open'
    ? html`<div class="actions">
    <details><summary>${t.markDone}</summary>
      <form method="post" action="/lines/${id}/done" class="stack">
        ${csrfField(ctx)}${listDateField}
        <label for="outcome-${id}">${t.outcome}</label>
        <input id="outcome-${id}" name="outcome" required maxlength="${TEXT_BOUNDS.outcome}" value="${t.defaultOutcome}">
        <label for="channel-${id}">${t.channel}</label>
        ${channelSelect(t, `channel-${id}`)}
        <label for="note-${id}">${t.note}</label>
        <textarea id="note-${id}" name="note" maxlength="${TEXT_BOUNDS.note}" rows="2"></textarea>
        <label for="follow-${id}">${t.followUp}</label>
        ${dateField(ctx, { id: `follow-${id}`, name: 'followUp', example: snoozeDefault })}
        <button type="submit">${t.save}</button>
      </form>
    </details>
    <details><summary>${t.snooze}</summary>
      <form method="post" action="/lines/${id}/snooze" class="stack">
        ${csrfField(ctx)}${listDateField}
        <label for="until-${id}">${t.snoozeUntil}</label>
        ${dateField(ctx, { id: `until-${id}`, name: 'until', example: snoozeDefault, value: snoozeDefault, required: true })}
        <label for="snote-${id}">${t.note}</label>
        <input id="snote-${id}" name="note" maxlength="${TEXT_BOUNDS.note}">
        <button type="submit">${t.snooze}</button>
      </form>
    </details>
    <details><summary>${t.skip}</summary>
      <form method="post" action="/lines/${id}/skip" class="stack">
        ${csrfField(ctx)}${listDateField}
        <label for="reason-${id}">${t.reason}</label>
        <input id="reason-${id}" name="note" maxlength="${TEXT_BOUNDS.note}">
        <button type="submit">${t.skip}</button>
      </form>
    </details>
  </div>`
    : ''}
</li>`;
}

/** A story for the RM: what it is, where it was read, and what to do with it (each a form that posts). */
function newsItem(ctx: PageContext, t: Copy, entry: StoredDigestEntry): Html {
  const link = entry.sources.find((source) => source.link)?.link;
  const ref = html`${csrfField(ctx)}<input type="hidden" name="foundOn" value="${entry.foundOn}"><input type="hidden" name="storyId" value="${entry.storyId}">`;
  const n = `${entry.foundOn}-${entry.storyId}`.replace(/[^A-Za-z0-9_-]/g, '_');
  return html`<li class="reminder news-${entry.category}" data-story="${entry.storyId}">
  <p><span class="badge">${t.newsCategory[entry.category]}</span> <strong>${entry.company}</strong>${entry.clientId ? html` · <a href="/clients/${entry.clientId}">${t.newsClient}</a>` : ''}</p>
  <p>${link ? html`<a href="${link}" rel="noopener noreferrer">${entry.title}</a>` : entry.title}</p>
  <p class="muted">${entry.sources.map((source) => source.feedName).join(' · ')} — ${t.newsFound(entry.foundOn)}</p>
  <div class="actions">
    ${entry.clientId
      ? html`<a class="button" href="/clients/${entry.clientId}?${storyQuery(entry)}#log-touch">${t.logContact}</a>`
      : html`<details><summary>${t.logContact}</summary>
      <form method="post" action="/news/contacted" class="stack">${ref}
        <label for="nnote-${n}">${t.note}</label><input id="nnote-${n}" name="note" maxlength="${TEXT_BOUNDS.note}">
        <button type="submit">${t.save}</button>
      </form></details>`}
    <form method="post" action="/news/watch" class="inline">${ref}<button type="submit" class="quiet">${t.addToWatchList}</button></form>
    <form method="post" action="/news/not-relevant" class="inline">${ref}<button type="submit" class="quiet">${t.notRelevant}</button></form>
  </div>
</li>`;
}

/** The story a contact is logged about, as ids in the Client page's query (it is marked contacted with the touch). */
function storyQuery(entry: StoredDigestEntry): string {
  return new URLSearchParams({ foundOn: entry.foundOn, story: entry.storyId }).toString();
}

export function channelSelect(t: Copy, id: string, selected = 'call'): Html {
  return html`<select id="${id}" name="channel">${channels.map(
    (channel) => html`<option value="${channel}"${channel === selected ? html` selected` : ''}>${t.channels[channel]}</option>`,
  )}</select>`;
}

/** The channel a reminder's "done" most likely was: wishes by message, gifts as gifts, the rest by call. */
export function defaultChannelFor(kind: ReminderLine['kind']): string {
  if (kind === 'birthday' || kind === 'anniversary') return 'message';
  if (kind === 'life-event' || kind === 'festival') return 'gift';
  return 'call';
}

function reminderItem(ctx: PageContext, t: Copy, reminder: TodayReminder, view: TodayView): Html {
  const { line, key } = reminder;
  const n = key ? key.replace(/[^A-Za-z0-9_-]/g, '_') : '';
  return html`<li class="reminder" ${key ? html`data-reminder="${key}"` : ''}>
  <p><strong>${reminder.clientId ? html`<a href="/clients/${reminder.clientId}">${line.client}</a>` : line.client}</strong>${line.contact ? html` · ${line.contact}` : ''} — ${line.what}${line.when ? html` — <em>${line.when}</em>` : ''}</p>
  ${line.context.length > 0 ? html`<p class="muted">${line.context.join(ctx.locale === 'zh-CN' ? '；' : '; ')}</p>` : ''}
  <p class="muted">${line.action}</p>
  ${key
    ? html`<details><summary>${t.reminderDone}</summary>
    <form method="post" action="/reminders/done" class="stack">
      ${csrfField(ctx)}
      <input type="hidden" name="key" value="${key}">
      <input type="hidden" name="date" value="${view.today}">
      <label for="rch-${n}">${t.channel}</label>
      ${channelSelect(t, `rch-${n}`, defaultChannelFor(line.kind))}
      <label for="rout-${n}">${t.outcome}</label>
      <input id="rout-${n}" name="outcome" maxlength="${TEXT_BOUNDS.outcome}" value="${line.action.slice(0, TEXT_BOUNDS.outcome)}">
      <label for="rnote-${n}">${t.note}</label>
      <input id="rnote-${n}" name="note" maxlength="${TEXT_BOUNDS.note}">
      <button type="submit">${t.save}</button>
    </form>
  </details>`
    : ''}
</li>`;
}
