/**
 * The quality stage reads clean chunks verified: a chunk damaged between the transform and
 * the quality sample fails the run there, named, with the command that repairs it.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Warehouse } from '../../../providers/core/index.ts';
import { FsObjectStore } from '../../../providers/local/fs-object-store.ts';
import { openPglite } from '../../../providers/local/pglite-client.ts';
import { PostgresWarehouse } from '../../../providers/postgres/postgres-warehouse.ts';
import { cleanKey, quarantinePrefix } from '../../lake/lake-layout.ts';
import { readManifest, writeManifest } from '../../lake/run-manifest.ts';
import { PipelineError, runPipeline, type PipelineOptions } from '../../run-pipeline.ts';
import { createSampleSource } from '../../sources/sample/index.ts';
import { needs } from '../../../test/support/needs.ts';

const NOW = new Date('2026-11-28T10:00:00.000Z');

describe('quality stage: clean chunks are verified before they are sampled', function () {
  this.timeout(120_000);
  let dir: string;
  let store: FsObjectStore;
  let warehouse: Warehouse;

  before(function () {
    needs(this, 'whole-runs');
  });
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-quality-'));
    store = new FsObjectStore(path.join(dir, 'lake'));
    warehouse = new PostgresWarehouse({
      provider: 'local',
      client: await openPglite('memory://'),
      schema: 'jobbench',
      batchSize: 40,
    });
  });
  afterEach(async () => {
    await warehouse.close();
    await rm(dir, { recursive: true, force: true });
  });

  const options = (overrides: Partial<PipelineOptions> = {}): PipelineOptions => ({
    store,
    warehouse,
    sources: [createSampleSource({ scale: 200, seed: 5, now: () => NOW })],
    workload: { sources: ['sample'], scale: 200, seed: 5 },
    env: {},
    now: () => NOW,
    chunkBytes: 64 * 1024,
    transformWorkers: 0,
    ...overrides,
  });

  it('fails naming a chunk cut in the middle of a line, keeps it, and the resume makes clean/ again', async () => {
    const first = await runPipeline(options());
    const original = first.manifest.stages.transform;
    // As if the run had stopped after the transform: quality and load still to do.
    const manifest = (await readManifest(store, first.runId))!;
    manifest.stages.quality.status = 'pending';
    manifest.stages.quality.assessment = null;
    await writeManifest(store, manifest, NOW);
    const key = cleanKey(first.manifest.dt, first.runId, 0);
    const bytes = Buffer.from(await store.get(key));
    await store.put(key, bytes.subarray(0, Math.floor(bytes.length / 2)));

    const error = await runPipeline(options({ resumeRunId: first.runId })).then(
      () => assert.fail('the run should have failed'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof PipelineError, String(error));
    assert.equal(error.stage, 'quality');
    assert.ok(error.message.includes(key), error.message);
    assert.match(error.message, new RegExp(`jobbench run --resume ${first.runId}`));
    assert.ok(
      await store.head(`${quarantinePrefix(first.runId)}corrupt/${key}`),
      'the corrupt chunk is kept for inspection',
    );

    const repaired = await runPipeline(options({ resumeRunId: first.runId }));
    assert.equal(repaired.manifest.status, 'done');
    assert.deepEqual(
      {
        postings: repaired.manifest.stages.transform.postings,
        checksum: repaired.manifest.stages.transform.checksum,
        lost: repaired.verification.lost,
      },
      { postings: original.postings, checksum: original.checksum, lost: 0 },
    );
  });
});
