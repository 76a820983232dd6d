// The Client page: profile, balances, loans with their state, contacts with birthdays, news and IPO stages, touches, follow-ups, and "log a touch".
import { channels, TEXT_BOUNDS, type Client, type IsoDate, type Loan } from '../../core/model.ts';
import type { ClientDossier } from '../../core/store/radar-store.ts';
import { addDays, daysBetween } from '../../core/dates/calendar.ts';
import { daysPastDueOn } from '../../core/loans.ts';
import { formatAmount } from '../../call-list/lines.ts';
import { lunarMonthDayZh } from '../../touch-reminders/wording.ts';
import type { ProspectEvent } from '../../prospect-scan/model.ts';
import { copy, type Copy } from '../copy.ts';
import { csrfField, dateField, html, layout, notice, type Html, type PageContext } from './layout.ts';

export interface ClientView {
  dossier: ClientDossier;
  /** News about the client's company found by prospect-scan, newest first, with IPO stages as they were reported. */
  news: ProspectEvent[];
  today: IsoDate;
  /** Loan rules from the configuration: when a check is due, how far ahead maturities show. */
  loanRules: { largeLoanThreshold: number; postLoanCheckDays: number; maturityWindowDays: number };
  /** Touch times as local date-times in the configured zone. */
  localTime: (instant: string) => string;
  /** The client's story the RM came from ("log a contact" on Today): the touch logged here marks it contacted. */
  aboutStory?: { foundOn: IsoDate; storyId: string; title: string };
  notice?: string;
}

export function clientPage(ctx: PageContext, view: ClientView): Html {
  const t = copy[ctx.locale];
  const { client, contacts, loans, events, touches, followUps } = view.dossier;
  const open = followUps.filter((f) => f.status === 'open').sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  const money = (n: number) => formatAmount(n, ctx.locale);
  return layout(
    ctx,
    client.name,
    html`${notice(view.notice)}
<h1>${client.name}${client.companyName && client.companyName !== client.name ? html` <span class="muted">${client.companyName}</span>` : ''}</h1>
<section aria-labelledby="profile"><h2 id="profile">${t.profile}</h2>
  <dl class="facts">
    <dt>${t.client}</dt><dd>${client.clientId} · ${t.tier(client.tier)}${client.industry ? html` · ${client.industry}` : ''}</dd>
    <dt>${t.lastTouch}</dt><dd>${client.lastContactAt ? view.localTime(client.lastContactAt) : '—'}</dd>
    <dt>${t.balances}</dt><dd><span class="nowrap">${t.demandDeposits} ${money(client.balances.demandDeposits)}</span> · <span class="nowrap">${t.timeDeposits} ${money(client.balances.timeDeposits)}</span> · <span class="nowrap">${t.aum} ${money(client.balances.aum)}</span></dd>
    ${client.productsHeld.length > 0 ? html`<dt>${t.products}</dt><dd>${client.productsHeld.join(', ')}</dd>` : ''}
  </dl>
</section>
<section aria-labelledby="loans"><h2 id="loans">${t.loans}</h2>
  ${loans.length === 0 ? html`<p>${t.noLoans}</p>` : html`<ul class="plain">${loans.map((loan) => loanItem(t, loan, view, ctx))}</ul>`}
</section>
<section aria-labelledby="contacts"><h2 id="contacts">${t.contacts}</h2>
  <ul class="plain">${contacts.map(
    (c) => html`<li>${c.name}${c.role ? t.role(c.role) : ''}${c.phone ? html` · <a href="tel:${c.phone.replace(/[^0-9+]/g, '')}">${c.phone}</a>` : ''}${c.birthday
      ? html` · ${t.birthday} ${birthdayText(c.birthday, ctx, t)}`
      : ''}</li>`,
  )}</ul>
</section>
${events.length > 0
  ? html`<section aria-labelledby="events"><h2 id="events">${t.events}</h2><ul class="plain">${events.map(
      (e) => html`<li>${e.date} · ${e.kind}${e.note ? html` · ${e.note}` : ''}</li>`,
    )}</ul></section>`
  : ''}
<section aria-labelledby="followups"><h2 id="followups">${t.followUps}</h2>
  ${open.length === 0 ? html`<p>${t.noFollowUps}</p>` : html`<ul class="plain">${open.map((f) => html`<li>${f.dueOn}${f.note ? html` · ${f.note}` : ''}</li>`)}</ul>`}
</section>
<section aria-labelledby="news"><h2 id="news">${t.clientNews}</h2>
${view.news.length === 0 ? html`<p class="muted">${t.noClientNews}</p>` : html`<ul class="plain">${view.news.map((event) => newsEvent(t, event))}</ul>`}
</section>
<section aria-labelledby="log"><h2 id="log">${t.logTouch}</h2>
  ${logTouchForm(ctx, t, client, view.aboutStory, addDays(view.today, 7))}
</section>
<section aria-labelledby="timeline"><h2 id="timeline">${t.timeline}</h2>
  ${touches.length === 0
    ? html`<p>${t.noTouches}</p>`
    : html`<ol class="timeline">${touches.map(
        (touch) => html`<li data-touch="${touch.touchId}"><strong>${view.localTime(touch.at)}</strong> · ${t.channels[touch.channel]}${touch.outcome ? html` · ${touch.outcome}` : ''}${touch.note ? html` · ${touch.note}` : ''}${touch.source ? html` <span class="muted">(${t.source[touch.source] ?? touch.source})</span>` : ''}</li>`,
      )}</ol>`}
</section>`,
  );
}

