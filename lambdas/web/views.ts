// What each page reads, as plain functions over the store and the job code: every read is a Query or BatchGet on keys of the signed-in RM.
import { addDays, BusinessCalendar } from '../core/dates/calendar.ts';
import { NotFoundError } from '../core/errors.ts';
import { toSimplified } from '../core/chinese-script.ts';
import { tiers, type Client, type IsoDate, type Rm } from '../core/model.ts';
import { CallListStore } from '../call-list/store.ts';
import { ProspectStore } from '../prospect-scan/prospect-store.ts';
import { digestCategories } from '../prospect-scan/model.ts';
import { prospectKey } from '../core/company-name.ts';
import { collectReminders } from '../touch-reminders/job.ts';
import { reminderLines } from '../touch-reminders/email.ts';
import { reminderKey } from '../touch-reminders/handled.ts';
import { keyClientsOf } from '../touch-reminders/store.ts';
import { reminderWindow } from '../touch-reminders/occasions.ts';
import type { TodayView } from './pages/today.ts';
import type { ClientView } from './pages/client.ts';
import type { SearchView } from './pages/search.ts';
import type { HistoryView } from './pages/history.ts';
import type { WebDeps } from './app.ts';

type ViewDeps = Pick<WebDeps, 'store' | 'config' | 'clock'>;

async function requireRm(deps: ViewDeps, rmId: string): Promise<Rm> {
  const rm = await deps.store.getRm(rmId);
  if (!rm) throw new NotFoundError('no such RM');
  return rm;
}

/** The latest call list up to the date, and the reminders due today and this week (the same collection the email uses). */
export async function loadTodayView(deps: ViewDeps, rmId: string, date: IsoDate): Promise<TodayView & { rm: Rm }> {
  const rm = await requireRm(deps, rmId);
  const calendar = new BusinessCalendar(deps.config.calendar);
  const [list, collected, entries] = await Promise.all([
    new CallListStore(deps.store.table).latest(rmId, date),
    // The key clients the morning's reminders run stored (one item), not the whole tier; before a run, as the job reads them.
    keyClientsOf(deps.store.table, rmId, date).then((keyClientIds) => collectReminders(deps, rm, reminderWindow(date, calendar), keyClientIds)),
    new ProspectStore(deps.store.table).entriesOfRm(rmId, newsDays(date)),
  ]);
  const lines = reminderLines(collected);
  const reminders = collected.reminders
    .map((reminder, index) => ({
      line: lines[index]!,
      ...(reminder.kind === 'festival' ? {} : { key: reminderKey(reminder), clientId: reminder.clientId }),
    }))
    .filter((r) => r.line.group !== 'later');
  const news = entries
    .filter((entry) => !entry.handledAs)
    .sort((a, b) => digestCategories.indexOf(a.category) - digestCategories.indexOf(b.category) || b.foundOn.localeCompare(a.foundOn));
  return { rm, today: date, list, reminders, news, snoozeDefault: addDays(date, 7) };
}

/** News stays on Today for the day it was found and the two after (a Monday shows the weekend's). */
const NEWS_DAYS = 3;

function newsDays(date: IsoDate): IsoDate[] {
  return Array.from({ length: NEWS_DAYS }, (_, back) => addDays(date, -back));
}

/** News events a Client page lists, newest first. */
const CLIENT_NEWS_SHOWN = 20;

/** Touches a Client page lists, newest first. */
const CLIENT_TOUCHES_SHOWN = 20;

/** One client's dossier (read by key prefix: only the newest touches, only open follow-ups); another RM's client is not found. */
export async function loadClientView(
  deps: ViewDeps,
  rmId: string,
  clientId: string,
  today: IsoDate,
  story?: { foundOn: IsoDate; storyId: string },
): Promise<Omit<ClientView, 'notice'> & { rm: Rm }> {
  const prospects = new ProspectStore(deps.store.table);
  const [rm, dossier, entry] = await Promise.all([
    requireRm(deps, rmId),
    deps.store.getDossier(clientId, CLIENT_TOUCHES_SHOWN).catch((error: unknown) => {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }),
    story ? prospects.getEntry({ ...story, rmId }) : undefined,
  ]);
  if (!dossier || dossier.client.rmId !== rmId) throw new NotFoundError('no such client');
  // Only a story of this RM's about this client, not yet handled; any other reference is left out.
  const aboutStory = entry && entry.clientId === clientId && !entry.handledAs ? { foundOn: entry.foundOn, storyId: entry.storyId, title: entry.title } : undefined;
  const client = dossier.client;
  // The prospect records filed under any of the client's names: the news matched to it and its IPO stages.
  const names = [client.companyName, client.name, ...client.aliases].filter((name): name is string => Boolean(name));
  const keys = [...new Set(names.map(prospectKey).filter(Boolean))];
  const records = [...(await prospects.getProspects(keys)).values()];
  const news = records
    .flatMap((record) => record.events)
    .sort((a, b) => b.on.localeCompare(a.on))
    .slice(0, CLIENT_NEWS_SHOWN);
  const timeZone = deps.config.timeZone;
  const format = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  return {
    rm,
    dossier,
    news,
    today,
    loanRules: deps.config.callList,
    localTime: (instant) => format.format(new Date(instant)),
    ...(aboutStory ? { aboutStory } : {}),
  };
}

/** Call lists a History page shows: two working weeks and then some. */
export const HISTORY_LISTS_PER_PAGE = 14;

/** The RM's call lists on or before a date, newest first (one Query on the RM's lists, one item more to know if there are older ones). */
export async function loadHistory(deps: ViewDeps, rmId: string, onOrBefore: IsoDate): Promise<HistoryView & { rm: Rm }> {
  const [rm, lists] = await Promise.all([requireRm(deps, rmId), new CallListStore(deps.store.table).recent(rmId, onOrBefore, HISTORY_LISTS_PER_PAGE + 1)]);
  const shown = lists.slice(0, HISTORY_LISTS_PER_PAGE);
  const more = lists.length > HISTORY_LISTS_PER_PAGE;
  return { rm, lists: shown, count: HISTORY_LISTS_PER_PAGE, ...(more ? { olderFrom: addDays(shown.at(-1)!.businessDate, -1) } : {}) };
}

/**
 * The RM's own clients whose name, company, alias or id contains the text (the RM's book: one Query per
 * tier), in Simplified and Traditional script alike and whatever the width or case of Latin letters.
 */
export async function loadSearch(deps: ViewDeps, rmId: string, query: string): Promise<SearchView & { rm: Rm }> {
  const rm = await requireRm(deps, rmId);
  const needle = searchFold(query);
  if (!needle) return { rm, query, clients: [] };
  const book = (await Promise.all(tiers.map((tier) => deps.store.listClientsByLastContact(rmId, tier)))).flat();
  const matches = (c: Client) => [c.name, c.companyName ?? '', ...c.aliases, c.clientId].some((value) => searchFold(value).includes(needle));
  return { rm, query, clients: book.filter(matches).sort((a, b) => a.name.localeCompare(b.name)).slice(0, 50) };
}

/** Text as search compares it: full-width letters and digits as ASCII (NFKC), Simplified script, lower case. */
export function searchFold(text: string): string {
  return toSimplified(text.normalize('NFKC')).toLowerCase().trim();
}
