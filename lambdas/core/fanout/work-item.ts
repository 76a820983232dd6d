// One unit of a fanned-out run: one job, one RM, one business date; what the planner enqueues and a worker takes.
import * as z from 'zod';
import { isoDate } from '../model.ts';
import { ValidationError } from '../errors.ts';

export const workItemSchema = z
  .object({
    job: z.string().regex(/^[a-z]+(-[a-z]+)*$/).max(40),
    rmId: z.string().min(1).max(128),
    businessDate: isoDate,
    /** Milliseconds between one worker's sends: the run's send rate shared by the workers (see pacing.ts). */
    sendIntervalMs: z.number().int().min(0).max(60_000),
    /** An operator's deliberate resend of the emails a run left maybe-sent. */
    resendMaybeSent: z.boolean().optional(),
  })
  .strict();

export type WorkItem = z.infer<typeof workItemSchema>;

/** A queue message's body as a work item; anything else is a ValidationError naming the field (never retried usefully). */
export function parseWorkItem(body: string): WorkItem {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new ValidationError('work item is not JSON');
  }
  const parsed = workItemSchema.safeParse(json);
  if (!parsed.success) throw new ValidationError(`work item is invalid: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'} ${issue.message}`).join('; ')}`);
  return parsed.data;
}
