// What every job is: a function of its dependencies and a business date, returning a summary.
import type { AppConfig } from './config.ts';
import type { Clock } from './clock.ts';
import type { Log } from './log.ts';
import type { Mailer } from './mail/mailer.ts';
import type { IsoDate } from './model.ts';
import type { RadarStore } from './store/radar-store.ts';
import { BusinessCalendar, businessDateOf } from './dates/calendar.ts';

export interface JobDeps {
  store: RadarStore;
  mailer: Mailer;
  clock: Clock;
  config: AppConfig;
  log: Log;
}

export interface JobOptions {
  /** The business date to run for; defaults to today in the configured time zone. */
  businessDate?: IsoDate;
}

export interface JobSummary {
  job: string;
  businessDate: IsoDate;
  /** Set when the job did nothing, e.g. "not a business day". */
  skipped?: string;
  /** What the job read, by name (e.g. rms, clients, feeds, items). */
  read: Record<string, number>;
  emails: { sent: number; alreadySent: number; failed: number; notNeeded: number };
}

export type Job = (deps: JobDeps, options?: JobOptions) => Promise<JobSummary>;

/** The date a run works on and whether it is a working day in the configured calendar. */
export function resolveBusinessDate(deps: Pick<JobDeps, 'clock' | 'config'>, options: JobOptions = {}) {
  const businessDate = options.businessDate ?? businessDateOf(deps.clock.now(), deps.config.timeZone);
  const calendar = new BusinessCalendar(deps.config.calendar);
  return { businessDate, calendar, isBusinessDay: calendar.isBusinessDay(businessDate) };
}

export function emptySummary(job: string, businessDate: IsoDate): JobSummary {
  return { job, businessDate, read: {}, emails: { sent: 0, alreadySent: 0, failed: 0, notNeeded: 0 } };
}
