// The domain model: one zod schema per entity; every TypeScript type is derived from its schema.
import * as z from 'zod';

/** A calendar date without time or zone, as the business sees it: `YYYY-MM-DD`. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((value) => isRealDate(value), 'not a real calendar date');
export type IsoDate = z.infer<typeof isoDate>;

/** A month and day without a year (birthdays, anniversaries): `MM-DD`. */
export const monthDay = z
  .string()
  .regex(/^\d{2}-\d{2}$/, 'expected a month-day as MM-DD')
  .refine((value) => isRealDate(`2024-${value}`), 'not a real month-day');
export type MonthDay = z.infer<typeof monthDay>;

/** An instant in time, stored in UTC: `2026-03-05T01:30:00.000Z`. */
export const instant = z.iso.datetime({ offset: true }).transform((value) => new Date(value).toISOString());

export const locales = ['zh-CN', 'en'] as const;
export const locale = z.enum(locales);
export type Locale = z.infer<typeof locale>;

export const tiers = ['A', 'B', 'C'] as const;
export const tier = z.enum(tiers);
export type Tier = z.infer<typeof tier>;

/**
 * Every text and list from outside has a bound, so a cell cannot grow an item past DynamoDB's limits
 * (400 KB an item, 2 KB a partition key, 1 KB a sort key); the import also checks the size of the
 * items it will write, since many lists at their bounds together can still exceed 400 KB.
 */
export const TEXT_BOUNDS = {
  name: 200,
  label: 100,
  phone: 40,
  email: 254,
  outcome: 200,
  note: 2000,
  eventNote: 1000,
  aliases: 20,
  products: 50,
  keywords: 50,
  industries: 20,
  watchList: 500,
} as const;
/** The largest amount accepted: far above any loan or balance, and still exact to the cent as a number. */
export const MAX_AMOUNT = 1e13;

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const textList = (entries: number, length: number) =>
  z.array(text(length)).max(entries, `must have at most ${entries} entries`);
const optionalText = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const email = z.email().max(TEXT_BOUNDS.email, `must be at most ${TEXT_BOUNDS.email} characters`);

const id = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9._-]+$/, 'may contain only letters, digits, dot, underscore and dash');
const name = text(TEXT_BOUNDS.name);
const amount = z.number().finite().nonnegative().max(MAX_AMOUNT, `must be at most ${MAX_AMOUNT.toLocaleString('en-US')}`);

export const industryCoverage = z.object({
  name: text(TEXT_BOUNDS.label),
  keywords: textList(TEXT_BOUNDS.keywords, TEXT_BOUNDS.label).min(1, 'an industry needs at least one keyword'),
});
export type IndustryCoverage = z.infer<typeof industryCoverage>;

export const rm = z.object({
  rmId: id,
  name,
  email,
  locale,
  industries: z.array(industryCoverage).max(TEXT_BOUNDS.industries, `must have at most ${TEXT_BOUNDS.industries} industries`).default([]),
  watchList: textList(TEXT_BOUNDS.watchList, TEXT_BOUNDS.name).default([]),
  dailyCallCapacity: z.number().int().min(1).max(200).default(15),
  /** The RM's team lead (an RM id); the lead gets the team's weekly portfolio report. */
  managerId: id.optional(),
});
export type Rm = z.infer<typeof rm>;

export const clientKinds = ['individual', 'corporate'] as const;

export const balances = z.object({
  demandDeposits: amount.default(0),
  timeDeposits: amount.default(0),
  aum: amount.default(0),
});
export type Balances = z.infer<typeof balances>;

export const client = z.object({
  clientId: id,
  rmId: id,
  kind: z.enum(clientKinds),
  tier,
  name,
  industry: text(TEXT_BOUNDS.label).optional(),
  companyName: text(TEXT_BOUNDS.name).optional(),
  aliases: textList(TEXT_BOUNDS.aliases, TEXT_BOUNDS.name).default([]),
  foundedOn: isoDate.optional(),
  relationshipSince: isoDate.optional(),
  balances: balances.default({ demandDeposits: 0, timeDeposits: 0, aum: 0 }),
  productsHeld: textList(TEXT_BOUNDS.products, TEXT_BOUNDS.label).default([]),
  lastContactAt: instant.optional(),
  /** A short summary of the latest touch, kept with the client by the store when a touch is logged. */
  lastTouch: z
    .object({
      at: z.string().max(40),
      channel: z.string().max(20),
      outcome: optionalText(TEXT_BOUNDS.outcome).optional(),
      note: optionalText(TEXT_BOUNDS.note).optional(),
    })
    .optional(),
  doNotContact: z.boolean().default(false),
  snoozedUntil: isoDate.optional(),
});
export type Client = z.infer<typeof client>;

