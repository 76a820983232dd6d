// Error classes shared by the jobs, the CLI, the store and the web app; each keeps the error that caused it.

/**
 * The base of every error this product throws on purpose. Its message names ids, never personal data,
 * so the CLI prints it and the logs keep it. middy's rule decides what a web user sees: `statusCode` is
 * the answer, and only an error with `expose` (a 4xx the user can act on) shows its message.
 */
export abstract class RadarError extends Error {
  abstract readonly statusCode: number;
  get expose(): boolean {
    return this.statusCode < 500;
  }
}

/** One bad setting: the variable (or deployment field), where inside it, and what is wrong. */
export interface ConfigIssue {
  /** The environment variable or deployment field, e.g. TIER_CADENCE or schedules. */
  setting: string;
  /** The full path of the bad value, e.g. EXTRA_HOLIDAYS.0 or schedules.call-list.hour. */
  path: string;
  message: string;
}

/** A setting is missing or malformed; found at cold start or by `cdk synth`. `issues` names each one. */
export class ConfigError extends RadarError {
  override name = 'ConfigError';
  readonly statusCode = 500;
  readonly issues: readonly ConfigIssue[];

  constructor(message: string, options: ErrorOptions & { issues?: readonly ConfigIssue[] } = {}) {
    super(message, options);
    this.issues = options.issues ?? [];
  }
}

/** ConfigIssues from a zod error: the first path element is the setting. */
export function configIssuesOf(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): ConfigIssue[] {
  return issues.map((issue) => ({ setting: String(issue.path[0] ?? ''), path: issue.path.map(String).join('.'), message: issue.message }));
}

/** Input from a user or a file that cannot be accepted as it is. */
export class ValidationError extends RadarError {
  override name = 'ValidationError';
  readonly statusCode = 400;
}

export class NotFoundError extends RadarError {
  override name = 'NotFoundError';
  readonly statusCode = 404;
}

/** A write lost a race with another writer (a condition failed) too often, or a thing exists already. */
export class ConflictError extends RadarError {
  override name = 'ConflictError';
  readonly statusCode = 409;
}

/** A touch's accompanying write found its condition already met (the line or reminder was already done). */
export class AlreadyRecordedError extends ConflictError {
  override name = 'AlreadyRecordedError';
}

/** A dependency kept refusing work (throttling, unprocessed batch items); trying later may succeed. */
export class UnavailableError extends RadarError {
  override name = 'UnavailableError';
  readonly statusCode = 503;
}

/**
 * A send whose outcome is unclear: the request reached SES (or may have), and no answer came back (a
 * timeout, a connection reset). The email may have gone out, so it must not be repeated automatically.
 */
export class MaybeSentError extends RadarError {
  override name = 'MaybeSentError';
  readonly statusCode = 502;
}

/**
 * A bulk write that failed part-way: `written` holds the indices (in the list the caller gave) of what
 * was stored; everything else was not, or only in part. The cause is the first failure.
 */
export class PartialWriteError extends RadarError {
  override name = 'PartialWriteError';
  readonly statusCode = 503;
  readonly written: ReadonlySet<number>;

  constructor(message: string, written: ReadonlySet<number>, options?: ErrorOptions) {
    super(message, options);
    this.written = written;
  }
}

/** The message of any thrown value, for one-line reports to a person. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const EMAIL_ADDRESS = /[^\s<>"'(),;:@]+@[^\s<>"'(),;:@]+\.[A-Za-z]{2,}/g;
// Phone, account and ID-card numbers: seven digits or more (dates and counts are shorter).
const LONG_NUMBER = /\+?\d{7,}/g;
const MAX_LOGGED_CHARS = 300;

/**
 * An error's message fit for logs: e-mail addresses and long numbers masked, because SES errors name the
 * recipient ("Email address is not verified … wang.min@bank.example") and logs must hold no personal data.
 */
export function loggableMessage(error: unknown): string {
  return messageOf(error)
    .replace(EMAIL_ADDRESS, '<address>')
    .replace(LONG_NUMBER, '<number>')
    .replace(/\s*\n\s*/g, '; ')
    .slice(0, MAX_LOGGED_CHARS);
}

/** The fields every log line about a failure carries: the class, the SDK's error code if any, the masked message. */
export function errorLogFields(error: unknown): { errorName: string; errorCode?: string; error: string } {
  const errorName = error instanceof Error ? error.name : typeof error;
  const code = (error as { code?: unknown } | null)?.code;
  return { errorName, ...(typeof code === 'string' ? { errorCode: code } : {}), error: loggableMessage(error) };
}
