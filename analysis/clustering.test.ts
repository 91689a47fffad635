import assert from 'node:assert/strict';
import { clusterBySkills, DEFAULT_CLUSTERING, elbowOf } from './clustering.ts';
import type { FlaggedPosting } from './group-stats.ts';
import type { MarketPosting } from './market-postings.ts';
import { sampleIndices, weightedSilhouette, weightProfiles } from './silhouette.ts';

function posting(id: string, skills: string[], salaryMid: number | null = null): FlaggedPosting {
  const p: MarketPosting = {
    id,
    source: 'sample',
    postedDay: null,
    company: null,
    region: null,
    departement: null,
    contractType: null,
    seniority: null,
    remote: null,
    salaryMid,
    salaryPredicted: false,
    skills: [...skills].sort(),
  };
  return { posting: p, outlier: false };
}

/** Three clear profiles (ML, BI, data engineering), each posting dropping at most one of its group's skills. */
function threeProfiles(): FlaggedPosting[] {
  const groups = [
    { skills: ['python', 'machine learning', 'pytorch', 'scikit-learn', 'pandas'], salary: 60_000 },
    { skills: ['power bi', 'excel', 'sql', 'tableau', 'dax'], salary: 40_000 },
    { skills: ['spark', 'airflow', 'kafka', 'scala', 'dbt'], salary: 55_000 },
  ];
  const out: FlaggedPosting[] = [];
  for (let i = 0; i < 90; i++) {
    const g = groups[i % 3]!;
    const drop = Math.floor(i / 3) % 6; // 0..4 drops that skill, 5 keeps all five
    out.push(
      posting(
        `p${i}`,
        g.skills.filter((_, s) => s !== drop),
        g.salary + (i % 5) * 1000,
      ),
    );
  }
  return out;
}

/** Naive O(n²) silhouette over individual points, the definition itself. */
function bruteSilhouette(masks: number[], clusters: number[]): number {
  const dist = (a: number, b: number) => Math.sqrt([...(a ^ b).toString(2)].filter((c) => c === '1').length);
  let total = 0;
  for (let i = 0; i < masks.length; i++) {
    const sums = new Map<number, { sum: number; n: number }>();
    for (let j = 0; j < masks.length; j++) {
      if (i === j) continue;
      const e = sums.get(clusters[j]!) ?? { sum: 0, n: 0 };
      e.sum += dist(masks[i]!, masks[j]!);
      e.n += 1;
      sums.set(clusters[j]!, e);
    }
    const own = sums.get(clusters[i]!);
    if (!own) continue;
    const a = own.sum / own.n;
    const b = Math.min(...[...sums.entries()].filter(([c]) => c !== clusters[i]).map(([, e]) => e.sum / e.n));
    total += (b - a) / Math.max(a, b);
  }
  return total / masks.length;
}

describe('analysis: skill clustering', function () {
  it('finds the three skill profiles, choosing k = 3 by silhouette', function () {
    const result = clusterBySkills(threeProfiles());
    assert.equal(result.status, 'ok');
    if (result.status !== 'ok') return;
    assert.equal(result.chosenK, 3);
    assert.deepEqual(
      result.candidates.map((c) => c.k),
      [2, 3, 4, 5, 6, 7, 8],
    );
    const best = Math.max(...result.candidates.map((c) => c.silhouette ?? -1));
    assert.equal(result.candidates.find((c) => c.k === 3)!.silhouette, best);
    assert.equal(result.clusters.length, 3);
    assert.deepEqual(
      result.clusters.map((c) => c.size),
      [30, 30, 30],
    );
    assert.deepEqual(
      result.clusters
        .map((c) =>
          c.topSkills
            .map((s) => s.skill)
            .sort()
            .join(','),
        )
        .sort(),
      [
        'airflow,dbt,kafka,scala,spark',
        'dax,excel,power bi,sql,tableau',
        'machine learning,pandas,python,pytorch,scikit-learn',
      ],
    );
    const bi = result.clusters.find((c) => c.label.includes('power bi'))!;
    assert.equal(bi.salary.robust!.median, 42_000);
    // Each skill is missing from 5 of the cluster's 30 postings.
    assert.ok(Math.abs(bi.topSkills[0]!.share - 25 / 30) < 1e-9);
    assert.ok(Math.abs(bi.topSkills[0]!.lift - 3) < 1e-9);
    assert.ok(result.elbowK === 3, `elbow at ${result.elbowK}`);
    assert.equal(result.silhouette.method, 'exact');
  });

  it('is deterministic for a given seed', function () {
    const a = clusterBySkills(threeProfiles());
    const b = clusterBySkills(threeProfiles());
    assert.deepEqual(a, b);
  });

  it('leaves out postings without feature skills and skips when profiles are too few', function () {
    const withEmpty = [...threeProfiles(), posting('none', [])];
    const result = clusterBySkills(withEmpty);
    assert.equal(result.status === 'ok' && result.unclustered, 1);
    const same = clusterBySkills([posting('a', ['sql']), posting('b', ['sql'])]);
    assert.equal(same.status, 'skipped');
  });

  it('computes the same silhouette over weighted profiles as over every point', function () {
    const masks = [1, 1, 3, 3, 3, 12, 12, 8, 4, 7, 7, 1];
    const clusters = [0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 0];
    const weighted = weightedSilhouette(weightProfiles(masks, clusters), 3)!;
    assert.ok(
      Math.abs(weighted - bruteSilhouette(masks, clusters)) < 1e-12,
      `${weighted} vs ${bruteSilhouette(masks, clusters)}`,
    );
    assert.equal(weightedSilhouette(weightProfiles([1, 2], [0, 0]), 2), null);
  });

  it('samples the silhouette when profiles are many', function () {
    const many = Array.from({ length: 400 }, (_, i) =>
      posting(
        `m${i}`,
        ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].filter((_, s) => ((i * 7 + 3) >> s) & 1),
      ),
    );
    const result = clusterBySkills(many, {
      ...DEFAULT_CLUSTERING,
      exactSilhouetteMaxProfiles: 50,
      silhouetteSample: 120,
      kMax: 3,
      restarts: 1,
    });
    assert.equal(result.status, 'ok');
    if (result.status === 'ok') assert.deepEqual(result.silhouette, { method: 'sample', points: 120 });
    assert.deepEqual(sampleIndices(10, 4, 1), sampleIndices(10, 4, 1));
    assert.equal(new Set(sampleIndices(100, 50, 7)).size, 50);
  });

  it('puts the elbow where the inertia curve bends', function () {
    assert.equal(
      elbowOf([
        { k: 1, inertia: 100 },
        { k: 2, inertia: 30 },
        { k: 3, inertia: 25 },
        { k: 4, inertia: 22 },
        { k: 5, inertia: 20 },
      ]),
      2,
    );
    assert.equal(
      elbowOf([
        { k: 1, inertia: 100 },
        { k: 2, inertia: 90 },
        { k: 3, inertia: 20 },
        { k: 4, inertia: 18 },
      ]),
      3,
    );
    assert.equal(
      elbowOf([
        { k: 1, inertia: 10 },
        { k: 2, inertia: 5 },
      ]),
      null,
    );
  });
});
