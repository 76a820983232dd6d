// The drop zone on the local file system: keys are paths under one folder (`.local/` under `npm start`).
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { ListedObject, ObjectInfo, ObjectStore } from './object-store.ts';

export class FolderStore implements ObjectStore {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  /** The file a key names; a key that would leave the folder is refused. */
  pathOf(key: string): string {
    const path = resolve(this.root, key);
    if (path !== this.root && !path.startsWith(this.root + sep)) throw new Error('the key leaves the drop zone folder');
    return path;
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    try {
      const info = await stat(this.pathOf(key));
      return { size: info.size, lastModified: info.mtime };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  read(key: string): AsyncIterable<Uint8Array> {
    return createReadStream(this.pathOf(key));
  }

  async put(key: string, body: string | Uint8Array): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, body);
  }

  async move(fromKey: string, _versionId: string | undefined, toKey: string): Promise<void> {
    const to = this.pathOf(toKey);
    await mkdir(dirname(to), { recursive: true });
    try {
      await rename(this.pathOf(fromKey), to);
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }

  async list(prefix: string, limit: number): Promise<ListedObject[]> {
    const found: ListedObject[] = [];
    const walk = async (folder: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(folder, { withFileTypes: true });
      } catch (error) {
        if (isMissing(error)) return;
        throw error;
      }
      for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        if (found.length >= limit) return;
        const path = join(folder, entry.name);
        if (entry.isDirectory()) await walk(path);
        else if (entry.isFile()) {
          const key = relative(this.root, path).split(sep).join('/');
          if (key.startsWith(prefix)) found.push({ key, lastModified: (await stat(path)).mtime });
        }
      }
    };
    await walk(this.pathOf(prefix.slice(0, prefix.lastIndexOf('/') + 1) || '.'));
    return found;
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}
