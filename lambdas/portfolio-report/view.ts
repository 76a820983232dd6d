// The report as it reads, in the RM's locale: sections of rows, each with its value, its changes and a one-line explanation.
import type { Locale, Tier } from '../core/model.ts';
import { channels } from '../core/model.ts';
import { arrearsBuckets, collateralKinds, type PortfolioFigures, type Trended } from './figures.ts';
import { ipoStages, type IpoStage } from '../prospect-scan/signals/types.ts';

export interface ReportRow {
  id: string;
  label: string;
  value: string;
  /** The figure as a number (an amount, a count, or a share between 0 and 1), for the export. */
  raw: number;
  /** Against last week, the start of the month and the start of the year; '—' where history does not reach. */
  changes?: [string, string, string];
  rawChanges?: [number | undefined, number | undefined, number | undefined];
  explanation: string;
  /** A row that needs the RM's attention (a concentrated month, arrears past 10 days, overdue checks). */
  warn?: boolean;
}

export interface ReportSection {
  id: 'numbers' | 'structure' | 'quality' | 'activity';
  title: string;
  rows: ReportRow[];
}

export interface ReportView {
  locale: Locale;
  title: string;
  intro: string;
  historyNote: string;
  changeColumns: [string, string, string];
  sections: ReportSection[];
  exposures: { title: string; columns: [string, string, string]; rows: Array<[string, string, string]> };
}

const pct = (share: number) => `${(share * 100).toFixed(1)}%`;

/** Amounts in 万 (10,000) for Chinese readers and in thousands or millions for English ones. */
export function formatAmount(amount: number, locale: Locale): string {
  if (locale === 'zh-CN') {
    if (Math.abs(amount) >= 1e8) return `${trim(amount / 1e8, 2)}亿`;
    if (Math.abs(amount) >= 1e4) return `${trim(amount / 1e4, 1)}万`;
    return trim(amount, 0);
  }
  if (Math.abs(amount) >= 1e6) return `${trim(amount / 1e6, 2)}M`;
  if (Math.abs(amount) >= 1e3) return `${trim(amount / 1e3, 1)}k`;
  return trim(amount, 0);
}

