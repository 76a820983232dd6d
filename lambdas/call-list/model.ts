// The call list as stored and shown: one list per RM and business date, one line per client, with a status per line.
import * as z from 'zod';
import { isoDate, locale, tier, touchSources } from '../core/model.ts';

export const lineStatuses = ['open', 'done', 'snoozed', 'skipped'] as const;
export type LineStatus = (typeof lineStatuses)[number];

/** Why a client is on the list, most urgent first; exceptions always come before inactive clients. */
export const categories = ['arrears-act', 'arrears-watch', 'loan-check', 'maturing', 'inactive'] as const;
export type Category = (typeof categories)[number];

export const callListLine = z.object({
  rank: z.number().int().positive(),
  clientId: z.string(),
  clientName: z.string(),
  companyName: z.string().optional(),
  kind: z.enum(['individual', 'corporate']),
  tier,
  category: z.enum(categories),
  /** red: must act / past the tier's maximum; amber: watch / past the tier's ideal. */
  flag: z.enum(['red', 'amber']),
  /** The reason in words, in the RM's locale. */
  reason: z.string(),
  contact: z.object({ name: z.string(), role: z.string().optional(), phone: z.string().optional() }).optional(),
  lastTouch: z.string().optional(),
  talkingPoints: z.array(z.string()),
  /** The inactivity priority and its parts, so the order can be explained line by line. */
  priority: z.object({
    score: z.number(),
    overdueFactor: z.number(),
    valueWeight: z.number(),
    value: z.number(),
    daysSinceContact: z.number().optional(),
  }),
  status: z.enum(lineStatuses),
  outcome: z.string().optional(),
  note: z.string().optional(),
  updatedAt: z.string().optional(),
  /** Where the line was handled: the workbench, an email link, the CLI. */
  source: z.enum(touchSources).optional(),
});
export type CallListLine = z.infer<typeof callListLine>;

export const storedCallList = z.object({
  rmId: z.string(),
  businessDate: isoDate,
  locale,
  builtAt: z.string(),
  /** Clients read as candidates (inactive per tier query, plus those named by loan exceptions). */
  candidatesConsidered: z.number().int().nonnegative(),
  /** Clients that qualified; those beyond the RM's capacity stay eligible for the next lists. */
  eligible: z.number().int().nonnegative(),
  overflow: z.number().int().nonnegative(),
  lines: z.array(callListLine),
});
export type StoredCallList = z.infer<typeof storedCallList>;
