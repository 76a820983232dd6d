// The entity registry: every kind of item in the single table, with its keys (built and decoded), index entries, schema and TTL.
// The only place that knows how a key is spelled; docs/table-design.md lists the same entities (test/unit/core/entities.test.ts).
import type { ZodType } from 'zod';
import {
  client as clientSchema,
  contact as contactSchema,
  followUp as followUpSchema,
  lifeEvent as lifeEventSchema,
  loan as loanSchema,
  rm as rmSchema,
  touch as touchSchema,
  type IsoDate,
  type MonthDay,
  type Tier,
} from '../model.ts';
import { storedCallList } from '../../call-list/model.ts';
import { feed as feedSchema } from '../../prospect-scan/feeds/types.ts';
import { digestEntry as digestEntrySchema, prospectRecord } from '../../prospect-scan/model.ts';
import { KEEP_SNAPSHOT_DAYS, snapshot as snapshotSchema, type SnapshotScope } from '../../portfolio-report/snapshot.ts';

/** Key or index attributes as an item holds them: attribute name → string. */
export type KeyAttributes = Record<string, string>;

/** What every entity declares; its key builders and decoders are further members of its own. */
export interface Entity {
  /** The item's `type` attribute (the local demo marker has none). */
  type?: string;
  /** What the item holds besides its keys, where it stores a record of the domain (parsed after `withoutKeys`). */
  schema?: ZodType;
  /** How long the item lives (the `expiresAt` attribute): days after it is written or after `from`, or days a setting gives. */
  ttl?: { days: number; from?: string } | { setting: string };
  /** Its key and index entries with the placeholders docs/table-design.md shows them with (a test holds the doc to them). */
  documented: () => KeyAttributes[];
}

const defineEntity = <T extends Entity>(entity: T): T => entity;

const DAY_SECONDS = 86_400;

/** The `expiresAt` value (epoch seconds) of an item kept `days` after `from`. */
export function expiresAt(from: Date, days: number): number {
  return Math.floor(from.getTime() / 1000) + days * DAY_SECONDS;
}

/** The rest of a key value after its prefix; undefined when the value is not of that kind. */
function after(prefix: string, value: unknown): string | undefined {
  return typeof value === 'string' && value.startsWith(prefix) ? value.slice(prefix.length) : undefined;
}

// Prefixes spelled once; most keys are a prefix and an id.
const RM = 'RM#';
const CLIENT = 'CLIENT#';
const CONTACT = 'CONTACT#';
const LOAN = 'LOAN#';
const EVENT = 'EVENT#';
const TOUCH = 'TOUCH#';
const FOLLOWUP = 'FOLLOWUP#';
const SEND = 'SEND#';
const SEEN = 'SEEN#';
const REMINDERS_DONE = 'REMINDERSDONE#';
const ACTIVE = 'ACTIVE#';

/** A sort key that names an RM: the send claims and nothing-due markers of a date, one per RM. */
const rmRef = (rmId: string) => `${RM}${rmId}`;
/** The upper bound of a range of sort keys that begin with `prefix` (for BETWEEN and <=). */
export const upTo = (prefix: string) => `${prefix}\uffff`;

/** The calendar index (byDate): yearly dates by (lunar) month-day, one-off dates by date, per RM; `ref` names the item. */
const calendar = {
  yearlyOn: (rmId: string, monthDay: MonthDay, ref: string) => ({ GSI2PK: `${RM}${rmId}#MD#${monthDay}`, GSI2SK: ref }),
  lunarYearlyOn: (rmId: string, lunarMonthDay: MonthDay, ref: string) => ({ GSI2PK: `${RM}${rmId}#LMD#${lunarMonthDay}`, GSI2SK: ref }),
  onceOn: (rmId: string, date: IsoDate, ref: string) => ({ GSI2PK: `${RM}${rmId}#DAY#${date}`, GSI2SK: ref }),
};

/** The calendar partition of an RM on a Gregorian month-day, a lunar month-day or a date. */
export function calendarPartition(rmId: string, on: { monthDay: MonthDay } | { lunarMonthDay: MonthDay } | { date: IsoDate }): string {
  if ('monthDay' in on) return calendar.yearlyOn(rmId, on.monthDay, '').GSI2PK;
  if ('lunarMonthDay' in on) return calendar.lunarYearlyOn(rmId, on.lunarMonthDay, '').GSI2PK;
  return calendar.onceOn(rmId, on.date, '').GSI2PK;
}

