// The touch-reminders job: per RM, find what is due in the window with queries, and email it once.
import pLimit from 'p-limit';
import { displayName, type Client, type FollowUp, type IsoDate, type Rm, type Tier } from '../core/model.ts';
import { addDays, BusinessCalendar, businessDateOf, daysBetween, localTimeToInstant, year as yearOf } from '../core/dates/calendar.ts';
import type { Job, JobDeps, JobOptions } from '../core/job.ts';
import type { PerRmJob, RmWork } from '../core/fanout/per-rm-job.ts';
import { runInProcess } from '../core/fanout/run-in-process.ts';
import { sendOnce } from '../core/mail/send-once.ts';
import { errorLogFields } from '../core/errors.ts';
import type { CalendarEntry } from '../core/store/radar-store.ts';
import { festivalsDue, festivalsFromConfig } from './festivals.ts';
import {
  arrearsReminders,
  calendarKeysFor,
  followUpReminders,
  isReferralAskDue,
  dueLeadsOf,
  occasionDatesOf,
  pickMainContact,
  remindersFromCalendarEntry,
  reminderWindow,
  sortReminders,
  timingOf,
  withDayItself,
  type ContactRef,
  type Reminder,
  type ReminderWindow,
} from './occasions.ts';
import { lastAnsweredDates, markNothingDue, markReminded, marksOf, remindedByOtherDates, storeKeyClients, wasAskedForReferralSince, withoutReminded } from './store.ts';
import { renderReminderEmail } from './email.ts';
import { handledMarkers, isHandledOn, reminderKey } from './handled.ts';
import { touchRemindersJob } from './descriptor.ts';

const JOB_NAME = touchRemindersJob.name;

/** What the email says about a client besides the reminder itself. */
export interface ClientContext {
  clientId: string;
  name: string;
  tier: Tier;
  /** The person to reach (for birthdays the line names the contact itself). */
  contact?: ContactRef;
  lastTouch?: { date: IsoDate; channel?: string; daysAgo: number };
  openFollowUps: number;
}

export interface RmReminders {
  rm: Rm;
  window: ReminderWindow;
  reminders: Reminder[];
  clients: Record<string, ClientContext>;
}

/** What collectReminders found, and the RM's reachable tier-A clients by id (read or given): festival greetings and referral asks are for them. */
export type CollectedReminders = RmReminders & { keyClientIds: string[] };

/** Reminders that are courtesies: none for a client who asked not to be contacted. */
const COURTESY_KINDS = new Set<Reminder['kind']>(['birthday', 'anniversary', 'life-event', 'festival', 'referral']);

/**
 * What is due for one RM in a window. Reads with Query and BatchGet only; cost follows what is due.
 * `keyClientIds`, when given (what the day's run stored: storeKeyClients), stands for the RM's reachable
 * tier-A clients, so the tier is not read; the clients of the reminders due are read by key all the same.
 */
