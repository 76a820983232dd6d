// The morning prospect digest of one RM: risk alerts, then IPO prospects by stage, then other triggers; HTML and text.
import type { IsoDate, Locale, Rm } from '../core/model.ts';
import type { OutgoingEmail } from '../core/mail/mailer.ts';
import { escapeHtml, safeHttpUrl } from '../core/mail/html.ts';
import { ipoStages } from './signals/types.ts';
import { digestCategories, type DigestCategory, type DigestEntry, type FailingFeed, type MatchReason } from './model.ts';
import { signalOrder } from './stories.ts';
import { adviceFor, STAGE_LABELS, TYPE_LABELS } from './next-steps.ts';

export interface DigestInput {
  rm: Pick<Rm, 'rmId' | 'name' | 'email' | 'locale'>;
  businessDate: IsoDate;
  entries: DigestEntry[];
  failingFeeds: FailingFeed[];
  timeZone: string;
  /** At most this many lines (default MAX_LINES); the rest are counted, not listed. */
  maxLines?: number;
}

export const MAX_LINES = 60;

/** Sections in the order of digestCategories: risk alerts, IPO prospects, the rest. */
const CATEGORY_ORDER: readonly DigestCategory[] = digestCategories;

/** Risk alerts first; IPO prospects earliest stage first (escalations before the rest of a stage); others by trigger type. */
export function orderEntries(entries: DigestEntry[]): DigestEntry[] {
  const rank = (entry: DigestEntry) =>
    entry.category === 'ipo' ? ipoStages.indexOf(entry.primary.stage ?? 'preparing') : signalOrder.indexOf(entry.primary.type);
  return [...entries].sort(
    (a, b) =>
      CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category) ||
      rank(a) - rank(b) ||
      Number(Boolean(b.escalation)) - Number(Boolean(a.escalation)) ||
      b.foundOn.localeCompare(a.foundOn) ||
      a.company.localeCompare(b.company) ||
      a.storyId.localeCompare(b.storyId),
  );
}

interface Texts {
  subject: (date: IsoDate, counts: Record<DigestCategory, number>) => string;
  greeting: (name: string) => string;
  intro: (date: IsoDate) => string;
  nothingNew: string;
  moreNotShown: (count: number, date: IsoDate, rmId: string) => string;
  sections: Record<DigestCategory, string>;
  client: string;
  borrower: string;
  newProspect: string;
  knownSince: (date: IsoDate) => string;
  escalation: (from: string, to: string) => string;
  stage: string;
  sources: string;
  why: string;
  nextStep: string;
  products: string;
  reason: (reason: MatchReason) => string;
  failingFeeds: string;
  failingFeed: (feed: FailingFeed) => string;
  footer: string;
}

