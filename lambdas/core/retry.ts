// The one way the code tries again: a write that lost a race, or a batch DynamoDB left partly unprocessed.
import { ConflictError, UnavailableError } from './errors.ts';

/** Attempts in all, the first included, before a retried operation gives up. */
export const MAX_ATTEMPTS = 8;

/** What an attempt returns when it should be made again; `cause` is kept on the error if attempts run out. */
export class TryAgain {
  readonly cause: unknown;
  constructor(cause?: unknown) {
    this.cause = cause;
  }
}

export interface RetryOptions {
  attempts?: number;
  /** Waits between attempts; tests pass a no-op. */
  wait?: (attempt: number) => Promise<void>;
}

/**
 * Calls `attempt` (numbered from 1) until it returns something other than a TryAgain, waiting a jittered,
 * growing delay before each new attempt; when the attempts run out, throws `exhausted(lastCause)`.
 */
export async function retry<T>(
  attempt: (n: number) => Promise<T | TryAgain>,
  exhausted: (cause: unknown) => Error,
  options: RetryOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? MAX_ATTEMPTS;
  const wait = options.wait ?? backoff;
  let cause: unknown;
  for (let n = 1; n <= attempts; n++) {
    if (n > 1) await wait(n);
    const result = await attempt(n);
    if (!(result instanceof TryAgain)) return result;
    cause = result.cause;
  }
  throw exhausted(cause);
}

/**
 * Optimistic writes: each attempt reads, writes on a condition, and returns TryAgain when another writer
 * won the race. Running out throws a ConflictError with `message`, naming what kept changing.
 */
export function retryOnConflict<T>(message: string, attempt: (n: number) => Promise<T | TryAgain>, options?: RetryOptions): Promise<T> {
  return retry(attempt, (cause) => new ConflictError(message, { cause }), options);
}

/** Batch calls: each attempt sends what is still pending and returns TryAgain while DynamoDB leaves some unprocessed. */
export function retryUnprocessed<T>(message: string, attempt: (n: number) => Promise<T | TryAgain>, options?: RetryOptions): Promise<T> {
  return retry(attempt, (cause) => new UnavailableError(message, { cause }), options);
}

/** Waits before attempt number `attempt` (from 2): exponential with jitter, capped at 2 s. */
export function backoff(attempt: number): Promise<void> {
  const delay = Math.min(2_000, 25 * 2 ** attempt) * (0.5 + Math.random() / 2);
  return new Promise((resolve) => setTimeout(resolve, delay));
}
