import assert from 'node:assert/strict';
import { describe as describeSample } from './distribution.ts';
import { fitOutlierRules, flagSalary } from './outliers.ts';

describe('analysis: distribution and outlier rules', function () {
  it('summarizes a sample with type-7 quantiles, sample std, IQR and MAD', function () {
    // numpy.percentile([1,2,3,4,100], [10,25,50,75,90]) = [1.4, 2, 3, 4, 61.6]
    const d = describeSample([4, 100, 1, 3, 2])!;
    assert.equal(d.count, 5);
    assert.equal(d.mean, 22);
    assert.equal(d.median, 3);
    assert.equal(d.p25, 2);
    assert.equal(d.p75, 4);
    assert.ok(Math.abs(d.p10 - 1.4) < 1e-9);
    assert.ok(Math.abs(d.p90 - 61.6) < 1e-9);
    assert.equal(d.iqr, 2);
    assert.equal(d.mad, 1);
    assert.equal(d.min, 1);
    assert.equal(d.max, 100);
    // sqrt(sum((x-22)^2)/4) = sqrt(7610/4)
    assert.ok(Math.abs(d.std! - Math.sqrt(7610 / 4)) < 1e-9);
  });

  it('returns null for an empty sample and no std for a single value', function () {
    assert.equal(describeSample([]), null);
    assert.equal(describeSample([Number.NaN]), null);
    assert.equal(describeSample([5])!.std, null);
  });

  it('flags with IQR fences and the modified z-score', function () {
    const values = [40_000, 42_000, 45_000, 47_000, 50_000, 52_000, 55_000, 400_000];
    const rules = fitOutlierRules(values);
    // median 48,500; |x - median| = 8500 6500 3500 1500 1500 3500 6500 351500 → MAD = 5000
    assert.equal(rules.modifiedZ.median, 48_500);
    assert.equal(rules.modifiedZ.mad, 5000);
    assert.equal(rules.modifiedZ.scaleFrom, 'mad');
    const high = flagSalary(400_000, rules);
    assert.ok(high.iqr && high.modifiedZ);
    assert.ok(Math.abs(high.z! - (0.6745 * 351_500) / 5000) < 1e-9);
    const normal = flagSalary(55_000, rules);
    assert.ok(!normal.iqr && !normal.modifiedZ);
    // 3.5 / 0.6745 * 5000 ≈ 25,945 above the median is the z limit: 75,000 is beyond it.
    assert.equal(flagSalary(75_000, rules).modifiedZ, true);
    assert.equal(flagSalary(70_000, rules).modifiedZ, false);
  });

  it('falls back to the mean absolute deviation when MAD is 0, and flags nothing when all values are equal', function () {
    const rules = fitOutlierRules([50_000, 50_000, 50_000, 50_000, 50_000, 60_000, 1_000_000]);
    assert.equal(rules.modifiedZ.mad, 0);
    assert.equal(rules.modifiedZ.scaleFrom, 'mean-absolute-deviation');
    // mean |x - 50,000| = (10,000 + 950,000) / 7
    assert.ok(Math.abs(rules.modifiedZ.scale - (1.253314 * 960_000) / 7) < 1e-6);
    assert.equal(flagSalary(1_000_000, rules).modifiedZ, true);
    assert.equal(flagSalary(60_000, rules).modifiedZ, false);

    const flat = fitOutlierRules([1, 1, 1]);
    assert.equal(flat.modifiedZ.scaleFrom, 'none');
    assert.deepEqual(flagSalary(1, flat), { iqr: false, modifiedZ: false, z: null });
  });
});
