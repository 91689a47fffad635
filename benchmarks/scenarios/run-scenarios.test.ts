import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { listAll, type Provider } from '../../providers/core/index.ts';
import { localProvider } from '../../providers/local/index.ts';
import { chaosProvider } from '../../providers/layers/chaos.ts';
import { parseFaults } from '../../providers/layers/parse-faults.ts';
import { repetitionOrders, runScenarioMatrix } from './run-scenarios.ts';
import { DEFAULT_SCENARIO_SETTINGS, type ScenarioSettings } from './scenario.ts';
import { storeGets } from './store-gets.ts';
import { storeLargePuts } from './store-large-puts.ts';
import { storeList } from './store-list.ts';
import { storeSmallPuts } from './store-small-puts.ts';

const SETTINGS: ScenarioSettings = {
  ...DEFAULT_SCENARIO_SETTINGS,
  repetitions: 2,
  operations: 8,
  warmupOperations: 1,
  concurrency: 2,
  largeObjectBytes: 256 * 1024,
};

describe('scenario matrix on the local provider', function () {
  this.timeout(60_000);
  let dir: string;
  let provider: Provider;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-scenarios-'));
    provider = await localProvider.create({ dataDir: path.join(dir, 'data'), env: {} });
  });
  after(async () => {
    await provider.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('runs every scenario through its lifecycle, keeps raw samples and cleans up', async function () {
    const runId = '20261128T100000Z-abcdef';
    const byProvider = await runScenarioMatrix(
      [{ provider, scenarios: [storeSmallPuts, storeLargePuts, storeGets, storeList] }],
      {
        runId,
        settings: SETTINGS,
        samplesDir: path.join(dir, 'samples'),
      },
    );
    const results = byProvider.get('local')!;
    assert.deepEqual(
      results.map((r) => [r.name, r.status]),
      [
        ['store.put.small', 'ok'],
        ['store.put.large', 'ok'],
        ['store.get.page', 'ok'],
        ['store.list.prefix', 'ok'],
      ],
    );
    const small = results[0]!;
    assert.equal(small.ops, 16, 'warm-up operations are not counted');
    assert.equal(small.repetitions, 2);
    assert.equal(small.config!.concurrency, 2);
    assert.equal(results[1]!.config!.objectBytes, 256 * 1024);
    assert.equal(results[1]!.config!.multipart, false, 'the local store has no multipart capability');
    assert.ok(small.ci!.p50Ms, 'an interval over the two repetitions');
    assert.ok(small.hdr);
    // Raw samples: one gzip NDJSON line per measured operation, in the lake and on disk.
    const lake = gunzipSync(await provider.store.get(small.samplesKey!))
      .toString()
      .trim()
      .split('\n');
    const local = gunzipSync(await readFile(path.join(dir, 'samples', runId, 'local', 'store.put.small.ndjson.gz')))
      .toString()
      .trim()
      .split('\n');
    assert.equal(lake.length, 16);
    assert.deepEqual(lake, local);
    assert.equal(JSON.parse(lake[0]!).scenario, 'store.put.small');
    // Every scenario wrote under its own random prefix and removed it.
    const left = (await listAll(provider.store, 'bench/')).filter((o) => o.key.startsWith('bench/tmp-'));
    assert.deepEqual(left, []);
  });

  it('a scenario whose operations fail reports failed with the reason, and still cleans up', async function () {
    const flaky = chaosProvider(provider, {
      spec: parseFaults('unavailable=0.5,seed=3'),
      eligible: (op) => op === 'store.get',
    });
    const results = (
      await runScenarioMatrix([{ provider: flaky, scenarios: [storeGets] }], {
        runId: '20261128T100000Z-fedcba',
        settings: SETTINGS,
      })
    ).get('local')!;
    assert.equal(results[0]!.status, 'failed');
    assert.match(results[0]!.reason!, /operations failed \(\d+ × unavailable\)/);
    assert.ok(results[0]!.errors > 0);
    const left = (await listAll(provider.store, 'bench/')).filter((o) => o.key.startsWith('bench/tmp-'));
    assert.deepEqual(left, []);
  });
});

describe('repetitionOrders', function () {
  it('shuffles the providers per repetition from the seed: permutations, reproducible, no fixed first', function () {
    const orders = repetitionOrders(4, 10, 42);
    assert.equal(orders.length, 10);
    for (const order of orders) assert.deepEqual([...order].sort(), [0, 1, 2, 3]);
    assert.deepEqual(repetitionOrders(4, 10, 42), orders, 'same seed, same orders');
    assert.notDeepEqual(repetitionOrders(4, 10, 43), orders, 'another seed, other orders');
    assert.ok(new Set(orders.map((o) => o[0])).size > 1, 'more than one provider goes first');
  });
});
