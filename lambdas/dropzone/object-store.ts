// The drop zone's storage as the importer sees it: S3 in AWS, a local folder for `npm start` and the tests.

/** One stored object, read whole (the importer validates a file completely before it writes). */
export interface StoredObject {
  bytes: Uint8Array;
  /** When the object arrived. */
  lastModified: Date;
}

/** An object listed under a prefix. */
export interface ListedObject {
  key: string;
  lastModified: Date;
}

export interface ObjectStore {
  /** Reads a version of an object (the current one when versionId is undefined); undefined when it is gone. */
  get(key: string, versionId: string | undefined): Promise<StoredObject | undefined>;
  /** The size in bytes, or undefined when it is gone; read before `get`, so that an oversized file is never loaded. */
  size(key: string, versionId: string | undefined): Promise<number | undefined>;
  put(key: string, body: string | Uint8Array, contentType: string): Promise<void>;
  /** Moves an object version to another key (copy, then delete that version); a version already gone is left alone. */
  move(fromKey: string, versionId: string | undefined, toKey: string): Promise<void>;
  /** Objects under a prefix, at most `limit` of them. */
  list(prefix: string, limit: number): Promise<ListedObject[]>;
}
