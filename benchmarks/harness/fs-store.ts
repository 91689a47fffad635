/**
 * The harness benchmark needs a real, cheap store. benchmarks/ may not import a concrete
 * provider folder, so this is a minimal filesystem store of its own (put/get/head only
 * matter here; list and delete are complete for correctness).
 */
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ProviderError, toBytes, type ObjectInfo, type ObjectStore } from '../../providers/core/index.ts';

export class FsObjectStoreForHarness implements ObjectStore {
  constructor(private readonly root: string) {}

  async put(key: string, body: Uint8Array | string): Promise<ObjectInfo> {
    const file = path.join(this.root, key);
    await mkdir(path.dirname(file), { recursive: true });
    const bytes = toBytes(body);
    await writeFile(file, bytes);
    return { key, size: bytes.byteLength };
  }

  async get(key: string): Promise<Uint8Array> {
    try {
      return await readFile(path.join(this.root, key));
    } catch (cause) {
      throw ProviderError.because('harness', 'store.get', 'not-found', `no object at ${key}`, { cause });
    }
  }

  async head(key: string): Promise<ObjectInfo | null> {
    const s = await stat(path.join(this.root, key)).catch(() => null);
    return s ? { key, size: s.size } : null;
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    const files = (await readdir(this.root, { recursive: true, withFileTypes: true })).filter((d) => d.isFile());
    const keys = files.map((d) => path.relative(this.root, path.join(d.parentPath, d.name)).split(path.sep).join('/')).filter((k) => k.startsWith(prefix)).sort();
    for (const key of keys) yield { key, size: (await stat(path.join(this.root, key))).size };
  }

  async delete(key: string): Promise<void> {
    await rm(path.join(this.root, key), { force: true });
  }
}
