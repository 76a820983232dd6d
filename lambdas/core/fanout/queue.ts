// The work queue a planner fills: SQS in AWS (sqs-queue.ts), an in-process queue for `rm-radar run` and `npm start`.
import type { WorkItem } from './work-item.ts';

export interface WorkQueue {
  /** Enqueues every item or throws: a planner that fails is retried, and duplicates are harmless (emails are claimed). */
  enqueue(items: readonly WorkItem[]): Promise<void>;
}

/** A queue whose received items can be shown again sooner than its visibility timeout (SQS ChangeMessageVisibility). */
export interface VisibilityChanger {
  showAgainAfter(receiptHandle: string, seconds: number): Promise<void>;
}

/** SQS's longest DelaySeconds: a message can be held back at most 15 minutes. */
export const MAX_DELAY_SECONDS = 900;

/** A queue that takes an item back to be delivered only after a delay (SQS DelaySeconds): a throttled RM's fresh copy. */
export interface DelayedEnqueuer {
  /** Enqueues one item, delivered no sooner than `delaySeconds` (a whole number, 0 to MAX_DELAY_SECONDS) from now, or throws. */
  enqueueAfter(item: WorkItem, delaySeconds: number): Promise<void>;
}

/** A delay SQS accepts, or a RangeError (a bug of the caller's: the back-off keeps within it). */
export function checkDelaySeconds(delaySeconds: number): number {
  if (!Number.isInteger(delaySeconds) || delaySeconds < 0 || delaySeconds > MAX_DELAY_SECONDS) {
    throw new RangeError(`a queue delay is a whole number of seconds from 0 to ${MAX_DELAY_SECONDS}, not ${delaySeconds}`);
  }
  return delaySeconds;
}

/**
 * Items in memory, taken by `drain` with at most `concurrency` at once. A failed item is put back and
 * tried again after `retryDelayMs`, up to `maxAttempts` in all (as SQS redelivers up to maxReceiveCount);
 * what still fails is returned, as a dead-letter queue would keep it. An item enqueued with a delay
 * (`enqueueAfter`) is a new item, taken once it is due.
 */
export class InProcessQueue implements WorkQueue, DelayedEnqueuer {
  private readonly pending: { item: WorkItem; attempts: number; notBefore: number }[] = [];

  private readonly options: { maxAttempts: number; retryDelayMs: number };

  constructor(options: { maxAttempts: number; retryDelayMs: number }) {
    this.options = options;
  }

  async enqueue(items: readonly WorkItem[]): Promise<void> {
    for (const item of items) this.pending.push({ item, attempts: 0, notBefore: 0 });
  }

  async enqueueAfter(item: WorkItem, delaySeconds: number): Promise<void> {
    this.pending.push({ item, attempts: 0, notBefore: Date.now() + checkDelaySeconds(delaySeconds) * 1000 });
  }

  get size(): number {
    return this.pending.length;
  }

  /**
   * Works every item with `work` (which throws to ask for a retry) on `concurrency` workers, numbered from 0;
   * resolves with the items that failed every attempt.
   */
  async drain(work: (item: WorkItem, attempt: number, worker: number) => Promise<void>, concurrency: number): Promise<WorkItem[]> {
    const deadLetters: WorkItem[] = [];
    const worker = async (index: number) => {
      for (;;) {
        const next = this.takeNext();
        if (!next) return;
        const wait = next.notBefore - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        next.attempts += 1;
        try {
          await work(next.item, next.attempts, index);
        } catch {
          if (next.attempts >= this.options.maxAttempts) deadLetters.push(next.item);
          else this.pending.push({ ...next, notBefore: Date.now() + this.options.retryDelayMs });
        }
      }
    };
    // A retried item may come back after a worker found the queue empty: drain until nothing is pending.
    while (this.pending.length > 0) await Promise.all(Array.from({ length: concurrency }, (_, index) => worker(index)));
    return deadLetters;
  }

  /** The first item due now, else the one due soonest: a delayed item does not hold up those behind it. */
  private takeNext(): (typeof this.pending)[number] | undefined {
    const now = Date.now();
    let index = this.pending.findIndex((entry) => entry.notBefore <= now);
    if (index < 0) {
      index = 0;
      for (let i = 1; i < this.pending.length; i++) if (this.pending[i]!.notBefore < this.pending[index]!.notBefore) index = i;
    }
    return this.pending.splice(index, 1)[0];
  }
}
