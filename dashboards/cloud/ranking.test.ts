import assert from 'node:assert/strict';
import { CRITERIA, rankProviders, type Weights } from '../../benchmarks/recommend/recommend.ts';
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
      assert.deepEqual(
        rankEntries(entries, weights).map((r) => [r.entry.provider, r.score, r.rank]),
        expected,
      );
    });
  }

  it('leaves an unknown criterion out instead of counting it as 0', function () {
    assert.equal(scoreOf({ latency: 1, cost: null }, { latency: 1, cost: 1 }), 1);
    assert.equal(scoreOf({ latency: 0.5, cost: 0 }, { latency: 1, cost: 1 }), 0.25);
  });

  it('finds the weight at which the first-ranked cloud flips, and says when none does', function () {
    const weights = Object.fromEntries(CRITERIA.map((c) => [c, c === 'freeTier' ? 0 : 1]));
    const flips = topFlips(entries, weights);
    const latency = flips.find((f) => f.criterion === 'latency')!;
    assert.equal(latency.newTop, 'aws');
    assert.ok(latency.at !== null && latency.at > 1);
    assert.equal(rankEntries(entries, { ...weights, latency: latency.at })[0]!.entry.provider, 'aws');
    assert.equal(rankEntries(entries, { ...weights, latency: latency.at - 0.05 })[0]!.entry.provider, 'gcp');
    const alone = topFlips([{ provider: 'only', criteria: { latency: 1 } }], { latency: 1 });
    assert.deepEqual(alone, [{ criterion: 'latency', at: null, newTop: null }]);
  });

  it('ranks the clouds only and shows local beside them as a reference', function () {
    assert.deepEqual(entries.map((e) => e.provider).sort(), ['aws', 'azure', 'gcp']);
    assert.deepEqual(
      view.ranking!.reference.map((r) => r.label),
      ['local (reference, not ranked)'],
    );
    assert.ok(entries.every((e) => e.probabilityFirst !== null && e.scoreInterval !== null));
  });

  it('carries the decision of the run: none on mixed or emulated clouds, a named cloud on measured ones', function () {
    assert.equal(view.ranking!.decision.kind, 'none');
    assert.match(view.ranking!.decision.reason, /azure was measured on an emulator/);
    const emulated = toCloudRunView(
      makeResults('20261128T100000Z-e1e1e1', '2026-11-28T10:00:00.000Z', 1, { clouds: 'emulated' }),
      providerColour,
    ).ranking!;
    assert.equal(emulated.basis, 'emulated');
    assert.match(emulated.decision.reason, /every cloud figure comes from an emulator/);
    const measured = toCloudRunView(
      makeResults('20261128T100000Z-f2f2f2', '2026-11-28T10:00:00.000Z', 1, { clouds: 'measured' }),
      providerColour,
    ).ranking!;
    assert.deepEqual([measured.decision.kind, measured.decision.cloud], ['cloud', 'gcp']);
    const total = measured.entries.reduce((n, e) => n + e.probabilityFirst!, 0);
    assert.ok(Math.abs(total - 1) < 0.005);
  });

  it('reads a file written before v3 without promoting local or naming a cloud', function () {
    const legacy = makeResults('20261128T100000Z-a0a0a0', '2026-11-28T10:00:00.000Z');
    const rec = legacy.recommendation!;
    legacy.recommendation = {
      weights: rec.weights,
      caveat: rec.caveat,
      ranking: [
        { provider: 'local', rank: 1, score: 0.9, criteria: { latency: 1 }, emulated: true },
        ...rec.ranking.map((e) => ({
          provider: e.provider,
          rank: e.rank + 1,
          score: e.score,
          criteria: e.criteria,
          emulated: e.emulated,
        })),
      ],
    };
    const ranking = toCloudRunView(legacy, providerColour).ranking!;
    assert.deepEqual(
      ranking.entries.map((e) => [e.provider, e.rank]),
      [
        ['gcp', 1],
        ['aws', 2],
        ['azure', 3],
      ],
    );
    assert.deepEqual(
      ranking.reference.map((r) => r.provider),
      ['local'],
    );
    assert.equal(ranking.decision.kind, 'none');
    assert.match(ranking.decision.reason, /predates the decision rule/);
  });

  it('labels emulated providers and keeps an unknown cost null', function () {
    const local = view.providers.find((p) => p.name === 'local')!;
    assert.equal(local.label, 'local (emulated)');
    assert.equal(local.cost, null);
    assert.equal(view.providers.find((p) => p.name === 'aws')!.label, 'aws');
    assert.equal(view.anyEmulated, true);
  });
});
