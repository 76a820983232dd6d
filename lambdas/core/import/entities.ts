// How each importable entity's CSV columns map onto the domain model, with per-cell parsing and checks.
import type { z } from 'zod';
import {
  client,
  contact,
  lifeEvent,
  loan,
  rm,
  type Client,
  type Contact,
  type IndustryCoverage,
  type IsoDate,
  type LifeEvent,
  type Loan,
  type Rm,
} from '../model.ts';
import { pastDueSinceFor } from '../loans.ts';
import { isFutureContact } from '../last-contact.ts';
import { parseAmount, parseBirthday, parseFlag, parseList, parseLocalDate, parseLocalDateTime } from './values.ts';

/** A cell parser returns the value, `undefined` for an empty cell, or an Error naming what is wrong. */
type CellParser = (raw: string, context: ParseContext) => unknown;

export interface ParseContext {
  /** Converts a local date and time in the configured zone to an instant. */
  toInstant: (date: string, time: string) => Date;
  /** The business date the file describes (what "days past due" counts to). */
  asOf: IsoDate;
  /** The time of the import: a last contact after it (beyond the clock-skew allowance) is refused. */
  now: Date;
}

interface ColumnSpec {
  /** The model field the column fills; a dotted path for nested fields. */
  field: string;
  /** Other header spellings accepted, e.g. the Chinese header Excel users write. */
  aliases?: string[];
  required?: boolean;
  parse?: CellParser;
}

export interface EntitySpec<T> {
  name: string;
  /** The column holding the row's id (for duplicate detection and reports). */
  idColumn: string;
  columns: Record<string, ColumnSpec>;
  schema: z.ZodType<T>;
  /** Other entities the rows refer to, checked against the table before anything is written. */
  references?: { column: string; entity: 'rm' | 'client' }[];
  /** Turns a row that passed the schema into what is stored, or names the column that is wrong. */
  finish?(value: T, context: ParseContext): { value: T } | { column: string; message: string };
}

const list: CellParser = (raw) => parseList(raw);
const date: CellParser = (raw) => parseLocalDate(raw) ?? new Error(`"${raw}" is not a date (YYYY-MM-DD, 2026/3/5 or 2026年3月5日)`);
const amount: CellParser = (raw) => parseAmount(raw) ?? new Error(`"${raw}" is not an amount`);
const flag: CellParser = (raw) => parseFlag(raw) ?? new Error(`"${raw}" is not yes/no`);
const integer: CellParser = (raw) => (/^\d+$/.test(raw.trim()) ? Number(raw.trim()) : new Error(`"${raw}" is not a whole number`));
const contactTime: CellParser = (raw, context) => {
  const at = parseLocalDateTime(raw, context.toInstant);
  if (!at) return new Error(`"${raw}" is not a date or date and time`);
  return isFutureContact(at, context.now) ? new Error(`"${raw}" is in the future; a last contact cannot be after the import`) : at;
};
const lowercase: CellParser = (raw) => raw.trim().toLowerCase();
const uppercase: CellParser = (raw) => raw.trim().toUpperCase();
const localeCell: CellParser = (raw) => {
  const value = raw.trim().toLowerCase();
  if (['zh', 'zh-cn', 'cn', '中文'].includes(value)) return 'zh-CN';
  if (['en', 'en-us', 'en-gb', 'english'].includes(value)) return 'en';
  return new Error(`"${raw}" is not a locale (zh-CN or en)`);
};
const birthdayCell: CellParser = (raw) =>
  parseBirthday(raw) ?? new Error(`"${raw}" is not a birthday (MM-DD, YYYY-MM-DD, 3月5日 …)`);

/** Industries as `name:keyword|keyword; name2:keyword` — e.g. `钢贸:钢材|钢贸|steel`. */
const industries: CellParser = (raw) => {
  const coverage: IndustryCoverage[] = [];
  for (const part of raw.split(/[;；]/).map((p) => p.trim()).filter(Boolean)) {
    const [name, keywords] = part.split(/[:：]/, 2);
    if (!name?.trim() || !keywords?.trim()) return new Error(`"${part}" is not INDUSTRY:keyword|keyword`);
    coverage.push({ name: name.trim(), keywords: keywords.split('|').map((k) => k.trim()).filter(Boolean) });
  }
  return coverage;
};

export const rmSpec: EntitySpec<Rm> = {
  name: 'rms',
  idColumn: 'rm_id',
  columns: {
    rm_id: { field: 'rmId', aliases: ['客户经理编号', '工号'], required: true },
    name: { field: 'name', aliases: ['姓名'], required: true },
    email: { field: 'email', aliases: ['邮箱'], required: true },
    locale: { field: 'locale', aliases: ['语言'], parse: localeCell },
    industries: { field: 'industries', aliases: ['行业'], parse: industries },
    watch_list: { field: 'watchList', aliases: ['关注名单'], parse: list },
    daily_capacity: { field: 'dailyCallCapacity', aliases: ['每日拜访量'], parse: integer },
    manager_id: { field: 'managerId', aliases: ['主管编号', '上级编号'] },
  },
  schema: rm,
};

