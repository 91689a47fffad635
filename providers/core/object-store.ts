/**
 * The lake's storage interface: only what S3, Cloud Storage, Blob Storage and a disk
 * all do (flystorage's honest 80/20). Keys are `/`-separated, relative, never `..`.
 */

export interface PutOptions {
  /** MIME type stored with the object (e.g. `application/json`). */
  contentType?: string;
}

export interface ObjectInfo {
  key: string;
  /** Size in bytes. */
  size: number;
  /** Last modification time when the backend reports one. */
  lastModified?: Date;
}

export interface ObjectStore {
  /** Writes (or overwrites) an object. Resolves once it is durable and readable. */
  put(key: string, body: Uint8Array | string, options?: PutOptions): Promise<ObjectInfo>;
  /** Reads a whole object. Throws ProviderError `not-found` when it does not exist. */
  get(key: string): Promise<Uint8Array>;
  /** Metadata of an object, or null when it does not exist. */
  head(key: string): Promise<ObjectInfo | null>;
  /** Every object whose key starts with `prefix` (a plain string prefix, recursive), in key order. */
  list(prefix: string): AsyncIterable<ObjectInfo>;
  /** Removes an object; deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
}

const MAX_KEY_BYTES = 1024; // S3 and GCS both cap object names at 1024 bytes.

/** Why a key is unusable on some backend, or null when it is fine everywhere. */
export function invalidKeyReason(key: string): string | null {
  if (key.length === 0) return 'the key is empty';
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) return `the key is longer than ${MAX_KEY_BYTES} bytes`;
  if (key.startsWith('/')) return 'the key starts with "/"';
  if (key.endsWith('/')) return 'the key ends with "/"';
  if (key.includes('\\')) return 'the key contains a backslash';
  if (key.includes('//')) return 'the key has an empty segment';
  if (/[\u0000-\u001f\u007f]/.test(key)) return 'the key contains a control character';
  if (key.split('/').some((segment) => segment === '.' || segment === '..')) return 'the key has a "." or ".." segment';
  return null;
}

/** Reads every object under a prefix into memory; for tests and small listings. */
export async function listAll(store: ObjectStore, prefix: string): Promise<ObjectInfo[]> {
  const out: ObjectInfo[] = [];
  for await (const info of store.list(prefix)) out.push(info);
  return out;
}

export function toBytes(body: Uint8Array | string): Uint8Array {
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
}
