// Runtime configuration: read from the environment once, validated, typed; a bad value fails fast.
import * as z from 'zod';
import { ConfigError, configIssuesOf } from './errors.ts';
import { isoDate, monthDay, type IsoDate } from './model.ts';
import type { HolidayMarket } from './dates/calendar.ts';
import { MIN_SEND_LEASE_SECONDS } from './mail/send-timing.ts';

const commaList = z
  .string()
  .optional()
  .transform((value) => (value ?? '').split(',').map((item) => item.trim()).filter(Boolean));

const dateList = commaList.pipe(z.array(isoDate));

const numberList = commaList.pipe(z.array(z.string().regex(/^\d+$/, 'expected whole numbers of days').transform(Number)));

/** The built-in festivals the touch-reminders job knows (lunar dates are converted for every year). */
export const builtInFestivalIds = ['new-year', 'spring-festival', 'lantern', 'dragon-boat', 'mid-autumn', 'double-ninth'] as const;

function isFestivalEntry(entry: string): boolean {
  if ((builtInFestivalIds as readonly string[]).includes(entry)) return true;
  const custom = /^(lunar|gregorian):(\d{2}-\d{2}):.{1,40}$/.exec(entry);
  if (!custom) return false;
  // Lunar months have 29 or 30 days; a Gregorian month-day must be a real one.
  return custom[1] === 'lunar' ? /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|30)$/.test(custom[2]!) : monthDay.safeParse(custom[2]).success;
}

const festivalList = commaList.pipe(
  z.array(
    z.string().refine(
      isFestivalEntry,
      `expected a festival id (${builtInFestivalIds.join(', ')}) or lunar:MM-DD:Name / gregorian:MM-DD:Name`,
    ),
  ),
);

const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((value) => value === 'true' || value === '1');

const timeZone = z.string().refine((value) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}, 'not an IANA time zone such as Asia/Shanghai');

/** Tier cadence as `A:14/30,B:30/60,C:90/180` — the ideal and the maximum days between contacts. */
const tierCadence = z
  .string()
  .default('A:14/30,B:30/60,C:90/180')
  .transform((value, ctx) => {
    const cadence: Record<string, { idealDays: number; maxDays: number }> = {};
    for (const part of value.split(',')) {
      const match = /^\s*([ABC])\s*:\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(part);
      if (!match || Number(match[2]) > Number(match[3])) {
        ctx.addIssue({ code: 'custom', message: `"${part}" is not TIER:IDEAL/MAX with IDEAL <= MAX` });
        return z.NEVER;
      }
      cadence[match[1]!] = { idealDays: Number(match[2]), maxDays: Number(match[3]) };
    }
    for (const tier of ['A', 'B', 'C']) {
      if (!cadence[tier]) {
        ctx.addIssue({ code: 'custom', message: `tier ${tier} has no cadence` });
        return z.NEVER;
      }
    }
    return cadence as Record<'A' | 'B' | 'C', { idealDays: number; maxDays: number }>;
  });

