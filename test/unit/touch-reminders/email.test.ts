// The reminder email: grouped by when and kind, in the RM's locale, every line with context and an action, escaped.
import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from '../../../lambdas/core/dates/calendar.ts';
import type { Rm } from '../../../lambdas/core/model.ts';
import { renderReminderEmail, reminderLines } from '../../../lambdas/touch-reminders/email.ts';
import type { ClientContext, RmReminders } from '../../../lambdas/touch-reminders/job.ts';
import { reminderWindow, sortReminders, type Reminder } from '../../../lambdas/touch-reminders/occasions.ts';

const calendar = new BusinessCalendar({ market: 'weekends-only' });

function digest(locale: Rm['locale']): RmReminders {
  const rm: Rm = { rmId: 'rm-1', name: locale === 'en' ? 'Grace' : '王敏', email: 'rm@bank.example', locale, industries: [], watchList: [], dailyCallCapacity: 15 };
  const reminders: Reminder[] = [
    { kind: 'birthday', clientId: 'c-1', contact: { contactId: 'p-1', name: '赵总', role: 'CFO' }, calendar: 'gregorian', age: 50, milestone: true, occasionDate: '2026-03-12', daysUntil: 3 },
    { kind: 'birthday', clientId: 'c-2', contact: { contactId: 'p-2', name: '钱女士' }, calendar: 'lunar', lunarMonthDay: '01-21', milestone: false, occasionDate: '2026-03-09', daysUntil: 0 },
    { kind: 'follow-up', clientId: 'c-1', touchId: 't-1', note: '<script>alert(1)</script> 送方案', occasionDate: '2026-03-02', daysUntil: -7 },
    { kind: 'anniversary', clientId: 'c-1', anniversary: 'founded', years: 20, milestone: true, occasionDate: '2026-03-07', daysUntil: -2, dueLeads: [0], dayOff: true },
    { kind: 'maturity', clientId: 'c-2', loanId: 'L-9', amount: 5_000_000, currency: 'CNY', occasionDate: '2026-04-08', daysUntil: 30 },
    { kind: 'festival', festivalId: 'dragon-boat', names: { 'zh-CN': '端午节', en: 'Dragon Boat Festival' }, giftCustom: true, clientIds: ['c-1', 'c-2'], occasionDate: '2026-03-19', daysUntil: 10 },
  ];
  const clients: Record<string, ClientContext> = {
    'c-1': { clientId: 'c-1', name: '华东钢贸有限公司', tier: 'A', contact: { contactId: 'p-1', name: '赵总', role: 'CFO' }, lastTouch: { date: '2026-02-20', channel: 'visit', daysAgo: 17 }, openFollowUps: 2 },
    'c-2': { clientId: 'c-2', name: 'Shencheng <Materials>', tier: 'A', openFollowUps: 0 },
  };
  return { rm, window: reminderWindow('2026-03-09', calendar), reminders: sortReminders(reminders), clients };
}

describe('reminder email', () => {
  it('is in Chinese for a zh-CN RM, grouped today → this week → later, with context and a suggestion on every line', () => {
    const email = renderReminderEmail(digest('zh-CN'));
    expect(email.to).toBe('rm@bank.example');
    expect(email.subject).toBe('客户关怀提醒 2026-03-09：今天 3 项，本周 1 项，稍后 2 项');
    const text = email.text;
    const [today, week, later] = ['== 今天 (3) ==', '== 本周（7 天内） (1) ==', '== 稍后 (2) =='].map((h) => text.indexOf(h));
    expect(today).toBeGreaterThan(0);
    expect(week).toBeGreaterThan(today!);
    expect(later).toBeGreaterThan(week!);
    // Follow-ups come before birthdays within a group.
    expect(text.indexOf('-- 待办跟进 --')).toBeLessThan(text.indexOf('-- 生日 --'));
    expect(text).toContain('华东钢贸有限公司 · 赵总（CFO） — 生日，50 岁 ★ 整数 — 3月12日（周四），还有 3 天');
    expect(text).toContain('上次联系 2月20日（周五） 拜访，17 天前；2 项待办跟进');
    expect(text).toContain('建议：整数生日：预约一次午餐并准备礼物');
    expect(text).toContain('农历正月廿一生日');
    expect(text).toContain('应于3月2日（周一）完成，已逾期 7 天');
    expect(text).toContain('公司成立 20 周年');
    expect(text).toContain('3月7日（周六，休息日），已过 2 天');
    expect(text).toContain('2 位重点客户：华东钢贸有限公司、Shencheng <Materials>');
    expect(text).toContain('（含休息日 2 天内的事项）');
  });

  it('escapes untrusted text in the HTML', () => {
    const { html } = renderReminderEmail(digest('zh-CN'));
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; 送方案');
    expect(html).toContain('Shencheng &lt;Materials&gt;');
    expect(html).toContain('<html lang="zh-CN">');
  });

  it('is in English for an en RM', () => {
    const email = renderReminderEmail(digest('en'));
    expect(email.subject).toBe('Touch reminders for 2026-03-09: 3 today, 1 this week, 2 coming up');
    expect(email.text).toContain('Birthday, turns 50 ★ round number — Thu 12 Mar, in 3 days');
    expect(email.text).toContain("Suggested: Send key clients a festival gift with the bank's mark");
    expect(email.text).toContain('Loan L-9 (CNY 5,000,000) matures');
    expect(email.text).toContain('was due Mon 2 Mar, 7 days overdue');
    expect(email.text).toContain('last touch Fri 20 Feb (visit), 17 days ago; 2 open follow-ups');
    expect(email.html).toContain('<html lang="en">');
  });

  it('names the client and the contact on each line, the contact of a birthday being the person', () => {
    const lines = reminderLines(digest('en'));
    const maturity = lines.find((l) => l.kind === 'maturity')!;
    expect(maturity).toMatchObject({ client: 'Shencheng <Materials>', group: 'later', context: ['no touch recorded'] });
    expect(maturity.contact).toBeUndefined();
    expect(lines.find((l) => l.kind === 'birthday' && l.group === 'today')).toMatchObject({ client: 'Shencheng <Materials>', contact: '钱女士' });
  });
});