export async function collectReminders(
  deps: Pick<JobDeps, 'store' | 'config'>,
  rm: Rm,
  window: ReminderWindow,
  keyClientIds?: readonly string[],
): Promise<CollectedReminders> {
  const { store, config } = deps;
  const limit = pLimit(4);

  const [calendarReminders, allOpenFollowUps, maturing, inArrears, keyClients] = await Promise.all([
    calendarRemindersFor(deps, rm.rmId, window, limit),
    limit(() => store.listOpenFollowUps(rm.rmId, '9999-12-31')),
    maturityReminders(deps, rm.rmId, window, limit),
    limit(() => store.listLoansInArrears(rm.rmId)),
    keyClientIds ? Promise.resolve([]) : limit(() => store.listClientsByLastContact(rm.rmId, 'A')),
  ]);

  const reminders: Reminder[] = [
    ...calendarReminders,
    ...maturing,
    ...followUpReminders(allOpenFollowUps, window),
    ...arrearsReminders(inArrears, window, config.callList.arrearsAlertDays),
  ];

  const reachableKeyClients = keyClientIds
    ? [...keyClientIds].sort()
    : keyClients.filter((c) => !c.doNotContact).map((c) => c.clientId).sort();
  if (reachableKeyClients.length > 0) {
    for (const due of festivalsDue(festivalsFromConfig(config.reminders.festivals), window, config.reminders.festivalLeadDays)) {
      const { festival, ...timing } = due;
      reminders.push({
        ...timing,
        kind: 'festival',
        festivalId: festival.id,
        names: festival.names,
        giftCustom: festival.giftCustom,
        clientIds: reachableKeyClients,
      });
    }
  }

  const referralCandidates = reachableKeyClients.filter((clientId) => isReferralAskDue(clientId, window.coveredDays));
  const yearStart = localTimeToInstant(`${yearOf(window.businessDate)}-01-01`, '00:00', config.timeZone).toISOString();
  const asked = await Promise.all(
    referralCandidates.map((clientId) => limit(() => wasAskedForReferralSince(store.table, clientId, yearStart))),
  );
  referralCandidates.forEach((clientId, index) => {
    if (!asked[index]) {
      reminders.push({ kind: 'referral', occasionDate: window.businessDate, daysUntil: 0, clientId });
    }
  });

  // Clients of every reminder: names, tiers, last touch, and who to reach.
  const known = new Map<string, Client>(keyClients.map((c) => [c.clientId, c]));
  const missing = [...new Set(reminders.flatMap(clientIdsOf))].filter((id) => !known.has(id));
  for (const c of await store.getClients(missing)) known.set(c.clientId, c);

  // A client moved to another RM or removed since it was indexed (or since the day's key clients were stored) is not this RM's to remind of.
  const remindable = (clientId: string, kind: Reminder['kind']) => {
    const c = known.get(clientId);
    if (!c || c.rmId !== rm.rmId) return false;
    return !(COURTESY_KINDS.has(kind) && c.doNotContact);
  };
  const ofThisRm = reminders.flatMap((r): Reminder[] => {
    if (r.kind !== 'festival') return remindable(r.clientId, r.kind) ? [r] : [];
    const clientIds = r.clientIds.filter((clientId) => remindable(clientId, r.kind));
    return clientIds.length > 0 ? [{ ...r, clientIds }] : [];
  });
  // Reminders the RM marked done (or snoozed) in the workbench or from a link are not repeated.
  const markers = await handledMarkers(store.table, ofThisRm.flatMap((r) => (r.kind === 'festival' ? [] : [reminderKey(r)])));
  const notHandled = ofThisRm.filter((r) => r.kind === 'festival' || !isHandledOn(markers.get(reminderKey(r)), window.businessDate));
  // Nor is an occasion's lead time carried by a sent email of another date: e.g. on a re-run of a day
  // whose failed email the next day's run already caught up.
  const carried = await remindedByOtherDates(store.table, JOB_NAME, rm.rmId, window.businessDate, marksOf(notHandled));
  const kept = withoutReminded(notHandled, carried);

  const needContact = [...new Set(kept.filter((r) => r.kind !== 'festival' && r.kind !== 'birthday').flatMap(clientIdsOf))];
  const contacts = new Map(
    await Promise.all(needContact.map((id) => limit(async () => [id, pickMainContact(await store.getContacts(id))] as const))),
  );

  const clients: Record<string, ClientContext> = {};
  for (const id of new Set(kept.flatMap(clientIdsOf))) {
    const c = known.get(id);
    if (!c) continue;
    clients[id] = clientContext(c, contacts.get(id), allOpenFollowUps, window.businessDate, config.timeZone);
  }
  return { rm, window, reminders: sortReminders(kept), clients, keyClientIds: reachableKeyClients };
}

