import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ProviderError, type ObjectStore } from '../providers/core/index.ts';
import { FsObjectStore } from '../providers/local/fs-object-store.ts';
import { extract } from './extract.ts';
import { rawMetaKey } from './lake-layout.ts';
import { newManifest } from './run-manifest.ts';
import { createSampleSource } from './sources/sample/index.ts';

const NOW = new Date('2026-11-28T10:00:00.000Z');

/**
 * The real file store, with writes of chosen pages slowed down or failing: puts then
 * finish out of order, as they do with several in flight against a real lake.
 */
class UnevenStore implements ObjectStore {
  constructor(
    private readonly inner: ObjectStore,
    private readonly slowPages: ReadonlySet<number>,
    private readonly failingPage: number | null,
  ) {}
  private page(key: string): number | null {
    const match = /\/(\d+)\.(?:meta\.json|json|html)$/.exec(key);
    return match ? Number(match[1]) : null;
  }
  async put(key: string, body: Uint8Array | string, options?: Parameters<ObjectStore['put']>[2]) {
    const n = this.page(key);
    if (n !== null && n === this.failingPage) throw ProviderError.because('test', 'store.put', 'unavailable', 'injected failure');
    if (n !== null && this.slowPages.has(n)) await new Promise((resolve) => setTimeout(resolve, 40));
    return this.inner.put(key, body, options);
  }
  get(key: string) { return this.inner.get(key); }
  head(key: string) { return this.inner.head(key); }
  list(prefix: string) { return this.inner.list(prefix); }
  delete(key: string) { return this.inner.delete(key); }
}

describe('extract with several pages stored at once', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(async function () {
    dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-extract-'));
  });
  afterEach(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  const run = async (store: ObjectStore, concurrency: number) => {
    const manifest = newManifest({ runId: '20261128T100000Z-abcdef', dt: '2026-11-28', startedAt: NOW.toISOString(), workload: { sources: ['sample'], scale: 600, seed: 3 } });
    const info = await extract({
      store, manifest, env: {}, now: () => NOW, checkpoint: async () => undefined, concurrency, checkpointEvery: 5,
      sources: [createSampleSource({ scale: 600, seed: 3, now: () => NOW })],
    });
    return { info, checkpoint: manifest.stages.extract.sources.sample! };
  };

  it('stores the same pages and bytes as one at a time, even when puts finish out of order', async function () {
    const serial = await run(new FsObjectStore(path.join(dir, 'a')), 1);
    const uneven = await run(new UnevenStore(new FsObjectStore(path.join(dir, 'b')), new Set([0, 3, 4, 9]), null), 6);
    assert.equal(uneven.checkpoint.status, 'done');
    assert.equal(uneven.info.pages, serial.info.pages);
    assert.equal(uneven.info.bytes, serial.info.bytes);
    assert.equal(uneven.checkpoint.lastCursor, serial.checkpoint.lastCursor);
  });

  it('counts only the contiguous stored pages when a put fails, so a resume starts at the gap', async function () {
    const inner = new FsObjectStore(path.join(dir, 'c'));
    const failed = await run(new UnevenStore(inner, new Set([1, 2]), 7), 4);
    assert.equal(failed.checkpoint.status, 'failed');
    assert.equal(failed.checkpoint.pages, 7);
    assert.equal(failed.checkpoint.lastCursor, '6');
    assert.equal(await inner.head(rawMetaKey('sample', '2026-11-28', '20261128T100000Z-abcdef', 7)), null);
    // A resumed extract fills the gap and ends with every page.
    const resumed = await run(inner, 4);
    const serial = await run(new FsObjectStore(path.join(dir, 'd')), 1);
    assert.equal(resumed.checkpoint.status, 'done');
    assert.equal(resumed.checkpoint.pages, serial.checkpoint.pages);
  });
});
