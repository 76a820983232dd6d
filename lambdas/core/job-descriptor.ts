// What a scheduled job is to everything but its own code: its name, schedule, size and table grants, with no runtime imports.
import type { IndexName } from './store/table-design.ts';

/** EventBridge Scheduler cron fields (validated by lib/config.ts, where a deployment may override them). */
export interface CronFields {
  minute: string;
  hour: string;
  day?: string;
  month?: string;
  weekDay?: string;
}

/**
 * One job's identity. The CDK stack (function, schedule, grants), the deployment config (schedule
 * defaults), the CLI (`rm-radar run <name>`) and the runtime registry (lambdas/jobs.ts) all read it,
 * so a job is named and sized here only. Pure data: the CDK imports it at synth time.
 */
export interface JobDescriptor<Name extends string = string> {
  /** `[a-z-]+`; also the handler's folder (`lambdas/<name>/handler.ts`) and the `job` metric dimension. */
  name: Name;
  description: string;
  /** The default schedule, in the configured time zone; the job skips non-business days itself. */
  schedule: CronFields;
  timeoutMinutes: number;
  memorySize: number;
  /** DynamoDB item actions the job's code performs (Query is granted separately, on `indexes`). */
  itemActions: readonly string[];
  indexes: readonly IndexName[];
  /** Whether its emails carry signed one-tap links to the workbench (it then gets the signing secret). */
  emailLinks: boolean;
  /**
   * Whether it runs as a planner and one worker per RM on a work queue (lambdas/<name>/worker.ts; see
   * docs/scale.md), rather than in one invocation (the default).
   */
  fanOut?: boolean;
  /** The fanned-out worker's memory in MB (default 512); more memory is also more CPU. */
  workerMemorySize?: number;
  /** Packages with native binaries that esbuild cannot bundle: installed beside the bundle for the function's platform. */
  nativeModules?: readonly string[];
}

/** Every job claims its emails (send-claims: PutItem + UpdateItem) and reads RMs and clients in batches. */
export const CLAIMS_AND_READS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'] as const;

/** Keeps the literal name type, so a union of names can be derived from the descriptors. */
export const defineJob = <const Name extends string>(descriptor: JobDescriptor<Name>): JobDescriptor<Name> => descriptor;