/** Birthdays, anniversaries and life events from the calendar index, for every occasion date the leads reach. */
async function calendarRemindersFor(
  deps: Pick<JobDeps, 'store' | 'config'>,
  rmId: string,
  window: ReminderWindow,
  limit: ReturnType<typeof pLimit>,
): Promise<Reminder[]> {
  const leads = { birthday: deps.config.reminders.birthdayLeadDays, event: deps.config.reminders.eventLeadDays };
  const candidateDates = occasionDatesOf(window, [...leads.birthday, ...leads.event]);
  const partitions = new Map<string, Parameters<typeof deps.store.listCalendar>[1]>();
  for (const date of candidateDates) {
    const keysOfDate = calendarKeysFor(date);
    for (const monthDay of keysOfDate.monthDays) partitions.set(`md:${monthDay}`, { monthDay });
    for (const lunarMonthDay of keysOfDate.lunarMonthDays) partitions.set(`lunar:${lunarMonthDay}`, { lunarMonthDay });
    partitions.set(`date:${date}`, { date });
  }
  const pages = await Promise.all([...partitions.values()].map((on) => limit(() => deps.store.listCalendar(rmId, on))));
  const entries = new Map<string, CalendarEntry>();
  for (const entry of pages.flat()) entries.set(calendarEntryId(entry), entry);
  return [...entries.values()].flatMap((entry) => remindersFromCalendarEntry(entry, candidateDates, window, leads));
}

/** Loans maturing a lead time after a reminder day (30 and 7 days ahead by default), and on the day (caught up after days off). */
async function maturityReminders(
  deps: Pick<JobDeps, 'store' | 'config'>,
  rmId: string,
  window: ReminderWindow,
  limit: ReturnType<typeof pLimit>,
): Promise<Reminder[]> {
  const leads = withDayItself(deps.config.reminders.maturityLeadDays);
  // The day itself also reaches back over the covered days, for the catch-up.
  const rangeOf = (lead: number) =>
    [lead === 0 ? window.coveredDays[0]! : addDays(window.reminderDays[0]!, lead), addDays(window.reminderDays.at(-1)!, lead)] as const;
  const pages = await Promise.all(leads.map((lead) => limit(() => deps.store.listLoansMaturing(rmId, ...rangeOf(lead)))));
  const loans = new Map(pages.flat().map((loan) => [loan.loanId, loan]));
  return [...loans.values()].flatMap((loan) => {
    const dueLeads = dueLeadsOf(loan.maturityDate, leads, window);
    if (dueLeads.length === 0) return [];
    return [
      {
        ...timingOf(loan.maturityDate, dueLeads, window),
        kind: 'maturity' as const,
        clientId: loan.clientId,
        loanId: loan.loanId,
        amount: loan.amount,
        currency: loan.currency,
      },
    ];
  });
}

function calendarEntryId(entry: CalendarEntry): string {
  switch (entry.kind) {
    case 'birthday':
      return `B#${entry.clientId}#${entry.contact.contactId}`;
    case 'anniversary':
      return `A#${entry.clientId}#${entry.anniversary}`;
    case 'event':
      return `E#${entry.clientId}#${entry.event.eventId}`;
  }
}

function clientIdsOf(reminder: Reminder): string[] {
  return reminder.kind === 'festival' ? reminder.clientIds : [reminder.clientId];
}

function clientContext(
  c: Client,
  contact: ContactRef | undefined,
  openFollowUps: readonly FollowUp[],
  businessDate: IsoDate,
  timeZone: string,
): ClientContext {
  const lastTouchDate = c.lastContactAt ? businessDateOf(new Date(c.lastContactAt), timeZone) : undefined;
  return {
    clientId: c.clientId,
    name: displayName(c),
    tier: c.tier,
    ...(contact ? { contact: { contactId: contact.contactId, name: contact.name, ...(contact.role ? { role: contact.role } : {}) } } : {}),
    ...(lastTouchDate
      ? { lastTouch: { date: lastTouchDate, channel: c.lastTouch?.channel, daysAgo: daysBetween(lastTouchDate, businessDate) } }
      : {}),
    openFollowUps: openFollowUps.filter((f) => f.clientId === c.clientId).length,
  };
}

