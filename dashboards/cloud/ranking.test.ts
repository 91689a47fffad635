import assert from 'node:assert/strict';
import { CRITERIA, rankProviders, type Weights } from '../../benchmarks/recommend.ts';
import { makeResults } from '../fixtures/results-fixture.ts';
import { providerColour } from '../palette.ts';
import { toCloudRunView } from './cloud-data.ts';
import { rankEntries, scoreOf, topFlips } from './ranking.ts';

describe('page ranking', function () {
  const results = makeResults('20261128T100000Z-d4e5f6', '2026-11-28T10:00:00.000Z');
  const view = toCloudRunView(results, providerColour);
  const entries = view.ranking!.entries;

  const vectors: Weights[] = [
    { latency: 1, throughput: 1, cost: 1, reliability: 1, freeTier: 0 },
    { latency: 5, throughput: 0, cost: 0, reliability: 0, freeTier: 0 },
    { latency: 0, throughput: 5, cost: 1, reliability: 0.5, freeTier: 2 },
    { latency: 0.5, throughput: 0.5, cost: 4, reliability: 2, freeTier: 1 },
    { latency: 0, throughput: 0, cost: 0, reliability: 0, freeTier: 0 },
  ];

  for (const weights of vectors) {
    it(`equals rankProviders for ${JSON.stringify(weights)}`, function () {
      const expected = rankProviders(results.providers, weights)!.ranking.map((r) => [r.provider, r.score, r.rank]);
      assert.deepEqual(rankEntries(entries, weights).map((r) => [r.entry.provider, r.score, r.rank]), expected);
    });
  }

  it('leaves an unknown criterion out instead of counting it as 0', function () {
    assert.equal(scoreOf({ latency: 1, cost: null }, { latency: 1, cost: 1 }), 1);
    assert.equal(scoreOf({ latency: 0.5, cost: 0 }, { latency: 1, cost: 1 }), 0.25);
  });

  it('finds the weight at which the top choice flips, and says when none does', function () {
    const weights = Object.fromEntries(CRITERIA.map((c) => [c, c === 'freeTier' ? 0 : 1]));
    const flips = topFlips(entries, weights);
    const throughput = flips.find((f) => f.criterion === 'throughput')!;
    assert.equal(throughput.newTop, 'gcp');
    assert.ok(throughput.at !== null && throughput.at > 1);
    assert.equal(rankEntries(entries, { ...weights, throughput: throughput.at })[0]!.entry.provider, 'gcp');
    assert.equal(rankEntries(entries, { ...weights, throughput: throughput.at - 0.05 })[0]!.entry.provider, 'local');
    const alone = topFlips([{ provider: 'only', criteria: { latency: 1 } }], { latency: 1 });
    assert.deepEqual(alone, [{ criterion: 'latency', at: null, newTop: null }]);
  });

  it('labels emulated providers and keeps an unknown cost null', function () {
    const local = view.providers.find((p) => p.name === 'local')!;
    assert.equal(local.label, 'local (emulated)');
    assert.equal(local.cost, null);
    assert.equal(view.providers.find((p) => p.name === 'aws')!.label, 'aws');
    assert.equal(view.anyEmulated, true);
  });
});
