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

/**
 * Items in memory, taken by `drain` with at most `concurrency` at once. A failed item is put back and
 * tried again after `retryDelayMs`, up to `maxAttempts` in all (as SQS redelivers up to maxReceiveCount);
 * what still fails is returned, as a dead-letter queue would keep it.
 */
export class InProcessQueue implements WorkQueue {
  private readonly pending: { item: WorkItem; attempts: number; notBefore: number }[] = [];

  private readonly options: { maxAttempts: number; retryDelayMs: number };

  constructor(options: { maxAttempts: number; retryDelayMs: number }) {
    this.options = options;
  }

  async enqueue(items: readonly WorkItem[]): Promise<void> {
    for (const item of items) this.pending.push({ item, attempts: 0, notBefore: 0 });
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
        const next = this.pending.shift();
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
}