function trim(value: number, digits: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

function signed(change: number, format: (n: number) => string): string {
  if (change === 0) return '±0';
  return `${change > 0 ? '+' : '−'}${format(Math.abs(change))}`;
}

const tierLabel = (tier: Tier, locale: Locale) => (locale === 'zh-CN' ? `${tier}类客户` : `Tier ${tier} clients`);

export const channelLabels: Record<Locale, Record<(typeof channels)[number], string>> = {
  'zh-CN': { call: '电话', visit: '拜访', meal: '宴请', gift: '赠礼', email: '邮件', message: '短信/微信' },
  en: { call: 'Calls', visit: 'Visits', meal: 'Meals', gift: 'Gifts', email: 'Emails', message: 'Messages' },
};

export const collateralLabels: Record<Locale, Record<(typeof collateralKinds)[number], string>> = {
  'zh-CN': { mortgage: '抵押', pledge: '质押', guarantee: '保证', unsecured: '信用', other: '其他' },
  en: { mortgage: 'Mortgage', pledge: 'Pledge', guarantee: 'Guarantee', unsecured: 'Unsecured', other: 'Other' },
};

export const stageLabels: Record<Locale, Record<IpoStage, string>> = {
  'zh-CN': { preparing: '辅导备案', filed: '申报/递表', approved: '审核通过', offering: '招股/发行', listed: '已上市' },
  en: { preparing: 'Preparing', filed: 'Filed', approved: 'Approved', offering: 'Offering', listed: 'Listed' },
};

const copy = {
  'zh-CN': {
    title: (date: string, who: string) => `${who} 周报（${date}）：看数字、看结构、看质量`,
    intro: '每周一读数：先看数字（比上周、月初、年初），再看结构（存款构成、到期分布、担保方式），再看质量（逾期、贷后检查），最后看本周行动。',
    history: (since: string, first: boolean) =>
      first ? `历史数据自 ${since} 起记录：这是第一份周报，变化一栏将从下周起显示。` : `历史数据自 ${since} 起记录；更早的比较显示为“—”。`,
    changeColumns: ['比上周', '比月初', '比年初'] as [string, string, string],
    sections: { numbers: '看数字', structure: '看结构', quality: '看质量', activity: '本周行动' },
    demand: ['活期存款', '名下客户活期存款余额之和。'],
    time: ['定期存款', '名下客户定期存款余额之和。'],
    aum: ['管理资产（AUM）', '名下客户理财及其他管理资产之和。'],
    loans: ['贷款余额', '名下客户在册贷款金额之和。'],
    clients: (tier: Tier) => [tierLabel(tier, 'zh-CN'), `名下${tier}类客户数。`],
    demandShare: (share: string) => ['活期占比', `活期 ÷ (活期 + 定期) = ${share}；活期占比越高，付息成本越低。`],
    ladderMonth: (month: string, count: number, share: string, limit: string, concentrated: boolean) =>
      `${month} 到期 ${count} 笔，占贷款余额 ${share}${concentrated ? `，超过 ${limit} 的集中度提示线（到期集中：余额波动、工作扎堆，提前安排续贷或回收）` : ''}。`,
    pastMaturity: (count: number) => ['已过到期日仍在册', `${count} 笔贷款已过到期日但仍在贷款文件中：核实是否已还清或展期。`],
    beyond: (count: number) => ['12个月以后到期', `${count} 笔贷款在未来12个月之后到期。`],
    collateral: (label: string, count: number, share: string) => [label, `担保方式为“${label}”的贷款 ${count} 笔，占余额 ${share}。`],
    top: (share: string, n: number) => ['前十大客户敞口', `贷款余额最大的 ${n} 位客户合计占 ${share}；占比越高，单一客户风险越集中。`],
    collateralised: (share: string) => ['抵质押占比', `抵押 + 质押贷款占余额 ${share}；抵质押占比越高，风险越低（保证、信用不计入）。`],
    arrears: (id: string, count: number) => [`逾期 ${id} 天`, `逾期 ${id} 天的贷款 ${count} 笔${id === '1-10' ? '（10天以内且有还款计划可容忍）' : '，需要跟进'}。`],
    checks: (count: number, threshold: string, days: number) => ['贷后检查逾期', `${count} 笔 ${threshold} 以上的贷款距上次检查（或放款）已超过 ${days} 天。`],
    touches: (label: string, count: number) => [label, `本周以“${label}”方式联系客户 ${count} 次。`],
    touchesTotal: (count: number, from: string) => ['本周联系合计', `${from} 起七天内记录的联系次数：${count}。`],
    coverage: (tier: Tier, contacted: number, clients: number, maxDays: number) => [
      `${tier}类覆盖率`,
      `${clients} 位${tier}类客户中 ${contacted} 位在 ${maxDays} 天（该级别最长间隔）内联系过（不含勿扰客户）。`,
    ],
    completion: (done: number, listed: number, lists: number) => ['拜访清单完成率', `本周 ${lists} 份清单共 ${listed} 行，已完成 ${done} 行。`],
    followUps: (count: number) => ['逾期待跟进', `承诺的跟进中已过期仍未完成的：${count} 项。`],
    prospects: (label: string, count: number) => [`潜在客户：${label}`, `本周新闻中处于“${label}”阶段的公司 ${count} 家。`],
    prospectsOther: (count: number) => ['潜在客户：其他信号', `本周新闻中的融资、并购、扩产等其他信号 ${count} 条。`],
    prospectsNew: (count: number) => ['本周新发现', `本周第一次出现的公司 ${count} 家。`],
    exposures: { title: '前十大客户敞口', columns: ['客户', '贷款余额', '占比'] as [string, string, string] },
  },
  en: {
    title: (date: string, who: string) => `${who}: weekly portfolio report (${date}): numbers, structure, quality`,
    intro: 'Read the week in layers: the numbers (against last week, the start of the month and of the year), the structure behind them (deposit mix, maturities, collateral), their quality (arrears, post-loan checks), then the week’s activity.',
    history: (since: string, first: boolean) =>
      first ? `History starts on ${since}: this is the first report, so the change columns fill from next week.` : `History starts on ${since}; comparisons before it show “—”.`,
    changeColumns: ['vs last week', 'vs start of month', 'vs start of year'] as [string, string, string],
    sections: { numbers: 'Numbers', structure: 'Structure', quality: 'Quality', activity: 'Activity this week' },
    demand: ['Demand deposits', 'The sum of your clients’ demand-deposit balances.'],
    time: ['Time deposits', 'The sum of your clients’ time-deposit balances.'],
    aum: ['Assets under management', 'The sum of your clients’ wealth-management and other managed assets.'],
    loans: ['Loans outstanding', 'The sum of the loans on file for your clients.'],
    clients: (tier: Tier) => [tierLabel(tier, 'en'), `How many tier ${tier} clients you manage.`],
    demandShare: (share: string) => ['Demand share', `Demand ÷ (demand + time) = ${share}; a higher demand share costs less interest.`],
    ladderMonth: (month: string, count: number, share: string, limit: string, concentrated: boolean) =>
      `${count} loan${count === 1 ? ' matures' : 's mature'} in ${month}: ${share} of the book${concentrated ? `, above the ${limit} concentration line (balances will swing and work piles up: plan renewals or repayments early)` : ''}.`,
    pastMaturity: (count: number) => ['Past maturity, still on file', `${count} loan${count === 1 ? ' is' : 's are'} past the maturity date but still in the loan file: check repayment or extension.`],
    beyond: (count: number) => ['Maturing after 12 months', `${count} loan${count === 1 ? ' matures' : 's mature'} after the next twelve months.`],
    collateral: (label: string, count: number, share: string) => [label, `${label}: ${count} loan${count === 1 ? '' : 's'}, ${share} of the book.`],
    top: (share: string, n: number) => ['Ten largest exposures', `${n === 1 ? 'Your largest borrower holds' : `Your ${n} largest borrowers hold`} ${share} of the book; the higher, the more rides on single clients.`],
    collateralised: (share: string) => ['Collateralised share', `Mortgage and pledge loans are ${share} of the book; more collateral, less risk (guarantees and unsecured loans do not count).`],
    arrears: (id: string, count: number) => [`${id} days past due`, `${count} loan${count === 1 ? '' : 's'} ${id} days past due${id === '1-10' ? ' (tolerable with a repayment plan)' : ': follow up'}.`],
    checks: (count: number, threshold: string, days: number) => ['Post-loan checks overdue', `${count} loan${count === 1 ? '' : 's'} of ${threshold} or more last checked (or drawn) over ${days} days ago.`],
    touches: (label: string, count: number) => [label, `${label} logged with clients this week: ${count}.`],
    touchesTotal: (count: number, from: string) => ['Touches this week', `Touches logged in the seven days from ${from}: ${count}.`],
    coverage: (tier: Tier, contacted: number, clients: number, maxDays: number) => [
      `Tier ${tier} coverage`,
      `${contacted} of ${clients} tier ${tier} clients were contacted within ${maxDays} days (the tier’s maximum); do-not-contact clients left out.`,
    ],
    completion: (done: number, listed: number, lists: number) => ['Call-list completion', `${done} of the ${listed} lines on this week’s ${lists} lists are done.`],
    followUps: (count: number) => ['Follow-ups overdue', `Promised follow-ups past their date and still open: ${count}.`],
    prospects: (label: string, count: number) => [`Prospects: ${label.toLowerCase()}`, `Companies in the news this week at the “${label.toLowerCase()}” stage: ${count}.`],
    prospectsOther: (count: number) => ['Prospects: other signals', `Funding, M&A, expansion and other signals in the news this week: ${count}.`],
    prospectsNew: (count: number) => ['New this week', `Companies seen for the first time this week: ${count}.`],
    exposures: { title: 'Ten largest exposures', columns: ['Client', 'Loans', 'Share'] as [string, string, string] },
  },
} as const;

export interface ViewOptions {
  locale: Locale;
  /** Who the report is for: the RM's name, or the team's. */
  who: string;
  largeLoanThreshold: number;
  postLoanCheckDays: number;
  tierMaxDays: Record<Tier, number>;
}

/** Turns the figures into the rows the email, the page and the export show. */
export function reportView(figures: PortfolioFigures, options: ViewOptions): ReportView {
  const { locale } = options;
  const t = copy[locale];
  const money = (n: number) => formatAmount(n, locale);
  const count = (n: number) => String(n);
  const changes = (trended: Trended, format: (n: number) => string): [string, string, string] =>
    [trended.lastWeek, trended.startOfMonth, trended.startOfYear].map((b) => (b ? signed(b.change, format) : '—')) as [string, string, string];
  const trendRow = (id: string, [label, explanation]: readonly string[], trended: Trended, format: (n: number) => string): ReportRow => ({
    id,
    label: label!,
    value: format(trended.value),
    raw: trended.value,
    changes: changes(trended, format),
    rawChanges: [trended.lastWeek?.change, trended.startOfMonth?.change, trended.startOfYear?.change],
    explanation: explanation!,
  });
  const row = (id: string, [label, explanation]: readonly string[], raw: number, value: string, warn = false): ReportRow => ({
    id,
    label: label!,
    value,
    raw,
    explanation: explanation!,
    ...(warn ? { warn } : {}),
  });
  const shareRow = (id: string, text: readonly string[], share: number) => row(id, text, share, pct(share));
  const countRow = (id: string, text: readonly string[], n: number, warn = false) => row(id, text, n, String(n), warn);
  const { numbers, structure, quality, activity } = figures;

  const numberRows: ReportRow[] = [
    trendRow('demand-deposits', t.demand, numbers.demandDeposits, money),
    trendRow('time-deposits', t.time, numbers.timeDeposits, money),
    trendRow('aum', t.aum, numbers.aum, money),
    trendRow('loans-outstanding', t.loans, numbers.loansOutstanding, money),
    ...(['A', 'B', 'C'] as const).map((tier) => trendRow(`clients-${tier}`, t.clients(tier), numbers.clients[tier], count)),
  ];

  const limit = pct(structure.concentrationShare);
  const structureRows: ReportRow[] = [
    shareRow('demand-share', t.demandShare(pct(structure.demandShare)), structure.demandShare),
    // Months without maturities stay out of the table (the ladder chart shows all twelve).
    ...structure.ladder.filter((m) => m.count > 0).map((m) =>
      row(`maturity-${m.month}`, [locale === 'zh-CN' ? `${m.month} 到期` : `Maturing ${m.month}`, t.ladderMonth(m.month, m.count, pct(m.share), limit, m.concentrated)], m.amount, money(m.amount), m.concentrated),
    ),
    row('past-maturity', t.pastMaturity(structure.pastMaturity.count), structure.pastMaturity.amount, money(structure.pastMaturity.amount), structure.pastMaturity.count > 0),
    row('beyond-ladder', t.beyond(structure.beyondLadder.count), structure.beyondLadder.amount, money(structure.beyondLadder.amount)),
    ...collateralKinds
      .filter((kind) => kind !== 'other' || structure.collateral.other.count > 0)
      .map((kind) => {
        const entry = structure.collateral[kind];
        return row(`collateral-${kind}`, t.collateral(collateralLabels[locale][kind], entry.count, pct(entry.share)), entry.amount, money(entry.amount));
      }),
    shareRow('top-exposures', t.top(pct(structure.topExposuresShare), structure.topExposures.length), structure.topExposuresShare),
  ];

  const qualityRows: ReportRow[] = [
    shareRow('quality-demand-share', t.demandShare(pct(quality.demandShare)), quality.demandShare),
    shareRow('collateralised-share', t.collateralised(pct(quality.collateralisedShare)), quality.collateralisedShare),
    ...arrearsBuckets.map(({ id }) => {
      const bucket = quality.arrears[id];
      const value = `${bucket.count} · ${money(bucket.amount)}`;
      return row(`arrears-${id}`, t.arrears(id, bucket.count), bucket.amount, value, id !== '1-10' && bucket.count > 0);
    }),
    countRow('overdue-checks', t.checks(quality.overdueChecks.length, money(options.largeLoanThreshold), options.postLoanCheckDays), quality.overdueChecks.length, quality.overdueChecks.length > 0),
  ];

  const activityRows: ReportRow[] = [
    countRow('touches-total', t.touchesTotal(activity.touchesTotal, figures.weekStart), activity.touchesTotal),
    ...channels.map((channel) => countRow(`touches-${channel}`, t.touches(channelLabels[locale][channel], activity.touchesByChannel[channel]), activity.touchesByChannel[channel])),
    ...(['A', 'B', 'C'] as const).map((tier) => {
      const c = activity.coverage[tier];
      return shareRow(`coverage-${tier}`, t.coverage(tier, c.contacted, c.clients, options.tierMaxDays[tier]), c.share);
    }),
    shareRow('call-list-completion', t.completion(activity.callLists.done, activity.callLists.listed, activity.callLists.lists), activity.callLists.share),
    countRow('follow-ups-overdue', t.followUps(activity.overdueFollowUps), activity.overdueFollowUps, activity.overdueFollowUps > 0),
    ...ipoStages.map((stage) => countRow(`prospects-${stage}`, t.prospects(stageLabels[locale][stage], activity.prospects.byStage[stage]), activity.prospects.byStage[stage])),
    countRow('prospects-other', t.prospectsOther(activity.prospects.other), activity.prospects.other),
    countRow('prospects-new', t.prospectsNew(activity.prospects.newThisWeek), activity.prospects.newThisWeek),
  ];

  return {
    locale,
    title: t.title(figures.businessDate, options.who),
    intro: t.intro,
    historyNote: t.history(figures.historySince, figures.historySince === figures.businessDate),
    changeColumns: t.changeColumns,
    sections: [
      { id: 'numbers', title: t.sections.numbers, rows: numberRows },
      { id: 'structure', title: t.sections.structure, rows: structureRows },
      { id: 'quality', title: t.sections.quality, rows: qualityRows },
      { id: 'activity', title: t.sections.activity, rows: activityRows },
    ],
    exposures: {
      title: t.exposures.title,
      columns: t.exposures.columns,
      rows: structure.topExposures.map((e) => [`${e.name} (${e.clientId})`, money(e.amount), pct(e.share)]),
    },
  };
}
