/**
 * The lake on local disk: one file per object under a root directory. Writes go to a
 * temporary file then `rename`, which POSIX makes atomic, so a reader or a concurrent
 * writer never sees half an object.
 *
 * Small objects (raw pages, metas: most of a lake's files) are read and written with
 * synchronous calls. Each asynchronous fs call is a round trip through libuv's thread
 * pool; for a file of a few KB that hand-off costs more than the I/O itself (measured in
 * docs/performance.md, "Second pass"). Blocking the event loop for one small file is the
 * cheaper side; larger objects stay asynchronous.
 *
 * The lake is private: directories 0700, objects 0600, given at creation (the umask can
 * only take bits away from these).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync, type Dirent } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  invalidKeyReason,
  ProviderError,
  toBytes,
  type ObjectInfo,
  type ObjectStore,
  type PutOptions,
} from '../core/index.ts';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './make-directory.ts';

const PROVIDER = 'local';
/** Objects up to this size are read and written synchronously (see above). */
const SYNC_IO_MAX_BYTES = 256 * 1024;
/** Temporary files live here, outside every key's path, so listings never show them. */
const TMP_DIR = '.tmp';

export class FsObjectStore implements ObjectStore {
  constructor(private readonly root: string) {}

  private pathOf(key: string, operation: string): string {
    const reason = invalidKeyReason(key);
    if (reason)
      throw ProviderError.because(PROVIDER, operation, 'invalid-request', `${reason}: ${JSON.stringify(key)}`, {
        subject: key,
      });
    if (key === TMP_DIR || key.startsWith(`${TMP_DIR}/`)) {
      throw ProviderError.because(PROVIDER, operation, 'invalid-request', `keys under ${TMP_DIR}/ are reserved`, {
        subject: key,
      });
    }
    return path.join(this.root, ...key.split('/'));
  }

  async put(key: string, body: Uint8Array | string, _options?: PutOptions): Promise<ObjectInfo> {
    const target = this.pathOf(key, 'store.put');
    const bytes = toBytes(body);
    const tmp = path.join(this.root, TMP_DIR, randomUUID());
    try {
      try {
        await this.write(tmp, target, bytes);
      } catch (cause) {
        // A directory remembered as made was removed behind our back: make it again, once.
        if (errnoOf(cause) !== 'ENOENT') throw cause;
        this.madeDirs.clear();
        await this.write(tmp, target, bytes);
      }
    } catch (cause) {
      await rm(tmp, { force: true });
      throw this.wrap(cause, 'store.put', key);
    }
    return { key, size: bytes.byteLength };
  }

  /** Directories known to exist: a lake write usually lands next to the previous one, so
   * remembering them saves two mkdir calls per put. */
  private readonly madeDirs = new Set<string>();

  private async ensureDir(dir: string, sync: boolean): Promise<void> {
    if (this.madeDirs.has(dir)) return;
    // Recursive is safe here: the root is a directory the provider made and checked.
    if (sync) mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    else await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    if (this.madeDirs.size > 10_000) this.madeDirs.clear(); // bounded memory
    this.madeDirs.add(dir);
  }

  private async write(tmp: string, target: string, bytes: Uint8Array): Promise<void> {
    const sync = bytes.byteLength <= SYNC_IO_MAX_BYTES;
    await this.ensureDir(path.dirname(tmp), sync);
    await this.ensureDir(path.dirname(target), sync);
    if (sync) {
      writeFileSync(tmp, bytes, { mode: PRIVATE_FILE_MODE });
      renameSync(tmp, target);
    } else {
      await writeFile(tmp, bytes, { mode: PRIVATE_FILE_MODE });
      await rename(tmp, target);
    }
  }

  async get(key: string): Promise<Uint8Array> {
    const file = this.pathOf(key, 'store.get');
    try {
      const small = statSync(file).size <= SYNC_IO_MAX_BYTES;
      const bytes = small ? readFileSync(file) : await readFile(file);
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength); // a view: no copy
    } catch (cause) {
      throw this.wrap(cause, 'store.get', key);
    }
  }

  async head(key: string): Promise<ObjectInfo | null> {
    const file = this.pathOf(key, 'store.head');
    try {
      const info = statSync(file); // one metadata lookup: cheaper inline than through the thread pool
      return info.isFile() ? { key, size: info.size, lastModified: info.mtime } : null;
    } catch (cause) {
      if (errnoOf(cause) === 'ENOENT' || errnoOf(cause) === 'ENOTDIR') return null;
      throw this.wrap(cause, 'store.head', key);
    }
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    // Walk only the deepest directory the prefix names, then filter by the plain prefix.
    const lastSlash = prefix.lastIndexOf('/');
    const dirKey = lastSlash >= 0 ? prefix.slice(0, lastSlash) : '';
    const start = dirKey === '' ? this.root : path.join(this.root, ...dirKey.split('/'));
    const keys: string[] = [];
    await this.walk(start, dirKey, keys);
    const matching = keys.filter((k) => k.startsWith(prefix)).sort(compareKeys);
    for (const key of matching) {
      const info = await this.head(key);
      if (info) yield info; // deleted while listing: skip, as cloud listings do
    }
  }

  async delete(key: string): Promise<void> {
    const file = this.pathOf(key, 'store.delete');
    try {
      await rm(file, { force: true });
    } catch (cause) {
      throw this.wrap(cause, 'store.delete', key);
    }
  }

  private async walk(dir: string, dirKey: string, out: string[]): Promise<void> {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (cause) {
      if (errnoOf(cause) === 'ENOENT' || errnoOf(cause) === 'ENOTDIR') return;
      throw this.wrap(cause, 'store.list', dirKey);
    }
    for (const entry of entries) {
      if (dirKey === '' && entry.name === TMP_DIR) continue;
      const key = dirKey === '' ? entry.name : `${dirKey}/${entry.name}`;
      if (entry.isDirectory()) await this.walk(path.join(dir, entry.name), key, out);
      else if (entry.isFile()) out.push(key);
    }
  }

  private wrap(cause: unknown, operation: string, key: string): ProviderError {
    const errno = errnoOf(cause);
    // Node's fs errors are POSIX errno names (https://nodejs.org/api/errors.html#common-system-errors).
    const code =
      errno === 'ENOENT' || errno === 'ENOTDIR'
        ? 'not-found'
        : errno === 'EACCES' || errno === 'EPERM'
          ? 'forbidden'
          : errno === 'ENOSPC' || errno === 'EDQUOT'
            ? 'quota-exceeded'
            : errno === 'EISDIR' || errno === 'EEXIST'
              ? 'conflict'
              : errno === 'EMFILE' || errno === 'EBUSY' || errno === 'EAGAIN'
                ? 'unavailable'
                : 'unknown';
    const reason = code === 'not-found' ? `no object at ${key}` : `${errno ?? 'error'} on ${key}`;
    return ProviderError.because(PROVIDER, operation, code, reason, { cause, subject: key });
  }
}

function errnoOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String((error as { code: unknown }).code)
    : undefined;
}

/** Byte-wise order, the order S3 and GCS list in (not locale order). */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
