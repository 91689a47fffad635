import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FsObjectStore } from '../../providers/local/fs-object-store.ts';
import { providerFixture, resultsFixture } from '../../results/fixtures/results-fixture.ts';
import { writeResults } from '../../results/store.ts';
import { publishResults, pullResults } from './lake-results.ts';

describe('results in the lake: publish and pull', () => {
  let dir: string;
  let store: FsObjectStore;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-lake-results-'));
    store = new FsObjectStore(path.join(dir, 'lake'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const runId = '20261205T100000Z-a1b2c3';
  async function runnerResults(): Promise<string> {
    const runnerDir = path.join(dir, 'runner');
    const results = resultsFixture({
      runId,
      providers: [
        providerFixture('aws', { vantage: { kind: 'in-region', region: 'eu-west-3', runtime: 'aws-lambda' } }),
      ],
    });
    await writeResults(results, runnerDir);
    await mkdir(path.join(runnerDir, 'samples', runId, 'aws'), { recursive: true });
    await writeFile(path.join(runnerDir, 'samples', runId, 'aws', 'store.put.small.ndjson.gz'), 'samples');
    await mkdir(path.join(runnerDir, 'market'), { recursive: true });
    const snapshot = {
      snapshotVersion: 1,
      runId,
      provider: 'aws',
      generatedAt: '2026-12-05T10:05:00.000Z',
      queries: {},
    };
    await writeFile(path.join(runnerDir, 'market', `${runId}.json`), `${JSON.stringify(snapshot)}\n`);
    return runnerDir;
  }

  it('publishes the results file last, with its samples and market snapshot, and pulls them back byte for byte', async () => {
    const runnerDir = await runnerResults();
    const keys = await publishResults(store, runnerDir, runId);
    assert.deepEqual(keys, [
      `results/${runId}/market.json`,
      `results/${runId}/samples/aws/store.put.small.ndjson.gz`,
      `results/${runId}/results.json`,
    ]);
    const operatorDir = path.join(dir, 'operator');
    const [pulled, ...more] = await pullResults(store, operatorDir);
    assert.equal(more.length, 0);
    assert.equal(pulled!.results.providers[0]!.vantage!.kind, 'in-region');
    for (const file of [
      `runs/${runId}.json`,
      `market/${runId}.json`,
      `samples/${runId}/aws/store.put.small.ndjson.gz`,
    ]) {
      assert.deepEqual(await readFile(path.join(operatorDir, file)), await readFile(path.join(runnerDir, file)), file);
    }
    // The dashboards read the newest snapshot from market-latest.json.
    assert.deepEqual(
      await readFile(path.join(operatorDir, 'market-latest.json')),
      await readFile(path.join(runnerDir, 'market', `${runId}.json`)),
    );
  });

  it('refuses to publish a results file that is not valid', async () => {
    const runnerDir = await runnerResults();
    await writeFile(path.join(runnerDir, 'runs', `${runId}.json`), '{"runId":"x"}');
    await assert.rejects(publishResults(store, runnerDir, runId), /results/);
    assert.deepEqual(await readdir(path.join(dir, 'lake')).catch(() => []), []);
  });

  it('skips, with a warning, a run still being published, an invalid one and keys that are not plain names', async () => {
    await store.put('results/20261205T100000Z-000001/market.json', '{}');
    await store.put('results/20261205T100000Z-000002/results.json', 'not json');
    await store.put('results/20261205T100000Z-000003/samples/a b', 'x');
    const warnings: string[] = [];
    const pulled = await pullResults(store, path.join(dir, 'operator'), (m) => warnings.push(m));
    assert.deepEqual(pulled, []);
    assert.equal(warnings.length, 3, warnings.join('\n'));
    assert.ok(warnings.some((w) => /000001: its results.json is not in the lake/.test(w)));
    assert.ok(warnings.some((w) => /000002/.test(w)));
    assert.deepEqual(await readdir(dir), ['lake']);
  });
});
