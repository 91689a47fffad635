/**
 * The lake on Amazon S3. Small objects are one PutObject; larger ones go through
 * lib-storage's `Upload` (multipart, parts sent in parallel). Listing follows
 * ListObjectsV2 continuation tokens; S3 returns keys in UTF-8 binary order
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html), the order
 * the interface promises.
 */
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type BucketLocationConstraint,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { invalidKeyReason, ProviderError, toBytes, type ObjectInfo, type ObjectStore, type PutOptions } from '../core/index.ts';
import { s3Error } from './errors.ts';

/** Above this size a put is a multipart upload (S3 parts must be ≥ 5 MiB except the last). */
export const MULTIPART_THRESHOLD = 8 * 1024 * 1024;
const PART_SIZE = 8 * 1024 * 1024;
/** Parts in flight at once per upload. */
const PART_CONCURRENCY = 4;

export interface S3ObjectStoreOptions {
  client: S3Client;
  bucket: string;
  /** Prepended to every key; listings strip it again. */
  keyPrefix?: string;
  /** Keys per ListObjectsV2 page (service default and maximum 1000). */
  listPageSize?: number;
}

export class S3ObjectStore implements ObjectStore {
  private readonly prefix: string;

  constructor(private readonly options: S3ObjectStoreOptions) {
    this.prefix = options.keyPrefix ?? '';
  }

  private objectKey(key: string, operation: string): string {
    const reason = invalidKeyReason(key);
    if (reason) throw ProviderError.because('aws', operation, 'invalid-request', `${reason}: ${JSON.stringify(key)}`, { subject: key });
    return `${this.prefix}${key}`;
  }

  async put(key: string, body: Uint8Array | string, options: PutOptions = {}): Promise<ObjectInfo> {
    const Key = this.objectKey(key, 'store.put');
    const bytes = toBytes(body);
    const params = { Bucket: this.options.bucket, Key, Body: bytes, ...(options.contentType ? { ContentType: options.contentType } : {}) };
    try {
      if (bytes.byteLength > MULTIPART_THRESHOLD) {
        const upload = new Upload({ client: this.options.client, params, partSize: PART_SIZE, queueSize: PART_CONCURRENCY, leavePartsOnError: false });
        await upload.done();
      } else {
        await this.options.client.send(new PutObjectCommand(params));
      }
    } catch (error) {
      throw s3Error(error, 'store.put', key);
    }
    return { key, size: bytes.byteLength };
  }

  async get(key: string): Promise<Uint8Array> {
    const Key = this.objectKey(key, 'store.get');
    try {
      const response = await this.options.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key }));
      if (!response.Body) return new Uint8Array();
      return await response.Body.transformToByteArray();
    } catch (error) {
      throw s3Error(error, 'store.get', key);
    }
  }

  async head(key: string): Promise<ObjectInfo | null> {
    const Key = this.objectKey(key, 'store.head');
    try {
      const response = await this.options.client.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key }));
      return { key, size: response.ContentLength ?? 0, ...(response.LastModified ? { lastModified: response.LastModified } : {}) };
    } catch (error) {
      const mapped = s3Error(error, 'store.head', key);
      if (mapped.code === 'not-found') return null;
      throw mapped;
    }
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    let token: string | undefined;
    do {
      let page;
      try {
        page = await this.options.client.send(
          new ListObjectsV2Command({
            Bucket: this.options.bucket,
            Prefix: `${this.prefix}${prefix}`,
            ContinuationToken: token,
            ...(this.options.listPageSize ? { MaxKeys: this.options.listPageSize } : {}),
          }),
        );
      } catch (error) {
        throw s3Error(error, 'store.list', prefix);
      }
      for (const object of page.Contents ?? []) {
        if (!object.Key) continue;
        yield {
          key: object.Key.slice(this.prefix.length),
          size: object.Size ?? 0,
          ...(object.LastModified ? { lastModified: object.LastModified } : {}),
        };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async delete(key: string): Promise<void> {
    const Key = this.objectKey(key, 'store.delete');
    try {
      // S3 answers 204 whether or not the key existed.
      await this.options.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key }));
    } catch (error) {
      const mapped = s3Error(error, 'store.delete', key);
      if (mapped.code !== 'not-found') throw mapped;
    }
  }

  /** Creates the bucket if it is missing: for emulators only (real buckets come from Terraform). */
  async ensureBucket(region: string): Promise<void> {
    try {
      await this.options.client.send(
        new CreateBucketCommand({
          Bucket: this.options.bucket,
          // us-east-1 is the one region that rejects an explicit location constraint.
          ...(region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } }),
        }),
      );
    } catch (error) {
      const mapped = s3Error(error, 'store.create-bucket');
      if (mapped.code !== 'already-exists') throw mapped;
    }
  }
}
