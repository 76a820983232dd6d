// What a fanned-out job provides: the work done once per run (if any) and the work for one RM (or one RM's extra part).
import type { JobDeps, JobOptions } from '../job.ts';
import type { IsoDate, Rm } from '../model.ts';
import type { RmOutcome } from './run-record.ts';
import type { SharedContext } from './work-item.ts';

export interface RmWork {
  outcome: RmOutcome;
  /** What this RM's work read, by name (summed into the run's summary). */
  read?: Record<string, number>;
  error?: unknown;
}

/** What the planner's shared work leaves the workers: its read counts, and a small context every work item carries. */
export interface PreparedRun {
  read: Record<string, number>;
  /** E.g. prospect-scan's failing feeds, which every digest lists; bounded by the work item's size. */
  shared?: SharedContext;
}

/** An item beyond the RM's own, e.g. a manager's team report: the RM it is for and what part of the job it is. */
export interface ExtraPart {
  rmId: string;
  part: string;
  /** The RMs the part covers (a team's members), when its worker needs them; carried on the work item. */
  rmIds?: string[];
}

export interface RmWorkOptions extends Pick<JobOptions, 'resendMaybeSent'> {
  /** The planner's shared context (PreparedRun.shared), as the work item carried it. */
  shared?: SharedContext;
  /** Which extra part of the job this item is (ExtraPart.part); undefined for the RM's own item. */
  part?: string;
  /** The RMs the part covers (ExtraPart.rmIds). */
  rmIds?: string[];
}

export interface PerRmJob {
  name: string;
  /** Read counts the run's summary always shows, zero until an RM's work adds to them. */
  counters?: readonly string[];
  /** The read count that reports the table items the whole run read (the store's meter), if the job shows one. */
  itemsReadCounter?: string;
  /** Why the job has nothing to do on this business day (e.g. a weekly job before its weekday); checked before anything is written. */
  skip?: (deps: Pick<JobDeps, 'config'>, businessDate: IsoDate) => string | undefined;
  /** The run's shared work, done once by the planner before the RMs are enqueued (e.g. reading the feeds). */
  prepare?: (deps: JobDeps, businessDate: IsoDate) => Promise<PreparedRun>;
  /** Work items besides one per RM (from the RMs the planner listed). */
  extraParts?: (rms: readonly Rm[], deps: Pick<JobDeps, 'log'>) => ExtraPart[];
  /** One RM's work for the date: build or reuse what it needs, render, send once through sendOnce. */
  forRm: (deps: JobDeps, rm: Rm, businessDate: IsoDate, options: RmWorkOptions) => Promise<RmWork>;
}
