// The drop zone's S3 adapter: reads and moves by object version, streams the body in pieces, and treats a
// version that is gone as gone. No S3 emulator installs here, so the S3 client is replaced by aws-sdk-client-mock.
import { Readable } from 'node:stream';
import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, NoSuchKey, NotFound, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { S3Store } from '../../../lambdas/dropzone/s3-store.ts';

const s3 = mockClient(S3Client);
const store = new S3Store('drop-bucket', new S3Client({ region: 'eu-west-1' }));

beforeEach(() => s3.reset());

describe('S3Store', () => {
  it('gives the size and arrival of the version asked for, and nothing for a version that is gone', async () => {
    const arrived = new Date('2026-12-01T01:02:03Z');
    s3.on(HeadObjectCommand, { Key: 'incoming/rms/rms.csv', VersionId: 'v1' }).resolves({ ContentLength: 42, LastModified: arrived });
    s3.on(HeadObjectCommand, { VersionId: 'v-gone' }).rejects(new NotFound({ message: 'gone', $metadata: { httpStatusCode: 404 } }));
    expect(await store.head('incoming/rms/rms.csv', 'v1')).toEqual({ size: 42, lastModified: arrived });
    expect(await store.head('incoming/rms/rms.csv', 'v-gone')).toBeUndefined();
  });

  it('reads a version as the pieces its body streams, without joining them', async () => {
    const pieces = [Buffer.from('rm_id,name\n'), Buffer.from('rm-a,Grace\n')];
    s3.on(GetObjectCommand, { Bucket: 'drop-bucket', Key: 'incoming/rms/rms.csv', VersionId: 'v1' }).callsFake(() => ({ Body: Readable.from(pieces) }));
    const read: Buffer[] = [];
    for await (const piece of store.read('incoming/rms/rms.csv', 'v1')) read.push(Buffer.from(piece));
    expect(read).toEqual(pieces);
    // Each reading is its own request: the importer reads the file once to validate and once to write.
    for await (const piece of store.read('incoming/rms/rms.csv', 'v1')) expect(piece).toBeDefined();
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(2);
  });

  it('fails a read of a version that is gone, so the import stops before writing', async () => {
    s3.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'gone', $metadata: { httpStatusCode: 404 } }));
    await expect(async () => {
      for await (const piece of store.read('incoming/rms/rms.csv', 'v1')) expect(piece).toBeUndefined();
    }).rejects.toBeInstanceOf(NoSuchKey);
  });

  it('moves a version by copying it and deleting that version only, and leaves alone a version already moved', async () => {
    s3.on(CopyObjectCommand).resolves({});
    s3.on(DeleteObjectCommand).resolves({});
    await store.move('incoming/clients/客户 2026-12-01.csv', 'v 1', 'processed/clients/客户 2026-12-01.csv');
    expect(s3.commandCalls(CopyObjectCommand)[0]!.args[0].input).toEqual({
      Bucket: 'drop-bucket',
      Key: 'processed/clients/客户 2026-12-01.csv',
      CopySource: `drop-bucket/incoming/clients/${encodeURIComponent('客户 2026-12-01.csv')}?versionId=v%201`,
    });
    expect(s3.commandCalls(DeleteObjectCommand)[0]!.args[0].input).toEqual({ Bucket: 'drop-bucket', Key: 'incoming/clients/客户 2026-12-01.csv', VersionId: 'v 1' });

    s3.reset();
    s3.on(CopyObjectCommand).rejects(new NoSuchKey({ message: 'gone', $metadata: { httpStatusCode: 404 } }));
    await store.move('incoming/rms/rms.csv', 'v1', 'processed/rms/rms.csv');
    expect(s3.commandCalls(DeleteObjectCommand)).toHaveLength(0);
  });
});
