import assert from 'node:assert/strict';
import type { ProviderResult, ScenarioResult } from '../../results/schema.ts';
import { readFigures } from './rank-criteria.ts';
import { DEFAULT_WEIGHTS, noRecommendationLine, rankProviders } from './recommend.ts';
import { weightSensitivity } from './sensitivity.ts';

/** A latency scenario whose repetitions' p95 are `p95s` (the pooled p95 is their median). */
function latency(name: string, p95s: number[]): ScenarioResult {
  const sorted = [...p95s].sort((a, b) => a - b);
  const p95 = sorted[Math.floor(sorted.length / 2)]!;
  return {
    name,
    status: 'ok',
    reason: null,
    ops: 100,
    errors: 0,
    retries: 0,
    latencyMs: { p50: p95 / 2, p90: p95, p95, p99: p95, p999: p95, max: p95, min: 0.1, mean: p95 / 2 },
    throughput: { opsPerSec: 100, bytesPerSec: null },
    repetitions: p95s.length,
    ci: {
      p50Ms: null,
      p95Ms: null,
      opsPerSec: null,
      observations: { p50Ms: p95s.map((v) => v / 2), p95Ms: p95s, opsPerSec: [] },
    },
  };
}

interface Spec {
  put: number[];
  query?: number[];
  cost?: number | null;
  emulated?: boolean;
  failed?: number;
  lost?: number;
}

function cloud(name: string, spec: Spec): ProviderResult {
  const cost = spec.cost === undefined ? 0.01 : spec.cost;
  return {
    name,
    region: 'r',
    emulated: spec.emulated ?? false,
    endpointFingerprint: `fp-${name}`,
    status: 'ok',
    reason: null,
    pipeline: {
      rawPages: 1,
      extracted: 1000,
      transformed: 1000,
      quarantined: 0,
      loaded: 1000,
      warehouseRows: 1000,
      durationsMs: { extract: 1000 },
      resumed: false,
    },
    scenarios: [latency('store.put.small', spec.put), latency('warehouse.query.warm', spec.query ?? spec.put)],
    cost: cost === null ? null : { currency: 'USD', total: cost, breakdown: [], freeTierApplied: false, note: null },
    reliability: { faultsInjected: 0, retried: 0, failed: spec.failed ?? 0, lost: spec.lost ?? 0, duplicated: 0 },
    quality: null,
    sources: null,
  };
}

const local = (): ProviderResult => ({
  ...cloud('local', { put: [0.5, 0.6, 0.55, 0.5, 0.52], cost: null, emulated: true }),
});
const noisy = (centre: number) => [0.8, 0.9, 1, 1.1, 1.2].map((f) => centre * f);

