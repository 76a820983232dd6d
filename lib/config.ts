// Deployment configuration: read from CDK context (cdk.json, a per-stage section, -c flags), validated at synth time.
import { z } from 'zod';
import { loadConfig, THRESHOLD_SETTINGS, type ThresholdName } from '../lambdas/core/config.ts';
import { ConfigError, configIssuesOf } from '../lambdas/core/errors.ts';
import { JOB_DESCRIPTORS, JOB_NAMES, type JobName } from '../lambdas/job-descriptors.ts';
import { mostPacedWorkers, WORKER_BATCH_SIZE, WORKER_TIMEOUT_SECONDS } from '../lambdas/core/fanout/worker-limits.ts';

/** The context key holding the defaults and the per-stage sections (see cdk.json). */
export const CONTEXT_KEY = 'rm-radar';

/** The deployment configuration is invalid; `issues` name the context fields. */
export class DeployConfigError extends ConfigError {
  override name = 'DeployConfigError';
}

// ---- cron fields (EventBridge Scheduler syntax: minute hour day-of-month month day-of-week year) ----

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** True when every comma-separated part is `*`, N, N-M, with an optional /step, all within [min, max]. */
function isCronList(value: string, min: number, max: number, names: string[] = []): boolean {
  const number = (token: string): number | undefined => {
    const named = names.indexOf(token.toUpperCase());
    if (named >= 0) return named + min;
    if (!/^\d{1,4}$/.test(token)) return undefined;
    const n = Number(token);
    return n >= min && n <= max ? n : undefined;
  };
  return value.split(',').every((part) => {
    const match = /^([^/]+)(?:\/(\d{1,4}))?$/.exec(part);
    if (!match) return false;
    const [, range, step] = match;
    if (step !== undefined && Number(step) < 1) return false;
    if (range === '*') return true;
    const [from, to, ...rest] = range!.split('-');
    if (rest.length > 0) return false;
    const start = number(from!);
    if (start === undefined) return false;
    return to === undefined || (number(to) ?? -1) >= start;
  });
}

const cronField = (what: string, valid: (value: string) => boolean) =>
  z.coerce.string().trim().refine(valid, `not a valid cron ${what} field`);

const cronSchedule = z
  .object({
    minute: cronField('minute (0-59)', (v) => isCronList(v, 0, 59)),
    hour: cronField('hour (0-23)', (v) => isCronList(v, 0, 23)),
    day: cronField('day-of-month (1-31, ?, L, W)', (v) => v === '?' || v === 'L' || /^\d{1,2}W$/.test(v) || isCronList(v, 1, 31)).optional(),
    month: cronField('month (1-12 or JAN-DEC)', (v) => isCronList(v, 1, 12, MONTH_NAMES)).optional(),
    weekDay: cronField('day-of-week (1-7 or SUN-SAT, ?, L, #)', (v) => v === '?' || /^[1-7]L$/.test(v) || /^([1-7]|[A-Z]{3})#[1-5]$/i.test(v) || isCronList(v, 1, 7, DAY_NAMES)).optional(),
  })
  .strict()
  .refine((cron) => !(cron.day && cron.day !== '?' && cron.weekDay && cron.weekDay !== '?'), {
    message: 'set either day (of month) or weekDay, not both',
  });

export type CronSchedule = z.infer<typeof cronSchedule>;

/**
 * Each job's own default (its descriptor): the daily ones run every day, early morning, rather than
 * MON-FRI because mainland China moves working days onto weekends (调休): the job itself skips
 * non-business days, and a daily run keeps the "no successful run" alarm meaningful on weekends.
 */
const DEFAULT_SCHEDULES = Object.fromEntries(JOB_DESCRIPTORS.map((job) => [job.name, job.schedule])) as Record<JobName, CronSchedule>;

// ---- other field types ----

const ianaTimeZone = z.string().refine((value) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value.includes('/') || value === 'UTC';
  } catch {
    return false;
  }
}, 'not an IANA time zone such as Asia/Shanghai');

const hostname = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'not a host name such as www.sec.gov');

/** A list given as a JSON array in cdk.json or as "a,b,c" on the command line. */
const listOf = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value), z.array(item));

const kmsKeyArn = z
  .string()
  .regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-f-]{36}$|^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/mrk-[0-9a-f]{32}$/, 'not a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID); aliases are not accepted');

const boolean = z.preprocess((value) => (value === 'true' ? true : value === 'false' ? false : value), z.boolean());

/**
 * Business thresholds by their names in THRESHOLD_SETTINGS: here only the shape cdk.json or a -c flag gives
 * (text, a number, a list); the values are checked by the functions' own schema in checkRuntimeConfig.
 */
