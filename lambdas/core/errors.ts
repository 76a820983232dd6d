// Error classes shared by the jobs, the CLI and the store; each keeps the error that caused it.
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Input from a user or a file that cannot be accepted as it is. */
export class ValidationError extends Error {
  override name = 'ValidationError';
}

export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

/** A write lost a race with another writer (a condition failed); the caller may retry. */
export class ConflictError extends Error {
  override name = 'ConflictError';
}

/**
 * A bulk write that failed part-way: `written` holds the indices (in the list the caller gave) of what
 * was stored; everything else was not, or only in part. The cause is the first failure.
 */
export class PartialWriteError extends Error {
  override name = 'PartialWriteError';
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

/**
 * An error's message fit for logs: e-mail addresses masked, because SES errors name the recipient
 * ("Email address is not verified … wang.min@bank.example") and logs must hold no personal data.
 */
export function loggableMessage(error: unknown): string {
  return messageOf(error).replace(/[^\s<>"'(),;:@]+@[^\s<>"'(),;:@]+\.[A-Za-z]{2,}/g, '<address>');
}
