/**
 * Clusters postings by skill profile: each posting is a binary vector over the most
 * frequent skills, grouped with k-means (`ml-kmeans`, k-means++ seeding with a fixed
 * seed, best of a few seeded restarts by inertia, so a rerun gives the same clusters).
 * k is the one with the highest silhouette over k = 2..8; the elbow of the inertia curve
 * is reported beside it for readers used to that heuristic.
 */
import { kmeans } from 'ml-kmeans';
import { describe, type Distribution } from './distribution.ts';
import type { FlaggedPosting } from './group-stats.ts';
import { sampleIndices, weightedSilhouette, weightProfiles } from './silhouette.ts';

export interface ClusteringOptions {
  /** Smallest and largest k tried. */
  kMin: number;
  kMax: number;
  /** Skills used as features: the most frequent ones (at most 30: profiles are 32-bit masks). */
  maxFeatures: number;
  /** Seed of the k-means++ seeding and of the silhouette sample. */
  seed: number;
  /** Seeded restarts per k; the lowest inertia wins. */
  restarts: number;
  /** Above this many distinct profiles the silhouette is computed on a seeded sample of postings. */
  exactSilhouetteMaxProfiles: number;
  /** Size of that sample. */
  silhouetteSample: number;
}

export const DEFAULT_CLUSTERING: ClusteringOptions = {
  kMin: 2,
  kMax: 8,
  maxFeatures: 30,
  seed: 42,
  restarts: 2,
  exactSilhouetteMaxProfiles: 3000,
  silhouetteSample: 3000,
};

/** One k tried. */
export interface KCandidate {
  k: number;
  /** Sum of squared distances to the assigned centroid (= Hamming distances to the mean profile). */
  inertia: number;
  silhouette: number | null;
}

export interface SkillShare {
  skill: string;
  /** Share of the cluster's postings that ask for it. */
  share: number;
  /** That share divided by the share among all clustered postings (>1: characteristic). */
  lift: number;
}

export interface SkillCluster {
  /** 1 = largest. */
  id: number;
  /** Its top three skills, for tables and slides. */
  label: string;
  size: number;
  /** Share of the clustered postings. */
  share: number;
  topSkills: SkillShare[];
  salary: { withSalary: number; outliers: number; all: Distribution | null; robust: Distribution | null };
}

export type Clustering =
  | {
      status: 'ok';
      features: string[];
      /** Postings with at least one feature skill. */
      clustered: number;
      /** Postings left out: no skill among the features. */
      unclustered: number;
      distinctProfiles: number;
      candidates: KCandidate[];
      /** Inertia of k = 1 (all postings around the overall mean profile), the top of the elbow curve. */
      inertiaK1: number;
      chosenK: number;
      elbowK: number | null;
      silhouette: { method: 'exact' | 'sample'; points: number };
      seed: number;
      clusters: SkillCluster[];
    }
  | { status: 'skipped'; reason: string };

function inertiaOf(data: readonly number[][], clusters: readonly number[], centroids: readonly number[][]): number {
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    const x = data[i]!;
    const c = centroids[clusters[i]!]!;
    for (let d = 0; d < x.length; d++) sum += (x[d]! - c[d]!) ** 2;
  }
  return sum;
}

/**
 * The k at the knee of the inertia curve: the point farthest from the straight line
 * between its ends, both axes scaled to 0..1 (the "kneedle" idea). Null below 3 points.
 */
export function elbowOf(points: readonly { k: number; inertia: number }[]): number | null {
  if (points.length < 3) return null;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const spanK = last.k - first.k;
  const spanI = first.inertia - last.inertia;
  if (spanK <= 0 || spanI <= 0) return null;
  let best: { k: number; gap: number } | null = null;
  for (const p of points.slice(1, -1)) {
    const x = (p.k - first.k) / spanK;
    const y = (first.inertia - p.inertia) / spanI; // 0 at the first point, 1 at the last
    const gap = y - x;
    if (!best || gap > best.gap) best = { k: p.k, gap };
  }
  return best && best.gap > 0 ? best.k : null;
}