const environmentSchema = z.object({
  TABLE_NAME: z.string().min(3, 'must name the DynamoDB table'),
  SENDER_EMAIL: z.email('must be the address emails are sent from'),
  TIME_ZONE: timeZone.default('Asia/Shanghai'),
  HOLIDAY_MARKET: z.enum(['CN', 'weekends-only']).default('CN'),
  EXTRA_HOLIDAYS: dateList,
  EXTRA_WORKDAYS: dateList,
  /** How long a claimed-but-unsent email blocks a re-run; longer than one send can take (SES timeout and the write after it). */
  SEND_LEASE_SECONDS: z.coerce
    .number()
    .int()
    .min(MIN_SEND_LEASE_SECONDS, `must be at least ${MIN_SEND_LEASE_SECONDS}: one send may take that long (the SES timeout and the write that records it)`)
    .default(120),
  // fan-out (lambdas/core/fanout/): the planner paces the workers to the lower of SES's rate and this cap
  SEND_RATE_CAP: z.coerce.number().positive().max(10_000).default(14),
  /** Workers at once: the event source's maximum concurrency in AWS, the in-process workers of `rm-radar run`. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1_000).default(4),
  /** The job's work queue (SQS URL), set on its planner; absent, a run works in-process. */
  WORK_QUEUE_URL: z.url().optional(),
  // call-list
  TIER_CADENCE: tierCadence,
  LARGE_LOAN_THRESHOLD: z.coerce.number().nonnegative().default(100_000),
  POST_LOAN_CHECK_DAYS: z.coerce.number().int().positive().default(90),
  MATURITY_WINDOW_DAYS: z.coerce.number().int().positive().default(30),
  ARREARS_ALERT_DAYS: z.coerce.number().int().nonnegative().default(10),
  // touch-reminders
  BIRTHDAY_LEAD_DAYS: numberList.default([3, 0]),
  EVENT_LEAD_DAYS: numberList.default([7, 0]),
  MATURITY_LEAD_DAYS: numberList.default([30, 7]),
  FESTIVAL_LEAD_DAYS: z.coerce.number().int().nonnegative().default(10),
  /** Festivals for key clients: built-in ids or `lunar:MM-DD:Name` / `gregorian:MM-DD:Name`. */
  FESTIVALS: festivalList.default(['new-year', 'spring-festival', 'lantern', 'dragon-boat', 'mid-autumn', 'double-ninth']),
  // prospect-scan
  ALLOW_PRIVATE_FEED_HOSTS: flag,
  FEED_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  FEED_MAX_BYTES: z.coerce.number().int().positive().default(5_000_000),
  FEED_CONCURRENCY: z.coerce.number().int().positive().default(4),
  FEED_CONTACT_EMAIL: z.email().optional(),
  FEED_RECENCY_DAYS: z.coerce.number().int().positive().default(3),
  FEED_FAILING_AFTER: z.coerce.number().int().positive().default(3),
  FEED_MAX_REDIRECTS: z.coerce.number().int().nonnegative().default(5),
  /** When set, feeds may be read only from these hosts (and their subdomains), redirects included. */
  FEED_ALLOWED_HOSTS: commaList.pipe(z.array(z.string().regex(/^[a-z0-9.-]+$/i, 'expected host names such as news.example.com'))),
  SEND_EMPTY_DIGEST: flag,
  PROSPECT_MIN_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.5),
  PROSPECT_SEEN_DAYS: z.coerce.number().int().positive().default(30),
  FEED_MAX_ITEMS_PER_RUN: z.coerce.number().int().min(1).max(100_000).default(1_000),
  PROSPECT_MAX_STORIES_PER_COMPANY: z.coerce.number().int().min(1).max(200).default(20),
  // portfolio-report
  /** The ISO weekday (1 = Monday … 7 = Sunday) of the weekly report; a holiday moves it to the week's next business day. */
  REPORT_WEEKDAY: z.coerce.number().int().min(1).max(7).default(1),
  /** A maturity month holding more than this share of the loan book is flagged (到期集中). */
  REPORT_MATURITY_CONCENTRATION: z.coerce.number().gt(0).max(1).default(0.3),
  // drop zone (the import function)
  DROPZONE_BUCKET: z.string().min(3).optional(),
  DROPZONE_OPERATOR_EMAIL: z.email('must be the address import reports are emailed to').optional(),
  DROPZONE_WAIT_MINUTES: z.coerce.number().int().min(0).max(1440).default(30),
  DROPZONE_SKIP_INVALID: flag,
  DROPZONE_MAX_FILE_MB: z.coerce.number().int().positive().max(2048).default(200),
  DROPZONE_LEASE_SECONDS: z.coerce.number().int().min(60).max(7200).default(960),
});

/** The variables the functions read, each with its schema above: the one table of runtime settings. */
export type SettingVariable = keyof typeof environmentSchema.shape;
export const SETTING_VARIABLES = Object.keys(environmentSchema.shape) as SettingVariable[];

/**
 * Settings a deployment sets by name (cdk.json `thresholds.<name>`), with the variable each becomes.
 * lib/config.ts derives its `thresholds` field from this, and checks the values with loadConfig.
 */
export const THRESHOLD_SETTINGS = {
  tierCadence: 'TIER_CADENCE',
  largeLoanThreshold: 'LARGE_LOAN_THRESHOLD',
  postLoanCheckDays: 'POST_LOAN_CHECK_DAYS',
  maturityWindowDays: 'MATURITY_WINDOW_DAYS',
  arrearsAlertDays: 'ARREARS_ALERT_DAYS',
  birthdayLeadDays: 'BIRTHDAY_LEAD_DAYS',
  eventLeadDays: 'EVENT_LEAD_DAYS',
  maturityLeadDays: 'MATURITY_LEAD_DAYS',
  festivalLeadDays: 'FESTIVAL_LEAD_DAYS',
  reportWeekday: 'REPORT_WEEKDAY',
  maturityConcentrationShare: 'REPORT_MATURITY_CONCENTRATION',
} as const satisfies Record<string, SettingVariable>;
export type ThresholdName = keyof typeof THRESHOLD_SETTINGS;