// ---- RMs and clients ---------------------------------------------------------------------------

const ALL_RMS = 'RMS';

const rm = defineEntity({
  type: 'RM',
  schema: rmSchema,
  key: (rmId: string) => ({ PK: `${RM}${rmId}`, SK: 'RM' }),
  /** Every RM in one byOwner partition: each job starts from this list. */
  inRegistry: (rmId: string) => ({ GSI1PK: ALL_RMS, GSI1SK: `${RM}${rmId}` }),
  registryPartition: ALL_RMS,
  documented: (): KeyAttributes[] => [rm.key('<rmId>'), rm.inRegistry('<rmId>')],
});

/** A never-contacted client sorts before every date in the byOwner index. */
const NEVER_CONTACTED = '0000';

const clientPartition = (clientId: string) => `${CLIENT}${clientId}`;
const clientsOfRmPartition = (rmId: string, tier: Tier) => `${RM}${rmId}#TIER#${tier}`;

const client = defineEntity({
  type: 'CLIENT',
  schema: clientSchema,
  key: (clientId: string) => ({ PK: `${CLIENT}${clientId}`, SK: 'CLIENT' }),
  /** The partition of a client and everything it owns (contacts, loans, events, touches, follow-ups, anniversaries). */
  partition: clientPartition,
  /** Clients of an RM per tier, oldest contact first; never-contacted clients sort before all. */
  byLastContact: (rmId: string, tier: Tier, lastContactAt: string | undefined, clientId: string) => ({
    GSI1PK: clientsOfRmPartition(rmId, tier),
    GSI1SK: `${lastContactAt ?? NEVER_CONTACTED}#${clientId}`,
  }),
  byLastContactPartition: clientsOfRmPartition,
  /**
   * The sort keys of a client's own records but its touches: the client item, contacts, life events,
   * follow-ups and loans sort together (CLIENT < CONTACT# < EVENT# < FOLLOWUP# < LOAN#); anniversaries sort
   * before, reminder markers and touches after (test/unit/core/entities.test.ts). One Query reads them.
   */
  recordsRange: { from: 'CLIENT', to: upTo(LOAN) },
  documented: (): KeyAttributes[] => [client.key('<clientId>'), client.byLastContact('<rmId>', '<A/B/C>' as Tier, '<lastContactAt or 0000>', '<clientId>')],
});

export type AnniversaryKind = 'founded' | 'relationship';

const anniversary = defineEntity({
  type: 'ANNIVERSARY',
  key: (clientId: string, kind: AnniversaryKind) => ({ PK: clientPartition(clientId), SK: `ANNIV#${kind}` }),
  onCalendar: (rmId: string, date: IsoDate, clientId: string, kind: AnniversaryKind) =>
    calendar.yearlyOn(rmId, date.slice(5), `ANNIV#${clientId}#${kind}`),
  documented: (): KeyAttributes[] => [
    anniversary.key('<clientId>', 'founded'),
    anniversary.key('<clientId>', 'relationship'),
    anniversary.onCalendar('<rmId>', 'YYYY-<MM-DD>', '<clientId>', '<kind>' as AnniversaryKind),
  ],
});

const contact = defineEntity({
  type: 'CONTACT',
  schema: contactSchema,
  key: (clientId: string, contactId: string) => ({ PK: clientPartition(clientId), SK: `${CONTACT}${contactId}` }),
  sortKeyPrefix: CONTACT,
  /** A birthday in the calendar, on its Gregorian or its lunar month-day. */
  birthdayOn: (rmId: string, birthday: { calendar: 'gregorian' | 'lunar'; monthDay: MonthDay }, clientId: string, contactId: string) => {
    const ref = `BIRTHDAY#${clientId}#${contactId}`;
    return birthday.calendar === 'lunar' ? calendar.lunarYearlyOn(rmId, birthday.monthDay, ref) : calendar.yearlyOn(rmId, birthday.monthDay, ref);
  },
  documented: (): KeyAttributes[] => [
    contact.key('<clientId>', '<contactId>'),
    contact.birthdayOn('<rmId>', { calendar: 'gregorian', monthDay: '<MM-DD>' }, '<clientId>', '<contactId>'),
    contact.birthdayOn('<rmId>', { calendar: 'lunar', monthDay: '<lunar MM-DD>' }, '<clientId>', '<contactId>'),
  ],
});

