// Which occasions a run reminds of: windows with lead times and catch-up, yearly dates, ages, milestones, actions.
import type { AnniversaryKind } from '../core/store/entities.ts';
import type { CalendarEntry } from '../core/store/radar-store.ts';
import type { FollowUp, IsoDate, LifeEvent, Loan, MonthDay } from '../core/model.ts';
import { addDays, BusinessCalendar, datesInRange, daysBetween, isLeapYear, monthDayOf, year as yearOf } from '../core/dates/calendar.ts';
import { daysPastDueOn } from '../core/loans.ts';
import { createHash } from 'node:crypto';
import { lunarDateOf } from '../core/dates/chinese-calendar.ts';
import { lunarMonthDaysOn } from './lunar.ts';

/**
 * The days one run answers for, for one RM.
 *
 * Every reminder is sent on a business day chosen from the calendar alone, so consecutive runs never
 * repeat one and a run that never went out is made up by the next:
 * - a lead-time reminder (lead > 0) on the last business day on or before its reminder day (the
 *   occasion minus the lead): early, never late, when the reminder day is a day off;
 * - the day itself (lead 0) on the day when it is a business day; when it is a day off, both on the
 *   last business day before it (greet on time: "Sun 5 Oct, day off — send wishes that day") and,
 *   as a catch-up, on the first business day after it.
 */
export interface ReminderWindow {
  businessDate: IsoDate;
  /**
   * The business dates this run answers for, oldest first: the business date, and before it every
   * business date whose email never went out for this RM (failed after its retries).
   */
  businessDates: IsoDate[];
  /**
   * The calendar days since the last business date already answered, through the business date: the
   * day-itself reminders of these days are sent now (caught up when a day off or a missed date).
   */
  coveredDays: IsoDate[];
  /**
   * Reminder days whose reminders this run sends: from the first of `businessDates` up to the day
   * before the next business day, so a reminder day that is a day off is sent on the business day
   * before it.
   */
  reminderDays: IsoDate[];
  /** The business date and the days off just after it, up to the next business day. */
  daysAhead: IsoDate[];
  /** The business calendar: which occasions fall on days off (for the wording). */
  calendar: BusinessCalendar;
}

/**
 * The window of a run on `businessDate` for an RM whose reminders were last answered (sent, or
 * nothing due) for `lastAnswered`. By default that is the business day before: the usual run.
 */
export function reminderWindow(businessDate: IsoDate, calendar: BusinessCalendar, lastAnswered?: IsoDate): ReminderWindow {
  const previous = lastAnswered !== undefined && lastAnswered < businessDate ? lastAnswered : calendar.previousBusinessDay(businessDate);
  const nextBusinessDay = calendar.nextBusinessDay(businessDate);
  const coveredDays = datesInRange(addDays(previous, 1), businessDate);
  const businessDates = coveredDays.filter((day) => day === businessDate || calendar.isBusinessDay(day));
  return {
    businessDate,
    businessDates,
    coveredDays,
    reminderDays: datesInRange(businessDates[0]!, addDays(nextBusinessDay, -1)),
    daysAhead: datesInRange(businessDate, addDays(nextBusinessDay, -1)),
    calendar,
  };
}

/** Lead times in days, largest first, always with 0: the day itself is never skipped. */
export function withDayItself(leads: readonly number[]): number[] {
  return [...new Set([...leads, 0])].filter((lead) => lead >= 0).sort((a, b) => b - a);
}

/** The occasion dates reminder days reach: every reminder day shifted forward by every lead. */
export function occasionDatesFor(reminderDays: readonly IsoDate[], leads: readonly number[]): IsoDate[] {
  const dates = new Set<IsoDate>();
  for (const lead of withDayItself(leads)) for (const day of reminderDays) dates.add(addDays(day, lead));
  return [...dates].sort();
}

