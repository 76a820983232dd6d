// The words of a reminder in each locale: what and why, when, context and the suggested action.
import type { Channel, IsoDate, LifeEvent, Locale, MonthDay } from '../core/model.ts';
import type { Reminder, ReminderKind, SuggestedAction, WhenGroup } from './occasions.ts';
import { suggestedActionsFor } from './occasions.ts';
import { addDays } from '../core/dates/calendar.ts';

export interface Wording {
  kindHeading: Record<ReminderKind, string>;
  groupHeading: Record<WhenGroup, string>;
  subject(businessDate: IsoDate, counts: Record<WhenGroup, number>): string;
  /** `caughtUpDays`: the covered days before the business date; `missedDates`: the business dates among them whose email did not go out. */
  intro(rmName: string, businessDate: IsoDate, caughtUpDays: number, missedDates: number): string;
  what(reminder: Reminder): string;
  when(reminder: Reminder): string;
  action: Record<SuggestedAction, string>;
  /** The last touch; `withYear` when it was in another year than the business date. */
  lastTouch(date: IsoDate | undefined, channel: string | undefined, daysAgo: number | undefined, withYear: boolean): string;
  openFollowUps(count: number): string;
  keyClients(count: number): string;
  contactLabel: string;
  suggestedLabel: string;
  milestoneMark: string;
  footer: string;
}

function dateParts(date: IsoDate): Date {
  return new Date(`${date}T00:00:00Z`);
}

export function lunarMonthDayZh(monthDay: MonthDay): string {
  const months = ['正', '二', '三', '四', '五', '六', '七', '八', '九', '十', '冬', '腊'];
  const digits = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
  const [m, d] = monthDay.split('-').map(Number) as [number, number];
  const day =
    d === 10 ? '初十' : d === 20 ? '二十' : d === 30 ? '三十' : `${['初', '十', '廿'][Math.floor(d / 10)]}${digits[d % 10]}`;
  return `${months[m - 1]}月${day}`;
}

const channelZh: Record<Channel, string> = { call: '电话', visit: '拜访', meal: '餐叙', gift: '送礼', email: '邮件', message: '消息' };

const eventZh: Record<LifeEvent['kind'], string> = {
  wedding: '婚礼',
  new_company: '新公司成立',
  birth: '喜得子女',
  listing: '上市',
  custom: '重要事件',
};
const eventEn: Record<LifeEvent['kind'], string> = {
  wedding: 'wedding',
  new_company: 'new company founded',
  birth: 'birth of a child',
  listing: 'listing',
  custom: 'life event',
};

function amountIn(locale: Locale, amount: number, currency: string): string {
  return `${currency} ${new Intl.NumberFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 2 }).format(amount)}`;
}

