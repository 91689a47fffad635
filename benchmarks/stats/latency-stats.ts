/**
 * Pure statistics over raw samples. Percentiles use the nearest-rank method on the
 * sorted samples (what HdrHistogram and wrk report), so p99 is a latency that was
 * actually observed, never an interpolation between two.
 */
import { percentileSorted } from '../../lib/percentile.ts';

export interface LatencySummary {
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
  min: number;
}

export function summarizeLatencies(samples: ArrayLike<number>): LatencySummary | null {
  if (samples.length === 0) return null;
  const sorted = Float64Array.from(samples).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    p50: percentileSorted(sorted, 50),
    p90: percentileSorted(sorted, 90),
    p95: percentileSorted(sorted, 95),
    p99: percentileSorted(sorted, 99),
    p999: percentileSorted(sorted, 99.9),
    max: sorted[sorted.length - 1]!,
    min: sorted[0]!,
    mean: sum / sorted.length,
  };
}

/** Rounds to 3 decimals for results files (µs resolution on ms figures). */
export function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