export type AppConfig = ReturnType<typeof toAppConfig>;

function toAppConfig(env: z.infer<typeof environmentSchema>) {
  return {
    tableName: env.TABLE_NAME,
    senderEmail: env.SENDER_EMAIL,
    timeZone: env.TIME_ZONE,
    calendar: {
      market: env.HOLIDAY_MARKET as HolidayMarket,
      extraHolidays: env.EXTRA_HOLIDAYS as IsoDate[],
      extraWorkdays: env.EXTRA_WORKDAYS as IsoDate[],
    },
    sendLeaseSeconds: env.SEND_LEASE_SECONDS,
    fanOut: { sendRateCap: env.SEND_RATE_CAP, workerConcurrency: env.WORKER_CONCURRENCY, queueUrl: env.WORK_QUEUE_URL },
    callList: {
      tierCadence: env.TIER_CADENCE,
      largeLoanThreshold: env.LARGE_LOAN_THRESHOLD,
      postLoanCheckDays: env.POST_LOAN_CHECK_DAYS,
      maturityWindowDays: env.MATURITY_WINDOW_DAYS,
      arrearsAlertDays: env.ARREARS_ALERT_DAYS,
    },
    reminders: {
      birthdayLeadDays: env.BIRTHDAY_LEAD_DAYS,
      eventLeadDays: env.EVENT_LEAD_DAYS,
      maturityLeadDays: env.MATURITY_LEAD_DAYS,
      festivalLeadDays: env.FESTIVAL_LEAD_DAYS,
      festivals: env.FESTIVALS,
    },
    prospects: {
      allowPrivateHosts: env.ALLOW_PRIVATE_FEED_HOSTS,
      timeoutMs: env.FEED_TIMEOUT_MS,
      maxBytes: env.FEED_MAX_BYTES,
      concurrency: env.FEED_CONCURRENCY,
      contactEmail: env.FEED_CONTACT_EMAIL,
      /** Only items published in the last N days count, so a new feed's back catalogue does not flood a digest. */
      recencyDays: env.FEED_RECENCY_DAYS,
      /** A feed is reported failing after this many consecutive failed reads. */
      failingAfter: env.FEED_FAILING_AFTER,
      maxRedirects: env.FEED_MAX_REDIRECTS,
      allowedHosts: env.FEED_ALLOWED_HOSTS.map((host) => host.toLowerCase()),
      sendEmptyDigest: env.SEND_EMPTY_DIGEST,
      /** Signals below this confidence are ignored by the prospect job. */
      minConfidence: env.PROSPECT_MIN_CONFIDENCE,
      /** How long an article's seen marker is kept (longer than the recency window, so nothing comes back). */
      seenDays: env.PROSPECT_SEEN_DAYS,
      /** New items one feed contributes to a run; the rest wait for the next runs. */
      maxItemsPerFeed: env.FEED_MAX_ITEMS_PER_RUN,
      /** Stories one company contributes to a run; the least important of the rest are dropped. */
      maxStoriesPerCompany: env.PROSPECT_MAX_STORIES_PER_COMPANY,
    },
    report: {
      weekday: env.REPORT_WEEKDAY,
      maturityConcentrationShare: env.REPORT_MATURITY_CONCENTRATION,
    },
    dropZone: {
      bucket: env.DROPZONE_BUCKET,
      /** Where each file's report is emailed; none: reports are only written next to the files. */
      operatorEmail: env.DROPZONE_OPERATOR_EMAIL,
      /** How long a file waits for an earlier file of its day, or for the RMs or clients it refers to. */
      waitMinutes: env.DROPZONE_WAIT_MINUTES,
      /** Write a file's valid rows even when some rows are bad (the CLI's --skip-invalid). */
      skipInvalid: env.DROPZONE_SKIP_INVALID,
      maxFileBytes: env.DROPZONE_MAX_FILE_MB * 1024 * 1024,
      /** How long a run holds a file; longer than the function's timeout, so a crashed run's file is taken again after it. */
      leaseSeconds: env.DROPZONE_LEASE_SECONDS,
    },
  };
}

/** Reads and validates the configuration; throws a ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const issues = configIssuesOf(parsed.error.issues);
    throw new ConfigError(`invalid configuration — ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`, { issues });
  }
  return toAppConfig(parsed.data);
}
