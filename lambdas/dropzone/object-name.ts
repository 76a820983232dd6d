// What an object's key says: which entity it holds, whether loans are a full extract, the as-of date, and where it goes next.
import { isoDate, type IsoDate } from '../core/model.ts';
import type { ImportEntity } from '../core/import/entities.ts';

/** The prefixes of the drop zone; the bucket notifies only for INCOMING. */
export const PREFIXES = { incoming: 'incoming/', processed: 'processed/', rejected: 'rejected/', reports: 'reports/' } as const;

/** Entities in the order a day's files are applied: a file waits while an earlier entity's file of its day is pending. */
export const ENTITY_ORDER: readonly ImportEntity[] = ['rms', 'clients', 'contacts', 'loans', 'events'];

/** Loans under `incoming/loans/full/` are full extracts: the file lists every live loan of its clients. */
export const FULL_LOANS_FOLDER = 'full';

const MAX_KEY_LENGTH = 1024;

export interface DropObjectName {
  key: string;
  entity: ImportEntity;
  /** Loans only: a full extract, as `import loans --full`. */
  full: boolean;
  /** The path below `incoming/`, e.g. `loans/full/loans-2026-12-01.csv`. */
  relativePath: string;
  /** The business date in the file name (2026-12-01, 20261201, 2026_12_01), if it has one. */
  asOf?: IsoDate;
}

/** Reads an incoming key, or says in plain words why the drop zone cannot take it. */
export function parseObjectKey(key: string): DropObjectName | { problem: string } {
  if (key.length > MAX_KEY_LENGTH) return { problem: `the object name is longer than ${MAX_KEY_LENGTH} characters` };
  if (!key.startsWith(PREFIXES.incoming)) return { problem: `the object is not under ${PREFIXES.incoming}` };
  const relativePath = key.slice(PREFIXES.incoming.length);
  const parts = relativePath.split('/');
  const entity = ENTITY_ORDER.find((name) => name === parts[0]);
  const full = entity === 'loans' && parts.length === 3 && parts[1] === FULL_LOANS_FOLDER;
  const fileName = parts.at(-1) ?? '';
  if (!entity || !(parts.length === 2 || full) || !fileName) {
    return {
      problem: `put files directly under ${ENTITY_ORDER.map((name) => `${PREFIXES.incoming}${name}/`).join(', ')} (full loan extracts under ${PREFIXES.incoming}loans/${FULL_LOANS_FOLDER}/)`,
    };
  }
  if ([...fileName].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) return { problem: 'the file name holds control characters' };
  return { key, entity, full, relativePath, asOf: dateInName(fileName) };
}

/** The first real date in a file name, written 2026-12-01, 2026_12_01, 2026.12.01 or 20261201. */
export function dateInName(fileName: string): IsoDate | undefined {
  for (const match of fileName.matchAll(/(?<!\d)(20\d{2})([-_.]?)(\d{2})\2(\d{2})(?!\d)/g)) {
    const candidate = `${match[1]}-${match[3]}-${match[4]}`;
    if (isoDate.safeParse(candidate).success) return candidate;
  }
  return undefined;
}

/** Where a file goes after its import, and where its report is written. */
export function destinations(relativePath: string) {
  return {
    processed: `${PREFIXES.processed}${relativePath}`,
    rejected: `${PREFIXES.rejected}${relativePath}`,
    report: `${PREFIXES.reports}${relativePath}.report.json`,
  };
}