/** The occasion dates a run looks at: those its reminder days reach, and the covered days for the catch-up. */
export function occasionDatesOf(window: ReminderWindow, leads: readonly number[]): IsoDate[] {
  return [...new Set([...window.coveredDays, ...occasionDatesFor(window.reminderDays, leads)])].sort();
}

/**
 * The leads (largest first) for which an occasion is due in a run: a lead whose reminder day is one of
 * the run's reminder days (sent on time, or early for a day off), or — with `catchUp`, festivals have
 * none — the day itself when it is one of the covered days (a day off or a missed date just passed).
 * Empty when nothing is due.
 */
export function dueLeadsOf(occasionDate: IsoDate, leads: readonly number[], window: ReminderWindow, catchUp = true): number[] {
  return withDayItself(leads).filter(
    (lead) => window.reminderDays.includes(addDays(occasionDate, -lead)) || (catchUp && lead === 0 && window.coveredDays.includes(occasionDate)),
  );
}

/** When a due occasion is, seen from the run: days until it, the leads it answers, and whether it is a day off. */
export function timingOf(occasionDate: IsoDate, dueLeads: number[], window: ReminderWindow): Timing {
  return {
    occasionDate,
    daysUntil: daysBetween(window.businessDate, occasionDate),
    dueLeads,
    ...(window.calendar.isBusinessDay(occasionDate) ? {} : { dayOff: true }),
  };
}

/** The date a yearly month-day falls on in a year: 29 February is kept on 28 February in common years. */
export function yearlyDateIn(monthDay: MonthDay, year: number): IsoDate {
  if (monthDay === '02-29' && !isLeapYear(year)) return `${year}-02-28`;
  return `${year}-${monthDay}`;
}

/** The calendar-index partitions to read for occasions on a date. */
export function calendarKeysFor(date: IsoDate): { monthDays: MonthDay[]; lunarMonthDays: MonthDay[]; date: IsoDate } {
  const monthDays = [monthDayOf(date)];
  if (monthDays[0] === '02-28' && !isLeapYear(yearOf(date))) monthDays.push('02-29');
  return { monthDays, lunarMonthDays: lunarMonthDaysOn(date), date };
}

// ---- reminders ----------------------------------------------------------------------------

export interface Timing {
  /** The date of the occasion (for follow-ups the due date, for arrears the business date). */
  occasionDate: IsoDate;
  /** Days from the business date to the occasion: negative when it fell on a day off or a missed date just passed. */
  daysUntil: number;
  /**
   * The lead times this reminder answers in this run, largest first (several when their reminder
   * days are sent on the same business day); absent for follow-ups, arrears and referral asks.
   */
  dueLeads?: number[];
  /** Set when the occasion falls on a day off. */
  dayOff?: boolean;
}

export interface ContactRef {
  contactId: string;
  name: string;
  role?: string;
}

export type Reminder =
  | (Timing & {
      kind: 'follow-up';
      clientId: string;
      touchId: string;
      note?: string;
    })
  | (Timing & { kind: 'arrears'; clientId: string; loanId: string; amount: number; currency: string; daysPastDue: number })
  | (Timing & { kind: 'maturity'; clientId: string; loanId: string; amount: number; currency: string })
  | (Timing & {
      kind: 'birthday';
      clientId: string;
      contact: ContactRef;
      calendar: 'gregorian' | 'lunar';
      /** The lunar month-day, for lunar birthdays. */
      lunarMonthDay?: MonthDay;
      /** Only when the birth year is known. */
      age?: number;
      milestone: boolean;
    })
  | (Timing & { kind: 'anniversary'; clientId: string; anniversary: AnniversaryKind; years: number; milestone: boolean })
  | (Timing & {
      kind: 'life-event';
      clientId: string;
      eventId: string;
      eventKind: LifeEvent['kind'];
      recurrence: LifeEvent['recurrence'];
      /** Years since the event, for yearly ones after the first. */
      years?: number;
      milestone: boolean;
      note?: string;
    })
  | (Timing & { kind: 'festival'; festivalId: string; names: Record<'zh-CN' | 'en', string>; giftCustom: boolean; clientIds: string[] })
  | (Timing & { kind: 'referral'; clientId: string });