const arrearsPartition = (rmId: string) => `${RM}${rmId}#ARREARS`;
const maturityPartition = (rmId: string) => `${RM}${rmId}#MATURITY`;

const loan = defineEntity({
  type: 'LOAN',
  schema: loanSchema,
  key: (clientId: string, loanId: string) => ({ PK: clientPartition(clientId), SK: `${LOAN}${loanId}` }),
  sortKeyPrefix: LOAN,
  /** Loans in arrears of an RM, earliest past-due date (most days past due) first (sparse: only loans past due). */
  inArrears: (rmId: string, pastDueSince: IsoDate, loanId: string) => ({ GSI1PK: arrearsPartition(rmId), GSI1SK: `${pastDueSince}#${loanId}` }),
  /**
   * The arrears entry of a loan stored before pastDueSince existed (only a days-past-due snapshot):
   * the old spelling, `<99999 − days>#<loanId>`, kept when such a loan is re-indexed (client moved).
   */
  inArrearsSnapshot: (rmId: string, daysPastDue: number, loanId: string) => ({
    GSI1PK: arrearsPartition(rmId),
    GSI1SK: `${String(99_999 - Math.min(daysPastDue, 99_999)).padStart(5, '0')}#${loanId}`,
  }),
  arrearsPartition,
  byMaturity: (rmId: string, maturityDate: IsoDate, loanId: string) => ({ GSI3PK: maturityPartition(rmId), GSI3SK: `${maturityDate}#${loanId}` }),
  maturityPartition,
  documented: (): KeyAttributes[] => [loan.key('<clientId>', '<loanId>'), loan.inArrears('<rmId>', '<pastDueSince>', '<loanId>'), loan.byMaturity('<rmId>', '<maturityDate>', '<loanId>')],
});

const lifeEvent = defineEntity({
  type: 'EVENT',
  schema: lifeEventSchema,
  key: (clientId: string, eventId: string) => ({ PK: clientPartition(clientId), SK: `${EVENT}${eventId}` }),
  /** A yearly event by its month-day, a one-off event by its date. */
  onCalendar: (rmId: string, event: { recurrence: 'once' | 'yearly'; date: IsoDate; clientId: string; eventId: string }) => {
    const ref = `${EVENT}${event.clientId}#${event.eventId}`;
    return event.recurrence === 'yearly' ? calendar.yearlyOn(rmId, event.date.slice(5), ref) : calendar.onceOn(rmId, event.date, ref);
  },
  documented: (): KeyAttributes[] => [
    lifeEvent.key('<clientId>', '<eventId>'),
    lifeEvent.onCalendar('<rmId>', { recurrence: 'yearly', date: 'YYYY-<MM-DD>', clientId: '<clientId>', eventId: '<eventId>' }),
    lifeEvent.onCalendar('<rmId>', { recurrence: 'once', date: '<date>', clientId: '<clientId>', eventId: '<eventId>' }),
  ],
});

const touch = defineEntity({
  type: 'TOUCH',
  schema: touchSchema,
  key: (clientId: string, at: string, touchId: string) => ({ PK: clientPartition(clientId), SK: `${TOUCH}${at}#${touchId}` }),
  sortKeyPrefix: TOUCH,
  documented: (): KeyAttributes[] => [touch.key('<clientId>', '<at>', '<touchId>')],
});

const openFollowUpsPartition = (rmId: string) => `${RM}${rmId}#FOLLOWUP`;

const followUp = defineEntity({
  type: 'FOLLOWUP',
  schema: followUpSchema,
  key: (clientId: string, touchId: string) => ({ PK: clientPartition(clientId), SK: `${FOLLOWUP}${touchId}` }),
  /** Open follow-ups of an RM by due date (sparse: removed when done). */
  whileOpen: (rmId: string, dueOn: IsoDate, clientId: string, touchId: string) => ({
    GSI3PK: openFollowUpsPartition(rmId),
    GSI3SK: `${dueOn}#${clientId}#${touchId}`,
  }),
  openPartition: openFollowUpsPartition,
  documented: (): KeyAttributes[] => [followUp.key('<clientId>', '<touchId>'), followUp.whileOpen('<rmId>', '<dueOn>', '<clientId>', '<touchId>')],
});

const reminderHandled = defineEntity({
  type: 'REMINDER_HANDLED',
  /** Markers outlive any reminder window (a year covers yearly occasions). */
  ttl: { days: 400 },
  key: (clientId: string, reminderKey: string) => ({ PK: clientPartition(clientId), SK: `REMINDERDONE#${reminderKey}` }),
  documented: (): KeyAttributes[] => [reminderHandled.key('<clientId>', '<reminder key>')],
});

