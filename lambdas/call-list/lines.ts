// Turns ranked entries into call-list lines in the RM's locale: reason in words, whom to call, last touch, talking points.
import type { Client, Contact, Locale } from '../core/model.ts';
import type { CallListLine, Category } from './model.ts';
import { localDateOf, type LoanException, type RankedEntry } from './priority.ts';
import { daysBetween } from '../core/dates/calendar.ts';
import type { IsoDate } from '../core/model.ts';

const round2 = (n: number) => Math.round(n * 100) / 100;

/** An amount as people say it: 12.0M / 850K in English, 1200万 / 1.5亿 in Chinese. */
export function formatAmount(amount: number, locale: Locale, currency?: string): string {
  const prefix = currency && currency !== 'CNY' ? `${currency} ` : '';
  if (locale === 'zh-CN') {
    const trim = (n: number) => String(Math.round(n * 10) / 10);
    if (amount >= 1e8) return `${prefix}${trim(amount / 1e8)}亿`;
    if (amount >= 1e4) return `${prefix}${trim(amount / 1e4)}万`;
    return `${prefix}${Math.round(amount)}元`;
  }
  if (amount >= 1e9) return `${prefix}${(amount / 1e9).toFixed(1)}B`;
  if (amount >= 1e6) return `${prefix}${(amount / 1e6).toFixed(1)}M`;
  if (amount >= 1e3) return `${prefix}${Math.round(amount / 1e3)}K`;
  return `${prefix}${Math.round(amount)}`;
}

const text = {
  en: {
    separator: ' · ',
    arrears: (amount: string, days: number) => `loan ${amount} ${days} days past due`,
    loanCheck: (amount: string, dueOn: string) => `large loan ${amount}: post-loan check due since ${dueOn}`,
    maturing: (amount: string, on: string, days: number) =>
      `loan ${amount} matures ${on} (${days === 0 ? 'today' : `in ${days} day${days === 1 ? '' : 's'}`})`,
    noContact: (days: number) => `no contact for ${days} days`,
    neverContacted: 'never contacted',
    deposits: (amount: string) => `deposits ${amount}`,
    aum: (amount: string) => `AUM ${amount}`,
    loans: (amount: string) => `loans ${amount}`,
    tier: (tier: string) => `tier ${tier}`,
    channel: { call: 'call', visit: 'visit', meal: 'meal', gift: 'gift', email: 'email', message: 'message' } as Record<string, string>,
    repaymentPlan: 'agree a repayment plan and date',
    postLoanCheck: 'post-loan check: use of funds, operations, collateral',
    renewal: (on: string) => `renewal or repayment of the loan maturing ${on}`,
    offer: (product: string) => `offer ${product} (not held yet)`,
  },
  'zh-CN': {
    separator: ' · ',
    arrears: (amount: string, days: number) => `贷款${amount}逾期${days}天`,
    loanCheck: (amount: string, dueOn: string) => `大额贷款${amount}贷后检查已到期（${dueOn}）`,
    maturing: (amount: string, on: string, days: number) => `贷款${amount}将于${on}到期（${days === 0 ? '今天' : `${days}天后`}）`,
    noContact: (days: number) => `距上次联系${days}天`,
    neverContacted: '从未联系',
    deposits: (amount: string) => `存款${amount}`,
    aum: (amount: string) => `管理资产${amount}`,
    loans: (amount: string) => `贷款${amount}`,
    tier: (tier: string) => `${tier}类`,
    channel: { call: '电话', visit: '拜访', meal: '餐叙', gift: '送礼', email: '邮件', message: '消息' } as Record<string, string>,
    repaymentPlan: '落实还款计划和还款日期',
    postLoanCheck: '贷后检查：资金用途、经营情况、抵押物',
    renewal: (on: string) => `${on}到期贷款的续贷或还款安排`,
    offer: (product: string) => `推荐${product}（尚未持有）`,
  },
} as const;

