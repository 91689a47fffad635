import assert from 'node:assert/strict';
import { percentileSorted } from '../../lib/percentile.ts';
import { summarizeLatencies } from './latency-stats.ts';

describe('latency statistics', function () {
  it('uses nearest rank, so percentiles are observed values', function () {
    const sorted = Float64Array.from({ length: 100 }, (_, i) => i + 1); // 1..100
    assert.equal(percentileSorted(sorted, 50), 50);
    assert.equal(percentileSorted(sorted, 99), 99);
    assert.equal(percentileSorted(sorted, 100), 100);
    assert.equal(percentileSorted(sorted, 0), 1);
    assert.equal(percentileSorted([7], 99.9), 7);
  });

  it('summarizes unsorted samples without mutating them', function () {
    const samples = [5, 1, 4, 2, 3];
    const s = summarizeLatencies(samples)!;
    assert.deepEqual(samples, [5, 1, 4, 2, 3]);
    assert.equal(s.p50, 3);
    assert.equal(s.max, 5);
    assert.equal(s.min, 1);
    assert.equal(s.mean, 3);
  });

  it('reports nothing for no samples rather than zeros', function () {
    assert.equal(summarizeLatencies([]), null);
  });
});
