import assert from 'node:assert/strict';
import { compareResults, medianDifferenceCi } from './compare.ts';
import { A, B } from './fixtures/compare-fixtures.ts';
import type { Results } from './schema.ts';
import { validateResults } from './validate.ts';

describe('compare two results files', function () {
  it('the fixtures are valid results files', function () {
    validateResults(A);
    validateResults(B);
  });

  it('flags a significant regression and leaves noise alone', function () {
    const c = compareResults(A, B);
    const put = c.scenarios.find((s) => s.scenario === 'store.put.small')!;
    const get = c.scenarios.find((s) => s.scenario === 'store.get.page')!;
    assert.equal(put.metrics.find((m) => m.metric === 'p50Ms')!.significance, 'regression');
    assert.equal(put.metrics.find((m) => m.metric === 'opsPerSec')!.significance, 'regression');
    assert.equal(put.metrics[0]!.method, 'bootstrap-difference');
    assert.ok(put.metrics[0]!.differenceCi!.lower > 0);
    for (const m of get.metrics) assert.equal(m.significance, 'no-change', m.metric);
    assert.equal(c.regressions, 3); // p50, p95, throughput of the puts
    assert.match(c.caveat!, /emulators/);
  });

  it('is deterministic and falls back to interval overlap, then to unknown', function () {
    assert.deepEqual(medianDifferenceCi([1, 2, 3], [4, 5, 6]), medianDifferenceCi([1, 2, 3], [4, 5, 6]));
    const noObs = (r: Results): Results => ({
      ...r,
      providers: r.providers.map((p) => ({
        ...p,
        scenarios: p.scenarios.map((s) => ({
          ...s,
          ci: s.ci ? { ...s.ci, observations: { p50Ms: [], p95Ms: [], opsPerSec: [] } } : null,
        })),
      })),
    });
    const overlap = compareResults(noObs(A), noObs(B)).scenarios[0]!.metrics[0]!;
    assert.equal(overlap.method, 'ci-overlap');
    assert.equal(overlap.significance, 'regression');
    const bare = (r: Results): Results => ({
      ...r,
      providers: r.providers.map((p) => ({ ...p, scenarios: p.scenarios.map(({ ci: _ci, ...s }) => s) })),
    });
    assert.equal(compareResults(bare(A), bare(B)).scenarios[0]!.metrics[0]!.significance, 'unknown');
  });
});
