// The one retry loop: how often it tries, what it waits, and the class of error when it gives up.
import { describe, expect, it } from 'vitest';
import { ConflictError, UnavailableError } from '../../../lambdas/core/errors.ts';
import { MAX_ATTEMPTS, retryOnConflict, retryUnprocessed, TryAgain } from '../../../lambdas/core/retry.ts';

const noWait = async () => {};

describe('retryOnConflict', () => {
  it('returns the first result that is not TryAgain, waiting before each new attempt', async () => {
    const waited: number[] = [];
    const seen: number[] = [];
    const result = await retryOnConflict('x kept changing', async (n) => (seen.push(n), n < 3 ? new TryAgain() : `done on ${n}`), {
      wait: async (n) => void waited.push(n),
    });
    expect(result).toBe('done on 3');
    expect(seen).toEqual([1, 2, 3]);
    expect(waited).toEqual([2, 3]);
  });

  it('gives up after MAX_ATTEMPTS with a ConflictError that keeps the last cause', async () => {
    let attempts = 0;
    const lastCause = new Error('condition failed');
    const failing = retryOnConflict('client C1 kept changing', async () => (attempts++, new TryAgain(lastCause)), { wait: noWait });
    await expect(failing).rejects.toThrow(ConflictError);
    await expect(failing).rejects.toMatchObject({ message: 'client C1 kept changing', cause: lastCause });
    expect(attempts).toBe(MAX_ATTEMPTS);
  });

  it('lets any other error through at once', async () => {
    let attempts = 0;
    const failing = retryOnConflict('x', async () => {
      attempts++;
      throw new RangeError('not a conflict');
    });
    await expect(failing).rejects.toThrow(RangeError);
    expect(attempts).toBe(1);
  });
});

describe('retryUnprocessed', () => {
  it('gives up with an UnavailableError: DynamoDB kept leaving work unprocessed', async () => {
    await expect(retryUnprocessed('batch left items', async () => new TryAgain(), { attempts: 2, wait: noWait })).rejects.toThrow(UnavailableError);
  });
});