export type ReminderKind = Reminder['kind'];

/** The order kinds are shown in: what risks money or a promise first, courtesies after. */
export const kindOrder: readonly ReminderKind[] = [
  'follow-up',
  'arrears',
  'maturity',
  'birthday',
  'anniversary',
  'life-event',
  'festival',
  'referral',
];

export type WhenGroup = 'today' | 'this-week' | 'later';

/** Today (including days off just passed), within the next 7 days, or later. */
export function whenGroupOf(daysUntil: number): WhenGroup {
  if (daysUntil <= 0) return 'today';
  return daysUntil <= 7 ? 'this-week' : 'later';
}

/** Round anniversaries worth a bigger gesture: every fifth year (5, 10, 15, 20 …). */
export function isMilestoneAnniversary(years: number): boolean {
  return years > 0 && years % 5 === 0;
}

/** Round birthdays: every tenth year (30, 40, 50, 60 …). */
export function isMilestoneAge(age: number): boolean {
  return age > 0 && age % 10 === 0;
}

/**
 * The reminders one calendar-index entry gives for a window: the entry's occurrences among the
 * candidate occasion dates that are due with the entry kind's leads.
 */
export function remindersFromCalendarEntry(
  entry: CalendarEntry,
  candidateDates: readonly IsoDate[],
  window: ReminderWindow,
  leads: { birthday: readonly number[]; event: readonly number[] },
): Reminder[] {
  const reminders: Reminder[] = [];
  for (const occasionDate of candidateDates) {
    const dueLeads = dueLeadsOf(occasionDate, entry.kind === 'birthday' ? leads.birthday : leads.event, window);
    if (dueLeads.length === 0) continue;
    const timing = timingOf(occasionDate, dueLeads, window);
    switch (entry.kind) {
      case 'birthday': {
        const birthday = entry.contact.birthday;
        if (!birthday) continue;
        const lunar = birthday.calendar === 'lunar';
        const fallsOn = lunar
          ? lunarMonthDaysOn(occasionDate).includes(birthday.monthDay)
          : yearlyDateIn(birthday.monthDay, yearOf(occasionDate)) === occasionDate;
        if (!fallsOn) continue;
        // A lunar birth year counts in lunar years (a lunar birthday in January may still be in the previous lunar year).
        const age = birthday.year === undefined ? undefined : (lunar ? lunarDateOf(occasionDate).year : yearOf(occasionDate)) - birthday.year;
        if (age !== undefined && age <= 0) continue;
        reminders.push({
          ...timing,
          kind: 'birthday',
          clientId: entry.clientId,
          contact: { contactId: entry.contact.contactId, name: entry.contact.name, role: entry.contact.role },
          calendar: birthday.calendar,
          ...(lunar ? { lunarMonthDay: birthday.monthDay } : {}),
          ...(age !== undefined ? { age } : {}),
          milestone: age !== undefined && isMilestoneAge(age),
        });
        break;
      }
      case 'anniversary': {
        if (yearlyDateIn(monthDayOf(entry.date), yearOf(occasionDate)) !== occasionDate) continue;
        const years = yearOf(occasionDate) - yearOf(entry.date);
        if (years <= 0) continue;
        reminders.push({
          ...timing,
          kind: 'anniversary',
          clientId: entry.clientId,
          anniversary: entry.anniversary,
          years,
          milestone: isMilestoneAnniversary(years),
        });
        break;
      }
      case 'event': {
        const event = entry.event;
        const fallsOn =
          event.recurrence === 'once'
            ? event.date === occasionDate
            : yearlyDateIn(monthDayOf(event.date), yearOf(occasionDate)) === occasionDate;
        const years = yearOf(occasionDate) - yearOf(event.date);
        if (!fallsOn || years < 0) continue;
        reminders.push({
          ...timing,
          kind: 'life-event',
          clientId: entry.clientId,
          eventId: event.eventId,
          eventKind: event.kind,
          recurrence: event.recurrence,
          ...(years > 0 ? { years } : {}),
          milestone: isMilestoneAnniversary(years),
          ...(event.note ? { note: event.note } : {}),
        });
        break;
      }
    }
  }
  return reminders;
}

