// The compact history the report keeps: one snapshot of an RM's (or a team's) totals per report date.
import * as z from 'zod';
import { isoDate } from '../core/model.ts';

export const snapshotScopes = ['rm', 'team'] as const;
export type SnapshotScope = (typeof snapshotScopes)[number];

const amount = z.number().finite().nonnegative();
const count = z.number().int().nonnegative();

export const snapshotTotals = z.object({
  demandDeposits: amount,
  timeDeposits: amount,
  aum: amount,
  loansOutstanding: amount,
  clients: z.object({ A: count, B: count, C: count }),
});
export type SnapshotTotals = z.infer<typeof snapshotTotals>;

export const snapshot = z.object({
  scope: z.enum(snapshotScopes),
  /** The RM's id, or the manager's id for a team. */
  ownerId: z.string().min(1).max(64),
  date: isoDate,
  totals: snapshotTotals,
  takenAt: z.string(),
});
export type Snapshot = z.infer<typeof snapshot>;

/** Snapshots are kept three years, long enough for year-on-year trends; then the table's TTL removes them. */
export const KEEP_SNAPSHOT_DAYS = 3 * 366;

/** A team's totals: the sum of its RMs' totals. */
export function sumTotals(parts: readonly SnapshotTotals[]): SnapshotTotals {
  const add = (pick: (t: SnapshotTotals) => number) => Math.round(parts.reduce((total, part) => total + pick(part), 0) * 100) / 100;
  return {
    demandDeposits: add((t) => t.demandDeposits),
    timeDeposits: add((t) => t.timeDeposits),
    aum: add((t) => t.aum),
    loansOutstanding: add((t) => t.loansOutstanding),
    clients: { A: add((t) => t.clients.A), B: add((t) => t.clients.B), C: add((t) => t.clients.C) },
  };
}