describe('dates in another year', () => {
  it('carry the year: a last touch or an overdue follow-up from last year', () => {
    const data = digest('en');
    data.window = reminderWindow('2027-01-05', calendar);
    data.reminders = [{ kind: 'follow-up', clientId: 'c-1', touchId: 't-1', occasionDate: '2026-12-28', daysUntil: -8 }];
    data.clients['c-1']!.lastTouch = { date: '2026-12-18', channel: 'call', daysAgo: 18 };
    const { text } = renderReminderEmail(data);
    expect(text).toContain('was due Mon 28 Dec 2026, 8 days overdue');
    expect(text).toContain('last touch Fri 18 Dec 2026 (call), 18 days ago');
    const zh = renderReminderEmail({ ...data, rm: { ...data.rm, locale: 'zh-CN' } }).text;
    expect(zh).toContain('应于2026年12月28日（周一）完成');
  });
});

describe('days off and missed dates', () => {
  const goldenWeek: Reminder = {
    kind: 'birthday', clientId: 'c-1', contact: { contactId: 'p-1', name: '赵总', role: 'CFO' }, calendar: 'gregorian', milestone: false,
    occasionDate: '2025-10-05', daysUntil: 5, dueLeads: [3, 0], dayOff: true,
  };

  it('say that an occasion ahead is on a day off, and ask for the gift and the wishes that day', () => {
    const data = digest('en');
    data.window = reminderWindow('2025-09-30', new BusinessCalendar({ market: 'CN' }));
    data.reminders = [goldenWeek];
    const { text } = renderReminderEmail(data);
    expect(text).toContain('Birthday — Sun 5 Oct (day off), in 5 days');
    expect(text).toContain("Suggested: Buy a small practical gift with the bank's mark; then call or message with birthday wishes on the day");
    const zh = renderReminderEmail({ ...data, rm: { ...data.rm, locale: 'zh-CN' } }).text;
    expect(zh).toContain('生日 — 10月5日（周日，休息日），还有 5 天');
    expect(zh).toContain('建议：准备一份印有本行标识的实用小礼物；当天致电或发消息送上生日祝福');
  });

  it('give the day itself sent ahead only the wishes', () => {
    const data = digest('en');
    data.reminders = [{ ...goldenWeek, dueLeads: [0] }];
    expect(renderReminderEmail(data).text).toContain('Suggested: Call or message with birthday wishes on the day');
  });

  it('say "N days ago" without "day off" for a missed business date, and name the missed days in the intro', () => {
    const data = digest('en');
    data.window = reminderWindow('2026-03-10', calendar, '2026-03-06');
    data.reminders = [{ ...goldenWeek, occasionDate: '2026-03-09', daysUntil: -1, dueLeads: [0], dayOff: undefined }];
    const { text } = renderReminderEmail(data);
    expect(text).toContain('Birthday — Mon 9 Mar, 1 day ago');
    expect(text).toContain('Suggested: Call or message with birthday wishes on the day');
    expect(text).toContain('including 3 days before it whose reminders were not sent');
    const zh = renderReminderEmail({ ...data, rm: { ...data.rm, locale: 'zh-CN' } }).text;
    expect(zh).toContain('生日 — 3月9日（周一），已过 1 天');
    expect(zh).toContain('（含此前 3 天未发出的事项）');
  });
});
