import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { listAll } from '../../../providers/core/index.ts';
import { FsObjectStore } from '../../../providers/local/fs-object-store.ts';
import { extract } from '../extract/extract.ts';
import { newManifest } from '../../lake/run-manifest.ts';
import { createSampleSource } from '../../sources/sample/index.ts';
import { chunkTransformer } from './transform-pool.ts';
import { transformRun } from './transform-stage.ts';
import { packPages, unpackPages } from './packed-pages.ts';

const NOW = new Date('2026-11-28T10:00:00.000Z');

describe('transform pool', function () {
  this.timeout(120_000);
  let dir: string;
  beforeEach(async function () {
    dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-pool-'));
  });
  afterEach(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  it('packs pages into one buffer and unpacks the same bytes, multi-byte characters included', function () {
    const pages = [
      { source: 'a', rawKey: 'raw/1.json', body: Buffer.from('{"t":"Ingénieur"}'), meta: Buffer.from('{"m":1}') },
      { source: 'b', rawKey: 'raw/2.html', body: Buffer.alloc(0), meta: Buffer.from('{"m":"€"}') },
    ];
    const packed = packPages(pages);
    assert.equal(packed.bytes.byteOffset, 0);
    assert.equal(packed.bytes.byteLength, packed.bytes.buffer.byteLength, 'owns its buffer, so it can be moved');
    const back = [...unpackPages(packed)];
    assert.deepEqual(
      back.map((p) => [p.source, p.rawKey, Buffer.from(p.body).toString(), Buffer.from(p.meta).toString()]),
      pages.map((p) => [p.source, p.rawKey, p.body.toString(), p.meta.toString()]),
    );
  });

  it('writes the same clean and quarantine bytes and checksums with worker threads as on the main thread', async function () {
    const runs = [];
    for (const workers of [2, 0]) {
      const store = new FsObjectStore(path.join(dir, `lake-${workers}`));
      const manifest = newManifest({
        runId: '20261128T100000Z-000pool',
        dt: '2026-11-28',
        startedAt: NOW.toISOString(),
        workload: { sources: ['sample'], scale: 600, seed: 3 },
      });
      const checkpoint = async () => undefined;
      await extract({
        store,
        sources: [createSampleSource({ scale: 600, seed: 3, now: () => NOW })],
        manifest,
        env: {},
        now: () => NOW,
        checkpoint,
      });
      const info = await transformRun({ store, manifest, checkpoint, chunkBytes: 96 * 1024, workers });
      const objects: Record<string, string> = {};
      for (const prefix of ['clean/', 'quarantine/']) {
        for (const object of await listAll(store, prefix))
          objects[object.key] = createHash('sha256')
            .update(await store.get(object.key))
            .digest('hex');
      }
      runs.push({ info: { ...info, durationMs: 0 }, checksums: manifest.stages.transform.chunkChecksums, objects });
    }
    assert.ok(runs[0]!.info.chunks >= 3, `${runs[0]!.info.chunks} chunks`);
    assert.ok(
      Object.keys(runs[0]!.objects).some((key) => key.startsWith('quarantine/')),
      'the sample plants rejects',
    );
    assert.deepEqual(runs[0], runs[1]);
  });

  it('fails the chunk, not the process, when a worker throws', async function () {
    const transformer = chunkTransformer({ workers: 1, chunks: 2 });
    try {
      assert.equal(transformer.threads, 1);
      await assert.rejects(
        transformer.transform([
          { source: 's', rawKey: 'raw/1.json', body: Buffer.from('{}'), meta: Buffer.from('not json') },
        ]),
        SyntaxError,
      );
      const out = await transformer.transform([]);
      assert.equal(out.postings, 0, 'the pool still answers');
    } finally {
      await transformer.close();
    }
  });

  it('parses on the main thread when asked to, or when the run has a single chunk', async function () {
    assert.equal(chunkTransformer({ workers: 0, chunks: 10 }).threads, 1);
    const single = chunkTransformer({ workers: 4, chunks: 1 });
    assert.equal(single.threads, 1);
    await single.close();
  });
});