/**
 * Open follow-ups due by the next business day (one due on a Saturday shows on Friday), and every
 * overdue one until it is done.
 */
export function followUpReminders(openFollowUps: readonly FollowUp[], window: ReminderWindow): Reminder[] {
  const lastAhead = window.daysAhead.at(-1)!;
  return openFollowUps
    .filter((f) => f.status === 'open' && f.dueOn <= lastAhead)
    .map((f) => ({
      kind: 'follow-up' as const,
      occasionDate: f.dueOn,
      daysUntil: daysBetween(window.businessDate, f.dueOn),
      clientId: f.clientId,
      touchId: f.touchId,
      ...(f.note ? { note: f.note } : {}),
    }));
}

/**
 * Loans more than `alertDays` past due on the business date (counted from the date they went past due,
 * so without a re-import), every business day until they are current again or closed.
 */
export function arrearsReminders(loans: readonly Loan[], window: ReminderWindow, alertDays: number): Reminder[] {
  return loans
    .map((loan) => ({ loan, daysPastDue: daysPastDueOn(loan, window.businessDate) }))
    .filter(({ daysPastDue }) => daysPastDue > alertDays)
    .map(({ loan, daysPastDue }) => ({
      kind: 'arrears' as const,
      occasionDate: window.businessDate,
      daysUntil: 0,
      clientId: loan.clientId,
      loanId: loan.loanId,
      amount: loan.amount,
      currency: loan.currency,
      daysPastDue,
    }));
}

// ---- referral asks --------------------------------------------------------------------------

/** Referral asks start after the Spring Festival season and are spread over this many days, so a few come each week. */
const REFERRAL_SPREAD_DAYS = 240;
/** A client not asked yet is suggested again every this many days … */
const REFERRAL_REPEAT_DAYS = 30;
/** … until the year's last weeks, which belong to year-end business. */
const REFERRAL_LAST_MONTH_DAY = '12-20';

/** The day in a year when a tier-A client's yearly referral ask is first suggested (stable per client and year). */
export function referralAskDate(clientId: string, year: number): IsoDate {
  const digest = createHash('sha256').update(`${clientId}#${year}`).digest();
  return addDays(`${year}-03-01`, digest.readUInt32BE(0) % REFERRAL_SPREAD_DAYS);
}

/** Whether a run covering these days suggests asking a (not yet asked) client for a referral. */
export function isReferralAskDue(clientId: string, coveredDays: readonly IsoDate[]): boolean {
  return coveredDays.some((day) => {
    const first = referralAskDate(clientId, yearOf(day));
    const since = daysBetween(first, day);
    return since >= 0 && since % REFERRAL_REPEAT_DAYS === 0 && monthDayOf(day) <= REFERRAL_LAST_MONTH_DAY;
  });
}

// ---- suggested actions ----------------------------------------------------------------------

export type SuggestedAction =
  | 'keep-promise'
  | 'arrears-call'
  | 'maturity-plan'
  | 'maturity-funds'
  | 'maturity-today'
  | 'birthday-gift'
  | 'birthday-lunch'
  | 'birthday-wishes'
  | 'founding-gift'
  | 'founding-message'
  | 'relationship-lunch'
  | 'relationship-thanks'
  | 'event-gift'
  | 'event-visit'
  | 'event-lunch'
  | 'event-call'
  | 'festival-gift'
  | 'festival-greeting'
  | 'referral-ask';