const TEXTS: Record<Locale, Texts> = {
  'zh-CN': {
    subject: (date, c) =>
      c['risk-alert'] + c.ipo + c.other === 0
        ? `【潜在客户晨报】${date}：今日无新线索`
        : `【潜在客户晨报】${date}：${[
            c['risk-alert'] ? `风险预警${c['risk-alert']}条` : '',
            c.ipo ? `上市线索${c.ipo}条` : '',
            c.other ? `其他动向${c.other}条` : '',
          ]
            .filter(Boolean)
            .join('，')}`,
    greeting: (name) => `${name}，早上好：`,
    intro: (date) => `以下是 ${date} 从新闻源中发现、与您负责的行业、关注名单和客户相关的线索。`,
    nothingNew: '今日没有新的相关线索。',
    moreNotShown: (count, date, rmId) => `另有 ${count} 条线索未列出，可用 rm-radar prospects day --date ${date} --rm ${rmId} 查看。`,
    sections: { 'risk-alert': '风险预警（本行借款客户）', ipo: '上市线索（按阶段，越早越有价值）', other: '其他商机动向' },
    client: '本行客户',
    borrower: '本行客户·有贷款',
    newProspect: '新线索',
    knownSince: (date) => `自 ${date} 起跟踪`,
    escalation: (from, to) => `阶段升级：${from} → ${to}`,
    stage: '阶段',
    sources: '来源',
    why: '匹配原因',
    nextStep: '建议',
    products: '可推荐产品',
    reason: (reason) => {
      switch (reason.kind) {
        case 'client':
          return reason.hasLoans ? '本行客户（有贷款）' : '本行客户';
        case 'industry':
          return `行业“${reason.industry}”（关键词“${reason.keyword}”）`;
        case 'feed-industry':
          return `信息源所属行业“${reason.industry}”`;
        case 'watch-list':
          return `关注名单“${reason.entry}”`;
      }
    },
    failingFeeds: '以下信息源读取失败，今日的线索可能不完整：',
    failingFeed: (feed) =>
      feed.gone ? `${feed.name}（已停止：${feed.lastError ?? '410 Gone'}）` : `${feed.name}（连续失败 ${feed.consecutiveFailures} 次：${feed.lastError ?? '未知错误'}）`,
    footer: '本邮件由 rm-radar 自动生成；新闻内容来自外部信息源，请核实后再联系客户。',
  },
  en: {
    subject: (date, c) =>
      c['risk-alert'] + c.ipo + c.other === 0
        ? `Prospect radar ${date}: nothing new`
        : `Prospect radar ${date}: ${[
            c['risk-alert'] ? plural(c['risk-alert'], 'risk alert') : '',
            c.ipo ? plural(c.ipo, 'IPO prospect') : '',
            c.other ? plural(c.other, 'other trigger') : '',
          ]
            .filter(Boolean)
            .join(', ')}`,
    greeting: (name) => `Good morning ${name},`,
    intro: (date) => `Here is what the news of ${date} says about your industries, your watch-list and your clients.`,
    nothingNew: 'Nothing new for you today.',
    moreNotShown: (count, date, rmId) => `${count} more ${count === 1 ? 'story' : 'stories'} not shown: see rm-radar prospects day --date ${date} --rm ${rmId}.`,
    sections: { 'risk-alert': 'Risk alerts (borrowing clients)', ipo: 'IPO prospects (earliest stage first)', other: 'Other triggers' },
    client: 'client',
    borrower: 'client with loans',
    newProspect: 'new prospect',
    knownSince: (date) => `tracked since ${date}`,
    escalation: (from, to) => `escalated: ${from} → ${to}`,
    stage: 'Stage',
    sources: 'Sources',
    why: 'Why you',
    nextStep: 'Next step',
    products: 'Products',
    reason: (reason) => {
      switch (reason.kind) {
        case 'client':
          return reason.hasLoans ? 'your client (with loans)' : 'your client';
        case 'industry':
          return `industry "${reason.industry}" (keyword "${reason.keyword}")`;
        case 'feed-industry':
          return `feed covers "${reason.industry}"`;
        case 'watch-list':
          return `watch-list "${reason.entry}"`;
      }
    },
    failingFeeds: 'These feeds could not be read; today’s digest may be incomplete:',
    failingFeed: (feed) =>
      feed.gone
        ? `${feed.name} (stopped: ${feed.lastError ?? '410 Gone'})`
        : `${feed.name} (failed ${feed.consecutiveFailures} times in a row: ${feed.lastError ?? 'unknown error'})`,
    footer: 'Generated by rm-radar. News comes from outside sources: check before you call.',
  },
};

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

const SUMMARY_CHARS = 160;

/** Renders one RM's digest. Everything from a feed is escaped, and only http(s) links become links. */
export function renderDigest(input: DigestInput): OutgoingEmail {
  const locale = input.rm.locale;
  const t = TEXTS[locale];
  const everything = orderEntries(input.entries);
  // A digest an RM can read over coffee: the most valuable lines, and a pointer to the rest.
  const ordered = everything.slice(0, input.maxLines ?? MAX_LINES);
  const notShown = everything.length - ordered.length;
  const counts: Record<DigestCategory, number> = { 'risk-alert': 0, ipo: 0, other: 0 };
  for (const entry of everything) counts[entry.category] += 1;
  const lines = ordered.map((entry) => describe(entry, locale, input.timeZone));

  const html: string[] = [
    '<!doctype html><html><body style="font-family:Arial,\'PingFang SC\',\'Microsoft YaHei\',sans-serif;font-size:14px;color:#222;max-width:760px">',
    `<p>${escapeHtml(t.greeting(input.rm.name))}</p>`,
    `<p>${escapeHtml(t.intro(input.businessDate))}</p>`,
  ];
  const text: string[] = [t.greeting(input.rm.name), '', t.intro(input.businessDate), ''];
  if (ordered.length === 0) {
    html.push(`<p>${escapeHtml(t.nothingNew)}</p>`);
    text.push(t.nothingNew, '');
  }
  for (const category of CATEGORY_ORDER) {
    const section = lines.filter((line) => line.entry.category === category);
    if (section.length === 0) continue;
    const colour = category === 'risk-alert' ? '#b00020' : '#0b3d91';
    html.push(`<h2 style="font-size:17px;color:${colour};border-bottom:1px solid #ddd">${escapeHtml(t.sections[category])}</h2>`);
    text.push(`== ${t.sections[category]} ==`, '');
    section.forEach((line, index) => {
      html.push(line.html);
      text.push(`${index + 1}. ${line.text}`, '');
    });
  }
  if (notShown > 0) {
    const more = t.moreNotShown(notShown, input.businessDate, input.rm.rmId);
    html.push(`<p style="color:#555">${escapeHtml(more)}</p>`);
    text.push(more, '');
  }
  if (input.failingFeeds.length > 0) {
    html.push(
      `<hr><p style="color:#666">${escapeHtml(t.failingFeeds)}</p><ul style="color:#666">`,
      ...input.failingFeeds.map((feed) => `<li>${escapeHtml(t.failingFeed(feed))}</li>`),
      '</ul>',
    );
    text.push('--', t.failingFeeds, ...input.failingFeeds.map((feed) => `- ${t.failingFeed(feed)}`), '');
  }
  html.push(`<p style="color:#888;font-size:12px">${escapeHtml(t.footer)}</p></body></html>`);
  text.push(t.footer);

  return { to: input.rm.email, subject: t.subject(input.businessDate, counts), html: html.join('\n'), text: text.join('\n') };
}