const thresholdValue = z.union([z.string(), z.number(), z.array(z.union([z.number(), z.string()]))]);
const thresholds = z
  .object(Object.fromEntries(Object.keys(THRESHOLD_SETTINGS).map((name) => [name, thresholdValue])) as Record<ThresholdName, typeof thresholdValue>)
  .partial()
  .strict();

/** Variables the stack sets itself; `runtimeEnvironment` may not override them. */
const STACK_OWNED_VARIABLES = new Set([
  'TABLE_NAME',
  'SENDER_EMAIL',
  'TIME_ZONE',
  'SES_CONFIGURATION_SET',
  'FEED_ALLOWED_HOSTS',
  'FEED_CONTACT_EMAIL',
  'NODE_OPTIONS',
  'DROPZONE_BUCKET',
  'DROPZONE_OPERATOR_EMAIL',
  'DROPZONE_WAIT_MINUTES',
  'DROPZONE_SKIP_INVALID',
  'DROPZONE_MAX_FILE_MB',
  'DROPZONE_LEASE_SECONDS',
  'WORK_QUEUE_URL',
  'WORKER_CONCURRENCY',
  'SEND_RATE_CAP',
  ...Object.values(THRESHOLD_SETTINGS),
]);

/** The drop zone: how long files and reports are kept, how long a file waits for its day's earlier files, what it may skip. */
const dropZone = z
  .object({
    /** Days raw files (incoming/, processed/, rejected/) are kept. */
    rawFileDays: z.coerce.number().int().min(1).max(3650).default(30),
    /** Days reports (and the bucket's access logs) are kept. */
    reportDays: z.coerce.number().int().min(1).max(3650).default(400),
    waitMinutes: z.coerce.number().int().min(0).max(1440).default(30),
    /** Write a file's valid rows even when others are bad (as --skip-invalid); by default a bad row rejects the file. */
    skipInvalid: z.preprocess((value) => (value === 'true' ? true : value === 'false' ? false : value), z.boolean()).default(false),
    /** Where each file's report is emailed; the alarm address unless set. */
    operatorEmail: z.email('the address that receives the import reports').optional(),
    maxFileMegabytes: z.coerce.number().int().min(1).max(2048).default(200),
  })
  .strict()
  .refine((settings) => settings.reportDays >= settings.rawFileDays, { message: 'reportDays must be at least rawFileDays: reports outlive the files', path: ['reportDays'] });

/** The fanned-out jobs (docs/scale.md): how many workers at once, the most emails a second, when a run must be complete. */
const fanOut = z
  .object({
    /** The event source's maximum concurrency per job (2 to 1,000). */
    workerConcurrency: z.coerce.number().int().min(2).max(1000).default(10),
    /** Messages a second at most, whatever the SES quota allows (the planner takes the lower). */
    sendRateCap: z.coerce.number().positive().max(10_000).default(14),
    /** Local time by which a run must be complete, or the RunIncomplete alarm goes off. */
    deadline: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time HH:MM such as 08:30').default('08:30'),
  })
  .strict()
  .superRefine((settings, ctx) => {
    // Each worker waits workerConcurrency ÷ rate seconds between its sends: too many workers for the rate and a batch outlasts the worker's timeout.
    const most = mostPacedWorkers(settings.sendRateCap);
    if (settings.workerConcurrency > most) {
      ctx.addIssue({
        code: 'custom',
        path: ['workerConcurrency'],
        message: `at most ${most} at sendRateCap ${settings.sendRateCap}: each worker waits workerConcurrency ÷ sendRateCap seconds between sends, and a batch of ${WORKER_BATCH_SIZE} must finish within the worker's ${WORKER_TIMEOUT_SECONDS} s`,
      });
    }
  });

/** Any other variable lambdas/core/config.ts reads (HOLIDAY_MARKET, FEED_TIMEOUT_MS, …), passed through as text. */
const runtimeEnvironment = z.record(z.string(), z.coerce.string()).superRefine((env, ctx) => {
  for (const name of Object.keys(env)) {
    const problem = !/^[A-Z][A-Z0-9_]*$/.test(name)
      ? 'variable names are UPPER_SNAKE_CASE'
      : name.startsWith('AWS_') || name.startsWith('POWERTOOLS_')
        ? 'AWS_* and POWERTOOLS_* are reserved'
        : STACK_OWNED_VARIABLES.has(name)
          ? 'set by the stack from another field; use that field'
          : undefined;
    if (problem) ctx.addIssue({ code: 'custom', path: [name], message: problem });
  }
});

/** Attribute or claim names of the bank IdP (e.g. http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress). */
const attributeName = z.string().trim().min(1).max(256);

