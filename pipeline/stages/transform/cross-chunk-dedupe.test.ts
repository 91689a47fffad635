import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { postingContentHash, RunningDigest, type Posting } from '../../../providers/core/index.ts';
import { FsObjectStore } from '../../../providers/local/fs-object-store.ts';
import { makePostings } from '../../../providers/testing/posting-fixtures.ts';
import { dedupeAcrossChunks } from './cross-chunk-dedupe.ts';
import { postingKeyDigests } from './cross-chunk-keys.ts';
import { cleanKey } from '../../lake/lake-layout.ts';
import { newManifest, type RunManifest } from '../../lake/run-manifest.ts';

describe('dedupeAcrossChunks', function () {
  let dir: string;
  let store: FsObjectStore;
  beforeEach(async function () {
    dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-xchunk-'));
    store = new FsObjectStore(dir);
  });
  afterEach(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  /** Writes each list as one clean chunk of a fresh run, as the transform leaves them. */
  async function chunked(lists: Posting[][]): Promise<RunManifest> {
    const manifest = newManifest({
      runId: '20261128T100000Z-000001',
      dt: '2026-11-28',
      startedAt: '2026-11-28T10:00:00.000Z',
      workload: { sources: ['sample'], scale: 0, seed: 0 },
    });
    manifest.stages.transform.chunks = lists.length;
    manifest.stages.transform.postings = lists.reduce((n, list) => n + list.length, 0);
    for (const [index, list] of lists.entries()) {
      await store.put(cleanKey(manifest.dt, manifest.runId, index), list.map((p) => `${JSON.stringify(p)}\n`).join(''));
      const digest = new RunningDigest();
      for (const p of list) digest.add(p.id, postingContentHash(p));
      manifest.stages.transform.chunkChecksums[String(index)] = digest.hex();
    }
    return manifest;
  }

  /** Cross-source copies of 8 jobs and a re-collected record, spread over three chunks. */
  function copiesOverThreeChunks(): Posting[][] {
    const base = makePostings(24).map((p, i) => ({ ...p, company: `Company ${i % 6}` }));
    const copies = base.slice(0, 8).map((p, i) => ({
      ...p,
      id: `c${String(i).padStart(23, '0')}`,
      source: 'adzuna',
      sourceId: `adzuna-${i}`,
      description: 'short',
    }));
    const again = { ...base[3]!, description: `${base[3]!.description} (again)` };
    return [base.slice(0, 12), [...base.slice(12), ...copies.slice(0, 4)], [...copies.slice(4), again]];
  }

  /** What a chunk holds now, and its checksum recomputed from those lines. */
  async function chunkState(manifest: RunManifest, index: number): Promise<{ body: string; checksum: string }> {
    const body = Buffer.from(await store.get(cleanKey(manifest.dt, manifest.runId, index))).toString('utf8');
    const digest = new RunningDigest();
    for (const line of body.split('\n').filter(Boolean)) {
      const p = JSON.parse(line) as Posting;
      digest.add(p.id, postingContentHash(p));
    }
    return { body, checksum: digest.hex() };
  }

  async function idsOfRun(manifest: RunManifest): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < (manifest.stages.transform.chunks ?? 0); i++) {
      const body = Buffer.from(await store.get(cleanKey(manifest.dt, manifest.runId, i))).toString('utf8');
      for (const line of body.split('\n')) if (line) ids.push((JSON.parse(line) as Posting).id);
    }
    return ids;
  }

  it('leaves chunks without shared keys or ids untouched', async function () {
    const postings = makePostings(40);
    const manifest = await chunked([postings.slice(0, 20), postings.slice(20)]);
    const info = await dedupeAcrossChunks(store, manifest);
    assert.deepEqual(
      { merged: info.merged, rewritten: info.rewritten, after: info.postingsAfter },
      { merged: 0, rewritten: 0, after: 40 },
    );
    assert.equal((await idsOfRun(manifest)).length, 40);
  });

  it('folds one record collected on pages of two chunks, even without a dedupe key, so an id occurs once per run', async function () {
    // No company: no dedupe key, so only the id ties the two copies together.
    const postings = makePostings(30).map((p) => ({ ...p, company: null }));
    const again = { ...postings[5]!, description: `${postings[5]!.description} (collected again, longer)` };
    const manifest = await chunked([postings.slice(0, 15), [...postings.slice(15), again]]);
    const info = await dedupeAcrossChunks(store, manifest);
    assert.equal(info.merged, 1);
    assert.equal(info.postingsAfter, 30);
    const ids = await idsOfRun(manifest);
    assert.equal(ids.length, 30);
    assert.equal(new Set(ids).size, 30);
    // The checksums in the manifest match what the chunks now hold; the richer copy won.
    const digest = new RunningDigest();
    let kept: Posting | undefined;
    for (let i = 0; i < 2; i++) {
      const body = Buffer.from(await store.get(cleanKey(manifest.dt, manifest.runId, i))).toString('utf8');
      const chunkDigest = new RunningDigest();
      for (const line of body.split('\n').filter(Boolean)) {
        const p = JSON.parse(line) as Posting;
        chunkDigest.add(p.id, postingContentHash(p));
        digest.add(p.id, postingContentHash(p));
        if (p.id === again.id) kept = p;
      }
      if (manifest.stages.transform.chunkChecksums[String(i)] !== undefined)
        assert.equal(manifest.stages.transform.chunkChecksums[String(i)], chunkDigest.hex());
    }
    assert.equal(kept?.description, again.description);
  });

  it('folds cross-source copies of one job that landed in different chunks', async function () {
    const job: Posting = { ...makePostings(1)[0]!, company: 'Acme Analytics' };
    const copy: Posting = { ...job, id: 'f'.repeat(24), source: 'adzuna', sourceId: 'adzuna-1', description: 'short' };
    const manifest = await chunked([
      [job, ...makePostings(10, { source: 'x', titleSuffix: 'a' })],
      [copy, ...makePostings(10, { source: 'y', titleSuffix: 'b' })],
    ]);
    const info = await dedupeAcrossChunks(store, manifest);
    assert.equal(info.merged, 1);
    const ids = await idsOfRun(manifest);
    assert.equal(ids.length, 21);
    assert.ok(ids.includes(job.id) !== ids.includes(copy.id), 'exactly one copy stays');
  });

  it('gives the same clean chunks whether candidates are deduped in one batch or group by group', async function () {
    const lists = copiesOverThreeChunks();
    const results = [];
    for (const candidateBatch of [5000, 1]) {
      const manifest = await chunked(lists);
      const info = await dedupeAcrossChunks(store, manifest, { candidateBatch });
      const bodies = [];
      for (let i = 0; i < lists.length; i++)
        bodies.push(Buffer.from(await store.get(cleanKey(manifest.dt, manifest.runId, i))).toString('utf8'));
      results.push({ info, bodies, checksums: { ...manifest.stages.transform.chunkChecksums } });
    }
    assert.ok(results[0]!.info.merged >= 2, `merged ${results[0]!.info.merged}`);
    assert.deepEqual(results[1], results[0]);
  });

  it("gives the same chunks and checksums from the transform's key digests as from reading the chunks", async function () {
    // With digests, a rewritten chunk's checksum is updated by its changed postings alone;
    // without (chunks of an earlier attempt), it is recounted from the lines. Both must agree
    // with each other and with what the chunks hold.
    const lists = copiesOverThreeChunks();
    const results = [];
    for (const withKeys of [true, false]) {
      const manifest = await chunked(lists);
      const keys = withKeys ? new Map(lists.map((list, i) => [i, postingKeyDigests(list)])) : undefined;
      const info = await dedupeAcrossChunks(store, manifest, keys ? { keys } : {});
      const chunks = [];
      for (let i = 0; i < lists.length; i++) {
        const state = await chunkState(manifest, i);
        assert.equal(
          manifest.stages.transform.chunkChecksums[String(i)],
          state.checksum,
          `chunk ${i} checksum (digests given: ${withKeys})`,
        );
        chunks.push(state);
      }
      results.push({ info, chunks });
    }
    assert.ok(results[0]!.info.rewritten >= 2, `rewritten ${results[0]!.info.rewritten}`);
    assert.deepEqual(results[0], results[1]);
  });

  it('refuses key digests that do not match the chunk they describe', async function () {
    const base = makePostings(6).map((p) => ({ ...p, company: 'Acme' }));
    const copy = { ...base[0]!, id: 'f'.repeat(24), source: 'adzuna', sourceId: 'adzuna-9' };
    const manifest = await chunked([base.slice(0, 3), [copy, ...base.slice(3)]]);
    const keys = new Map([
      [0, postingKeyDigests(base.slice(0, 3))],
      [1, postingKeyDigests([copy, ...base.slice(3, 5)])],
    ]); // one posting short
    await assert.rejects(
      dedupeAcrossChunks(store, manifest, { keys }),
      /clean chunk 1 holds 4 lines where the transform wrote 3/,
    );
  });
});
