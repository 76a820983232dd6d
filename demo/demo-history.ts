// A few weeks of made-up portfolio history for the demo book, so the first demo report already shows trends.
import type { IsoDate } from '../lambdas/core/model.ts';
import type { RadarStore } from '../lambdas/core/store/radar-store.ts';
import { addDays } from '../lambdas/core/dates/calendar.ts';
import { readBook } from '../lambdas/portfolio-report/read-book.ts';
import { totalsOf } from '../lambdas/portfolio-report/figures.ts';
import { reportWeekOf } from '../lambdas/portfolio-report/build.ts';
import { sumTotals, type SnapshotTotals } from '../lambdas/portfolio-report/snapshot.ts';
import { SnapshotStore } from '../lambdas/portfolio-report/store.ts';

const DEMO_WEEKS = 8;

/** Week k before today's: balances drift back a little each week (a fixed pattern, not random), client counts stay. */
function earlier(totals: SnapshotTotals, weeksBack: number): SnapshotTotals {
  const drift = (base: number, perWeek: number, wobble: number) => Math.max(0, Math.round(base * (1 - perWeek * weeksBack + wobble * Math.sin(weeksBack * 1.7))));
  return {
    demandDeposits: drift(totals.demandDeposits, 0.012, 0.02),
    timeDeposits: drift(totals.timeDeposits, -0.006, 0.01),
    aum: drift(totals.aum, 0.02, 0.015),
    loansOutstanding: drift(totals.loansOutstanding, 0.01, 0.005),
    clients: totals.clients,
  };
}

/** Writes DEMO_WEEKS weekly snapshots before the demo date's report week, for each RM and each team; returns how many. */
export async function seedDemoHistory(store: RadarStore, options: { demoDate: IsoDate; timeZone: string; weekday: number; now: Date }): Promise<number> {
  const snapshots = new SnapshotStore(store.table);
  const { weekKey } = reportWeekOf(options.demoDate, options.weekday);
  const rms = await store.listRms();
  const totalsByRm = new Map<string, SnapshotTotals>();
  for (const rm of rms) totalsByRm.set(rm.rmId, totalsOf(await readBook(store, rm, options.demoDate, options.timeZone)));
  const teams = new Map<string, SnapshotTotals[]>();
  for (const rm of rms) {
    if (rm.managerId) teams.set(rm.managerId, [...(teams.get(rm.managerId) ?? []), totalsByRm.get(rm.rmId)!]);
  }
  let written = 0;
  for (let week = 1; week <= DEMO_WEEKS; week++) {
    const date = addDays(weekKey, -7 * week);
    const takenAt = options.now.toISOString();
    for (const [rmId, totals] of totalsByRm) {
      written += Number((await snapshots.putIfAbsent({ scope: 'rm', ownerId: rmId, date, totals: earlier(totals, week), takenAt }, options.now)).created);
    }
    for (const [managerId, members] of teams) {
      const totals = sumTotals(members.map((member) => earlier(member, week)));
      written += Number((await snapshots.putIfAbsent({ scope: 'team', ownerId: managerId, date, totals, takenAt }, options.now)).created);
    }
  }
  return written;
}
