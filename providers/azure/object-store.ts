/**
 * The lake on Azure Blob Storage (block blobs). `uploadData` sends small objects in one
 * Put Blob and larger ones as blocks in parallel, committed with Put Block List, so a
 * reader never sees a half-written blob. Listing is `listBlobsFlat` with a prefix, page by
 * page; the service returns names in lexicographic order
 * (https://learn.microsoft.com/rest/api/storageservices/enumerating-blob-resources).
 */
import type { ContainerClient } from '@azure/storage-blob';
import {
  invalidKeyReason,
  ProviderError,
  toBytes,
  type ObjectInfo,
  type ObjectStore,
  type PutOptions,
} from '../core/index.ts';
import { DEFAULT_DEADLINES, type OperationDeadlines } from '../core/operation-deadlines.ts';
import { blobError } from './errors.ts';

/** Above this size a put is staged in blocks (Put Block + Put Block List). */
export const BLOCK_THRESHOLD = 8 * 1024 * 1024;
const BLOCK_SIZE = 8 * 1024 * 1024;
const BLOCK_CONCURRENCY = 4;

export interface BlobObjectStoreOptions {
  container: ContainerClient;
  /** Prepended to every key; listings strip it again. */
  keyPrefix?: string;
  /** Blobs per list page (service default 5000). */
  listPageSize?: number;
  /**
   * Each operation's request is aborted (its socket closed) at its deadline: the SDK's
   * `tryTimeoutInMs` only asks the service for a server-side timeout, it sets no client
   * timeout, so a silent endpoint held the socket for ever.
   */
  deadlines?: OperationDeadlines;
}

export class BlobObjectStore implements ObjectStore {
  private readonly prefix: string;

  private readonly deadlines: OperationDeadlines;

  constructor(private readonly options: BlobObjectStoreOptions) {
    this.prefix = options.keyPrefix ?? '';
    this.deadlines = options.deadlines ?? DEFAULT_DEADLINES;
  }

  private blob(key: string, operation: string) {
    const reason = invalidKeyReason(key);
    if (reason)
      throw ProviderError.because('azure', operation, 'invalid-request', `${reason}: ${JSON.stringify(key)}`, {
        subject: key,
      });
    return this.options.container.getBlockBlobClient(`${this.prefix}${key}`);
  }

  async put(key: string, body: Uint8Array | string, options: PutOptions = {}): Promise<ObjectInfo> {
    const blob = this.blob(key, 'store.put');
    const bytes = toBytes(body);
    try {
      await blob.uploadData(bytes, {
        maxSingleShotSize: BLOCK_THRESHOLD,
        blockSize: BLOCK_SIZE,
        concurrency: BLOCK_CONCURRENCY,
        abortSignal: AbortSignal.timeout(this.deadlines.storePutMs),
        ...(options.contentType ? { blobHTTPHeaders: { blobContentType: options.contentType } } : {}),
      });
    } catch (error) {
      throw blobError(error, 'store.put', key);
    }
    return { key, size: bytes.byteLength };
  }

  async get(key: string): Promise<Uint8Array> {
    const blob = this.blob(key, 'store.get');
    try {
      // The signal covers the body too: the download stream is aborted with the request.
      const response = await blob.download(0, undefined, {
        abortSignal: AbortSignal.timeout(this.deadlines.storeGetMs),
      });
      const chunks: Buffer[] = [];
      for await (const chunk of response.readableStreamBody ?? []) chunks.push(Buffer.from(chunk as Uint8Array));
      return new Uint8Array(Buffer.concat(chunks));
    } catch (error) {
      throw blobError(error, 'store.get', key);
    }
  }

  async head(key: string): Promise<ObjectInfo | null> {
    const blob = this.blob(key, 'store.head');
    try {
      const properties = await blob.getProperties({ abortSignal: AbortSignal.timeout(this.deadlines.storeHeadMs) });
      return {
        key,
        size: properties.contentLength ?? 0,
        ...(properties.lastModified ? { lastModified: properties.lastModified } : {}),
      };
    } catch (error) {
      const mapped = blobError(error, 'store.head', key);
      if (mapped.code === 'not-found') return null;
      throw mapped;
    }
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    // One deadline per page, not for the whole listing: re-armed as each page arrives.
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => abort.abort(), this.deadlines.storeListPageMs);
    };
    const pages = this.options.container
      .listBlobsFlat({ prefix: `${this.prefix}${prefix}`, abortSignal: abort.signal })
      .byPage({ maxPageSize: this.options.listPageSize ?? 5000 });
    try {
      arm();
      for await (const page of pages) {
        clearTimeout(timer);
        for (const item of page.segment.blobItems) {
          yield {
            key: item.name.slice(this.prefix.length),
            size: item.properties.contentLength ?? 0,
            ...(item.properties.lastModified ? { lastModified: item.properties.lastModified } : {}),
          };
        }
        arm();
      }
    } catch (error) {
      throw blobError(error, 'store.list', prefix);
    } finally {
      clearTimeout(timer);
    }
  }

  async delete(key: string): Promise<void> {
    const blob = this.blob(key, 'store.delete');
    try {
      await blob.deleteIfExists({ abortSignal: AbortSignal.timeout(this.deadlines.storeDeleteMs) });
    } catch (error) {
      throw blobError(error, 'store.delete', key);
    }
  }

  /** Creates the container if it is missing: for Azurite only (real containers come from Terraform). */
  async ensureContainer(): Promise<void> {
    try {
      await this.options.container.createIfNotExists({ abortSignal: AbortSignal.timeout(this.deadlines.storePutMs) });
    } catch (error) {
      throw blobError(error, 'store.create-container');
    }
  }
}