const clientNamePartition = (nameKey: string) => `CLIENTNAME#${nameKey}`;

/** One item per company-name key (companyKey) of a client, so news finds clients by name. */
const clientName = defineEntity({
  type: 'CLIENT_NAME',
  key: (nameKey: string, clientId: string) => ({ PK: clientNamePartition(nameKey), SK: `${CLIENT}${clientId}` }),
  partition: clientNamePartition,
  documented: (): KeyAttributes[] => [clientName.key('<normalised name>', '<clientId>')],
});

// ---- emails --------------------------------------------------------------------------------------

/** The email a send claim is for: one job, RM and business date. */
export interface SendKey {
  job: string;
  rmId: string;
  businessDate: IsoDate;
}

const claimsPartition = (job: string, businessDate: IsoDate) => `${SEND}${job}#${businessDate}`;

/** Exactly-once emails (send-claims.ts): every claim of a job and date shares its partition. */
const sendClaim = defineEntity({
  type: 'SEND_CLAIM',
  ttl: { days: 90 },
  key: ({ job, rmId, businessDate }: SendKey) => ({ PK: claimsPartition(job, businessDate), SK: rmRef(rmId) }),
  partition: claimsPartition,
  /** The (job, RM, date) of a claim item; undefined for an item of another kind. */
  decode: (item: { PK?: unknown; SK?: unknown }): SendKey | undefined => {
    const partition = after(SEND, item.PK);
    const rmId = after(RM, item.SK);
    const dateAt = partition?.lastIndexOf('#') ?? -1;
    if (partition === undefined || rmId === undefined || dateAt < 0) return undefined;
    return { job: partition.slice(0, dateAt), businessDate: partition.slice(dateAt + 1), rmId };
  },
  documented: (): KeyAttributes[] => [sendClaim.key({ job: '<job>', businessDate: '<date>', rmId: '<rmId>' })],
});

/** Per recipient address: bounces and complaints, never content (email-status.ts). */
const emailStatus = defineEntity({
  type: 'EMAIL_STATUS',
  /** `address` already normalised (email-status.ts normaliseAddress: lower-cased). */
  key: (address: string) => ({ PK: `EMAILSTATUS#${address}`, SK: 'STATUS' }),
  documented: (): KeyAttributes[] => [emailStatus.key('<lower-cased address>')],
});

// ---- call lists ----------------------------------------------------------------------------------

const callListsOfRmPartition = (rmId: string) => `${RM}${rmId}#CALLLISTS`;

/** One list per RM and business date; `lines` are stored as a map by client id and parsed as a list (call-list/store.ts). */
const callList = defineEntity({
  type: 'CALLLIST',
  schema: storedCallList,
  /** Lists are kept about 13 months for review. */
  ttl: { days: 400 },
  key: (rmId: string, businessDate: IsoDate) => ({ PK: `CALLLIST#${rmId}#${businessDate}`, SK: 'LIST' }),
  /** Lists of an RM by date (byOwner index), to find the latest list without knowing its date. */
  byRm: (rmId: string, businessDate: IsoDate) => ({ GSI1PK: callListsOfRmPartition(rmId), GSI1SK: businessDate }),
  byRmPartition: callListsOfRmPartition,
  documented: (): KeyAttributes[] => [callList.key('<rmId>', '<date>'), callList.byRm('<rmId>', '<date>')],
});

// ---- touch reminders -----------------------------------------------------------------------------

/**
 * That a reminders run completed for an RM with nothing due (no email, so no send claim). Its own
 * partition per date: a claim there would stop a later re-run of the date from sending.
 */
const nothingDue = defineEntity({
  type: 'REMINDERS_NOTHING_DUE',
  ttl: { days: 90 },
  key: (rmId: string, businessDate: IsoDate) => ({ PK: `${REMINDERS_DONE}${businessDate}`, SK: rmRef(rmId) }),
  /** The RM and date of a marker item; undefined for an item of another kind. */
  decode: (item: { PK?: unknown; SK?: unknown }): { rmId: string; businessDate: IsoDate } | undefined => {
    const businessDate = after(REMINDERS_DONE, item.PK);
    const rmId = after(RM, item.SK);
    return businessDate === undefined || rmId === undefined ? undefined : { rmId, businessDate };
  },
  documented: (): KeyAttributes[] => [nothingDue.key('<rmId>', '<date>')],
});

