/**
 * Percentile bootstrap confidence intervals (Efron): resample the observations with
 * replacement, recompute the statistic, take the (1-c)/2 and (1+c)/2 quantiles of the
 * resampled statistics. The observations are per-repetition figures (a repetition's p50,
 * its throughput), so the interval reflects run-to-run variation, not only the spread
 * of single operations. Seeded: the same input gives the same interval.
 */

import { percentileSorted } from './percentile.ts';
import { seededRandom } from './seeded-random.ts';

export interface ConfidenceInterval {
  /** The statistic on the observations themselves. */
  estimate: number;
  lower: number;
  upper: number;
  /** Confidence level, e.g. 0.95. */
  confidence: number;
}

export interface BootstrapOptions {
  /** Resamples (default 2000). */
  iterations?: number;
  /** Default 0.95. */
  confidence?: number;
  /** PRNG seed (default 1): fixed so results are reproducible. */
  seed?: number;
}

export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return values.length === 0 ? Number.NaN : sum / values.length;
}

export function median(values: ArrayLike<number>): number {
  return percentileSorted(Float64Array.from(values).sort(), 50);
}

/** Bootstrap CI of `statistic` over `values`; null with fewer than 2 observations. */
export function bootstrapCi(
  values: ArrayLike<number>,
  statistic: (sample: Float64Array) => number = mean,
  options: BootstrapOptions = {},
): ConfidenceInterval | null {
  const n = values.length;
  if (n < 2) return null;
  const iterations = options.iterations ?? 2000;
  const confidence = options.confidence ?? 0.95;
  const random = seededRandom(options.seed ?? 1);
  const source = Float64Array.from(values);
  const resample = new Float64Array(n);
  const stats = new Float64Array(iterations);
  for (let b = 0; b < iterations; b++) {
    for (let i = 0; i < n; i++) resample[i] = source[Math.floor(random() * n)]!;
    stats[b] = statistic(resample);
  }
  stats.sort();
  const alpha = (1 - confidence) / 2;
  return {
    estimate: statistic(source),
    lower: percentileSorted(stats, alpha * 100),
    upper: percentileSorted(stats, (1 - alpha) * 100),
    confidence,
  };
}

/**
 * Bootstrap CI of the difference `statistic(b) - statistic(a)` between two independent
 * sets of observations: significant when the interval excludes 0.
 */
export function bootstrapDifference(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  statistic: (sample: Float64Array) => number = mean,
  options: BootstrapOptions = {},
): ConfidenceInterval | null {
  if (a.length < 2 || b.length < 2) return null;
  const iterations = options.iterations ?? 2000;
  const confidence = options.confidence ?? 0.95;
  const random = seededRandom(options.seed ?? 1);
  const sa = Float64Array.from(a);
  const sb = Float64Array.from(b);
  const ra = new Float64Array(sa.length);
  const rb = new Float64Array(sb.length);
  const stats = new Float64Array(iterations);
  for (let k = 0; k < iterations; k++) {
    for (let i = 0; i < sa.length; i++) ra[i] = sa[Math.floor(random() * sa.length)]!;
    for (let i = 0; i < sb.length; i++) rb[i] = sb[Math.floor(random() * sb.length)]!;
    stats[k] = statistic(rb) - statistic(ra);
  }
  stats.sort();
  const alpha = (1 - confidence) / 2;
  return {
    estimate: statistic(sb) - statistic(sa),
    lower: percentileSorted(stats, alpha * 100),
    upper: percentileSorted(stats, (1 - alpha) * 100),
    confidence,
  };
}
