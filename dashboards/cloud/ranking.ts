/**
 * The ranking the comparison page recomputes when a weight slider moves. It is the math
 * of benchmarks/recommend/recommend.ts applied to the normalized criteria stored in the results
 * (a null criterion is left out and the remaining weights renormalized; scores rounded
 * to 3 decimals; ties broken by provider name). A test checks both agree.
 * Runs in the page: no imports besides types.
 */

/** One provider's normalized criteria (1 = best among the providers, null = unknown). */
export interface RankInput {
  provider: string;
  criteria: Record<string, number | null>;
}

export interface RankedEntry<T extends RankInput = RankInput> {
  entry: T;
  score: number;
  rank: number;
}

export function scoreOf(criteria: Record<string, number | null>, weights: Record<string, number>): number {
  let weighted = 0;
  let weightSum = 0;
  for (const [criterion, weight] of Object.entries(weights)) {
    const value = criteria[criterion];
    if (value === null || value === undefined) continue;
    weighted += weight * value;
    weightSum += weight;
  }
  return weightSum > 0 ? Math.round((weighted / weightSum) * 1000) / 1000 : 0;
}

export function rankEntries<T extends RankInput>(
  entries: readonly T[],
  weights: Record<string, number>,
): RankedEntry<T>[] {
  return entries
    .map((entry) => ({ entry, score: scoreOf(entry.criteria, weights) }))
    .sort((a, b) => b.score - a.score || a.entry.provider.localeCompare(b.entry.provider))
    .map((e, i) => ({ ...e, rank: i + 1 }));
}

/** How far one weight must move (others fixed) before another provider comes first. */
export interface WeightFlip {
  criterion: string;
  /** The weight at which the top changes, or null when it never does in [0, maxWeight]. */
  at: number | null;
  /** The provider that then comes first. */
  newTop: string | null;
}

/**
 * For each criterion, scans its weight from the current value up to maxWeight and down
 * to 0 (step `step`) and reports the nearest value where the top provider changes.
 * A scan rather than a closed form: scores are ratios of weights and rounding to
 * 3 decimals makes ties, which a scan handles exactly as the ranking does.
 */
export function topFlips(
  entries: readonly RankInput[],
  weights: Record<string, number>,
  options: { maxWeight?: number; step?: number } = {},
): WeightFlip[] {
  const maxWeight = options.maxWeight ?? 5;
  const step = options.step ?? 0.05;
  const top = rankEntries(entries, weights)[0]?.entry.provider ?? null;
  return Object.keys(weights).map((criterion) => {
    const current = weights[criterion] ?? 0;
    const steps = Math.ceil(maxWeight / step);
    for (let k = 1; k <= steps; k++) {
      for (const candidate of [current + k * step, current - k * step]) {
        if (candidate < -1e-9 || candidate > maxWeight + 1e-9) continue;
        const w = Math.round(Math.max(0, candidate) * 1000) / 1000;
        const first = rankEntries(entries, { ...weights, [criterion]: w })[0]?.entry.provider ?? null;
        if (first !== top) return { criterion, at: w, newTop: first };
      }
    }
    return { criterion, at: null, newTop: null };
  });
}
