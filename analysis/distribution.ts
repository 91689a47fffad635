/**
 * Summary statistics of a sample (salary midpoints): location, spread and the robust
 * measures (median, IQR, MAD) that outliers barely move. Quantiles use linear
 * interpolation (type 7), the default of numpy, pandas and Postgres `percentile_cont`,
 * so the notebook and the warehouse give the same numbers.
 */
import { max, mean, medianAbsoluteDeviation, min, quantileSorted, sampleStandardDeviation } from 'simple-statistics';

/** Descriptive statistics of one sample; JSON-serializable. */
export interface Distribution {
  count: number;
  mean: number;
  /** Sample standard deviation (n − 1); null below two values. */
  std: number | null;
  min: number;
  p10: number;
  p25: number;
  median: number;
  p75: number;
  p90: number;
  max: number;
  /** p75 − p25. */
  iqr: number;
  /** Median absolute deviation from the median (unscaled). */
  mad: number;
}

/** Statistics of `values`, or null for an empty sample. Non-finite values are ignored. */
export function describe(values: readonly number[]): Distribution | null {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const q = (p: number) => quantileSorted(sorted, p);
  const p25 = q(0.25);
  const p75 = q(0.75);
  return {
    count: sorted.length,
    mean: mean(sorted),
    std: sorted.length >= 2 ? sampleStandardDeviation(sorted) : null,
    min: min(sorted),
    p10: q(0.1),
    p25,
    median: q(0.5),
    p75,
    p90: q(0.9),
    max: max(sorted),
    iqr: p75 - p25,
    mad: medianAbsoluteDeviation(sorted),
  };
}
