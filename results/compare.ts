/**
 * Differences between two results files, scenario by scenario and provider by provider
 * (same cloud on two dates, or two clouds), with confidence intervals. A change is
 * significant when a bootstrap of the difference of per-repetition medians excludes
 * zero (both files keep their observations, schema v2), else when the two files'
 * intervals do not overlap; without intervals it is `unknown`, never assumed.
 */
import { bootstrapDifference, median } from '../lib/bootstrap.ts';
import type { ProviderResult, Results, ScenarioResult } from './schema.ts';

export type Significance = 'regression' | 'improvement' | 'no-change' | 'unknown';

export interface MetricDiff {
  metric: 'p50Ms' | 'p95Ms' | 'opsPerSec';
  a: number | null;
  b: number | null;
  /** (b - a) / a, or null. */
  relative: number | null;
  /** 95% interval of b - a (bootstrap), when observations exist. */
  differenceCi: { lower: number; upper: number } | null;
  significance: Significance;
  /** How significance was decided. */
  method: 'bootstrap-difference' | 'ci-overlap' | 'none';
}

export interface ScenarioDiff {
  providerA: string;
  providerB: string;
  scenario: string;
  statusA: ScenarioResult['status'];
  statusB: ScenarioResult['status'];
  metrics: MetricDiff[];
  /** True when either side was measured on an emulator or the local machine. */
  emulated: boolean;
}

export interface Comparison {
  a: { runId: string; startedAt: string };
  b: { runId: string; startedAt: string };
  scenarios: ScenarioDiff[];
  costs: Array<{ providerA: string; providerB: string; currency: string | null; a: number | null; b: number | null }>;
  regressions: number;
  caveat: string | null;
}

/** 95% percentile-bootstrap interval of median(b) - median(a); seeded. */
export function medianDifferenceCi(
  a: readonly number[],
  b: readonly number[],
  iterations = 2000,
  seed = 1,
): { lower: number; upper: number } | null {
  const interval = bootstrapDifference(a, b, median, { iterations, seed, confidence: 0.95 });
  return interval ? { lower: interval.lower, upper: interval.upper } : null;
}

const HIGHER_IS_BETTER: Record<MetricDiff['metric'], boolean> = { p50Ms: false, p95Ms: false, opsPerSec: true };

function pointValue(s: ScenarioResult, metric: MetricDiff['metric']): number | null {
  if (metric === 'opsPerSec') return s.throughput?.opsPerSec ?? null;
  return s.latencyMs ? (metric === 'p50Ms' ? s.latencyMs.p50 : s.latencyMs.p95) : null;
}

export function diffMetric(sa: ScenarioResult, sb: ScenarioResult, metric: MetricDiff['metric']): MetricDiff {
  const a = pointValue(sa, metric);
  const b = pointValue(sb, metric);
  const relative = a !== null && b !== null && a !== 0 ? Math.round(((b - a) / a) * 1000) / 1000 : null;
  const direction = (delta: number): Significance =>
    delta > 0 === HIGHER_IS_BETTER[metric] ? 'improvement' : 'regression';
  const obsA = sa.ci?.observations[metric] ?? [];
  const obsB = sb.ci?.observations[metric] ?? [];
  const ci = medianDifferenceCi(obsA, obsB);
  if (ci) {
    const significant = ci.lower > 0 || ci.upper < 0;
    return {
      metric,
      a,
      b,
      relative,
      differenceCi: ci,
      significance: significant ? direction(ci.lower > 0 ? 1 : -1) : 'no-change',
      method: 'bootstrap-difference',
    };
  }
  const ia = sa.ci?.[metric] ?? null;
  const ib = sb.ci?.[metric] ?? null;
  if (ia && ib) {
    const apart = ia.upper < ib.lower || ib.upper < ia.lower;
    return {
      metric,
      a,
      b,
      relative,
      differenceCi: null,
      significance: apart ? direction(ib.estimate - ia.estimate) : 'no-change',
      method: 'ci-overlap',
    };
  }
  return { metric, a, b, relative, differenceCi: null, significance: 'unknown', method: 'none' };
}

/** Provider pairs: same names; or, when the files share none and hold one each, those two. */
function pairs(a: Results, b: Results): Array<[ProviderResult, ProviderResult]> {
  const common = a.providers.flatMap((pa) => {
    const pb = b.providers.find((p) => p.name === pa.name);
    return pb ? [[pa, pb] as [ProviderResult, ProviderResult]] : [];
  });
  if (common.length > 0) return common;
  if (a.providers.length === 1 && b.providers.length === 1) return [[a.providers[0]!, b.providers[0]!]];
  return [];
}

export function compareResults(a: Results, b: Results): Comparison {
  const scenarios: ScenarioDiff[] = [];
  const costs: Comparison['costs'] = [];
  for (const [pa, pb] of pairs(a, b)) {
    for (const sa of pa.scenarios) {
      const sb = pb.scenarios.find((s) => s.name === sa.name);
      if (!sb) continue;
      scenarios.push({
        providerA: pa.name,
        providerB: pb.name,
        scenario: sa.name,
        statusA: sa.status,
        statusB: sb.status,
        metrics: (['p50Ms', 'p95Ms', 'opsPerSec'] as const).map((m) => diffMetric(sa, sb, m)),
        emulated: pa.emulated || pb.emulated,
      });
    }
    costs.push({
      providerA: pa.name,
      providerB: pb.name,
      currency: pa.cost?.currency ?? pb.cost?.currency ?? null,
      a: pa.cost?.total ?? null,
      b: pb.cost?.total ?? null,
    });
  }
  const regressions = scenarios.reduce(
    (n, s) => n + s.metrics.filter((m) => m.significance === 'regression').length,
    0,
  );
  return {
    a: { runId: a.runId, startedAt: a.startedAt },
    b: { runId: b.runId, startedAt: b.startedAt },
    scenarios,
    costs,
    regressions,
    caveat: scenarios.some((s) => s.emulated)
      ? 'Some figures were measured on emulators or the local machine: differences say nothing about the real clouds.'
      : null,
  };
}
