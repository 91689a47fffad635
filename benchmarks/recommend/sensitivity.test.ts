import assert from 'node:assert/strict';
import type { ProviderResult } from '../../results/schema.ts';
import { DEFAULT_WEIGHTS, rankProviders } from './recommend.ts';
import { weightSensitivity } from './sensitivity.ts';

function provider(
  name: string,
  putP95: number,
  cost: number | null,
  freeTierFit: number | null = null,
): ProviderResult {
  return {
    name,
    region: 'r',
    emulated: false,
    endpointFingerprint: 'f',
    status: 'ok',
    reason: null,
    pipeline: {
      rawPages: 1,
      extracted: 100,
      transformed: 100,
      quarantined: 0,
      loaded: 100,
      warehouseRows: 100,
      durationsMs: { extract: 1000 },
      resumed: false,
    },
    scenarios: [
      {
        name: 'store.put',
        status: 'ok',
        reason: null,
        ops: 10,
        errors: 0,
        retries: 0,
        latencyMs: { p50: 1, p90: 1, p95: putP95, p99: 1, p999: 1, max: 1, min: 1, mean: 1 },
        throughput: null,
      },
    ],
    cost:
      cost === null
        ? null
        : { currency: 'USD', total: cost, breakdown: [], freeTierApplied: false, note: null, freeTierFit },
    reliability: { faultsInjected: 0, retried: 0, failed: 0, lost: 0, duplicated: 0 },
    quality: null,
    sources: null,
  };
}

describe('recommendation sensitivity', function () {
  // fast is twice as fast, cheap is three times cheaper; the rest is equal.
  const providers = [provider('fast', 10, 3), provider('cheap', 20, 1)];

  it('finds the latency and cost weights at which the leader changes', function () {
    const ranking = rankProviders(providers, DEFAULT_WEIGHTS)!;
    assert.equal(ranking.ranking[0]!.provider, 'cheap'); // 1/3 cost beats 1/2 latency at equal weights
    const flips = weightSensitivity(providers, DEFAULT_WEIGHTS);
    const latency = flips.find((f) => f.criterion === 'latency')!;
    // fast: (w + 1/3 + 2) / (w + 3); cheap: (w/2 + 1 + 2) / (w + 3) → equal at w = 4/3.
    assert.equal(latency.newTop, 'fast');
    assert.ok(Math.abs(latency.to - 4 / 3) <= 0.01, `flips at ${latency.to}`);
    const cost = flips.find((f) => f.criterion === 'cost')!;
    // Lowering the cost weight: fast wins below 0.75.
    assert.equal(cost.newTop, 'fast');
    assert.ok(Math.abs(cost.to - 0.75) <= 0.01, `flips at ${cost.to}`);
    assert.equal(
      flips.find((f) => f.criterion === 'reliability'),
      undefined,
      'reliability is equal: no flip',
    );
  });

  it('free-tier fit is a criterion with weight 0 by default, so it changes nothing unless weighted', function () {
    const withFit = [provider('fast', 10, 3, 1), provider('cheap', 20, 1, 0)];
    assert.equal(rankProviders(withFit, DEFAULT_WEIGHTS)!.ranking[0]!.provider, 'cheap');
    const weighted = rankProviders(withFit, { ...DEFAULT_WEIGHTS, freeTier: 2 })!;
    assert.equal(weighted.ranking[0]!.provider, 'fast');
    assert.equal(weighted.ranking.find((r) => r.provider === 'cheap')!.criteria.freeTier, 0);
    const flip = weightSensitivity(withFit, DEFAULT_WEIGHTS).find((f) => f.criterion === 'freeTier')!;
    assert.equal(flip.newTop, 'fast');
    assert.ok(flip.to > 0 && flip.to < 2);
  });
});
