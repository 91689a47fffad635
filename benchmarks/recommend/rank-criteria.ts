/**
 * The criteria the ranking weighs, each read from a provider's results: the figure
 * itself (in its unit) and, when the scenario ran repetitions, the per-repetition
 * observations the bootstrap resamples. Criteria belong to the five weight groups the
 * user sets (`--weights latency=1,cost=2,…`), so weight sets written before the finer
 * criteria existed keep their meaning.
 */
import type { ProviderResult, ScenarioResult } from '../../results/schema.ts';

export const CRITERIA = ['latency', 'throughput', 'cost', 'reliability', 'freeTier'] as const;
/** A weight group: the unit the user weighs. */
export type Criterion = (typeof CRITERIA)[number];

/**
 * How a figure becomes a 0..1 score against the other clouds: `more` = value ÷ best,
 * `less` = best ÷ value, `rate` = a failure rate in 0..1 scored as its success share
 * (1 − rate) ÷ the best success share, so one failure in 10,000 operations costs 0.0001,
 * not half the score.
 */
export type Direction = 'more' | 'less' | 'rate';

export interface CriterionDefinition {
  id: string;
  group: Criterion;
  label: string;
  unit: string;
  direction: Direction;
  read: (p: ProviderResult) => Figure | null;
}

/** A criterion's figure for one provider. */
export interface Figure {
  value: number;
  /** Per-repetition values in the same unit; fewer than two: the figure is held fixed when resampling. */
  observations: number[];
}

/** The scenario of that name (or of a name a v1/v2 file used), when it succeeded. */
function scenario(p: ProviderResult, names: readonly string[]): ScenarioResult | undefined {
  return p.scenarios.find((s) => s.status === 'ok' && names.includes(s.name));
}

function p95(names: readonly string[]): (p: ProviderResult) => Figure | null {
  return (p) => {
    const s = scenario(p, names);
    if (!s?.latencyMs) return null;
    return { value: s.latencyMs.p95, observations: s.ci?.observations.p95Ms ?? [] };
  };
}

const fixed = (value: number | null | undefined): Figure | null =>
  value === null || value === undefined || !Number.isFinite(value) ? null : { value, observations: [] };

/** Rows/s of the bulk load; each repetition's ops/s × rows per load (the scenario counts rows as bytes). */
function loadRowsPerSec(p: ProviderResult): Figure | null {
  const s = scenario(p, ['warehouse.load.bulk']);
  const rows = s?.throughput?.bytesPerSec;
  const ops = s?.throughput?.opsPerSec;
  if (!s || rows === null || rows === undefined || rows <= 0) return null;
  const perOp = ops ? rows / ops : null;
  return {
    value: rows,
    observations: perOp === null ? [] : (s.ci?.observations.opsPerSec ?? []).map((o) => o * perOp),
  };
}

/**
 * Monthly cost at the collection volume. Since v3 `monthly.total` already includes the
 * stack's standing month (`cost.platform.monthly`, benchmarks/cost/provider-cost.ts), and is
 * null when that line's price is unknown; so it is read as is, never with the platform added again.
 */
function monthlyCost(p: ProviderResult): Figure | null {
  return fixed(p.cost?.monthly?.total);
}

/** Failed ÷ attempted operations: the v3 estimate when present, else failed ÷ the scenarios' operations. */
function failureRate(p: ProviderResult): Figure | null {
  const r = p.reliability;
  if (!r) return null;
  if (r.failureRate) return fixed(r.failureRate.estimate);
  const attempts = r.attempts ?? p.scenarios.reduce((n, s) => n + s.ops, 0);
  return attempts > 0 ? fixed(Math.min(1, r.failed / attempts)) : null;
}

/** Postings lost or stored twice ÷ postings loaded. */
function postingErrors(p: ProviderResult): Figure | null {
  const loaded = p.pipeline?.loaded ?? 0;
  if (!p.reliability || loaded === 0) return null;
  return fixed(Math.min(1, (p.reliability.lost + p.reliability.duplicated) / loaded));
}

export const CRITERION_DEFINITIONS: readonly CriterionDefinition[] = [
  {
    id: 'putP95',
    group: 'latency',
    label: 'object put p95',
    unit: 'ms',
    direction: 'less',
    read: p95(['store.put.small', 'store.put']),
  },
  {
    id: 'getP95',
    group: 'latency',
    label: 'object get p95',
    unit: 'ms',
    direction: 'less',
    read: p95(['store.get.page', 'store.get']),
  },
  {
    id: 'queryColdP95',
    group: 'latency',
    label: 'dashboard query p95, cold',
    unit: 'ms',
    direction: 'less',
    read: p95(['warehouse.query.cold']),
  },
  {
    id: 'queryWarmP95',
    group: 'latency',
    label: 'dashboard query p95, warm',
    unit: 'ms',
    direction: 'less',
    read: p95(['warehouse.query.warm']),
  },
  {
    id: 'loadRowsPerSec',
    group: 'throughput',
    label: 'warehouse bulk load',
    unit: 'rows/s',
    direction: 'more',
    read: loadRowsPerSec,
  },
  {
    id: 'runCost',
    group: 'cost',
    label: 'cost of the run',
    unit: 'currency',
    direction: 'less',
    read: (p) => fixed(p.cost?.total),
  },
  {
    id: 'monthlyCost',
    group: 'cost',
    label: 'monthly cost at the collection volume',
    unit: 'currency/month',
    direction: 'less',
    read: monthlyCost,
  },
  {
    id: 'failureRate',
    group: 'reliability',
    label: 'failed operations',
    unit: 'share',
    direction: 'rate',
    read: failureRate,
  },
  {
    id: 'postingErrors',
    group: 'reliability',
    label: 'postings lost or duplicated',
    unit: 'share',
    direction: 'rate',
    read: postingErrors,
  },
  {
    id: 'freeTierFit',
    group: 'freeTier',
    label: 'free-tier fit',
    unit: 'share',
    direction: 'more',
    read: (p) => fixed(p.cost?.freeTierFit),
  },
];

/** Every criterion's figure for one provider (null: no figure, left out of its score). */
export function readFigures(p: ProviderResult): Record<string, Figure | null> {
  return Object.fromEntries(CRITERION_DEFINITIONS.map((c) => [c.id, c.read(p)]));
}
