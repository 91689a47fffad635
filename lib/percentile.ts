/** Nearest-rank percentiles, the one definition the benchmark, the comparison and the harness use. */

/**
 * Nearest-rank percentile of an ascending array; q in [0, 100]. The rank is computed with a
 * tolerance so that a q that is not exact in binary (2.5000000000000022 from (1 − 0.95) / 2)
 * gives the same rank as the q it stands for.
 */
export function percentileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((q / 100) * sorted.length - 1e-9));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}
