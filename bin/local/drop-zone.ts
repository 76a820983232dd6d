// The drop zone under `npm start`: a folder watched by polling, each file imported through the function's own path.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { importObject, type DropZoneDeps, type ObjectOutcome } from '../../lambdas/dropzone/import-object.ts';
import { ENTITY_ORDER, FULL_LOANS_FOLDER, PREFIXES } from '../../lambdas/dropzone/object-name.ts';
import { FolderStore } from '../../lambdas/dropzone/folder-store.ts';
import { loggableMessage } from '../../lambdas/core/errors.ts';

/** A file is read once it has not changed for this long, so a copy in progress is not read half-written. */
const SETTLE_MS = 1_000;
const MAX_FILES_PER_SCAN = 1_000;

export interface LocalDropZone {
  /** Imports what is in incoming/ now, rms first; returns what happened to each file tried. */
  scan(): Promise<Array<{ key: string; outcome: ObjectOutcome }>>;
  stop(): void;
}

/** Creates incoming/<entity>/ under `root` and, with `pollMs`, keeps importing what is dropped there. */
export async function startLocalDropZone(
  root: string,
  deps: Omit<DropZoneDeps, 'objects'>,
  options: { pollMs?: number; print: (line: string) => void },
): Promise<LocalDropZone> {
  const objects = new FolderStore(root);
  for (const entity of ENTITY_ORDER) await mkdir(join(root, PREFIXES.incoming, entity), { recursive: true });
  await mkdir(join(root, PREFIXES.incoming, 'loans', FULL_LOANS_FOLDER), { recursive: true });
  const lastSaid = new Map<string, string>();

  const scan = async () => {
    const tried: Array<{ key: string; outcome: ObjectOutcome }> = [];
    const listed = await objects.list(PREFIXES.incoming, MAX_FILES_PER_SCAN);
    const rank = (key: string) => ENTITY_ORDER.findIndex((entity) => key.startsWith(`${PREFIXES.incoming}${entity}/`));
    const settled = listed.filter((file) => Date.now() - file.lastModified.getTime() >= SETTLE_MS).sort((a, b) => rank(a.key) - rank(b.key));
    for (const file of settled) {
      // A folder has no versions: a file's modification time stands for one, so a changed file is a new version.
      const version = { key: file.key, versionId: `local-${file.lastModified.getTime()}` };
      try {
        const outcome = await importObject({ ...deps, objects }, version);
        tried.push({ key: file.key, outcome });
        const line = describe(file.key, outcome);
        if (lastSaid.get(file.key) !== line) options.print(line);
        lastSaid.set(file.key, line);
      } catch (error) {
        options.print(`drop zone: ${file.key} failed, retrying: ${loggableMessage(error)}`);
      }
    }
    return tried;
  };

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  if (options.pollMs) {
    timer = setInterval(() => {
      running = running.then(scan).catch((error: unknown) => options.print(`drop zone: scan failed: ${loggableMessage(error)}`));
    }, options.pollMs);
  }
  return { scan, stop: () => clearInterval(timer) };
}

function describe(key: string, outcome: ObjectOutcome): string {
  switch (outcome.status) {
    case 'waiting':
      return `drop zone: ${key} waits for ${outcome.waitingFor}`;
    case 'busy':
      return `drop zone: ${key} is being imported`;
    case 'already-done':
      return `drop zone: ${key} was imported before`;
    case 'ignored':
      return `drop zone: ${key} ignored (${outcome.reason})`;
    default:
      return `drop zone: ${key} ${outcome.status}; report in ${outcome.reportKey}, file moved to ${outcome.movedTo}`;
  }
}