/** Category labels for emails, CSV and the CLI. */
export const categoryLabels: Record<Locale, Record<Category, string>> = {
  en: {
    'arrears-act': 'must act today',
    'arrears-watch': 'arrears: watch',
    'loan-check': 'post-loan check due',
    maturing: 'maturing soon',
    inactive: 'inactive',
  },
  'zh-CN': {
    'arrears-act': '今日必须处理',
    'arrears-watch': '逾期观察',
    'loan-check': '贷后检查到期',
    maturing: '即将到期',
    inactive: '久未联系',
  },
};

/**
 * Products worth a conversation when a client does not hold them yet, most relevant first. A held
 * product matches when its name contains any of the aliases (the bank's files use either language).
 */
export const productCatalogue: Record<Client['kind'], Array<{ en: string; zh: string; aliases: string[] }>> = {
  corporate: [
    { en: 'cash management', zh: '现金管理', aliases: ['cash management', 'cash-management', '现金管理', '资金池'] },
    { en: 'payroll services', zh: '代发工资', aliases: ['payroll', '代发'] },
    { en: 'trade finance', zh: '贸易融资', aliases: ['trade finance', 'trade-finance', '贸易融资', '信用证', 'letter of credit'] },
    { en: 'FX hedging', zh: '汇率避险', aliases: ['fx', 'hedg', '汇率', '外汇', '远期结售汇'] },
    { en: 'bill discounting', zh: '票据贴现', aliases: ['discount', '贴现', '票据'] },
  ],
  individual: [
    { en: 'wealth management', zh: '理财产品', aliases: ['wealth', '理财'] },
    { en: 'insurance', zh: '保险', aliases: ['insurance', '保险'] },
    { en: 'funds', zh: '基金', aliases: ['fund', '基金'] },
    { en: 'credit card', zh: '信用卡', aliases: ['credit card', 'credit-card', '信用卡'] },
    { en: 'pension account', zh: '个人养老金', aliases: ['pension', '养老'] },
  ],
};

/** Products of the catalogue the client does not hold yet, in catalogue order. */
export function productsNotHeld(client: Client): Array<{ en: string; zh: string }> {
  const held = client.productsHeld.map((p) => p.toLowerCase());
  return productCatalogue[client.kind].filter((product) => !held.some((name) => product.aliases.some((alias) => name.includes(alias))));
}

const FINANCE_ROLE = /\bcfo\b|finance|financial|treasur|controller|财务|财会|会计|资金/i;

/** Whom to call: the finance head for a corporate, the client themself for an individual; someone with a phone if possible. */
export function pickContact(client: Client, contacts: readonly Contact[]): Contact | undefined {
  const sorted = [...contacts].sort((a, b) => a.contactId.localeCompare(b.contactId));
  const withPhone = (list: Contact[]) => list.find((c) => c.phone) ?? list[0];
  if (client.kind === 'corporate') {
    const finance = sorted.filter((c) => c.role && FINANCE_ROLE.test(c.role));
    return withPhone(finance.length > 0 ? finance : sorted);
  }
  const self = sorted.filter((c) => c.name === client.name);
  return withPhone(self.length > 0 ? self : sorted);
}

/** The reason in words: the exceptions, then how long since the last contact, the client's value and tier. */
export function reasonOf(entry: RankedEntry, locale: Locale, businessDate: IsoDate): string {
  const t = text[locale];
  const parts = entry.exceptions.map((e) => exceptionReason(e, locale, businessDate));
  if (entry.inactivity.status !== 'ok') {
    parts.push(entry.inactivity.neverContacted ? t.neverContacted : t.noContact(entry.inactivity.daysSinceContact ?? 0));
  }
  if (entry.category === 'inactive') {
    if (entry.value.deposits > 0) parts.push(t.deposits(formatAmount(entry.value.deposits, locale)));
    if (entry.value.aum > 0) parts.push(t.aum(formatAmount(entry.value.aum, locale)));
    if (entry.value.loans > 0) parts.push(t.loans(formatAmount(entry.value.loans, locale)));
  }
  parts.push(t.tier(entry.client.tier));
  return [...new Set(parts)].join(t.separator);
}