export const birthday = z
  .object({
    monthDay: z.string().regex(/^\d{2}-\d{2}$/, 'expected a month-day as MM-DD'),
    year: z.number().int().min(1900).max(2100).optional(),
    calendar: z.enum(['gregorian', 'lunar']).default('gregorian'),
  })
  // A lunar month has 29 or 30 days, so 二月三十 is a real lunar birthday though 02-30 is no Gregorian date.
  .refine(
    ({ monthDay: md, calendar }) =>
      calendar === 'lunar' ? /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|30)$/.test(md) : isRealDate(`2024-${md}`),
    { message: 'not a real month-day in that calendar', path: ['monthDay'] },
  );
export type Birthday = z.infer<typeof birthday>;

export const contact = z.object({
  contactId: id,
  clientId: id,
  name,
  role: text(TEXT_BOUNDS.label).optional(),
  phone: text(TEXT_BOUNDS.phone).optional(),
  email: email.optional(),
  birthday: birthday.optional(),
});
export type Contact = z.infer<typeof contact>;

export const loan = z.object({
  loanId: id,
  clientId: id,
  amount: amount,
  currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO currency code such as CNY'),
  startDate: isoDate,
  maturityDate: isoDate,
  collateral: text(TEXT_BOUNDS.name).optional(),
  /**
   * The date the loan went past due (the missed due date): days past due on a date D are D − pastDueSince,
   * so arrears age without a daily re-import. Absent while the loan is current. See core/loans.ts.
   */
  pastDueSince: isoDate.optional(),
  /**
   * Days past due as a user gives it (CSV `days_past_due`); the import turns it into pastDueSince as of
   * its business date. Stored only on items written before pastDueSince existed: read as a snapshot.
   */
  daysPastDue: z.number().int().nonnegative().max(36_500, 'must be at most 36,500 days').optional(),
  lastCheckedOn: isoDate.optional(),
});
export type Loan = z.infer<typeof loan>;

export const lifeEventKinds = ['wedding', 'new_company', 'birth', 'listing', 'custom'] as const;
export const lifeEvent = z.object({
  eventId: id,
  clientId: id,
  date: isoDate,
  kind: z.enum(lifeEventKinds),
  recurrence: z.enum(['once', 'yearly']).default('once'),
  note: optionalText(TEXT_BOUNDS.eventNote).optional(),
});
export type LifeEvent = z.infer<typeof lifeEvent>;

export const channels = ['call', 'visit', 'meal', 'gift', 'email', 'message'] as const;
/** Where a touch was recorded: the CLI, the workbench pages, a one-tap email link, or an import/demo load. */
export const touchSources = ['cli', 'web', 'email-link', 'import'] as const;
export type TouchSource = (typeof touchSources)[number];
export const touch = z.object({
  touchId: id,
  clientId: id,
  rmId: id,
  at: instant,
  channel: z.enum(channels),
  outcome: optionalText(TEXT_BOUNDS.outcome).optional(),
  note: optionalText(TEXT_BOUNDS.note).optional(),
  followUpOn: isoDate.optional(),
  /** Absent on touches stored before sources were recorded. */
  source: z.enum(touchSources).optional(),
});
export type Touch = z.infer<typeof touch>;
export type Channel = Touch['channel'];

/** A follow-up promised in a touch; open until a later touch or the CLI marks it done. */
export const followUp = z.object({
  clientId: id,
  rmId: id,
  touchId: id,
  dueOn: isoDate,
  note: optionalText(TEXT_BOUNDS.note).optional(),
  status: z.enum(['open', 'done']),
});
export type FollowUp = z.infer<typeof followUp>;

/** The company name a client is known by in the news, or the person's name. */
export function displayName(c: Pick<Client, 'name' | 'companyName'>): string {
  return c.companyName ?? c.name;
}

function isRealDate(value: string): boolean {
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}