/** The bank's identity provider, federated into the user pool (see docs/workbench.md). */
const identityProvider = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('saml'),
      name: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, _ and -, at most 32'),
      metadataUrl: z.url(),
      emailAttribute: attributeName.default('http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress'),
      rmIdAttribute: attributeName.optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('oidc'),
      name: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, _ and -, at most 32'),
      issuerUrl: z.url(),
      clientId: z.string().min(1),
      /** The Secrets Manager secret holding the OIDC client secret (never the secret itself in context). */
      clientSecretName: z.string().min(1),
      emailClaim: attributeName.default('email'),
      rmIdClaim: attributeName.optional(),
    })
    .strict(),
]);

const workbench = z
  .object({
    /** The managed login domain: https://<domainPrefix>.auth.<region>.amazoncognito.com */
    domainPrefix: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'lower-case letters, digits and dashes'),
    /** The ID token claim naming the RM: a custom rm_id attribute, or the email matched to an RM's address. */
    rmClaim: z.enum(['custom:rm_id', 'email']).default('custom:rm_id'),
    identityProvider: identityProvider.optional(),
    throttle: z.object({ rateLimit: z.coerce.number().positive().default(20), burstLimit: z.coerce.number().int().positive().default(40) }).strict().default({ rateLimit: 20, burstLimit: 40 }),
    latencyAlarmMs: z.coerce.number().int().positive().default(2000),
    linkValidDays: z.coerce.number().int().min(1).max(30).default(7),
  })
  .strict();
export type WorkbenchConfig = z.infer<typeof workbench>;

const deployConfigSchema = z
  .object({
    stage: z.string().regex(/^[a-z][a-z0-9-]{0,19}$/, 'lower-case letters, digits and dashes, starting with a letter'),
    /** Production stages keep the table (RETAIN + deletion protection) and refuse placeholder addresses. */
    production: boolean,
    account: z.coerce.string().regex(/^\d{12}$/, 'a 12-digit AWS account id').optional(),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as ap-east-1').optional(),
    senderEmail: z.email('the address the emails are sent from'),
    /** When set, the SES identity is this domain (Easy DKIM) rather than the sender address. */
    senderDomain: hostname.optional(),
    timeZone: ianaTimeZone,
    alarmEmail: z.email('the address that receives the alarms'),
    schedules: z.object(Object.fromEntries(JOB_NAMES.map((job) => [job, cronSchedule])) as Record<JobName, typeof cronSchedule>).strict(),
    thresholds,
    runtimeEnvironment,
    feedHosts: listOf(hostname),
    secContactEmail: z.email('the contact address SEC EDGAR asks automated clients to send').optional(),
    kmsKeyArn: kmsKeyArn.optional(),
    /** Recipient identities verified in SES; needed only while the account is in the SES sandbox. */
    sandboxRecipients: listOf(z.union([z.email(), hostname])),
    sesBounceRateAlarm: z.coerce.number().gt(0).lt(1),
    sesComplaintRateAlarm: z.coerce.number().gt(0).lt(1),
    /** The workbench (web pages, one-tap links); absent: the emails carry no links. */
    workbench: workbench.optional(),
    dropZone,
    fanOut,
    logRetentionDays: z.coerce.number().pipe(z.union([z.literal(30), z.literal(90), z.literal(180), z.literal(365), z.literal(731), z.literal(1827), z.literal(3653)])),
  })
  .strict()
  .superRefine((config, ctx) => {
    const domain = String(config.senderEmail).split('@')[1]?.toLowerCase() ?? '';
    if (config.senderDomain && domain !== config.senderDomain && !domain.endsWith(`.${config.senderDomain}`)) {
      ctx.addIssue({ code: 'custom', path: ['senderEmail'], message: `must be an address at senderDomain ${config.senderDomain}` });
    }
    if (config.production) {
      for (const field of ['senderEmail', 'alarmEmail'] as const) {
        if (/@(.+\.)?example\.(com|org|net)$/i.test(String(config[field]))) {
          ctx.addIssue({ code: 'custom', path: [field], message: 'is a placeholder address; a production stage needs a real one' });
        }
      }
    }
  });

export type DeployConfig = z.infer<typeof deployConfigSchema>;

const BUILT_IN_DEFAULTS = {
  stage: 'dev',
  timeZone: 'Asia/Shanghai',
  schedules: DEFAULT_SCHEDULES,
  thresholds: {},
  runtimeEnvironment: {},
  feedHosts: [],
  sandboxRecipients: [],
  sesBounceRateAlarm: 0.05,
  sesComplaintRateAlarm: 0.001,
  dropZone: {},
  fanOut: {},
  logRetentionDays: 90,
};

/** The context fields a `-c field=value` or `-c field.sub=value` flag may set. */
const FIELD_NAMES = Object.keys(deployConfigSchema.shape);

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function deepMerge(base: Json, override: Json): Json {
  const merged: Json = { ...base };
  for (const [key, value] of Object.entries(override)) {
    merged[key] = isObject(value) && isObject(merged[key]) ? deepMerge(merged[key] as Json, value) : value;
  }
  return merged;
}