function exceptionReason(exception: LoanException, locale: Locale, businessDate: IsoDate): string {
  const t = text[locale];
  const amount = formatAmount(exception.loan.amount, locale, exception.loan.currency);
  switch (exception.kind) {
    case 'arrears-act':
    case 'arrears-watch':
      return t.arrears(amount, exception.daysPastDue ?? 0);
    case 'loan-check':
      return t.loanCheck(amount, exception.dueOn ?? exception.since);
    case 'maturing':
      return t.maturing(amount, exception.loan.maturityDate, daysBetween(businessDate, exception.loan.maturityDate));
  }
}

/** One or two things to talk about: what the exception asks for, then products the client does not hold yet. */
export function talkingPointsOf(entry: RankedEntry, locale: Locale): string[] {
  const t = text[locale];
  const points: string[] = [];
  for (const exception of entry.exceptions) {
    if (exception.kind === 'arrears-act' || exception.kind === 'arrears-watch') points.push(t.repaymentPlan);
    else if (exception.kind === 'loan-check') points.push(t.postLoanCheck);
    else points.push(t.renewal(exception.loan.maturityDate));
  }
  for (const product of productsNotHeld(entry.client)) points.push(t.offer(locale === 'zh-CN' ? product.zh : product.en));
  return [...new Set(points)].slice(0, 2);
}

const MAX_NOTE_LENGTH = 120;

/** The client's latest touch in one line: local date, channel, outcome and the start of the note. */
export function lastTouchSummary(client: Client, locale: Locale, timeZone: string): string | undefined {
  const touch = client.lastTouch;
  if (!touch) return client.lastContactAt ? localDateOf(client.lastContactAt, timeZone) : undefined;
  const channel = text[locale].channel[touch.channel] ?? touch.channel;
  const note = touch.note && touch.note.length > MAX_NOTE_LENGTH ? `${touch.note.slice(0, MAX_NOTE_LENGTH - 1)}…` : touch.note;
  const details = [touch.outcome, note].filter(Boolean).join(': ');
  return `${localDateOf(touch.at, timeZone)} ${channel}${details ? ` — ${details}` : ''}`;
}

/** A stored line for each ranked entry, ranks from 1, every line open. */
export function toLines(
  entries: readonly RankedEntry[],
  contactsByClient: ReadonlyMap<string, readonly Contact[]>,
  context: { locale: Locale; businessDate: IsoDate; timeZone: string },
): CallListLine[] {
  return entries.map((entry, index) => {
    const contact = pickContact(entry.client, contactsByClient.get(entry.client.clientId) ?? []);
    // Red when anything about the client is urgent: must-act arrears, or past the tier's maximum interval.
    const urgent = entry.category === 'arrears-act' || entry.inactivity.status === 'red';
    return {
      rank: index + 1,
      clientId: entry.client.clientId,
      clientName: entry.client.name,
      companyName: entry.client.companyName,
      kind: entry.client.kind,
      tier: entry.client.tier,
      category: entry.category,
      flag: urgent ? 'red' : 'amber',
      reason: reasonOf(entry, context.locale, context.businessDate),
      contact: contact ? { name: contact.name, role: contact.role, phone: contact.phone } : undefined,
      lastTouch: lastTouchSummary(entry.client, context.locale, context.timeZone),
      talkingPoints: talkingPointsOf(entry, context.locale),
      priority: {
        score: round2(entry.score),
        overdueFactor: round2(entry.inactivity.overdueFactor),
        valueWeight: round2(entry.valueWeight),
        value: entry.value.total,
        daysSinceContact: entry.inactivity.daysSinceContact,
      },
      status: 'open',
    };
  });
}