function newsEvent(t: Copy, event: ProspectEvent): Html {
  const link = event.sources.find((source) => source.link)?.link;
  const what = event.stage ? t.ipoStage(event.stage) : t.signalType(event.type);
  return html`<li data-news="${event.storyId}"><span class="muted">${event.on}</span> <span class="badge">${what}</span> ${link ? html`<a href="${link}" rel="noopener noreferrer">${event.title}</a>` : event.title}</li>`;
}

/**
 * A group of radio buttons drawn as tap targets: "log a touch" is three taps on a phone (channel,
 * outcome, save) instead of a drop-down and a typed outcome. Plain radios, so it works without script.
 */
function choiceChips(id: string, legend: string, name: string, choices: { value: string; label: string }[], checked: string): Html {
  return html`<fieldset id="${id}" class="chips"><legend>${legend}</legend>${choices.map(
    (choice, n) =>
      html`<input type="radio" id="${id}-${n}" name="${name}" value="${choice.value}"${choice.value === checked ? html` checked` : ''}><label for="${id}-${n}">${choice.label}</label>`,
  )}</fieldset>`;
}

function logTouchForm(ctx: PageContext, t: Copy, client: Client, story: ClientView['aboutStory'], example: IsoDate): Html {
  return html`<form id="log-touch" method="post" action="/clients/${client.clientId}/touches" class="stack">
  ${csrfField(ctx)}
  ${story
    ? html`<p class="muted" data-about-story="${story.storyId}">${t.labelled(t.aboutStory, story.title)}</p>
  <input type="hidden" name="foundOn" value="${story.foundOn}"><input type="hidden" name="storyId" value="${story.storyId}">`
    : ''}
  ${choiceChips('touch-channel', t.channel, 'channel', channels.map((channel) => ({ value: channel, label: t.channels[channel] })), 'call')}
  ${choiceChips('touch-outcome', t.outcome, 'outcomeChoice', t.quickOutcomes.map((outcome) => ({ value: outcome, label: outcome })), t.quickOutcomes[0])}
  <label for="touch-own-outcome">${t.ownOutcome}</label>
  <input id="touch-own-outcome" name="outcome" maxlength="${TEXT_BOUNDS.outcome}">
  <label for="touch-note">${t.note}</label>
  <textarea id="touch-note" name="note" maxlength="${TEXT_BOUNDS.note}" rows="2"></textarea>
  <label for="touch-follow">${t.followUp}</label>
  ${dateField(ctx, { id: 'touch-follow', name: 'followUp', example })}
  <button type="submit">${t.save}</button>
</form>`;
}

function loanItem(t: Copy, loan: Loan, view: ClientView, ctx: PageContext): Html {
  const states: string[] = [];
  const pastDue = daysPastDueOn(loan, view.today);
  if (pastDue > 0) states.push(t.loanState.arrears(pastDue));
  const toMaturity = daysBetween(view.today, loan.maturityDate);
  if (toMaturity >= 0 && toMaturity <= view.loanRules.maturityWindowDays) states.push(t.loanState.maturing(toMaturity));
  const checkDue =
    loan.amount > view.loanRules.largeLoanThreshold &&
    (!loan.lastCheckedOn || daysBetween(loan.lastCheckedOn, view.today) >= view.loanRules.postLoanCheckDays);
  if (checkDue) states.push(t.loanState.checkDue);
  const flagged = states.length > 0;
  return html`<li class="${pastDue > 0 ? 'red' : flagged ? 'amber' : ''}">${loan.loanId} · ${formatAmount(loan.amount, ctx.locale, loan.currency)} · ${t.matures} ${loan.maturityDate} · <strong>${flagged ? states.join(', ') : t.loanState.current}</strong></li>`;
}

function birthdayText(birthday: NonNullable<ClientDossier['contacts'][number]['birthday']>, ctx: PageContext, t: Copy): string {
  const year = birthday.year ? `${birthday.year}-` : '';
  if (birthday.calendar !== 'lunar') return `${year}${birthday.monthDay}`;
  const lunar = ctx.locale === 'zh-CN' ? lunarMonthDayZh(birthday.monthDay) : `month ${Number(birthday.monthDay.slice(0, 2))} day ${Number(birthday.monthDay.slice(3))}`;
  return `${t.lunar} ${birthday.year ? `${birthday.year} ` : ''}${lunar}`;
}