describe('recommendation: ranking the clouds', function () {
  const measured = [
    local(),
    cloud('aws', { put: noisy(20) }),
    cloud('gcp', { put: noisy(30), cost: 0.008 }),
    cloud('azure', { put: noisy(60), cost: 0.02 }),
  ];

  it('ranks only the clouds, shows local as a reference, and P(first) sums to 1', function () {
    const rec = rankProviders(measured, DEFAULT_WEIGHTS)!;
    assert.deepEqual(rec.ranking.map((r) => r.provider).sort(), ['aws', 'azure', 'gcp']);
    assert.deepEqual(
      rec.reference!.map((r) => r.provider),
      ['local'],
    );
    assert.equal(rec.reference![0]!.figures.putP95, 0.52);
    const total = rec.ranking.reduce((n, r) => n + r.probabilityFirst!, 0);
    assert.ok(Math.abs(total - 1) < 0.005, `P(first) sums to ${total}`);
    for (const r of rec.ranking)
      assert.ok(r.scoreInterval!.lower <= r.scoreInterval!.upper && r.scoreInterval!.upper <= 1, r.provider);
    assert.equal(rec.basis, 'measured');
  });

  it('removing local changes no cloud score, interval or probability', function () {
    const withLocal = rankProviders(measured, DEFAULT_WEIGHTS)!;
    const without = rankProviders(
      measured.filter((p) => p.name !== 'local'),
      DEFAULT_WEIGHTS,
    )!;
    assert.deepEqual(without.ranking, withLocal.ranking);
    assert.deepEqual(without.decision, withLocal.decision);
    assert.deepEqual(without.reference, []);
  });

  it('is deterministic for a seed and moves with the seed only through resampling', function () {
    const a = rankProviders(measured, DEFAULT_WEIGHTS, { seed: 7 })!;
    const b = rankProviders(measured, DEFAULT_WEIGHTS, { seed: 7 })!;
    assert.deepEqual(a.ranking, b.ranking);
    const c = rankProviders(measured, DEFAULT_WEIGHTS, { seed: 8 })!;
    assert.deepEqual(
      c.ranking.map((r) => [r.provider, r.score]),
      a.ranking.map((r) => [r.provider, r.score]),
    );
    assert.notDeepEqual(
      c.ranking.map((r) => r.probabilityFirst),
      a.ranking.map((r) => r.probabilityFirst),
    );
  });

  it('names a clear winner with P(first) near 1', function () {
    const clear = [cloud('aws', { put: noisy(10), cost: 0.005 }), cloud('gcp', { put: noisy(80), cost: 0.05 })];
    const rec = rankProviders(clear, DEFAULT_WEIGHTS)!;
    assert.equal(rec.ranking[0]!.provider, 'aws');
    assert.ok(rec.ranking[0]!.probabilityFirst! > 0.99);
    assert.equal(rec.distinguishable, true);
    assert.deepEqual({ kind: rec.decision!.kind, cloud: rec.decision!.cloud }, { kind: 'cloud', cloud: 'aws' });
    assert.equal(noRecommendationLine(rec), null);
  });

  it('says two identical clouds are not distinguishable, and shares P(first) between them', function () {
    const twins = [cloud('aws', { put: noisy(20) }), cloud('gcp', { put: noisy(20) })];
    const rec = rankProviders(twins, DEFAULT_WEIGHTS)!;
    assert.equal(rec.distinguishable, false);
    assert.equal(rec.decision!.kind, 'none');
    assert.match(rec.decision!.reason, /not distinguishable/);
    for (const r of rec.ranking)
      assert.ok(Math.abs(r.probabilityFirst! - 0.5) < 0.05, `${r.provider}: ${r.probabilityFirst}`);
    assert.match(noRecommendationLine(rec)!, /^no recommendation: aws and gcp are not distinguishable/);
  });

  it('names no cloud when the leader wins too few draws even if the point scores differ', function () {
    // gcp is slightly faster on the point figure but the repetitions overlap widely.
    const close = [cloud('aws', { put: [5, 30, 20, 8, 35] }), cloud('gcp', { put: [6, 28, 19, 9, 36] })];
    const rec = rankProviders(close, DEFAULT_WEIGHTS)!;
    assert.equal(rec.decision!.kind, 'none');
    assert.ok(rec.ranking[0]!.probabilityFirst! < 0.8);
  });

  it('names no cloud on emulated figures, and still shows the ranking labelled emulated', function () {
    const emulated = measured.map((p) => ({ ...p, emulated: true }));
    const rec = rankProviders(emulated, DEFAULT_WEIGHTS)!;
    assert.equal(rec.decision!.kind, 'none');
    assert.equal(rec.basis, 'emulated');
    assert.match(
      noRecommendationLine(rec)!,
      /^no recommendation: every cloud figure comes from an emulator \(aws, gcp, azure\)/,
    );
    assert.equal(rec.ranking.length, 3);
    assert.ok(rec.ranking.every((r) => r.emulated && r.probabilityFirst !== null));
    assert.ok(rec.caveat);
  });

  it('names no cloud when one of them is emulated, or fewer than two clouds completed', function () {
    const mixed = rankProviders(
      [cloud('aws', { put: noisy(10) }), cloud('gcp', { put: noisy(80), emulated: true })],
      DEFAULT_WEIGHTS,
    )!;
    assert.equal(mixed.basis, 'mixed');
    assert.match(mixed.decision!.reason, /gcp was measured on an emulator/);
    const failed = { ...cloud('gcp', { put: noisy(10) }), status: 'failed' as const, reason: 'boom' };
    const alone = rankProviders([local(), cloud('aws', { put: noisy(10) }), failed], DEFAULT_WEIGHTS)!;
    assert.equal(alone.decision!.kind, 'none');
    assert.match(alone.decision!.reason, /only aws completed the run \(gcp failed\)/);
    const localOnly = rankProviders([local()], DEFAULT_WEIGHTS)!;
    assert.deepEqual(localOnly.ranking, []);
    assert.match(localOnly.decision!.reason, /^this run measured no cloud; a choice needs at least two clouds/);
  });

  it('names no cloud when one cloud was measured in-region and another from outside, and one when all were in-region', function () {
    const where = (p: ProviderResult, kind: 'in-region' | 'external') => ({
      ...p,
      vantage: { kind, region: kind === 'in-region' ? p.region : null, runtime: null },
    });
    const aws = cloud('aws', { put: noisy(10), cost: 0.005 });
    const gcp = cloud('gcp', { put: noisy(80), cost: 0.05 });
    const uneven = rankProviders([where(aws, 'in-region'), where(gcp, 'external')], DEFAULT_WEIGHTS)!;
    assert.equal(uneven.decision!.kind, 'none');
    assert.match(
      uneven.decision!.reason,
      /aws was measured in-region and cannot be weighed against gcp measured from outside/,
    );
    const even = rankProviders([where(aws, 'in-region'), where(gcp, 'in-region')], DEFAULT_WEIGHTS)!;
    assert.deepEqual({ kind: even.decision!.kind, cloud: even.decision!.cloud }, { kind: 'cloud', cloud: 'aws' });
  });

  it('names no cloud when no criterion has repetitions to resample', function () {
    const single = [cloud('aws', { put: [10] }), cloud('gcp', { put: [80] })];
    const rec = rankProviders(single, DEFAULT_WEIGHTS)!;
    assert.equal(rec.ranking[0]!.probabilityFirst, null);
    assert.equal(rec.distinguishable, null);
    assert.match(rec.decision!.reason, /uncertainty of the scores is unknown/);
  });

  it('leaves a missing cost out of the score instead of reading it as free', function () {
    const rec = rankProviders(
      [cloud('aws', { put: noisy(20), cost: null }), cloud('gcp', { put: noisy(20), cost: 0.01 })],
      DEFAULT_WEIGHTS,
    )!;
    const aws = rec.ranking.find((r) => r.provider === 'aws')!;
    assert.equal(aws.criteria.cost, null);
    assert.equal(aws.figures!.runCost, null);
    assert.equal(rec.ranking.find((r) => r.provider === 'gcp')!.criteria.cost, 1);
  });

  it('scores reliability as a failure rate: one failure in 200 operations costs a little, not half', function () {
    const rec = rankProviders(
      [cloud('aws', { put: noisy(20), failed: 1 }), cloud('gcp', { put: noisy(20) })],
      DEFAULT_WEIGHTS,
    )!;
    const aws = rec.ranking.find((r) => r.provider === 'aws')!;
    assert.equal(aws.figures!.failureRate, 0.005); // 1 of the 200 scenario operations
    assert.ok(aws.criteria.reliability! > 0.99 && aws.criteria.reliability! < 1);
    const lost = rankProviders(
      [cloud('aws', { put: noisy(20), lost: 100 }), cloud('gcp', { put: noisy(20) })],
      DEFAULT_WEIGHTS,
    )!;
    assert.equal(lost.ranking.find((r) => r.provider === 'aws')!.components!.postingErrors, 0.9);
  });

  it('reads the v3 failure rate, the bulk-load rows/s and the monthly cost (platform already inside)', function () {
    const p = cloud('aws', { put: noisy(20) });
    p.reliability!.failureRate = {
      estimate: 0.002,
      lower: 0.001,
      upper: 0.004,
      confidence: 0.95,
      method: 'Wilson score',
    };
    p.scenarios.push({
      ...latency('warehouse.load.bulk', [900, 1000, 1100]),
      throughput: { opsPerSec: 2, bytesPerSec: 4000 },
      ci: {
        p50Ms: null,
        p95Ms: null,
        opsPerSec: null,
        observations: { p50Ms: [], p95Ms: [], opsPerSec: [1.5, 2, 2.5] },
      },
    });
    // The month's total already holds the platform line (12 of the 42): it is not added twice.
    p.cost!.monthly = {
      postingsPerDay: 2000,
      total: 42,
      totalAfterFreeTier: 22,
      breakdown: [],
      note: 'totals include the platform line',
    };
    p.cost!.platform = { monthly: 12, lines: [], source: 'inventory', note: null };
    const f = readFigures(p);
    assert.equal(f.failureRate!.value, 0.002);
    assert.deepEqual(f.loadRowsPerSec, { value: 4000, observations: [3000, 4000, 5000] });
    assert.equal(f.monthlyCost!.value, 42);
    p.cost!.monthly = { ...p.cost!.monthly, total: null };
    assert.equal(readFigures(p).monthlyCost, null);
  });

  it('computes the sensitivity over the clouds only', function () {
    const flips = weightSensitivity(measured, DEFAULT_WEIGHTS);
    assert.ok(
      flips.some((f) => f.criterion === 'cost' || f.criterion === 'latency'),
      JSON.stringify(flips),
    );
    for (const f of flips) assert.notEqual(f.newTop, 'local');
    assert.deepEqual(
      weightSensitivity(
        measured.filter((p) => p.name !== 'local'),
        DEFAULT_WEIGHTS,
      ),
      flips,
    );
  });
});