/** One RM's reminders for the date: from the day after the last date answered, emailed once if anything is due. */
async function remindersForRm(deps: JobDeps, rm: Rm, businessDate: IsoDate, options: Pick<JobOptions, 'resendMaybeSent'>): Promise<RmWork> {
  const calendar = new BusinessCalendar(deps.config.calendar);
  const lookBack = previousBusinessDates(businessDate, calendar, CATCH_UP_BUSINESS_DAYS);
  const answered = await lastAnsweredDates(deps.store.table, JOB_NAME, [rm.rmId], lookBack);
  // From the day after the last date answered for this RM: a day whose email failed is sent now.
  // An RM with nothing answered in the look-back (new, or failing for longer) starts as usual.
  const window = reminderWindow(businessDate, calendar, answered.get(rm.rmId));
  if (window.businessDates.length > 1) {
    deps.log.info('touch reminders: catching up missed dates', { rmId: rm.rmId, businessDate, from: window.businessDates[0] });
  }
  const collected = await collectReminders(deps, rm, window);
  // Today reads the day's key clients from here rather than the whole tier.
  await storeKeyClients(deps.store.table, rm.rmId, businessDate, collected.keyClientIds, deps.clock.now());
  const read = { reminders: collected.reminders.length };
  if (collected.reminders.length === 0) {
    // Answered too: the next run starts after this date, so a quiet RM's window does not grow.
    await markNothingDue(deps.store.table, rm.rmId, businessDate, deps.clock.now());
    deps.log.info('touch reminders: nothing due', { rmId: rm.rmId, businessDate });
    return { outcome: 'not-needed', read };
  }
  const email = renderReminderEmail(collected, deps.links);
  // Written before the send, and counted only once this date's claim says sent (see remindedByOtherDates).
  await markReminded(deps.store.table, rm.rmId, businessDate, marksOf(collected.reminders), deps.clock.now());
  const { outcome, error } = await sendOnce(
    { table: deps.store.table, mailer: deps.mailer, clock: deps.clock, leaseSeconds: deps.config.sendLeaseSeconds },
    { job: JOB_NAME, rmId: rm.rmId, businessDate },
    email,
    { resendMaybeSent: options.resendMaybeSent },
  );
  // A suppressed (or failed) email leaves the date unanswered: once the address is fixed, the next
  // email catches up the dates it missed, as far as the look-back reaches.
  if (outcome !== 'suppressed') {
    const logged = { rmId: rm.rmId, businessDate, outcome, reminders: collected.reminders.length };
    if (outcome === 'failed') deps.log.error('touch reminders email failed', { ...logged, ...errorLogFields(error) });
    else deps.log.info('touch reminders email', logged);
  }
  return { outcome, read, error };
}

/** The touch-reminders job per RM: no shared work, one work item per RM. */
export const touchRemindersWork: PerRmJob = { name: JOB_NAME, counters: ['reminders'], itemsReadCounter: 'items', forRm: remindersForRm };

/** The scheduled job: one email per RM with anything due, sent exactly once per business date (planner and workers). */
export const runTouchReminders: Job = runInProcess(touchRemindersWork);

/**
 * How many business dates back a run looks for the last date an RM's reminders were answered (sent,
 * or nothing due). It bounds the reads (two keys per RM and date) and the catch-up after a failure.
 */
export const CATCH_UP_BUSINESS_DAYS = 10;

/** The `count` business dates before `businessDate`, newest first. */
export function previousBusinessDates(businessDate: IsoDate, calendar: BusinessCalendar, count: number): IsoDate[] {
  const dates: IsoDate[] = [];
  for (let date = businessDate; dates.length < count; ) dates.push((date = calendar.previousBusinessDay(date)));
  return dates;
}