/**
 * The RM's reachable tier-A clients (ids) as the touch-reminders run of a date found them: the festival
 * greetings and referral asks are theirs, so Today reads this one item instead of the whole tier.
 */
const keyClients = defineEntity({
  type: 'KEY_CLIENTS',
  ttl: { days: 30 },
  key: (rmId: string, businessDate: IsoDate) => ({ PK: `KEYCLIENTS#${rmId}`, SK: businessDate }),
  documented: (): KeyAttributes[] => [keyClients.key('<rmId>', '<date>')],
});

/**
 * That an RM's reminders email carried one reminder (lead time) of one occasion (touch-reminders/store.ts):
 * one partition per RM and occasion date, so a run reads exactly the marks it could repeat.
 */
const reminded = defineEntity({
  type: 'REMINDER_MARK',
  ttl: { days: 90, from: 'the occasion date' },
  key: (rmId: string, occasionDate: IsoDate, occasionRef: string, step: string) => ({ PK: `REMINDED#${rmId}#${occasionDate}`, SK: `${occasionRef}#${step}` }),
  documented: (): KeyAttributes[] => [reminded.key('<rmId>', '<occasion date>', '<occasion>', '<lead>')],
});

// ---- prospect radar ------------------------------------------------------------------------------

const FEED_REGISTRY = 'FEEDS';

const feed = defineEntity({
  type: 'FEED',
  schema: feedSchema,
  key: (feedId: string) => ({ PK: `FEED#${feedId}`, SK: 'FEED' }),
  /** Every feed in one byOwner partition; active feeds sort under ACTIVE#, so the job's list is a key condition, not a filter. */
  inRegistry: (feedId: string, active: boolean) => ({ GSI1PK: FEED_REGISTRY, GSI1SK: `${active ? ACTIVE : 'INACTIVE#'}${feedId}` }),
  registryPartition: FEED_REGISTRY,
  activePrefix: ACTIVE,
  documented: (): KeyAttributes[] => [feed.key('<feedId>'), feed.inRegistry('<feedId>', true), feed.inRegistry('<feedId>', false)],
});

/** An article (or undated item) a scan has processed. */
const seen = defineEntity({
  type: 'SEEN',
  ttl: { setting: 'PROSPECT_SEEN_DAYS' },
  key: (seenId: string) => ({ PK: `${SEEN}${seenId}`, SK: 'SEEN' }),
  /** The id of a seen marker item. */
  decode: (item: { PK?: unknown }) => after(SEEN, item.PK),
  documented: (): KeyAttributes[] => [seen.key('<article id>')],
});

const prospect = defineEntity({
  type: 'PROSPECT',
  schema: prospectRecord,
  key: (companyKey: string) => ({ PK: `PROSPECT#${companyKey}`, SK: 'PROSPECT' }),
  documented: (): KeyAttributes[] => [prospect.key('<normalised company>')],
});

const digestDayPartition = (foundOn: IsoDate) => `PROSPECTDAY#${foundOn}`;

/** A story filed for an RM's digest, under the day it was found. */
const digestEntry = defineEntity({
  type: 'DIGEST_ENTRY',
  schema: digestEntrySchema,
  /** Kept this long for `prospects` look-ups. */
  ttl: { days: 90 },
  key: (foundOn: IsoDate, rmId: string, storyId: string) => ({ PK: digestDayPartition(foundOn), SK: `${rmRef(rmId)}#STORY#${storyId}` }),
  partition: digestDayPartition,
  /** The sort-key prefix of one RM's entries within a day. */
  ofRm: (rmId: string) => `${rmRef(rmId)}#STORY#`,
  documented: (): KeyAttributes[] => [digestEntry.key('<date found>', '<rmId>', '<storyId>')],
});

// ---- portfolio report ----------------------------------------------------------------------------

const SNAPSHOT_DATE = 'DATE#';
const snapshotPartition = (scope: SnapshotScope, ownerId: string) => `SNAPSHOT#${scope}#${ownerId}`;

