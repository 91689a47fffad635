/**
 * Sensitivity of the ranking to the weights: for each weight group alone, the nearest
 * weight (above or below the current one, in [0, maxWeight]) at which the first-ranked
 * cloud changes, and who takes the lead. Computed over the clouds only (the `local`
 * reference never takes part) on the point figures. A lead that flips at a small change
 * is a weak one; the page and the CLI show these next to the ranking.
 */
import type { ProviderResult } from '../../results/schema.ts';
import { CRITERIA, rankProviders, type Criterion, type Weights } from './recommend.ts';

export interface WeightFlip {
  criterion: Criterion;
  from: number;
  /** Weight (rounded to 0.01) at which another cloud ranks first (the first weight past it, when scores tie there). */
  to: number;
  newTop: string;
}

// Point figures only (no bootstrap): the scan ranks hundreds of weight sets.
const top = (providers: readonly ProviderResult[], weights: Weights) =>
  rankProviders(providers, weights, { draws: 0 })?.ranking[0]?.provider ?? null;

/** Smallest w between a (same top) and b (different top), to `precision`. */
function bisect(
  providers: readonly ProviderResult[],
  weights: Weights,
  c: Criterion,
  a: number,
  b: number,
  current: string,
  precision: number,
): number {
  let lo = a;
  let hi = b;
  while (Math.abs(hi - lo) > precision) {
    const mid = (lo + hi) / 2;
    if (top(providers, { ...weights, [c]: mid }) === current) lo = mid;
    else hi = mid;
  }
  return hi;
}

export function weightSensitivity(
  providers: readonly ProviderResult[],
  weights: Weights,
  options: { maxWeight?: number; step?: number } = {},
): WeightFlip[] {
  const current = top(providers, weights);
  if (current === null) return [];
  const max = options.maxWeight ?? 10;
  const step = options.step ?? 0.05;
  const flips: WeightFlip[] = [];
  for (const c of CRITERIA) {
    const from = weights[c] ?? 0;
    const candidates: WeightFlip[] = [];
    // Scan up and down from the current weight; the first change in each direction counts.
    for (const direction of [1, -1]) {
      let previous = from;
      for (let w = from + direction * step; direction > 0 ? w <= max + 1e-9 : w >= -1e-9; w += direction * step) {
        const leader = top(providers, { ...weights, [c]: Math.max(0, w) });
        if (leader !== current && leader !== null) {
          const to = bisect(providers, weights, c, previous, Math.max(0, w), current, 0.001);
          // The leader is read at the exact flip point; the weight is reported to 0.01.
          candidates.push({
            criterion: c,
            from,
            to: Math.round(to * 100) / 100,
            newTop: top(providers, { ...weights, [c]: to }) ?? leader,
          });
          break;
        }
        previous = Math.max(0, w);
      }
    }
    const nearest = candidates.sort((a, b) => Math.abs(a.to - from) - Math.abs(b.to - from))[0];
    if (nearest) flips.push(nearest);
  }
  return flips;
}