const zh: Wording = {
  kindHeading: {
    'follow-up': '待办跟进',
    arrears: '贷款逾期',
    maturity: '贷款到期',
    birthday: '生日',
    anniversary: '周年纪念',
    'life-event': '客户大事',
    festival: '节日问候',
    referral: '转介绍',
  },
  groupHeading: { today: '今天', 'this-week': '本周（7 天内）', later: '稍后' },
  subject: (date, counts) => `客户关怀提醒 ${date}：今天 ${counts.today} 项，本周 ${counts['this-week']} 项，稍后 ${counts.later} 项`,
  intro: (rmName, date, caughtUp, missed) =>
    `${rmName}，您好！以下是 ${formatDateZh(date)} 需要关注的客户关怀事项${
      missed > 0 ? `（含此前 ${caughtUp} 天未发出的事项）` : caughtUp > 0 ? `（含休息日 ${caughtUp} 天内的事项）` : ''
    }。`,
  what(r) {
    switch (r.kind) {
      case 'follow-up':
        return `答应的跟进${r.note ? `：${r.note}` : ''}`;
      case 'arrears':
        return `贷款 ${r.loanId}（${amountIn('zh-CN', r.amount, r.currency)}）已逾期 ${r.daysPastDue} 天`;
      case 'maturity':
        return `贷款 ${r.loanId}（${amountIn('zh-CN', r.amount, r.currency)}）到期`;
      case 'birthday': {
        const lunar = r.lunarMonthDay ? `农历${lunarMonthDayZh(r.lunarMonthDay)}` : '';
        const age = r.age !== undefined ? `${r.age} 岁` : '';
        return `${lunar}生日${age ? `，${age}` : ''}`;
      }
      case 'anniversary':
        return r.anniversary === 'founded' ? `公司成立 ${r.years} 周年` : `与本行合作 ${r.years} 周年`;
      case 'life-event':
        return `${eventZh[r.eventKind]}${r.years !== undefined ? ` ${r.years} 周年` : ''}${r.note ? `：${r.note}` : ''}`;
      case 'festival':
        return r.names['zh-CN'];
      case 'referral':
        return '今年尚未请求转介绍';
    }
  },
  when(r) {
    if (r.kind === 'arrears' || r.kind === 'referral') return '';
    const withYear = otherYear(r);
    const date = formatDateZh(r.occasionDate, undefined, withYear);
    if (r.kind === 'follow-up') {
      if (r.daysUntil < 0) return `应于${date}完成，已逾期 ${-r.daysUntil} 天`;
      return r.daysUntil === 0 ? `今天到期` : `${formatDateZh(r.occasionDate, '休息日', withYear)}到期`;
    }
    const dated = r.dayOff ? formatDateZh(r.occasionDate, '休息日', withYear) : date;
    if (r.daysUntil === 0) return `今天 ${date}`;
    if (r.daysUntil < 0) return `${dated}，已过 ${-r.daysUntil} 天`;
    return `${dated}，还有 ${r.daysUntil} 天`;
  },
  action: {
    'keep-promise': '兑现承诺，完成后记录接触并关闭跟进',
    'arrears-call': '今天致电客户，了解原因并落实还款计划；必要时上门',
    'maturity-plan': '约客户商谈续贷或还款安排',
    'maturity-funds': '确认还款资金已到账户',
    'maturity-today': '确认今日还款到账',
    'birthday-gift': '准备一份印有本行标识的实用小礼物',
    'birthday-lunch': '整数生日：预约一次午餐并准备礼物',
    'birthday-wishes': '当天致电或发消息送上生日祝福',
    'founding-gift': '整数周年：登门道贺并送上贺礼',
    'founding-message': '发送周年贺信或致电祝贺',
    'relationship-lunch': '整数周年：约一次答谢午餐',
    'relationship-thanks': '致电感谢客户多年的信任',
    'event-gift': '送上一份印有本行标识的实用小礼物并致贺',
    'event-visit': '登门道贺，顺带介绍开户与代发工资服务',
    'event-lunch': '约一次庆贺午餐，介绍募集资金托管与财富管理',
    'event-call': '致电问候',
    'festival-gift': '为重点客户准备节日礼品（印有本行标识）',
    'festival-greeting': '节日当天发送问候',
    'referral-ask': '拜访或致电时请客户介绍朋友或上下游企业；问过后以结果 referral-asked 记录接触',
  },
  lastTouch: (date, channel, daysAgo, withYear) =>
    date ? `上次联系 ${formatDateZh(date, undefined, withYear)}${channel ? ` ${channelZh[channel as Channel] ?? channel}` : ''}，${daysAgo} 天前` : '尚无联系记录',
  openFollowUps: (count) => `${count} 项待办跟进`,
  keyClients: (count) => `${count} 位重点客户`,
  contactLabel: '联系人',
  suggestedLabel: '建议',
  milestoneMark: '★ 整数',
  footer: '此邮件由 rm-radar 自动发送。记录接触：rm-radar touch log --client <客户编号> --channel call',
};

