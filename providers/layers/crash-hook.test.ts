/**
 * The crash hook fires right after the write that reaches its boundary succeeded, never
 * before it and never on another write: the crash/resume check (perf/crash) relies on
 * the lake or warehouse holding that write when the process dies.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ProviderError, type LoadInfo, type Warehouse } from '../core/index.ts';
import { layerStore, layerWarehouse } from './layer.ts';
import { FsObjectStore } from '../local/fs-object-store.ts';
import { asAsync, makePostings } from '../testing/posting-fixtures.ts';
import { crashHookLayer } from './crash-hook.ts';

const manifest = (stages: Record<string, string>) =>
  JSON.stringify({ stages: Object.fromEntries(Object.entries(stages).map(([stage, status]) => [stage, { status }])) });

describe('crash hook layer', function () {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-crash-hook-'));
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('extract-page:N: after the Nth raw page is stored, not counting meta files or other keys', async function () {
    const inner = new FsObjectStore(dir);
    const kills: string[] = [];
    // The kill notes whether the page it follows is already on disk.
    const pageStored = () => existsSync(path.join(dir, 'raw/src/p2.json'));
    const kill = () => void kills.push(pageStored() ? 'killed holding p2' : 'killed early');
    const store = layerStore(inner, [crashHookLayer('extract-page:2', kill)]);
    await store.put('raw/src/p1.json', '{}');
    await store.put('raw/src/p1.meta.json', '{}');
    await store.put('clean/c1.ndjson', '');
    assert.deepEqual(kills, []);
    await store.put('raw/src/p2.json', '{}');
    assert.deepEqual(kills, ['killed holding p2']);
  });

  it('a stage boundary: after the manifest that records the stage done is stored', async function () {
    const kills: string[] = [];
    const store = layerStore(new FsObjectStore(dir), [crashHookLayer('transform', () => void kills.push('killed'))]);
    await store.put('runs/r1/manifest.json', manifest({ extract: 'done', transform: 'running' }));
    await store.put('raw/src/p1.json', manifest({ transform: 'done' }));
    assert.deepEqual(kills, []);
    await store.put('runs/r1/manifest.json', manifest({ extract: 'done', transform: 'done' }));
    assert.deepEqual(kills, ['killed']);
  });

  it('load-commit: after the load answered, and not when it failed', async function () {
    const kills: string[] = [];
    let fail = true;
    const info: LoadInfo = {
      runId: 'r',
      received: 2,
      inserted: 2,
      updated: 0,
      unchanged: 0,
      batches: 1,
      checksum: '',
      durationMs: 0,
    };
    const loads = {
      load: async () => {
        assert.deepEqual(kills, [], 'not killed before the load answered');
        if (fail) throw ProviderError.because('local', 'warehouse.load', 'unavailable', 'refused');
        return info;
      },
    } as unknown as Warehouse;
    const warehouse = layerWarehouse(loads, [crashHookLayer('load-commit', () => void kills.push('killed'))]);
    await assert.rejects(warehouse.load(asAsync(makePostings(2)), { runId: 'r' }));
    assert.deepEqual(kills, []);
    fail = false;
    assert.equal(await warehouse.load(asAsync(makePostings(2)), { runId: 'r' }), info);
    assert.deepEqual(kills, ['killed']);
  });
});
