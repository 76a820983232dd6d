// SES pacing: the run's send rate from the account's quota and the configured cap, spread over the workers.
import { GetSendQuotaCommand, SESClient } from '@aws-sdk/client-ses';
import type { Log } from '../log.ts';
import { errorLogFields } from '../errors.ts';

/** The account's maximum send rate (messages per second), or undefined when SES does not say (the local SES, no permission). */
export async function readSesSendRate(log: Log, client: SESClient = new SESClient({})): Promise<number | undefined> {
  try {
    const quota = await client.send(new GetSendQuotaCommand({}));
    return quota.MaxSendRate && quota.MaxSendRate > 0 ? quota.MaxSendRate : undefined;
  } catch (error) {
    log.warn('SES send quota not read: pacing to the configured cap', errorLogFields(error));
    return undefined;
  }
}

/** The lower of SES's rate and the cap; the cap alone when the quota is unknown. */
export const runSendRate = (quota: number | undefined, cap: number): number => (quota === undefined ? cap : Math.min(quota, cap));

/** Each of `workers` waits this long between its sends, so that together they keep to `rate`. */
export const sendIntervalMs = (rate: number, workers: number): number => Math.ceil((1000 * workers) / rate);

/** Spaces one worker's sends at least `intervalMs` apart (the first goes at once). */
export class Pacer {
  private next = 0;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms))) {
    this.sleep = sleep;
  }

  async wait(intervalMs: number): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.next);
    this.next = at + intervalMs;
    if (at > now) await this.sleep(at - now);
  }
}
