// The call-list email in the RM's locale: an HTML table, a plain-text part and the list as a CSV attachment.
import type { Rm } from '../core/model.ts';
import type { OutgoingEmail } from '../core/mail/mailer.ts';
import { escapeHtml } from '../core/mail/html.ts';
import { linkLabels, type EmailLinks } from '../core/mail/email-links.ts';
import type { CallListLine, StoredCallList } from './model.ts';
import { categoryLabels } from './lines.ts';
import { callListCsv } from './csv.ts';

const copy = {
  en: {
    subject: (date: string, count: number, act: number) =>
      `Call list for ${date}: ${count} client${count === 1 ? '' : 's'}${act > 0 ? ` (${act} must act today)` : ''}`,
    heading: (date: string) => `Your call list for ${date}`,
    intro: 'Exceptions first (loans in arrears, post-loan checks, maturities), then inactive clients by priority.',
    columns: ['#', 'Client', 'Why', 'Call', 'Last touch', 'Talking points'],
    overflow: (n: number, capacity: number) =>
      `${n} more eligible client${n === 1 ? '' : 's'} did not fit today's capacity of ${capacity}; they stay eligible for the next lists.`,
    formula: 'Priority = overdue (days since contact ÷ the tier’s ideal days, at most 4) × value weight (1 + log10(1 + value ÷ 100,000)).',
    howTo: 'Record a call: rm-radar call-list done CLIENT --outcome "…"   ·   Put off: rm-radar call-list snooze CLIENT --until DATE',
    tier: (tier: string) => `tier ${tier}`,
    call: 'call',
    why: 'why',
    last: 'last touch',
    talk: 'talk about',
    attachment: 'The list is attached as a CSV file for Excel.',
  },
  'zh-CN': {
    subject: (date: string, count: number, act: number) =>
      `${date} 客户拜访清单：${count}位客户${act > 0 ? `（${act}位今日必须处理）` : ''}`,
    heading: (date: string) => `${date} 客户拜访清单`,
    intro: '先列异常（贷款逾期、贷后检查、贷款到期），再按优先级列出久未联系的客户。',
    columns: ['序号', '客户', '原因', '联系人', '上次联系', '沟通要点'],
    overflow: (n: number, capacity: number) => `另有${n}位符合条件的客户超出今日${capacity}位的拜访上限，明天仍会列入。`,
    formula: '优先级 = 超期程度（距上次联系天数 ÷ 该级别理想间隔天数，最多4）× 价值权重（1 + log10(1 + 价值 ÷ 10万)）。',
    howTo: '记录拜访：rm-radar call-list done 客户编号 --outcome "…"   ·   推迟：rm-radar call-list snooze 客户编号 --until 日期',
    tier: (tier: string) => `${tier}类`,
    call: '联系',
    why: '原因',
    last: '上次联系',
    talk: '沟通要点',
    attachment: '附件为可用 Excel 打开的 CSV 清单。',
  },
} as const;

const FLAG_COLOURS = { red: '#fdecea', amber: '#fff4e5' } as const;

export function renderCallListEmail(rm: Rm, list: StoredCallList, links?: EmailLinks): OutgoingEmail {
  const locale = list.locale;
  const t = copy[locale];
  const mustAct = list.lines.filter((line) => line.category === 'arrears-act').length;
  return {
    to: rm.email,
    subject: t.subject(list.businessDate, list.lines.length, mustAct),
    html: renderHtml(list, rm.dailyCallCapacity, links),
    text: renderText(list, rm.dailyCallCapacity, links),
    attachments: [
      { filename: `call-list-${list.rmId}-${list.businessDate}.csv`, content: callListCsv(list), contentType: 'text/csv; charset=utf-8' },
    ],
  };
}

function contactText(line: CallListLine): string {
  if (!line.contact) return '';
  return [line.contact.name, line.contact.role ? `(${line.contact.role})` : '', line.contact.phone ?? ''].filter(Boolean).join(' ');
}

function clientText(line: CallListLine, locale: StoredCallList['locale']): string {
  const company = line.companyName && line.companyName !== line.clientName ? ` / ${line.companyName}` : '';
  return `${line.clientName}${company} (${line.clientId}) · ${copy[locale].tier(line.tier)}`;
}

