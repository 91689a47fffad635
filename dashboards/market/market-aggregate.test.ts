import assert from 'node:assert/strict';
import type { MarketSnapshot } from '../../results/market-snapshot.ts';
import { makeMarketSnapshot } from '../fixtures/market-fixture.ts';
import {
  countBy,
  departementCounts,
  filterRows,
  median,
  NO_FILTER,
  postingsOverTime,
  salariesBy,
  topSkills,
} from './market-aggregate.ts';
import { salaryMidpoint, toMarketRows, type MarketRows } from './market-data.ts';

describe('market aggregations', function () {
  this.timeout(120_000);
  let snapshot: MarketSnapshot;
  let rows: MarketRows;
  let all: number[];

  before(async function () {
    snapshot = await makeMarketSnapshot('20261128T100000Z-d4e5f6');
    rows = toMarketRows(snapshot.queries.market_postings!);
    all = filterRows(rows, NO_FILTER);
  });

  it('computes medians like percentile_cont and midpoints like the warehouse', function () {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([1, 2, 3, 10]), 2.5);
    assert.equal(median([]), null);
    assert.equal(salaryMidpoint(40000, null), 40000);
    assert.equal(salaryMidpoint(40000, 50000), 45000);
    assert.equal(salaryMidpoint(null, null), null);
  });

  it('agrees with the warehouse answers when nothing is filtered', function () {
    assert.equal(all.length, 420);
    const skills = topSkills(rows, all, true, 100);
    for (const row of snapshot.queries.top_skills!) {
      const mine = skills.find((s) => s.skill === row.skill)!;
      assert.equal(mine.postings, row.postings, `${String(row.skill)} postings`);
      assert.equal(mine.withSalary, row.with_salary, `${String(row.skill)} with salary`);
      assert.ok(Math.abs(mine.median! - Number(row.median)) < 1e-6, `${String(row.skill)} median`);
    }
    const byDep = departementCounts(rows, all);
    for (const row of snapshot.queries.postings_by_departement!)
      assert.equal(byDep[String(row.departement)], row.postings);
    const seniority = salariesBy(rows, all, 'seniority', true);
    for (const row of snapshot.queries.salary_by_seniority!) {
      const group = seniority.find((g) => g.group === row.seniority)!;
      assert.equal(group.postings, row.postings);
      assert.ok(Math.abs(median(group.salaries)! - Number(row.median)) < 1e-6);
    }
    const remote = countBy(rows, all, 'remote');
    for (const row of snapshot.queries.remote_share!)
      assert.equal(remote.find((g) => g.group === row.remote)?.count, row.postings);
  });

  it('filters by région, skill and predicted salaries', function () {
    const occitanie = filterRows(rows, { ...NO_FILTER, region: 'Occitanie' });
    assert.ok(occitanie.length > 0 && occitanie.length < all.length);
    assert.ok(occitanie.every((i) => rows.dict.region[rows.codes.region[i]!] === 'Occitanie'));
    const spark = filterRows(rows, { ...NO_FILTER, skill: 'spark' });
    assert.ok(spark.every((i) => rows.skills[i]!.some((k) => rows.dict.skill[k] === 'spark')));
    const withPredicted = salariesBy(rows, all, 'source', true).find((g) => g.group === 'adzuna')!.salaries.length;
    const withoutPredicted = salariesBy(rows, all, 'source', false).find((g) => g.group === 'adzuna')!.salaries.length;
    assert.ok(withoutPredicted < withPredicted);
    assert.deepEqual(filterRows(rows, { ...NO_FILTER, region: 'Nowhere' }), []);
  });

  it('orders seniorities from junior to lead, unknown last, and fills days without postings', function () {
    assert.deepEqual(
      countBy(rows, all, 'seniority').map((g) => g.group),
      ['junior', 'mid', 'senior', 'lead', 'unknown'],
    );
    const series = postingsOverTime(rows, all);
    const total = series.series.reduce((n, s) => n + s.counts.reduce((a, b) => a + b, 0), 0);
    assert.equal(total, 420);
    assert.ok(series.series.every((s) => s.counts.length === series.days.length));
    assert.deepEqual(
      series.series.map((s) => s.name),
      ['adzuna', 'sample'],
    );
  });
});
