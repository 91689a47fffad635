/**
 * A failure rate with its interval. A count of failures without its denominator says
 * nothing (one failure in 10 operations is not one in 10,000), and a plain ± normal
 * interval collapses to [0, 0] when nothing failed. The Wilson score interval (Wilson
 * 1927; recommended over the Wald interval by Brown, Cai & DasGupta, "Interval
 * Estimation for a Binomial Proportion", Statistical Science 16(2), 2001) stays inside
 * [0, 1] and still has width when there are no failures.
 */

export interface RateInterval {
  estimate: number;
  lower: number;
  upper: number;
  confidence: number;
  method: string;
}

/** Two-sided standard normal quantiles for the levels the harness uses. */
const Z: Readonly<Record<string, number>> = {
  '0.9': 1.6448536269514722,
  '0.95': 1.959963984540054,
  '0.99': 2.5758293035489004,
};

/** Wilson score interval of `failures` out of `attempts`; null when nothing was attempted. */
export function wilsonInterval(failures: number, attempts: number, confidence = 0.95): RateInterval | null {
  if (attempts <= 0) return null;
  if (failures < 0 || failures > attempts)
    throw new RangeError(`failures (${failures}) must be between 0 and attempts (${attempts})`);
  const z = Z[String(confidence)];
  if (z === undefined)
    throw new RangeError(`confidence ${confidence} not supported (use ${Object.keys(Z).join(', ')})`);
  const p = failures / attempts;
  const z2 = z * z;
  const denominator = 1 + z2 / attempts;
  const centre = (p + z2 / (2 * attempts)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / attempts + z2 / (4 * attempts * attempts))) / denominator;
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  return {
    estimate: round(p),
    lower: round(Math.max(0, centre - half)),
    upper: round(Math.min(1, centre + half)),
    confidence,
    method: `Wilson score interval over ${attempts} operations`,
  };
}
