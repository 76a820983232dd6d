// What every job is: a function of its dependencies and a business date, returning a summary.
import type { AppConfig } from './config.ts';
import type { Clock } from './clock.ts';
import type { Log } from './log.ts';
import type { EmailLinks } from './mail/email-links.ts';
import type { Mailer } from './mail/mailer.ts';
import type { SendOutcome } from './mail/send-once.ts';
import type { IsoDate } from './model.ts';
import type { RadarStore } from './store/radar-store.ts';
import { BusinessCalendar, businessDateOf, year } from './dates/calendar.ts';

export interface JobDeps {
  store: RadarStore;
  mailer: Mailer;
  clock: Clock;
  config: AppConfig;
  log: Log;
  /** Signed workbench links for the emails; absent when no workbench is configured. */
  links?: EmailLinks;
}

export interface JobOptions {
  /** The business date to run for; defaults to today in the configured time zone. */
  businessDate?: IsoDate;
  /** An operator's deliberate resend of the emails a run left maybe-sent (`rm-radar run … --resend-uncertain`). */
  resendMaybeSent?: boolean;
}

export interface JobSummary {
  job: string;
  businessDate: IsoDate;
  /** Set when the job did nothing, e.g. "not a business day". */
  skipped?: string;
  /** What the job read, by name (e.g. rms, clients, feeds, items). */
  read: Record<string, number>;
  /**
   * suppressed: not sent because the RM's address is flagged (bounce or complaint); the content stays stored.
   * maybeSent: SES's answer was lost, so the email may or may not have arrived; not retried automatically.
   */
  emails: { sent: number; alreadySent: number; failed: number; notNeeded: number; suppressed: number; maybeSent: number };
  /** The RMs whose email is maybe-sent, for the operator to check and, if it did not arrive, resend. */
  maybeSentRmIds: string[];
}

export type Job = (deps: JobDeps, options?: JobOptions) => Promise<JobSummary>;

/** The date a run works on and whether it is a working day in the configured calendar. */
export function resolveBusinessDate(deps: Pick<JobDeps, 'clock' | 'config'> & Partial<Pick<JobDeps, 'log'>>, options: JobOptions = {}) {
  const businessDate = options.businessDate ?? businessDateOf(deps.clock.now(), deps.config.timeZone);
  const calendar = new BusinessCalendar(deps.config.calendar);
  if (!calendar.isAuthoritative(year(businessDate))) {
    deps.log?.warn('holiday calendar not published for this year: statutory holidays only, no make-up working days', {
      year: year(businessDate),
    });
  }
  return { businessDate, calendar, isBusinessDay: calendar.isBusinessDay(businessDate) };
}

export function emptySummary(job: string, businessDate: IsoDate): JobSummary {
  return { job, businessDate, read: {}, emails: { sent: 0, alreadySent: 0, failed: 0, notNeeded: 0, suppressed: 0, maybeSent: 0 }, maybeSentRmIds: [] };
}

// An email another run still holds counts as failed: the run fails, so a retry after the lease sends it.
const OUTCOME_COUNTERS = {
  sent: 'sent',
  'already-sent': 'alreadySent',
  failed: 'failed',
  suppressed: 'suppressed',
  'in-progress': 'failed',
  'maybe-sent': 'maybeSent',
} as const satisfies Record<
  SendOutcome,
  keyof JobSummary['emails']
>;

/**
 * Counts one sendOnce outcome in the summary. A suppressed email is logged as a warning with the RM id
 * (never the address); it does not fail the run, since retrying cannot help until the address is fixed.
 * A maybe-sent email does not fail the run either (a retry must not repeat it): the summary names its RM,
 * the EmailsMaybeSent metric raises an alarm, and an operator decides.
 */
export function recordSendOutcome(summary: JobSummary, outcome: SendOutcome, log: Log, rmId: string): void {
  summary.emails[OUTCOME_COUNTERS[outcome]] += 1;
  if (outcome === 'suppressed') {
    log.warn('email suppressed: the RM address is flagged after a bounce or complaint', { job: summary.job, rmId, businessDate: summary.businessDate });
  }
  if (outcome === 'maybe-sent') {
    summary.maybeSentRmIds.push(rmId);
    log.warn('email maybe sent: the SES answer was lost, so it is not repeated automatically', { job: summary.job, rmId, businessDate: summary.businessDate });
  }
  if (outcome === 'in-progress') {
    log.warn('email claimed by another run that has not sent it yet', { job: summary.job, rmId, businessDate: summary.businessDate });
  }
}
