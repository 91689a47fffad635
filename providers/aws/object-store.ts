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
  type ListObjectsV2CommandOutput,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import {
  invalidKeyReason,
  ProviderError,
  toBytes,
  type ObjectInfo,
  type ObjectStore,
  type PutOptions,
} from '../core/index.ts';
import { DEFAULT_DEADLINES, type OperationDeadlines } from '../core/operation-deadlines.ts';
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
  /**
   * Each operation's requests are aborted (their sockets closed) at its deadline. The
   * client's own request timeout stops at the answer's headers and its socket timeout at
   * inactivity, so a body trickling in slowly would otherwise outlive the deadline.
   */
  deadlines?: OperationDeadlines;
}

export class S3ObjectStore implements ObjectStore {
  private readonly prefix: string;

  private readonly deadlines: OperationDeadlines;

  constructor(private readonly options: S3ObjectStoreOptions) {
    this.prefix = options.keyPrefix ?? '';
    this.deadlines = options.deadlines ?? DEFAULT_DEADLINES;
  }

  /**
   * Runs `fn` with a signal that aborts its requests, bodies included, after `ms`. An
   * abort mid-body surfaces as a reset socket, so once the signal fired the error is the
   * signal's own `TimeoutError` (a `timeout`, whatever the SDK made of it).
   */
  private async within<T>(ms: number, fn: (options: { abortSignal: AbortSignal }) => Promise<T>): Promise<T> {
    const abortSignal = AbortSignal.timeout(ms);
    try {
      return await fn({ abortSignal });
    } catch (error) {
      throw abortSignal.aborted ? abortSignal.reason : error;
    }
  }

  private objectKey(key: string, operation: string): string {
    const reason = invalidKeyReason(key);
    if (reason)
      throw ProviderError.because('aws', operation, 'invalid-request', `${reason}: ${JSON.stringify(key)}`, {
        subject: key,
      });
    return `${this.prefix}${key}`;
  }

  async put(key: string, body: Uint8Array | string, options: PutOptions = {}): Promise<ObjectInfo> {
    const Key = this.objectKey(key, 'store.put');
    const bytes = toBytes(body);
    const params = {
      Bucket: this.options.bucket,
      Key,
      Body: bytes,
      ...(options.contentType ? { ContentType: options.contentType } : {}),
    };
    try {
      if (bytes.byteLength > MULTIPART_THRESHOLD) {
        await this.within(this.deadlines.storePutMs, async ({ abortSignal }) => {
          // lib-storage takes a controller, not a signal: it aborts every part in flight.
          const abortController = new AbortController();
          abortSignal.addEventListener('abort', () => abortController.abort(abortSignal.reason), { once: true });
          const upload = new Upload({
            client: this.options.client,
            params,
            partSize: PART_SIZE,
            queueSize: PART_CONCURRENCY,
            leavePartsOnError: false,
            abortController,
          });
          await upload.done();
        });
      } else {
        await this.within(this.deadlines.storePutMs, (options) =>
          this.options.client.send(new PutObjectCommand(params), options),
        );
      }
    } catch (error) {
      throw s3Error(error, 'store.put', key);
    }
    return { key, size: bytes.byteLength };
  }

  async get(key: string): Promise<Uint8Array> {
    const Key = this.objectKey(key, 'store.get');
    try {
      return await this.within(this.deadlines.storeGetMs, async (options) => {
        const response = await this.options.client.send(
          new GetObjectCommand({ Bucket: this.options.bucket, Key }),
          options,
        );
        if (!response.Body) return new Uint8Array();
        return await response.Body.transformToByteArray();
      });
    } catch (error) {
      throw s3Error(error, 'store.get', key);
    }
  }

  async head(key: string): Promise<ObjectInfo | null> {
    const Key = this.objectKey(key, 'store.head');
    try {
      const response = await this.within(this.deadlines.storeHeadMs, (options) =>
        this.options.client.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key }), options),
      );
      return {
        key,
        size: response.ContentLength ?? 0,
        ...(response.LastModified ? { lastModified: response.LastModified } : {}),
      };
    } catch (error) {
      const mapped = s3Error(error, 'store.head', key);
      if (mapped.code === 'not-found') return null;
      throw mapped;
    }
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    let token: string | undefined;
    do {
      let page: ListObjectsV2CommandOutput;
      try {
        const command = new ListObjectsV2Command({
          Bucket: this.options.bucket,
          Prefix: `${this.prefix}${prefix}`,
          ContinuationToken: token,
          ...(this.options.listPageSize ? { MaxKeys: this.options.listPageSize } : {}),
        });
        page = await this.within(this.deadlines.storeListPageMs, (options) =>
          this.options.client.send(command, options),
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
      await this.within(this.deadlines.storeDeleteMs, (options) =>
        this.options.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key }), options),
      );
    } catch (error) {
      const mapped = s3Error(error, 'store.delete', key);
      if (mapped.code !== 'not-found') throw mapped;
    }
  }

  /** Creates the bucket if it is missing: for emulators only (real buckets come from Terraform). */
  async ensureBucket(region: string): Promise<void> {
    try {
      const command = new CreateBucketCommand({
        Bucket: this.options.bucket,
        // us-east-1 is the one region that rejects an explicit location constraint.
        ...(region === 'us-east-1'
          ? {}
          : { CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } }),
      });
      await this.within(this.deadlines.storePutMs, (options) => this.options.client.send(command, options));
    } catch (error) {
      const mapped = s3Error(error, 'store.create-bucket');
      if (mapped.code !== 'already-exists') throw mapped;
    }
  }
}