const en: Wording = {
  kindHeading: {
    'follow-up': 'Follow-ups',
    arrears: 'Loans in arrears',
    maturity: 'Loan maturities',
    birthday: 'Birthdays',
    anniversary: 'Anniversaries',
    'life-event': 'Life events',
    festival: 'Festivals',
    referral: 'Referral asks',
  },
  groupHeading: { today: 'Today', 'this-week': 'This week (next 7 days)', later: 'Coming up' },
  subject: (date, counts) =>
    `Touch reminders for ${date}: ${counts.today} today, ${counts['this-week']} this week, ${counts.later} coming up`,
  intro: (rmName, date, caughtUp, missed) => {
    const days = `${caughtUp} day${caughtUp === 1 ? '' : 's'}`;
    const including = missed > 0 ? `, including ${days} before it whose reminders were not sent` : caughtUp > 0 ? `, including ${days} off just passed` : '';
    return `Good morning ${rmName}. Here is what to act on for ${formatDateEn(date)}${including}.`;
  },
  what(r) {
    switch (r.kind) {
      case 'follow-up':
        return `Follow-up you promised${r.note ? `: ${r.note}` : ''}`;
      case 'arrears':
        return `Loan ${r.loanId} (${amountIn('en', r.amount, r.currency)}) is ${r.daysPastDue} days past due`;
      case 'maturity':
        return `Loan ${r.loanId} (${amountIn('en', r.amount, r.currency)}) matures`;
      case 'birthday': {
        const lunar = r.lunarMonthDay ? ` (lunar ${r.lunarMonthDay})` : '';
        return `Birthday${lunar}${r.age !== undefined ? `, turns ${r.age}` : ''}`;
      }
      case 'anniversary':
        return r.anniversary === 'founded'
          ? `Company founded ${r.years} year${r.years === 1 ? '' : 's'} ago`
          : `${r.years} year${r.years === 1 ? '' : 's'} with the bank`;
      case 'life-event':
        return `${capitalise(eventEn[r.eventKind])}${r.years !== undefined ? `, ${ordinal(r.years)} anniversary` : ''}${r.note ? `: ${r.note}` : ''}`;
      case 'festival':
        return r.names.en;
      case 'referral':
        return 'Not asked for a referral this year';
    }
  },
  when(r) {
    if (r.kind === 'arrears' || r.kind === 'referral') return '';
    const date = formatDateEn(r.occasionDate, otherYear(r));
    if (r.kind === 'follow-up') {
      if (r.daysUntil < 0) return `was due ${date}, ${-r.daysUntil} day${r.daysUntil === -1 ? '' : 's'} overdue`;
      return r.daysUntil === 0 ? 'due today' : `due ${date} (day off)`;
    }
    const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
    if (r.daysUntil === 0) return `today, ${date}`;
    if (r.daysUntil < 0) return r.dayOff ? `${date} (day off, ${days(-r.daysUntil)} ago)` : `${date}, ${days(-r.daysUntil)} ago`;
    return r.dayOff ? `${date} (day off), in ${days(r.daysUntil)}` : `${date}, in ${days(r.daysUntil)}`;
  },
  action: {
    'keep-promise': 'Do what you promised; log the touch and close the follow-up',
    'arrears-call': 'Call today, find out why and agree a repayment plan; visit if needed',
    'maturity-plan': 'Meet the client about renewal or repayment',
    'maturity-funds': 'Check that the repayment funds are in the account',
    'maturity-today': 'Confirm the repayment arrived today',
    'birthday-gift': "Buy a small practical gift with the bank's mark",
    'birthday-lunch': 'A round birthday: book a lunch and bring a gift',
    'birthday-wishes': 'Call or message with birthday wishes on the day',
    'founding-gift': 'A round anniversary: visit with a congratulatory gift',
    'founding-message': 'Send a congratulatory note or call',
    'relationship-lunch': 'A round anniversary: invite them to a thank-you lunch',
    'relationship-thanks': 'Call to thank them for their years with the bank',
    'event-gift': "Send congratulations with a small practical gift with the bank's mark",
    'event-visit': 'Visit to congratulate; offer accounts and payroll services',
    'event-lunch': 'Invite to a celebratory lunch; offer custody of raised funds and wealth management',
    'event-call': 'Call to congratulate',
    'festival-gift': "Send key clients a festival gift with the bank's mark",
    'festival-greeting': 'Send greetings on the day',
    'referral-ask': 'Ask for introductions to friends or business partners; then log the touch with outcome referral-asked',
  },
  lastTouch: (date, channel, daysAgo, withYear) =>
    date ? `last touch ${formatDateEn(date, withYear)}${channel ? ` (${channel})` : ''}, ${daysAgo} day${daysAgo === 1 ? '' : 's'} ago` : 'no touch recorded',
  openFollowUps: (count) => `${count} open follow-up${count === 1 ? '' : 's'}`,
  keyClients: (count) => `${count} key client${count === 1 ? '' : 's'}`,
  contactLabel: 'contact',
  suggestedLabel: 'Suggested',
  milestoneMark: '★ round number',
  footer: 'Sent by rm-radar. Log a touch: rm-radar touch log --client <id> --channel call',
};

export const wordings: Record<Locale, Wording> = { 'zh-CN': zh, en };

export function formatDateZh(date: IsoDate, note?: string, withYear = false): string {
  const weekday = ['日', '一', '二', '三', '四', '五', '六'][dateParts(date).getUTCDay()];
  return `${withYear ? `${date.slice(0, 4)}年` : ''}${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日（周${weekday}${note ? `，${note}` : ''}）`;
}

export function formatDateEn(date: IsoDate, withYear = false): string {
  const d = dateParts(date);
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  return `${weekday} ${d.getUTCDate()} ${month}${withYear ? ` ${date.slice(0, 4)}` : ''}`;
}

/** Whether a reminder's date is in another year than the business date (which is the date minus daysUntil). */
function otherYear(reminder: Reminder): boolean {
  return addDays(reminder.occasionDate, -reminder.daysUntil).slice(0, 4) !== reminder.occasionDate.slice(0, 4);
}

/** The suggested action(s) of a reminder in a locale: the gift ahead, then what to do on the day when both are due. */
export function actionText(reminder: Reminder, locale: Locale): string {
  const [first, onTheDay] = suggestedActionsFor(reminder).map((action) => wordings[locale].action[action]);
  if (onTheDay === undefined) return first!;
  return locale === 'zh-CN' ? `${first}；${onTheDay}` : `${first}; then ${onTheDay.charAt(0).toLowerCase()}${onTheDay.slice(1)}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