/** Runs the clustering; `skipped` with a reason when the data cannot support it. */
export function clusterBySkills(
  postings: readonly FlaggedPosting[],
  options: ClusteringOptions = DEFAULT_CLUSTERING,
): Clustering {
  const counts = new Map<string, number>();
  for (const { posting } of postings) for (const s of posting.skills) counts.set(s, (counts.get(s) ?? 0) + 1);
  const features = [...counts.entries()]
    .sort(([a, ca], [b, cb]) => cb - ca || a.localeCompare(b))
    .slice(0, Math.min(options.maxFeatures, 30))
    .map(([s]) => s);
  const index = new Map(features.map((s, i) => [s, i]));
  const members: FlaggedPosting[] = [];
  const masks: number[] = [];
  for (const fp of postings) {
    let mask = 0;
    for (const s of fp.posting.skills) {
      const i = index.get(s);
      if (i !== undefined) mask |= 1 << i;
    }
    if (mask === 0) continue;
    members.push(fp);
    masks.push(mask);
  }
  const distinct = new Set(masks).size;
  const kMax = Math.min(options.kMax, distinct);
  if (kMax < options.kMin) {
    return {
      status: 'skipped',
      reason: `${members.length} postings with skills have ${distinct} distinct skill profile(s): too few for k ≥ ${options.kMin}`,
    };
  }
  const data = masks.map((m) => features.map((_, d) => (m >>> d) & 1));

  const sampled = distinct > options.exactSilhouetteMaxProfiles;
  const sample = sampled ? sampleIndices(members.length, options.silhouetteSample, options.seed) : undefined;
  const runs: { k: number; inertia: number; silhouette: number | null; clusters: number[] }[] = [];
  for (let k = options.kMin; k <= kMax; k++) {
    let best: { inertia: number; clusters: number[] } | null = null;
    for (let r = 0; r < options.restarts; r++) {
      const result = kmeans(data, k, { initialization: 'kmeans++', seed: options.seed + r, maxIterations: 300 });
      const inertia = inertiaOf(data, result.clusters, result.centroids);
      if (!best || inertia < best.inertia - 1e-9) best = { inertia, clusters: [...result.clusters] };
    }
    const silhouette = weightedSilhouette(weightProfiles(masks, best!.clusters, sample), k);
    runs.push({ k, inertia: best!.inertia, silhouette, clusters: best!.clusters });
  }
  // Highest silhouette; on a tie the smaller k (the simpler description).
  const chosen = runs.reduce((a, b) => ((b.silhouette ?? -2) > (a.silhouette ?? -2) + 1e-12 ? b : a));
  const meanProfile = features.map((_, d) => data.reduce((s, x) => s + x[d]!, 0) / data.length);
  const inertiaK1 = inertiaOf(
    data,
    data.map(() => 0),
    [meanProfile],
  );

  return {
    status: 'ok',
    features,
    clustered: members.length,
    unclustered: postings.length - members.length,
    distinctProfiles: distinct,
    candidates: runs.map(({ k, inertia, silhouette }) => ({ k, inertia, silhouette })),
    inertiaK1,
    chosenK: chosen.k,
    elbowK: elbowOf([{ k: 1, inertia: inertiaK1 }, ...runs]),
    silhouette: { method: sampled ? 'sample' : 'exact', points: sample ? sample.length : members.length },
    seed: options.seed,
    clusters: summarizeClusters(members, chosen.clusters, chosen.k, features, meanProfile),
  };
}

function summarizeClusters(
  members: readonly FlaggedPosting[],
  assignment: readonly number[],
  k: number,
  features: readonly string[],
  overallShare: readonly number[],
): SkillCluster[] {
  const groups = Array.from({ length: k }, () => [] as FlaggedPosting[]);
  members.forEach((m, i) => {
    groups[assignment[i]!]!.push(m);
  });
  return groups
    .filter((g) => g.length > 0)
    .sort((a, b) => b.length - a.length || a[0]!.posting.id.localeCompare(b[0]!.posting.id))
    .map((group, i) => {
      const topSkills = features
        .map((skill, d) => {
          const share = group.filter((m) => m.posting.skills.includes(skill)).length / group.length;
          return { skill, share, lift: overallShare[d]! > 0 ? share / overallShare[d]! : 0 };
        })
        .filter((s) => s.share > 0)
        .sort((a, b) => b.share - a.share || b.lift - a.lift || a.skill.localeCompare(b.skill))
        .slice(0, 5);
      const salaries = group.filter((m) => m.posting.salaryMid !== null);
      const robust = salaries.filter((m) => !m.outlier);
      return {
        id: i + 1,
        label: topSkills
          .slice(0, 3)
          .map((s) => s.skill)
          .join(' + '),
        size: group.length,
        share: group.length / members.length,
        topSkills,
        salary: {
          withSalary: salaries.length,
          outliers: salaries.length - robust.length,
          all: describe(salaries.map((m) => m.posting.salaryMid!)),
          robust: describe(robust.map((m) => m.posting.salaryMid!)),
        },
      };
    });
}
