/**
 * Silhouette score (Rousseeuw 1987) for binary skill profiles with Euclidean distance:
 * s(i) = (b − a) / max(a, b), where a is the mean distance to the other members of i's
 * cluster and b the smallest mean distance to another cluster; 0 for a singleton.
 *
 * Postings share profiles (many have the same few skills), so the exact score is
 * computed over distinct (profile, cluster) pairs weighted by their counts: the same
 * number as over every posting, in O(distinct²) instead of O(n²). Profiles are bitmasks
 * (at most 30 skills), so a distance is √popcount(a XOR b).
 */
import { seededRandom } from '../lib/seeded-random.ts';

/** A profile's bitmask, its cluster and how many postings have it. */
export interface WeightedProfile {
  mask: number;
  cluster: number;
  weight: number;
}

function popcount(x: number): number {
  let v = x >>> 0;
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Mean silhouette over all weighted points; null when fewer than two clusters are populated. */
export function weightedSilhouette(profiles: readonly WeightedProfile[], clusterCount: number): number | null {
  const sizes = new Array<number>(clusterCount).fill(0);
  for (const p of profiles) sizes[p.cluster]! += p.weight;
  if (sizes.filter((s) => s > 0).length < 2) return null;
  // Precompute √d for every possible Hamming distance (0..30).
  const root = Array.from({ length: 33 }, (_, d) => Math.sqrt(d));
  const sums = new Float64Array(clusterCount);
  let total = 0;
  let weight = 0;
  for (const u of profiles) {
    sums.fill(0);
    for (const v of profiles) sums[v.cluster]! += v.weight * root[popcount(u.mask ^ v.mask)]!;
    const own = sizes[u.cluster]!;
    weight += u.weight;
    if (own <= 1) continue; // singleton: s = 0
    const a = sums[u.cluster]! / (own - 1);
    let b = Number.POSITIVE_INFINITY;
    for (let c = 0; c < clusterCount; c++) {
      if (c !== u.cluster && sizes[c]! > 0) b = Math.min(b, sums[c]! / sizes[c]!);
    }
    const denom = Math.max(a, b);
    total += u.weight * (denom === 0 ? 0 : (b - a) / denom);
  }
  return total / weight;
}

/** Groups (mask, cluster) pairs of a set of points into weighted profiles. */
export function weightProfiles(
  masks: readonly number[],
  clusters: readonly number[],
  indices?: readonly number[],
): WeightedProfile[] {
  const byKey = new Map<string, WeightedProfile>();
  for (const i of indices ?? masks.keys()) {
    const mask = masks[i]!;
    const cluster = clusters[i]!;
    const key = `${mask}:${cluster}`;
    const found = byKey.get(key);
    if (found) found.weight += 1;
    else byKey.set(key, { mask, cluster, weight: 1 });
  }
  return [...byKey.values()];
}

/** `size` distinct indices of 0..n−1 drawn without replacement (partial Fisher–Yates), sorted. */
export function sampleIndices(n: number, size: number, seed: number): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  const rand = seededRandom(seed);
  const take = Math.min(size, n);
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(rand() * (n - i));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all.slice(0, take).sort((a, b) => a - b);
}
