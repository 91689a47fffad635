/**
 * The harness benchmark needs a real, cheap store. benchmarks/ may not import a concrete
 * provider folder, so this is a minimal filesystem store of its own (put/get/head only
 * matter here; delete is complete, and list covers the objects directly in the prefix's
 * directory, which is all the pipeline lists: raw pages, clean chunks).
 */
import { readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ProviderError, toBytes, type ObjectInfo, type ObjectStore } from '../../providers/core/index.ts';

/** The local provider's threshold for synchronous reads (providers/local/fs-object-store.ts). */
const SYNC_READ_MAX_BYTES = 256 * 1024;

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
    const file = path.join(this.root, key);
    try {
      // Small objects (raw pages, metas) read synchronously, as the local provider's
      // FsObjectStore does: four thread-pool round trips per page would otherwise be what a
      // one-thread transform measures (perf/transform-child.ts).
      return statSync(file).size <= SYNC_READ_MAX_BYTES ? readFileSync(file) : await readFile(file);
    } catch (cause) {
      throw ProviderError.because('harness', 'store.get', 'not-found', `no object at ${key}`, { cause });
    }
  }

  async head(key: string): Promise<ObjectInfo | null> {
    const s = await stat(path.join(this.root, key)).catch(() => null);
    return s ? { key, size: s.size } : null;
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    // Only the directory the prefix names, and only names held (not whole keys): a run of a
    // million postings keeps half a million raw files in one directory, and this store is
    // the one whose memory the perf bench measures.
    const slash = prefix.lastIndexOf('/');
    const dirKey = prefix.slice(0, slash + 1);
    const namePrefix = prefix.slice(slash + 1);
    let names: string[];
    try {
      names = (await readdir(path.join(this.root, dirKey), { withFileTypes: true }))
        .filter((d) => d.isFile() && d.name.startsWith(namePrefix))
        .map((d) => d.name)
        .sort();
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return; // no such directory: nothing under the prefix
      throw ProviderError.because('harness', 'store.list', 'unknown', `cannot list ${prefix}`, { cause });
    }
    for (const name of names) {
      const key = `${dirKey}${name}`;
      // One stat per object, inline: a thread-pool round trip per stat, times the hundreds of
      // thousands of raw files of a 1M run, made listing the raw pages the slow part.
      yield { key, size: statSync(path.join(this.root, key)).size };
    }
  }

  async delete(key: string): Promise<void> {
    await rm(path.join(this.root, key), { force: true });
  }
}
