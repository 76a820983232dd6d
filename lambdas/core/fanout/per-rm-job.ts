// What a fanned-out job provides: the work done once per run (if any) and the work for one RM.
import type { JobDeps, JobOptions } from '../job.ts';
import type { IsoDate, Rm } from '../model.ts';
import type { RmOutcome } from './run-record.ts';

export interface RmWork {
  outcome: RmOutcome;
  /** What this RM's work read, by name (summed into the run's summary). */
  read?: Record<string, number>;
  error?: unknown;
}

export interface PerRmJob {
  name: string;
  /** Read counts the run's summary always shows, zero until an RM's work adds to them. */
  counters?: readonly string[];
  /** The read count that reports the table items the whole run read (the store's meter), if the job shows one. */
  itemsReadCounter?: string;
  /** The run's shared work, done once by the planner before the RMs are enqueued (e.g. reading the feeds); its read counts. */
  prepare?: (deps: JobDeps, businessDate: IsoDate) => Promise<Record<string, number>>;
  /** One RM's work for the date: build or reuse what it needs, render, send once through sendOnce. */
  forRm: (deps: JobDeps, rm: Rm, businessDate: IsoDate, options: Pick<JobOptions, 'resendMaybeSent'>) => Promise<RmWork>;
}
