import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { listAll } from '../providers/core/index.ts';
import { FsObjectStore } from '../providers/local/fs-object-store.ts';
import { openPglite } from '../providers/local/pglite-client.ts';
import { PostgresWarehouse } from '../providers/postgres/postgres-warehouse.ts';
import { isConfigurationError } from './errors.ts';
import { collect } from './collect.ts';
import { readManifest } from './lake/run-manifest.ts';
import { runPipeline } from './run-pipeline.ts';
import { createSampleSource } from './sources/sample/index.ts';

const NOW = new Date('2026-11-28T10:00:00.000Z');
const WORKLOAD = { sources: ['sample'], scale: 120, seed: 7 };

describe('collect (extract only)', function () {
  this.timeout(60_000);
  let dir: string;
  let store: FsObjectStore;

  beforeEach(async function () {
    dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-collect-'));
    store = new FsObjectStore(path.join(dir, 'lake'));
  });
  afterEach(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes raw pages and the manifest only, extract done and every later stage pending', async function () {
    const info = await collect({ store, workload: WORKLOAD, env: {}, now: () => NOW });
    assert.ok(info.extract.pages > 0);
    const keys = (await listAll(store, '')).map((object) => object.key);
    const outside = keys.filter((key) => !/^(raw|runs|state)\//.test(key));
    assert.deepEqual(outside, [], 'a collector writes under raw/, runs/ and state/ only');
    const manifest = (await readManifest(store, info.runId))!;
    assert.equal(manifest.stages.extract.status, 'done');
    assert.deepEqual(
      [manifest.stages.transform.status, manifest.stages.quality.status, manifest.stages.load.status],
      ['pending', 'pending', 'pending'],
    );
  });

  it('is continued by a resumed pipeline run, which skips the extract', async function () {
    const { runId, extract } = await collect({ store, workload: WORKLOAD, env: {}, now: () => NOW });
    const client = await openPglite(path.join(dir, 'warehouse'));
    const warehouse = new PostgresWarehouse({ provider: 'local', client, schema: 'jobbench' });
    try {
      const stages: string[] = [];
      const info = await runPipeline({
        store,
        warehouse,
        sources: [createSampleSource({ scale: WORKLOAD.scale, seed: WORKLOAD.seed, now: () => NOW })],
        workload: WORKLOAD,
        env: {},
        now: () => NOW,
        resumeRunId: runId,
        transformWorkers: 0,
        onProgress: (p) => {
          if (p.state === 'skipped') stages.push(p.stage);
        },
      });
      assert.deepEqual(stages, ['extract']);
      assert.equal(info.manifest.stages.extract.sources.sample!.pages, extract.pages);
      assert.ok(info.verification.found > 0);
      assert.equal(info.verification.found, info.verification.expected);
      assert.equal(info.manifest.status, 'done');
    } finally {
      await warehouse.close();
    }
  });

  it('refuses a missing source key before writing anything', async function () {
    const workload = { ...WORKLOAD, sources: ['adzuna'] };
    await assert.rejects(collect({ store, workload, env: {}, now: () => NOW }), (error) => {
      assert.ok(isConfigurationError(error));
      assert.match(String(error), /ADZUNA_APP_ID/);
      return true;
    });
    assert.deepEqual(await listAll(store, ''), []);
  });
});
