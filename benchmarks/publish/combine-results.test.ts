import assert from 'node:assert/strict';
import { providerFixture, resultsFixture, scenarioFixture } from '../../results/fixtures/results-fixture.ts';
import type { ProviderResult, Results } from '../../results/schema.ts';
import { validateResults } from '../../results/validate.ts';
import { combineRuns, IncomparableRunsError } from './combine-results.ts';

const BENCHMARK: NonNullable<Results['benchmark']> = {
  emulated: false,
  repetitions: 5,
  concurrency: 4,
  targetRatePerSec: 50,
  warmupOperations: 5,
  interleaving: 'repetition-major',
  faults: null,
  seed: 42,
  priceTables: {},
  regions: {},
};

function putScenario(p95s: number[]) {
  const p95 = [...p95s].sort((a, b) => a - b)[Math.floor(p95s.length / 2)]!;
  return scenarioFixture('store.put.small', {
    latencyMs: { p50: p95 / 2, p90: p95, p95, p99: p95, p999: p95, max: p95, min: 0.1, mean: p95 / 2 },
    throughput: { opsPerSec: 100, bytesPerSec: null },
    repetitions: p95s.length,
    ci: {
      p50Ms: null,
      p95Ms: null,
      opsPerSec: null,
      observations: { p50Ms: p95s.map((v) => v / 2), p95Ms: p95s, opsPerSec: [] },
    },
  });
}

function runnerRun(
  cloud: string,
  finishedAt: string,
  fields: Partial<ProviderResult> = {},
  run: Partial<Results> = {},
) {
  return resultsFixture({
    runId: `${finishedAt.replace(/[-:]/g, '').slice(0, 15)}Z-${cloud.padEnd(6, '0')}`,
    finishedAt,
    benchmark: BENCHMARK,
    providers: [
      providerFixture(cloud, {
        vantage: { kind: 'in-region', region: 'r', runtime: null },
        scenarios: [putScenario([10, 11, 12, 11, 10])],
        ...fields,
      }),
    ],
    ...run,
  });
}

describe("combining the runners' runs into one comparison", () => {
  it('ranks the newest ok run of each cloud together, records where each came from, and is a valid results file', () => {
    const older = runnerRun('aws', '2026-12-05T08:00:00.000Z', { scenarios: [putScenario([90, 91, 92, 90, 91])] });
    const aws = runnerRun('aws', '2026-12-05T09:00:00.000Z');
    const gcp = runnerRun('gcp', '2026-12-05T09:30:00.000Z', { scenarios: [putScenario([40, 41, 42, 41, 40])] });
    const combined = combineRuns([gcp, older, aws], { now: () => new Date('2026-12-05T10:00:00Z') })!;
    validateResults(combined);
    assert.deepEqual(
      combined.combinedFrom!.map((c) => [c.provider, c.runId]),
      [
        ['aws', aws.runId],
        ['gcp', gcp.runId],
      ],
    );
    assert.deepEqual(
      combined.recommendation!.ranking.map((r) => r.provider),
      ['aws', 'gcp'],
    );
    assert.match(combined.benchmark!.interleaving, /none across clouds/);
    assert.ok(combined.providers.every((p) => p.vantage?.kind === 'in-region'));
  });

  it('refuses runs that did different work, naming the difference', () => {
    const aws = runnerRun('aws', '2026-12-05T09:00:00.000Z');
    const gcp = runnerRun(
      'gcp',
      '2026-12-05T09:30:00.000Z',
      {},
      { workload: { sources: ['sample'], scale: 500, seed: 42 } },
    );
    assert.throws(
      () => combineRuns([aws, gcp]),
      (error: unknown) => {
        assert.ok(error instanceof IncomparableRunsError);
        assert.match(error.message, /scale 100 vs 500/);
        return true;
      },
    );
  });

  it("refuses runs measured from outside the cloud: each carries its own machine's network path", () => {
    const aws = runnerRun('aws', '2026-12-05T09:00:00.000Z');
    const gcp = runnerRun('gcp', '2026-12-05T09:30:00.000Z', {
      vantage: { kind: 'external', region: null, runtime: null },
    });
    assert.throws(
      () => combineRuns([aws, gcp]),
      (error: unknown) => {
        assert.ok(error instanceof IncomparableRunsError);
        assert.match(error.message, /gcp \(run .*\) was not measured in the region/);
        return true;
      },
    );
  });

  it('refuses runs whose store scenarios did a different number of operations or object size', () => {
    const aws = runnerRun('aws', '2026-12-05T09:00:00.000Z', {}, { benchmark: { ...BENCHMARK, operations: 3 } });
    const gcp = runnerRun('gcp', '2026-12-05T09:30:00.000Z', {}, { benchmark: { ...BENCHMARK, operations: 40 } });
    assert.throws(() => combineRuns([aws, gcp]), /operations 3 vs 40/);
  });

  it('takes the newest run that ended ok: a failed newest run does not hide an earlier good one', () => {
    const good = runnerRun('aws', '2026-12-05T08:00:00.000Z');
    const failed = runnerRun('aws', '2026-12-05T09:00:00.000Z', { status: 'failed', reason: 'timeout' });
    const gcp = runnerRun('gcp', '2026-12-05T09:30:00.000Z');
    const combined = combineRuns([good, failed, gcp])!;
    assert.equal(combined.combinedFrom!.find((c) => c.provider === 'aws')!.runId, good.runId);
  });

  it('needs two clouds, and never takes the local reference or a failed run as one', () => {
    const aws = runnerRun('aws', '2026-12-05T09:00:00.000Z');
    const local = runnerRun('local', '2026-12-05T09:10:00.000Z');
    const failed = runnerRun('gcp', '2026-12-05T09:20:00.000Z', { status: 'failed', reason: 'boom' });
    assert.equal(combineRuns([aws, local, failed]), null);
  });
});