/** The weekly report's totals of an RM or a team (scope 'team', owner the manager) on a report week: one partition per owner, by date. */
const portfolioSnapshot = defineEntity({
  type: 'PORTFOLIO_SNAPSHOT',
  schema: snapshotSchema,
  ttl: { days: KEEP_SNAPSHOT_DAYS },
  key: (scope: SnapshotScope, ownerId: string, date: IsoDate) => ({ PK: snapshotPartition(scope, ownerId), SK: `${SNAPSHOT_DATE}${date}` }),
  partition: snapshotPartition,
  sortKeyPrefix: SNAPSHOT_DATE,
  documented: (): KeyAttributes[] => [
    portfolioSnapshot.key('rm', '<rmId>', '<week\'s report day>'),
    portfolioSnapshot.key('team', '<managerId>', '<week\'s report day>'),
  ],
});

// ---- drop zone -----------------------------------------------------------------------------------

/** Import records and content hashes outlive the raw files by far. */
const KEEP_DROP_ZONE_DAYS = 400;

/** The drop zone's import record of one object version (exactly once per version). */
const dropZoneImport = defineEntity({
  type: 'DROPZONE_IMPORT',
  ttl: { days: KEEP_DROP_ZONE_DAYS },
  key: (objectKey: string, versionId: string) => ({ PK: `DROPOBJECT#${objectKey}`, SK: `VERSION#${versionId}` }),
  documented: (): KeyAttributes[] => [dropZoneImport.key('<object key>', '<version id>')],
});

/** A file content the drop zone imported, by its hash, so that an identical re-upload is recognised. */
const dropZoneContent = defineEntity({
  type: 'DROPZONE_CONTENT',
  ttl: { days: KEEP_DROP_ZONE_DAYS },
  key: (contentHash: string) => ({ PK: `DROPCONTENT#${contentHash}`, SK: 'CONTENT' }),
  documented: (): KeyAttributes[] => [dropZoneContent.key('<sha-256>')],
});

// ---- runs (the fan-out) ---------------------------------------------------------------------------

const RUN = 'RUN#';
const ALL_RUNS = 'RUNS';
const runPartition = (job: string, businessDate: IsoDate) => `${RUN}${job}#${businessDate}`;

/** A job's run for a business date (fanout/run-record.ts): planned RMs, the planning lease, times; listed by date. */
const run = defineEntity({
  type: 'RUN',
  ttl: { days: 400 },
  key: (job: string, businessDate: IsoDate) => ({ PK: runPartition(job, businessDate), SK: 'RUN' }),
  /** Every run in one byOwner partition, newest date last: `rm-radar runs show` without a date. */
  byDate: (job: string, businessDate: IsoDate) => ({ GSI1PK: ALL_RUNS, GSI1SK: `${businessDate}#${job}` }),
  byDatePartition: ALL_RUNS,
  documented: (): KeyAttributes[] => [run.key('<job>', '<date>'), run.byDate('<job>', '<date>')],
});

/** One RM's outcome in a run, beside the run's header in its partition (one Query counts a run). */
const runOutcome = defineEntity({
  type: 'RUN_OUTCOME',
  ttl: { days: 35 },
  /** `part`: an extra item of the RM's (a manager's team report), counted beside the RM's own. */
  key: (job: string, businessDate: IsoDate, rmId: string, part?: string) => ({ PK: runPartition(job, businessDate), SK: part ? `${rmRef(rmId)}#${part.toUpperCase()}` : rmRef(rmId) }),
  partition: runPartition,
  /** The sort-key prefix of the outcomes (the header's sort key is not one). */
  sortPrefix: RM,
  documented: (): KeyAttributes[] => [runOutcome.key('<job>', '<date>', '<rmId>')],
});

// ---- local only ----------------------------------------------------------------------------------

/** That `npm start` loaded the demo data into DynamoDB Local (bin/local.ts); never in a deployed table. */
const localDemo = defineEntity({
  key: () => ({ PK: 'LOCAL#DEMO', SK: 'LOADED' }),
  documented: (): KeyAttributes[] => [localDemo.key()],
});

/** Every entity of the table, by name. A new one goes here, in docs/table-design.md, and nowhere else. */
export const entities = {
  rm,
  client,
  anniversary,
  contact,
  loan,
  lifeEvent,
  touch,
  followUp,
  reminderHandled,
  clientName,
  sendClaim,
  callList,
  feed,
  seen,
  prospect,
  digestEntry,
  nothingDue,
  keyClients,
  reminded,
  emailStatus,
  dropZoneImport,
  dropZoneContent,
  run,
  runOutcome,
  portfolioSnapshot,
  localDemo,
} satisfies Record<string, Entity>;

export type EntityName = keyof typeof entities;
