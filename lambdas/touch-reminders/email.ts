// The reminder email of one RM: grouped by when and kind, in the RM's locale, as HTML and plain text.
import type { OutgoingEmail } from '../core/mail/mailer.ts';
import { escapeHtml } from '../core/mail/html.ts';
import { linkLabels, type ActionLinks, type EmailLinks } from '../core/mail/email-links.ts';
import { reminderKey } from './handled.ts';
import type { IsoDate, Locale } from '../core/model.ts';
import { kindOrder, whenGroupOf, type Reminder, type ReminderKind, type WhenGroup } from './occasions.ts';
import { actionText, wordings } from './wording.ts';
import type { ClientContext, RmReminders } from './job.ts';

const groups: readonly WhenGroup[] = ['today', 'this-week', 'later'];

/** How many key clients a festival line names before it says "and N more". */
const FESTIVAL_NAMES_SHOWN = 8;

/** One reminder as words, before it becomes HTML or text. */
export interface ReminderLine {
  kind: ReminderKind;
  group: WhenGroup;
  client: string;
  contact?: string;
  what: string;
  milestone: boolean;
  when: string;
  context: string[];
  action: string;
  /** One-tap links (none for festivals, which name many clients). */
  links?: ActionLinks;
}

export function reminderLines(data: RmReminders, links?: EmailLinks): ReminderLine[] {
  const locale = data.rm.locale;
  const words = wordings[locale];
  return data.reminders.map((reminder) => {
    const client = reminder.kind === 'festival' ? undefined : data.clients[reminder.clientId];
    return {
      kind: reminder.kind,
      group: whenGroupOf(reminder.daysUntil),
      client: reminder.kind === 'festival' ? festivalClients(reminder.clientIds, data.clients, locale) : (client?.name ?? reminder.clientId),
      contact: contactOf(reminder, client, locale),
      what: words.what(reminder),
      milestone: 'milestone' in reminder && reminder.milestone,
      when: words.when(reminder),
      context: client ? contextOf(client, locale, data.window.businessDate) : [],
      action: actionText(reminder, locale),
      ...(links && reminder.kind !== 'festival'
        ? { links: links.forReminder(data.rm.rmId, reminder.clientId, reminderKey(reminder), data.window.businessDate) }
        : {}),
    };
  });
}