function renderHtml(list: StoredCallList, capacity: number, links?: EmailLinks): string {
  const locale = list.locale;
  const t = copy[locale];
  const cell = 'style="border:1px solid #ddd;padding:6px;vertical-align:top"';
  const rows = list.lines
    .map((line) => {
      const points = line.talkingPoints.map((p) => `<li>${escapeHtml(p)}</li>`).join('');
      return [
        `<tr style="background:${FLAG_COLOURS[line.flag]}">`,
        `<td ${cell}>${line.rank}</td>`,
        `<td ${cell}>${escapeHtml(clientText(line, locale))}${links ? linksHtml(links, list, line) : ''}</td>`,
        `<td ${cell}><strong>${escapeHtml(categoryLabels[locale][line.category])}</strong><br>${escapeHtml(line.reason)}</td>`,
        `<td ${cell}>${escapeHtml(contactText(line))}</td>`,
        `<td ${cell}>${escapeHtml(line.lastTouch ?? '')}</td>`,
        `<td ${cell}>${points ? `<ul style="margin:0;padding-left:16px">${points}</ul>` : ''}</td>`,
        '</tr>',
      ].join('');
    })
    .join('\n');
  const header = t.columns.map((c) => `<th ${cell}>${escapeHtml(c)}</th>`).join('');
  return [
    '<!doctype html>',
    `<html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(t.heading(list.businessDate))}</title></head>`,
    '<body style="font-family:Arial,\'PingFang SC\',\'Microsoft YaHei\',sans-serif;font-size:14px">',
    `<h2>${escapeHtml(t.heading(list.businessDate))}</h2>`,
    `<p>${escapeHtml(t.intro)}</p>`,
    `<table style="border-collapse:collapse"><thead><tr>${header}</tr></thead><tbody>`,
    rows,
    '</tbody></table>',
    list.overflow > 0 ? `<p>${escapeHtml(t.overflow(list.overflow, capacity))}</p>` : '',
    `<p style="color:#666">${escapeHtml(t.formula)}<br>${escapeHtml(t.howTo)}<br>${escapeHtml(t.attachment)}</p>`,
    '</body></html>',
  ].join('\n');
}

/** The line's one-tap links; each opens a confirmation page, so a mail scanner following them changes nothing. */
function linksHtml(links: EmailLinks, list: StoredCallList, line: CallListLine): string {
  const urls = links.forLine(list.rmId, line.clientId, list.businessDate);
  const labels = linkLabels[list.locale];
  const style = 'style="margin-right:10px"';
  return `<br><a ${style} href="${escapeHtml(urls.done)}">${labels.done}</a><a ${style} href="${escapeHtml(urls.snooze)}">${labels.snooze}</a><a href="${escapeHtml(urls.open)}">${labels.open}</a>`;
}

function renderText(list: StoredCallList, capacity: number, links?: EmailLinks): string {
  const locale = list.locale;
  const t = copy[locale];
  const blocks = list.lines.map((line) =>
    [
      `${line.rank}. [${categoryLabels[locale][line.category]}] ${clientText(line, locale)}`,
      `   ${t.why}: ${line.reason}`,
      line.contact ? `   ${t.call}: ${contactText(line)}` : '',
      line.lastTouch ? `   ${t.last}: ${line.lastTouch}` : '',
      line.talkingPoints.length > 0 ? `   ${t.talk}: ${line.talkingPoints.join('; ')}` : '',
      links ? linksText(links.forLine(list.rmId, line.clientId, list.businessDate), locale) : '',
    ]
      .filter(Boolean)
      .join('\n'),
  );
  return [
    t.heading(list.businessDate),
    t.intro,
    '',
    blocks.join('\n\n'),
    '',
    list.overflow > 0 ? t.overflow(list.overflow, capacity) : '',
    t.formula,
    t.howTo,
    t.attachment,
  ]
    .filter((part, index, parts) => part !== '' || parts[index - 1] !== '')
    .join('\n');
}

function linksText(urls: ReturnType<EmailLinks['forLine']>, locale: StoredCallList['locale']): string {
  const labels = linkLabels[locale];
  return [`   ${labels.done}: ${urls.done}`, `   ${labels.snooze}: ${urls.snooze}`, `   ${labels.open}: ${urls.open}`].join('\n');
}