export const clientSpec: EntitySpec<Client> = {
  name: 'clients',
  idColumn: 'client_id',
  columns: {
    client_id: { field: 'clientId', aliases: ['客户编号'], required: true },
    rm_id: { field: 'rmId', aliases: ['客户经理编号'], required: true },
    kind: { field: 'kind', aliases: ['客户类型'], required: true, parse: (raw) => ({ 个人: 'individual', 对公: 'corporate', 企业: 'corporate' })[raw.trim()] ?? raw.trim().toLowerCase() },
    tier: { field: 'tier', aliases: ['等级'], required: true, parse: uppercase },
    name: { field: 'name', aliases: ['客户名称', '名称'], required: true },
    industry: { field: 'industry', aliases: ['行业'] },
    company_name: { field: 'companyName', aliases: ['公司名称'] },
    aliases: { field: 'aliases', aliases: ['别名'], parse: list },
    founded_on: { field: 'foundedOn', aliases: ['成立日期'], parse: date },
    relationship_since: { field: 'relationshipSince', aliases: ['建立关系日期'], parse: date },
    demand_deposits: { field: 'balances.demandDeposits', aliases: ['活期存款'], parse: amount },
    time_deposits: { field: 'balances.timeDeposits', aliases: ['定期存款'], parse: amount },
    aum: { field: 'balances.aum', aliases: ['金融资产'], parse: amount },
    products: { field: 'productsHeld', aliases: ['持有产品'], parse: list },
    last_contact_at: { field: 'lastContactAt', aliases: ['最近联系'], parse: contactTime },
    do_not_contact: { field: 'doNotContact', aliases: ['勿扰'], parse: flag },
    snoozed_until: { field: 'snoozedUntil', aliases: ['暂缓至'], parse: date },
  },
  schema: client,
  references: [{ column: 'rm_id', entity: 'rm' }],
};

export const contactSpec: EntitySpec<Contact> = {
  name: 'contacts',
  idColumn: 'contact_id',
  columns: {
    contact_id: { field: 'contactId', aliases: ['联系人编号'], required: true },
    client_id: { field: 'clientId', aliases: ['客户编号'], required: true },
    name: { field: 'name', aliases: ['姓名'], required: true },
    role: { field: 'role', aliases: ['职务'] },
    phone: { field: 'phone', aliases: ['电话'] },
    email: { field: 'email', aliases: ['邮箱'] },
    birthday: { field: 'birthday', aliases: ['生日'], parse: birthdayCell },
    birthday_calendar: { field: 'birthday.calendar', aliases: ['生日历法'], parse: (raw) => ({ 农历: 'lunar', 公历: 'gregorian', 阳历: 'gregorian' })[raw.trim()] ?? raw.trim().toLowerCase() },
  },
  schema: contact,
  references: [{ column: 'client_id', entity: 'client' }],
};

export const loanSpec: EntitySpec<Loan> = {
  name: 'loans',
  idColumn: 'loan_id',
  columns: {
    loan_id: { field: 'loanId', aliases: ['贷款编号', '借据号'], required: true },
    client_id: { field: 'clientId', aliases: ['客户编号'], required: true },
    amount: { field: 'amount', aliases: ['金额'], required: true, parse: amount },
    currency: { field: 'currency', aliases: ['币种'], parse: (raw) => ({ 人民币: 'CNY', 美元: 'USD', 港币: 'HKD' })[raw.trim()] ?? raw.trim().toUpperCase() },
    start_date: { field: 'startDate', aliases: ['起始日'], required: true, parse: date },
    maturity_date: { field: 'maturityDate', aliases: ['到期日'], required: true, parse: date },
    collateral: { field: 'collateral', aliases: ['担保方式'] },
    days_past_due: { field: 'daysPastDue', aliases: ['逾期天数'], parse: integer },
    past_due_since: { field: 'pastDueSince', aliases: ['逾期起始日'], parse: date },
    last_checked_on: { field: 'lastCheckedOn', aliases: ['最近贷后检查'], parse: date },
  },
  schema: loan,
  references: [{ column: 'client_id', entity: 'client' }],
  finish: storedArrears,
};

/**
 * A loan is stored with the date it went past due, never a day count that would go stale:
 * days_past_due N as of the import's business date D becomes pastDueSince = D − N (none when 0).
 */
function storedArrears(value: Loan, { asOf }: ParseContext): { value: Loan } | { column: string; message: string } {
  const { daysPastDue, ...stored } = value;
  const fromDays = daysPastDue === undefined ? undefined : pastDueSinceFor(daysPastDue, asOf);
  if (stored.pastDueSince && stored.pastDueSince > asOf) {
    return { column: 'past_due_since', message: `${stored.pastDueSince} is after the as-of date ${asOf}` };
  }
  if (stored.pastDueSince && daysPastDue !== undefined && fromDays !== stored.pastDueSince) {
    return {
      column: 'past_due_since',
      message: `${stored.pastDueSince} disagrees with days_past_due ${daysPastDue} as of ${asOf} (${fromDays ? `that is ${fromDays}` : 'not past due'})`,
    };
  }
  const pastDueSince = stored.pastDueSince ?? fromDays;
  return { value: { ...stored, ...(pastDueSince ? { pastDueSince } : {}) } };
}

export const lifeEventSpec: EntitySpec<LifeEvent> = {
  name: 'events',
  idColumn: 'event_id',
  columns: {
    event_id: { field: 'eventId', aliases: ['事件编号'], required: true },
    client_id: { field: 'clientId', aliases: ['客户编号'], required: true },
    date: { field: 'date', aliases: ['日期'], required: true, parse: date },
    kind: { field: 'kind', aliases: ['类型'], required: true, parse: lowercase },
    recurrence: { field: 'recurrence', aliases: ['重复'], parse: lowercase },
    note: { field: 'note', aliases: ['备注'] },
  },
  schema: lifeEvent,
  references: [{ column: 'client_id', entity: 'client' }],
};

export const entitySpecs = {
  rms: rmSpec,
  clients: clientSpec,
  contacts: contactSpec,
  loans: loanSpec,
  events: lifeEventSpec,
} as const;
export type ImportEntity = keyof typeof entitySpecs;