/**
 * What an excellent RM would do about a reminder, given how far ahead it is. A day-itself reminder
 * sent ahead, on the last business day before an occasion on a day off, gets the day's action.
 */
export function suggestedActionFor(reminder: Reminder): SuggestedAction {
  const ahead = reminder.daysUntil > 0 && (reminder.dueLeads?.[0] ?? reminder.daysUntil) > 0;
  switch (reminder.kind) {
    case 'follow-up':
      return 'keep-promise';
    case 'arrears':
      return 'arrears-call';
    case 'maturity':
      return reminder.daysUntil > 14 ? 'maturity-plan' : reminder.daysUntil > 0 ? 'maturity-funds' : 'maturity-today';
    case 'birthday':
      if (!ahead) return 'birthday-wishes';
      return reminder.milestone ? 'birthday-lunch' : 'birthday-gift';
    case 'anniversary':
      if (reminder.anniversary === 'founded') return ahead && reminder.milestone ? 'founding-gift' : 'founding-message';
      return reminder.milestone ? 'relationship-lunch' : 'relationship-thanks';
    case 'life-event':
      if (reminder.recurrence === 'yearly' && reminder.years !== undefined) return reminder.milestone ? 'event-gift' : 'event-call';
      switch (reminder.eventKind) {
        case 'wedding':
        case 'birth':
          return 'event-gift';
        case 'new_company':
          return 'event-visit';
        case 'listing':
          return 'event-lunch';
        default:
          return 'event-call';
      }
    case 'festival':
      return ahead && reminder.giftCustom ? 'festival-gift' : 'festival-greeting';
    case 'referral':
      return 'referral-ask';
  }
}

/**
 * The suggested actions of a reminder: one, or two on the last business day before an occasion on a
 * day off when its lead reminder comes with its day itself (buy the gift, and send wishes that day).
 */
export function suggestedActionsFor(reminder: Reminder): SuggestedAction[] {
  const first = suggestedActionFor(reminder);
  const dueLeads = reminder.dueLeads ?? [];
  if (reminder.daysUntil > 0 && dueLeads.length > 1 && dueLeads.at(-1) === 0) {
    const onTheDay = suggestedActionFor({ ...reminder, dueLeads: [0] });
    if (onTheDay !== first) return [first, onTheDay];
  }
  return [first];
}

/** Reminders in reading order: by kind, then soonest (most overdue) first, then a stable tie-break. */
export function sortReminders(reminders: readonly Reminder[]): Reminder[] {
  const tieBreak = (r: Reminder) => ('clientId' in r ? r.clientId : r.festivalId) + ('contact' in r ? r.contact.contactId : '');
  return [...reminders].sort(
    (a, b) =>
      kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) ||
      a.daysUntil - b.daysUntil ||
      tieBreak(a).localeCompare(tieBreak(b)),
  );
}

/** Roles an RM calls first at a company: finance and the top. */
const MAIN_CONTACT_ROLES = /CFO|财务|finance|treasur|董事长|总经理|总裁|chair|CEO|founder|创始|老板|owner/i;

/** The person to reach about a client: a finance or top role first, else the first contact by id. */
export function pickMainContact<T extends { contactId: string; role?: string }>(contacts: readonly T[]): T | undefined {
  const ordered = [...contacts].sort((a, b) => a.contactId.localeCompare(b.contactId));
  return ordered.find((c) => c.role && MAIN_CONTACT_ROLES.test(c.role)) ?? ordered[0];
}

/** Touch outcomes that record a referral ask (compared case-insensitively, spaces and underscores as dashes). */
export const REFERRAL_ASKED_OUTCOMES: readonly string[] = ['referral-asked', '已请求转介绍', '已请转介绍'];

export function isReferralAskedOutcome(outcome: string | undefined): boolean {
  if (!outcome) return false;
  const normalised = outcome.trim().toLowerCase().replace(/[\s_]+/g, '-');
  return REFERRAL_ASKED_OUTCOMES.includes(normalised);
}
