// One unit of a fanned-out run: one job, one RM (and part), one business date; what the planner enqueues and a worker takes.
import * as z from 'zod';
import { isoDate } from '../model.ts';
import { ValidationError } from '../errors.ts';

/** A queue message longer than this is no work item of ours (SQS allows 256 KB; ours are well under 1 KB plus the shared context). */
export const MAX_WORK_ITEM_BYTES = 64 * 1024;

/**
 * Times an item may be put back on the queue, delayed, after SES throttled its send (worker.ts requeueThrottled).
 * 11 delays of 5 s doubling to SQS's 900 s maximum add up to about 66 minutes; the twelfth throttle fails the
 * item as any other failure (5 receives, then the dead-letter queue). It also keeps a requeued item's chain of
 * invocations (the planner, then one worker per copy: 13) under the 16 at which Lambda's recursive loop
 * detection stops invoking the worker.
 */
export const MAX_THROTTLE_REQUEUES = 11;

/** The planner's shared context: JSON the job parses with its own schema (per-rm-job.ts PreparedRun.shared). */
export const sharedContext = z.record(z.string(), z.unknown());
export type SharedContext = z.infer<typeof sharedContext>;

export const workItemSchema = z
  .object({
    job: z.string().regex(/^[a-z]+(-[a-z]+)*$/).max(40),
    rmId: z.string().min(1).max(128),
    /** An extra part of the job for this RM (e.g. `team`); absent for the RM's own item. */
    part: z.string().regex(/^[a-z]+$/).max(20).optional(),
    /** The RMs an extra part covers (a manager's team). */
    rmIds: z.array(z.string().min(1).max(128)).max(1_000).optional(),
    businessDate: isoDate,
    /** Milliseconds between one worker's sends: the run's send rate shared by the workers (see pacing.ts). */
    sendIntervalMs: z.number().int().min(0).max(60_000),
    /** An operator's deliberate resend of the emails a run left maybe-sent. */
    resendMaybeSent: z.boolean().optional(),
    shared: sharedContext.optional(),
    /** How many times SES throttled this RM's send and the item was put back, delayed (absent: never). */
    throttles: z.number().int().min(1).max(MAX_THROTTLE_REQUEUES).optional(),
  })
  .strict();

export type WorkItem = z.infer<typeof workItemSchema>;

/** Zod's issues as one line naming each field: `businessDate Invalid ISO date; rmId Too small`. */
export const describeIssues = (error: z.ZodError): string => error.issues.map((issue) => `${issue.path.join('.') || '(root)'} ${issue.message}`).join('; ');

/** A work item as JSON, refused (before it is enqueued) when it would be too long for a worker to accept. */
export function serialiseWorkItem(item: WorkItem): string {
  const body = JSON.stringify(item);
  if (Buffer.byteLength(body) > MAX_WORK_ITEM_BYTES) throw new ValidationError(`work item for ${item.rmId} is ${Buffer.byteLength(body)} bytes, more than ${MAX_WORK_ITEM_BYTES}`);
  return body;
}

/** A queue message's body as a work item; anything else is a ValidationError naming the field (never retried usefully). */
export function parseWorkItem(body: string): WorkItem {
  if (Buffer.byteLength(body) > MAX_WORK_ITEM_BYTES) throw new ValidationError(`work item is longer than ${MAX_WORK_ITEM_BYTES} bytes`);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new ValidationError('work item is not JSON');
  }
  const parsed = workItemSchema.safeParse(json);
  if (!parsed.success) throw new ValidationError(`work item is invalid: ${describeIssues(parsed.error)}`);
  return parsed.data;
}