function describe(entry: DigestEntry, locale: Locale, timeZone: string): { entry: DigestEntry; html: string; text: string } {
  const t = TEXTS[locale];
  const client = entry.reasons.find((reason) => reason.kind === 'client');
  const badge = client ? (client.hasLoans ? t.borrower : t.client) : entry.knownSince ? t.knownSince(entry.knownSince) : t.newProspect;
  const what = TYPE_LABELS[locale][entry.primary.type];
  const otherTypes = [...new Set(entry.signals.map((s) => s.type).filter((type) => type !== entry.primary.type))].map(
    (type) => TYPE_LABELS[locale][type],
  );
  const stage = entry.primary.stage ? STAGE_LABELS[locale][entry.primary.stage] : undefined;
  const escalation = entry.escalation
    ? t.escalation(STAGE_LABELS[locale][entry.escalation.from], STAGE_LABELS[locale][entry.escalation.to])
    : undefined;
  const summary = summaryOf(entry);
  const advice = adviceFor(locale, entry.category, entry.primary.type, entry.primary.stage);
  const reasons = entry.reasons.map(t.reason).join(locale === 'zh-CN' ? '；' : '; ');
  const sources = entry.sources.map((source) => ({
    name: source.feedName,
    link: safeHttpUrl(source.link),
    when: formatInstant(source.published, timeZone),
  }));
  const headline = [what, ...otherTypes].join(' + ');

  const colon = locale === 'zh-CN' ? '：' : ': ';
  const separator = locale === 'zh-CN' ? '；' : '; ';
  const list = locale === 'zh-CN' ? '、' : ', ';
  const e = escapeHtml;
  const htmlParts = [
    `<div style="margin:0 0 14px 0;padding:8px 10px;border-left:3px solid ${entry.category === 'risk-alert' ? '#b00020' : '#9db3d9'}">`,
    `<div><strong>${e(entry.company)}</strong> <span style="color:#555">[${e(badge)}] · ${e(headline)}</span></div>`,
    `<div>${e(entry.title)}</div>`,
    summary ? `<div style="color:#555">${e(summary)}</div>` : '',
    stage || escalation
      ? `<div>${e(t.stage)}${colon}${e(stage ?? '')}${escalation ? ` <strong style="color:#0a7d32">${e(escalation)}</strong>` : ''}</div>`
      : '',
    `<div>${e(t.sources)}${colon}${sources
      .map((s) => `${s.link ? `<a href="${e(s.link)}">${e(s.name)}</a>` : e(s.name)}${s.when ? ` ${e(s.when)}` : ''}`)
      .join(separator)}</div>`,
    `<div>${e(t.why)}${colon}${e(reasons)}</div>`,
    `<div>${e(t.nextStep)}${colon}${e(advice.nextStep)}${advice.products.length > 0 ? `<br>${e(t.products)}${colon}${e(advice.products.join(list))}` : ''}</div>`,
    '</div>',
  ];
  const textParts = [
    `${entry.company} [${badge}] · ${headline}`,
    `   ${entry.title}`,
    summary ? `   ${summary}` : '',
    stage || escalation ? `   ${t.stage}${colon}${stage ?? ''}${escalation ? ` (${escalation})` : ''}` : '',
    `   ${t.sources}${colon}${sources.map((s) => [s.name, s.when, s.link].filter(Boolean).join(' ')).join(separator)}`,
    `   ${t.why}${colon}${reasons}`,
    `   ${t.nextStep}${colon}${advice.nextStep}`,
    advice.products.length > 0 ? `   ${t.products}${colon}${advice.products.join(list)}` : '',
  ];
  return { entry, html: htmlParts.filter(Boolean).join(''), text: textParts.filter(Boolean).join('\n') };
}

function summaryOf(entry: DigestEntry): string | undefined {
  const summary = entry.summary.replace(/\s+/g, ' ').trim();
  if (!summary || summary === entry.title.trim() || entry.title.includes(summary)) return undefined;
  return summary.length > SUMMARY_CHARS ? `${summary.slice(0, SUMMARY_CHARS)}…` : summary;
}

/** An instant as "YYYY-MM-DD HH:mm" in the configured zone; nothing when the feed gave no valid date. */
export function formatInstant(iso: string | undefined, timeZone: string): string | undefined {
  if (!iso) return undefined;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return undefined;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}
