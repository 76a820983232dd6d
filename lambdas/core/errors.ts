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
 * A send whose outcome is unclear: the request reached SES (or may have), and no answer came back (a
 * timeout, a connection reset). The email may have gone out, so it must not be repeated automatically.
 */
export class MaybeSentError extends Error {
  override name = 'MaybeSentError';
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