function setPath(target: Json, path: string[], value: unknown): Json {
  const [head, ...rest] = path;
  if (rest.length === 0) return { ...target, [head!]: value };
  const child = isObject(target[head!]) ? (target[head!] as Json) : {};
  return { ...target, [head!]: setPath(child, rest, value) };
}

/**
 * Merges, lowest precedence first: built-in defaults, the `rm-radar` object in cdk.json, its
 * `stages.<stage>` section, then flat context keys (`-c senderEmail=…`, `-c schedules.call-list.hour=8`).
 * `context` is the app's whole context (`app.node.getAllContext()`). The stage comes from `-c stage=…`
 * (default dev). Throws a DeployConfigError naming every bad field.
 */
export function readDeployConfig(context: Json): DeployConfig {
  const read = (key: string): unknown => context[key];
  const section = read(CONTEXT_KEY) ?? {};
  if (!isObject(section)) throw new DeployConfigError(`context "${CONTEXT_KEY}" must be an object`);
  const { stages = {}, ...defaults } = section as Json & { stages?: unknown };
  if (!isObject(stages)) throw new DeployConfigError(`context "${CONTEXT_KEY}.stages" must be an object of stage sections`);

  const stage = String(read('stage') ?? defaults.stage ?? BUILT_IN_DEFAULTS.stage);
  const stageSection = stages[stage];
  if (stageSection !== undefined && !isObject(stageSection)) {
    throw new DeployConfigError(`context "${CONTEXT_KEY}.stages.${stage}" must be an object`);
  }

  let merged = deepMerge(deepMerge(BUILT_IN_DEFAULTS, defaults), stageSection ?? {});
  merged = { ...merged, stage };
  for (const field of FIELD_NAMES) {
    if (field === 'stage') continue;
    const value = read(field);
    if (value !== undefined) merged = setPath(merged, [field], isObject(value) && isObject(merged[field]) ? deepMerge(merged[field] as Json, value) : value);
  }
  // Dotted flags (`-c thresholds.largeLoanThreshold=50000`) reach inside an object field.
  for (const key of Object.keys(context)) {
    const [field, ...rest] = key.split('.');
    if (rest.length > 0 && FIELD_NAMES.includes(field!)) merged = setPath(merged, [field!, ...rest], read(key));
  }
  merged.production ??= stage === 'prod' || stage === 'production';

  const parsed = deployConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const issues = configIssuesOf(parsed.error.issues);
    const problems = issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`);
    throw new DeployConfigError(`invalid deployment configuration for stage "${stage}" — ${problems.join('; ')}`, { issues });
  }
  checkRuntimeConfig(parsed.data);
  return parsed.data;
}

/** Environment variables every job function gets, apart from those its grants set (table, SES). */
export function runtimeEnvironmentOf(config: DeployConfig): Record<string, string> {
  const env: Record<string, string> = { ...config.runtimeEnvironment, TIME_ZONE: config.timeZone };
  for (const [field, variable] of Object.entries(THRESHOLD_SETTINGS)) {
    const value = config.thresholds[field as ThresholdName];
    if (value !== undefined) env[variable] = Array.isArray(value) ? value.join(',') : String(value);
  }
  if (config.feedHosts.length > 0) env.FEED_ALLOWED_HOSTS = config.feedHosts.join(',');
  if (config.secContactEmail) env.FEED_CONTACT_EMAIL = config.secContactEmail;
  return env;
}

/**
 * Runs the functions' own configuration loader on the environment they will get, so a value that would
 * fail at cold start fails the synth instead — reported under its context field name.
 */
function checkRuntimeConfig(config: DeployConfig): void {
  const env = { ...runtimeEnvironmentOf(config), TABLE_NAME: 'synth-check', SENDER_EMAIL: config.senderEmail };
  try {
    loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const fieldOf = new Map<string, string>([
      ...Object.entries(THRESHOLD_SETTINGS).map(([field, variable]) => [variable, `thresholds.${field}`] as [string, string]),
      ['TIME_ZONE', 'timeZone'],
      ['FEED_CONTACT_EMAIL', 'secContactEmail'],
      ['SENDER_EMAIL', 'senderEmail'],
      ['FEED_ALLOWED_HOSTS', 'feedHosts'],
    ]);
    const issues = error.issues.map((issue) => {
      const field = fieldOf.get(issue.setting);
      return field ? { ...issue, setting: field, path: `${field} (${issue.path})` } : { ...issue, setting: 'runtimeEnvironment', path: `runtimeEnvironment.${issue.path}` };
    });
    const problems = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    throw new DeployConfigError(`invalid deployment configuration for stage "${config.stage}" — ${problems}`, { issues, cause: error });
  }
}
