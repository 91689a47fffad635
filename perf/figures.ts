/**
 * How the perf bench reports a figure: the median of per-repetition observations with a
 * percentile bootstrap 95 % interval of that median (lib/bootstrap.ts), or
 * null with the reason it could not be measured — never a made-up number.
 */
import { bootstrapCi, median } from '../lib/bootstrap.ts';

export interface Figure {
  median: number;
  ciLow: number;
  ciHigh: number;
  /** Repetitions observed. */
  n: number;
  unit: string;
}

export interface Missing {
  median: null;
  ciLow: null;
  ciHigh: null;
  reason: string;
}

export type Reported = Figure | Missing;

export function missing(reason: string): Missing {
  return { median: null, ciLow: null, ciHigh: null, reason };
}

/** Median and bootstrap CI of the median; a single observation has a degenerate interval. */
export function summarize(values: readonly number[], unit: string): Reported {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return missing('no successful repetition');
  const ci = bootstrapCi(finite, median, { seed: 7 });
  const mid = median(finite);
  return { median: mid, ciLow: ci?.lower ?? mid, ciHigh: ci?.upper ?? mid, n: finite.length, unit };
}

/** Per-repetition ratios a[i] / b[i] of paired (interleaved) observations. */
export function pairedRatios(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (Number.isFinite(x) && Number.isFinite(y) && y > 0) out.push(x / y);
  }
  return out;
}

export function formatFigure(figure: Reported, digits = 2): string {
  if (figure.median === null) return `null (${figure.reason})`;
  const f = (v: number) => (Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en-US') : v.toFixed(digits));
  return `${f(figure.median)} [${f(figure.ciLow)}, ${f(figure.ciHigh)}] ${figure.unit}`.trim();
}
