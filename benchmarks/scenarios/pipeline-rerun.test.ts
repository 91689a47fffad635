/**
 * The pipeline is repeated like every other scenario: each repetition runs a whole pass
 * under a fresh run id, over the same pages, and cleanup leaves the lake as the first
 * pass left it. Run on the local provider (disk + PGlite) with the seeded sample source.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createSources } from '../../pipeline/sources/registry.ts';
import { loadProvider } from '../../providers/registry.ts';
import { runSuite } from '../run-suite.ts';
import { pipelineRerun } from './pipeline-rerun.ts';

describe('pipeline.rerun scenario', function () {
  this.timeout(300_000);
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-pipeline-rerun-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function suite(pipelineReruns: boolean) {
    const env = { JOBBENCH_LOCAL_DATA_DIR: dir };
    const workload = { sources: ['sample'], scale: 120, seed: 3 };
    const { results } = await runSuite({
      providers: ['local'],
      providerOptions: { env },
      makeSources: () => createSources(workload.sources, { env, scale: workload.scale, seed: workload.seed }),
      workload,
      env,
      transformWorkers: 0,
      pipelineReruns,
      benchmark: {
        repetitions: 3,
        operations: 2,
        warmupOperations: 0,
        targetRatePerSec: null,
        concurrency: 1,
        largeObjectBytes: 4096,
      },
    });
    return results;
  }

  it('runs a whole pass per repetition over the same postings, and removes the passes from the lake', async function () {
    const results = await suite(true);
    const local = results.providers[0]!;
    assert.equal(local.status, 'ok', local.reason ?? '');
    const rerun = local.scenarios.find((s) => s.name === 'pipeline.rerun');
    assert.ok(rerun, 'a pipeline.rerun scenario is reported');
    assert.equal(rerun.status, 'ok', rerun.reason ?? '');
    assert.equal(rerun.ops, 3, 'one pass per repetition');
    assert.equal(rerun.errors, 0);
    // Every pass transformed the first pass's postings again: postings/s = ops/s × postings.
    const perPass = rerun.throughput!.bytesPerSec! / rerun.throughput!.opsPerSec!;
    assert.equal(Math.round(perPass), local.pipeline!.transformed);
    assert.ok(rerun.ci, 'the passes give an interval');
    // The warehouse still holds the first pass's postings only, and the lake only its run's files.
    const reopened = await (await loadProvider('local')).create({ env: { JOBBENCH_LOCAL_DATA_DIR: dir } });
    try {
      const [count] = await reopened.warehouse.query('posting_count');
      assert.equal(Number(count?.postings), local.pipeline!.warehouseRows);
    } finally {
      await reopened.close();
    }
    const files = (await readdir(path.join(dir, 'lake'), { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(path.join(dir, 'lake'), path.join(entry.parentPath, entry.name)));
    const runIds = new Set(
      files.flatMap((file) => [...file.matchAll(/(?:run=|runs\/)(\d{8}T\d{6}Z-[0-9a-f]{6})/g)].map((m) => m[1])),
    );
    assert.deepEqual([...runIds], [results.runId]);
    assert.ok(
      files.some((file) => file.startsWith('raw/')),
      'the first pass keeps its raw pages',
    );
  });

  it('is left out on request, and refuses live sources it would have to fetch again', async function () {
    const results = await suite(false);
    assert.equal(
      results.providers[0]!.scenarios.some((s) => s.name === 'pipeline.rerun'),
      false,
    );
    const live = pipelineRerun({
      makeSources: () => [],
      replayable: false,
      workload: { sources: ['adzuna'], scale: 1, seed: 1 },
      env: {},
    });
    assert.match(live.unsupported!({} as never) ?? '', /spool/);
  });
});
