// Loads the demo book into a table through the same CSV importer users run, plus a few logged touches.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { importCsv } from '../lambdas/core/import/importer.ts';
import { addDays, localTimeToInstant } from '../lambdas/core/dates/calendar.ts';
import type { RadarStore } from '../lambdas/core/store/radar-store.ts';
import type { IsoDate } from '../lambdas/core/model.ts';
import type { ImportEntity } from '../lambdas/core/import/entities.ts';
import { demoBook } from './demo-data.ts';
import { seedDemoHistory } from './demo-history.ts';

const IMPORT_ORDER: ImportEntity[] = ['rms', 'clients', 'contacts', 'loans', 'events'];

/**
 * Writes the demo CSV files under `csvFolder` (so users can see what an import looks like),
 * imports them, and logs the demo touches. Returns the row counts per entity.
 */
export async function loadDemoBook(
  store: RadarStore,
  options: { demoDate: IsoDate; timeZone: string; csvFolder: string; now: Date; reportWeekday?: number },
): Promise<Record<string, number>> {
  const { files, touches } = demoBook(options.demoDate);
  await mkdir(options.csvFolder, { recursive: true });
  const counts: Record<string, number> = {};
  for (const entity of IMPORT_ORDER) {
    const path = join(options.csvFolder, `${entity}.csv`);
    await writeFile(path, files[entity]);
    // As of the demo date: the demo loan 12 days past due then keeps ageing on the days after.
    const report = await importCsv(store, entity, Buffer.from(files[entity]), { timeZone: options.timeZone, asOf: options.demoDate, now: options.now });
    if (report.problems.length > 0) {
      const first = report.problems[0]!;
      throw new Error(`demo ${entity}.csv line ${first.line} [${first.column}]: ${first.message}`);
    }
    counts[entity] = report.written;
  }
  for (const touch of touches) {
    const day = addDays(options.demoDate, -touch.daysAgo);
    await store.logTouch({
      clientId: touch.clientId,
      channel: touch.channel,
      at: localTimeToInstant(day, '15:00', options.timeZone).toISOString(),
      note: touch.note,
      followUpOn: addDays(day, touch.followUpInDays),
      source: 'import',
    });
  }
  counts.touches = touches.length;
  counts['weekly snapshots'] = await seedDemoHistory(store, { demoDate: options.demoDate, timeZone: options.timeZone, weekday: options.reportWeekday ?? 1, now: options.now });
  return counts;
}
