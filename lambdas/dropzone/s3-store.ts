// The drop zone in AWS: an S3 bucket, read by object version so that a newer upload under the same key never mixes in.
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { ListedObject, ObjectInfo, ObjectStore } from './object-store.ts';

export class S3Store implements ObjectStore {
  readonly bucket: string;
  private readonly s3: S3Client;

  constructor(bucket: string, s3: S3Client = new S3Client({})) {
    this.bucket = bucket;
    this.s3 = s3;
  }

  async head(key: string, versionId: string | undefined): Promise<ObjectInfo | undefined> {
    try {
      const result = await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key, VersionId: versionId }));
      return { size: result.ContentLength ?? 0, lastModified: result.LastModified ?? new Date() };
    } catch (error) {
      if (isGone(error)) return undefined;
      throw error;
    }
  }

  async *read(key: string, versionId: string | undefined): AsyncIterable<Uint8Array> {
    const result = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, VersionId: versionId }));
    // In Node the body is a readable stream: pieces arrive as they are downloaded.
    yield* result.Body as AsyncIterable<Uint8Array>;
  }

  async put(key: string, body: string | Uint8Array, contentType: string): Promise<void> {
    // The bucket's default encryption (its KMS key) applies; nothing is set per object.
    await this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }));
  }

  async move(fromKey: string, versionId: string | undefined, toKey: string): Promise<void> {
    const source = `${this.bucket}/${encodeURIComponent(fromKey).replace(/%2F/g, '/')}${versionId ? `?versionId=${encodeURIComponent(versionId)}` : ''}`;
    try {
      await this.s3.send(new CopyObjectCommand({ Bucket: this.bucket, Key: toKey, CopySource: source }));
    } catch (error) {
      if (isGone(error)) return;
      throw error;
    }
    // Deleting the version (not the key) leaves a newer upload under the same name in place.
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: fromKey, VersionId: versionId }));
  }

  async list(prefix: string, limit: number): Promise<ListedObject[]> {
    const found: ListedObject[] = [];
    let token: string | undefined;
    do {
      const page = await this.s3.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token, MaxKeys: Math.min(1000, limit - found.length) }),
      );
      for (const object of page.Contents ?? []) found.push({ key: object.Key!, lastModified: object.LastModified ?? new Date() });
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token && found.length < limit);
    return found;
  }
}

function isGone(error: unknown): boolean {
  return error instanceof NoSuchKey || error instanceof NotFound || (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404);
}
