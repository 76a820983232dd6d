// The drop zone's storage as the importer sees it: S3 in AWS, a local folder for `npm start` and the tests.

/** What is known of a stored object before reading it. */
export interface ObjectInfo {
  size: number;
  /** When the object arrived. */
  lastModified: Date;
}

/** An object listed under a prefix. */
export interface ListedObject {
  key: string;
  lastModified: Date;
}

export interface ObjectStore {
  /** Size and arrival of a version of an object (the current one when versionId is undefined); undefined when it is gone. */
  head(key: string, versionId: string | undefined): Promise<ObjectInfo | undefined>;
  /**
   * Reads a version of an object from its start, in pieces (the importer reads a file twice: to validate,
   * then to write, never holding it whole). Fails if the version is gone.
   */
  read(key: string, versionId: string | undefined): AsyncIterable<Uint8Array>;
  put(key: string, body: string | Uint8Array, contentType: string): Promise<void>;
  /** Moves an object version to another key (copy, then delete that version); a version already gone is left alone. */
  move(fromKey: string, versionId: string | undefined, toKey: string): Promise<void>;
  /** Objects under a prefix, at most `limit` of them. */
  list(prefix: string, limit: number): Promise<ListedObject[]>;
}
