/**
 * Salary outliers, by two classic rules applied to the whole market's midpoints:
 *
 * - Tukey's IQR fences: below Q1 − 1.5·IQR or above Q3 + 1.5·IQR.
 * - The modified z-score of Iglewicz and Hoaglin (1993, "How to Detect and Handle
 *   Outliers"): M = 0.6745·(x − median) / MAD, an outlier when |M| > 3.5. 0.6745 is the
 *   0.75 quantile of the standard normal, which makes MAD comparable to a standard
 *   deviation for normal data. When MAD is 0 (over half the values equal) the rule
 *   falls back to the mean absolute deviation scaled by 1.253314 (= √(π/2)), as IBM's
 *   SPSS documentation of the modified z-score does; when that is 0 too, nothing is
 *   an outlier.
 *
 * The modified z-score is the rule that excludes a posting from the "robust" statistics
 * (it does not depend on the bulk being symmetric the way the fences' 1.5 factor was
 * tuned for); the fences are reported beside it so a reader can see where they disagree.
 */
import { mean, medianAbsoluteDeviation, median, quantileSorted } from 'simple-statistics';

/** Threshold on |modified z| (Iglewicz & Hoaglin's recommendation). */
export const MODIFIED_Z_THRESHOLD = 3.5;
/** Tukey's fence factor. */
export const IQR_FACTOR = 1.5;

export interface OutlierRules {
  iqr: { q1: number; q3: number; lower: number; upper: number; factor: number };
  modifiedZ: {
    median: number;
    mad: number;
    /** The spread the z-scores divide by: MAD/0.6745, or the mean-absolute-deviation fallback. */
    scale: number;
    scaleFrom: 'mad' | 'mean-absolute-deviation' | 'none';
    threshold: number;
  };
}

export interface SalaryFlags {
  /** Outside the IQR fences. */
  iqr: boolean;
  /** |modified z| above the threshold: excluded from the robust statistics. */
  modifiedZ: boolean;
  /** The modified z-score itself; null when the scale is 0. */
  z: number | null;
}

/** Fits both rules to a sample of at least one value. */
export function fitOutlierRules(values: readonly number[]): OutlierRules {
  if (values.length === 0) throw new Error('outlier rules need at least one value');
  const sorted = [...values].sort((a, b) => a - b);
  const q1 = quantileSorted(sorted, 0.25);
  const q3 = quantileSorted(sorted, 0.75);
  const iqr = q3 - q1;
  const med = median(sorted);
  const mad = medianAbsoluteDeviation(sorted);
  let scale = mad / 0.6745;
  let scaleFrom: OutlierRules['modifiedZ']['scaleFrom'] = 'mad';
  if (mad === 0) {
    const meanAbs = mean(sorted.map((v) => Math.abs(v - med)));
    scale = 1.253314 * meanAbs;
    scaleFrom = meanAbs === 0 ? 'none' : 'mean-absolute-deviation';
  }
  return {
    iqr: { q1, q3, lower: q1 - IQR_FACTOR * iqr, upper: q3 + IQR_FACTOR * iqr, factor: IQR_FACTOR },
    modifiedZ: { median: med, mad, scale, scaleFrom, threshold: MODIFIED_Z_THRESHOLD },
  };
}

/** How one value fares under both rules. */
export function flagSalary(value: number, rules: OutlierRules): SalaryFlags {
  const { median: med, scale, threshold } = rules.modifiedZ;
  const z = scale > 0 ? (value - med) / scale : null;
  return {
    iqr: value < rules.iqr.lower || value > rules.iqr.upper,
    modifiedZ: z !== null && Math.abs(z) > threshold,
    z,
  };
}
