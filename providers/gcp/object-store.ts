/**
 * The lake on Cloud Storage. Small objects are one multipart upload request; larger ones
 * use a resumable upload session, which survives a dropped connection mid-object
 * (https://cloud.google.com/storage/docs/uploads-downloads#uploads). Listing follows
 * `nextPageToken`; Cloud Storage lists names in lexicographic order.
 */
import type { Bucket, File, GetFilesResponse, Storage } from '@google-cloud/storage';
import {
  invalidKeyReason,
  ProviderError,
  toBytes,
  type ObjectInfo,
  type ObjectStore,
  type PutOptions,
} from '../core/index.ts';
import { googleError } from './errors.ts';

/** Above this size a put is a resumable upload. */
export const RESUMABLE_THRESHOLD = 8 * 1024 * 1024;
/** Resumable chunk size: a multiple of 256 KiB, as the API requires. */
const CHUNK_SIZE = 8 * 1024 * 1024;

export interface GcsObjectStoreOptions {
  storage: Storage;
  bucket: string;
  /** Prepended to every key; listings strip it again. */
  keyPrefix?: string;
  /** Objects per list page (service default and maximum 1000). */
  listPageSize?: number;
}

export class GcsObjectStore implements ObjectStore {
  private readonly prefix: string;
  private readonly bucket: Bucket;

  constructor(private readonly options: GcsObjectStoreOptions) {
    this.prefix = options.keyPrefix ?? '';
    this.bucket = options.storage.bucket(options.bucket);
  }

  private file(key: string, operation: string) {
    const reason = invalidKeyReason(key);
    if (reason)
      throw ProviderError.because('gcp', operation, 'invalid-request', `${reason}: ${JSON.stringify(key)}`, {
        subject: key,
      });
    return this.bucket.file(`${this.prefix}${key}`);
  }

  async put(key: string, body: Uint8Array | string, options: PutOptions = {}): Promise<ObjectInfo> {
    const file = this.file(key, 'store.put');
    const bytes = toBytes(body);
    const resumable = bytes.byteLength > RESUMABLE_THRESHOLD;
    try {
      await file.save(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
        resumable,
        ...(resumable ? { chunkSize: CHUNK_SIZE } : {}),
        ...(options.contentType ? { contentType: options.contentType } : {}),
      });
    } catch (error) {
      throw googleError(error, 'store.put', key);
    }
    return { key, size: bytes.byteLength };
  }

  async get(key: string): Promise<Uint8Array> {
    const file = this.file(key, 'store.get');
    try {
      const [contents] = await file.download();
      return new Uint8Array(contents.buffer, contents.byteOffset, contents.byteLength);
    } catch (error) {
      throw googleError(error, 'store.get', key);
    }
  }

  async head(key: string): Promise<ObjectInfo | null> {
    const file = this.file(key, 'store.head');
    try {
      const [metadata] = await file.getMetadata();
      return {
        key,
        size: Number(metadata.size ?? 0),
        ...(metadata.updated ? { lastModified: new Date(metadata.updated) } : {}),
      };
    } catch (error) {
      const mapped = googleError(error, 'store.head', key);
      if (mapped.code === 'not-found') return null;
      throw mapped;
    }
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    let pageToken: string | undefined;
    do {
      let files: File[];
      let next: GetFilesResponse[1];
      try {
        [files, next] = await this.bucket.getFiles({
          prefix: `${this.prefix}${prefix}`,
          autoPaginate: false,
          maxResults: this.options.listPageSize ?? 1000,
          ...(pageToken ? { pageToken } : {}),
        });
      } catch (error) {
        throw googleError(error, 'store.list', prefix);
      }
      for (const file of files) {
        yield {
          key: file.name.slice(this.prefix.length),
          size: Number(file.metadata.size ?? 0),
          ...(file.metadata.updated ? { lastModified: new Date(file.metadata.updated) } : {}),
        };
      }
      pageToken = (next as { pageToken?: string } | null)?.pageToken;
    } while (pageToken);
  }

  async delete(key: string): Promise<void> {
    const file = this.file(key, 'store.delete');
    try {
      await file.delete({ ignoreNotFound: true });
    } catch (error) {
      throw googleError(error, 'store.delete', key);
    }
  }

  /** Creates the bucket if it is missing: for emulators only (real buckets come from Terraform). */
  async ensureBucket(location: string): Promise<void> {
    try {
      const [exists] = await this.bucket.exists();
      if (!exists) await this.options.storage.createBucket(this.options.bucket, { location });
    } catch (error) {
      const mapped = googleError(error, 'store.create-bucket');
      if (mapped.code !== 'already-exists' && mapped.code !== 'conflict') throw mapped;
    }
  }
}