/** The email for one RM; call only when something is due. */
export function renderReminderEmail(data: RmReminders, links?: EmailLinks): OutgoingEmail {
  const locale = data.rm.locale;
  const words = wordings[locale];
  const lines = reminderLines(data, links);
  const counts = Object.fromEntries(groups.map((g) => [g, lines.filter((l) => l.group === g).length])) as Record<WhenGroup, number>;
  const intro = words.intro(data.rm.name, data.window.businessDate, data.window.coveredDays.length - 1, data.window.businessDates.length - 1);

  const textParts = [intro, ''];
  const htmlParts = [
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(words.subject(data.window.businessDate, counts))}</title></head>`,
    '<body style="font-family: -apple-system, Segoe UI, Helvetica, Arial, sans-serif; color: #222; max-width: 760px">',
    `<p>${escapeHtml(intro)}</p>`,
  ];
  for (const group of groups) {
    const inGroup = lines.filter((l) => l.group === group);
    if (inGroup.length === 0) continue;
    textParts.push(`== ${words.groupHeading[group]} (${inGroup.length}) ==`);
    htmlParts.push(`<h2 style="border-bottom: 1px solid #ccc">${escapeHtml(words.groupHeading[group])} (${inGroup.length})</h2>`);
    for (const kind of kindOrder) {
      const ofKind = inGroup.filter((l) => l.kind === kind);
      if (ofKind.length === 0) continue;
      textParts.push(`-- ${words.kindHeading[kind]} --`);
      htmlParts.push(`<h3 style="margin-bottom: 4px">${escapeHtml(words.kindHeading[kind])}</h3><ul>`);
      for (const line of ofKind) {
        textParts.push(...lineAsText(line, locale));
        htmlParts.push(lineAsHtml(line, locale));
      }
      htmlParts.push('</ul>');
      textParts.push('');
    }
  }
  textParts.push('', words.footer);
  htmlParts.push(`<p style="color: #777; font-size: 12px">${escapeHtml(words.footer)}</p></body></html>`);
  return {
    to: data.rm.email,
    subject: words.subject(data.window.businessDate, counts),
    text: textParts.join('\n'),
    html: htmlParts.join('\n'),
  };
}

function lineAsText(line: ReminderLine, locale: Locale): string[] {
  const words = wordings[locale];
  const dash = ' — ';
  const head = [line.contact ? `${line.client} · ${line.contact}` : line.client, line.what + (line.milestone ? ` ${words.milestoneMark}` : ''), line.when]
    .filter(Boolean)
    .join(dash);
  const out = [`* ${head}`];
  if (line.context.length > 0) out.push(`    ${line.context.join(locale === 'zh-CN' ? '；' : '; ')}`);
  out.push(`    ${words.suggestedLabel}${locale === 'zh-CN' ? '：' : ': '}${line.action}`);
  if (line.links) {
    const labels = linkLabels[locale];
    out.push(`    ${labels.done}: ${line.links.done}`, `    ${labels.snooze}: ${line.links.snooze}`, `    ${labels.open}: ${line.links.open}`);
  }
  return out;
}

function lineAsHtml(line: ReminderLine, locale: Locale): string {
  const words = wordings[locale];
  const milestone = line.milestone ? ` <strong style="color: #b35900">${escapeHtml(words.milestoneMark)}</strong>` : '';
  const contact = line.contact ? ` · ${escapeHtml(line.contact)}` : '';
  const when = line.when ? ` — <em>${escapeHtml(line.when)}</em>` : '';
  const context =
    line.context.length > 0
      ? `<br><span style="color: #555">${escapeHtml(line.context.join(locale === 'zh-CN' ? '；' : '; '))}</span>`
      : '';
  return (
    `<li style="margin-bottom: 8px"><strong>${escapeHtml(line.client)}</strong>${contact} — ${escapeHtml(line.what)}${milestone}${when}` +
    `${context}<br>${escapeHtml(words.suggestedLabel)}${locale === 'zh-CN' ? '：' : ': '}${escapeHtml(line.action)}${linksHtml(line, locale)}</li>`
  );
}

function linksHtml(line: ReminderLine, locale: Locale): string {
  if (!line.links) return '';
  const labels = linkLabels[locale];
  const style = 'style="margin-right: 10px"';
  return (
    `<br><a ${style} href="${escapeHtml(line.links.done)}">${labels.done}</a><a ${style} href="${escapeHtml(line.links.snooze)}">${labels.snooze}</a>` +
    `<a href="${escapeHtml(line.links.open)}">${labels.open}</a>`
  );
}

function contactOf(reminder: Reminder, client: ClientContext | undefined, locale: Locale): string | undefined {
  const person = reminder.kind === 'birthday' ? reminder.contact : client?.contact;
  // An individual client is often their own contact: the name is not repeated.
  if (!person || person.name === client?.name) return undefined;
  if (!person.role) return person.name;
  return locale === 'zh-CN' ? `${person.name}（${person.role}）` : `${person.name} (${person.role})`;
}

function contextOf(client: ClientContext, locale: Locale, businessDate: IsoDate): string[] {
  const words = wordings[locale];
  const last = client.lastTouch;
  const context = [words.lastTouch(last?.date, last?.channel, last?.daysAgo, !!last && last.date.slice(0, 4) !== businessDate.slice(0, 4))];
  if (client.openFollowUps > 0) context.push(words.openFollowUps(client.openFollowUps));
  return context;
}

function festivalClients(clientIds: readonly string[], clients: Record<string, ClientContext>, locale: Locale): string {
  const names = clientIds.map((id) => clients[id]?.name ?? id);
  const shown = names.slice(0, FESTIVAL_NAMES_SHOWN);
  const more = names.length - shown.length;
  if (locale === 'zh-CN') return `${wordings[locale].keyClients(names.length)}：${shown.join('、')}${more > 0 ? ` 等` : ''}`;
  return `${wordings[locale].keyClients(names.length)}: ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}
