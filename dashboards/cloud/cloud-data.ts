/**
 * Results files → what the cloud comparison page embeds: one compact view per stored
 * run (pure; no I/O). Labels carry "(emulated)" here once, so every figure built from
 * them says so without remembering to.
 */
import { vantageLabel } from '../../results/vantage.ts';
import type { ProviderResult, Results } from '../../results/schema.ts';

/** Latency percentiles of a scenario, in milliseconds. */
export interface LatencyView {
  min: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

export interface ScenarioView {
  name: string;
  status: 'ok' | 'failed' | 'skipped';
  reason: string | null;
  ops: number;
  errors: number;
  retries: number;
  latencyMs: LatencyView | null;
  opsPerSec: number | null;
  bytesPerSec: number | null;
  /** Bootstrap confidence interval of p95 over the repetitions, when measured (schema v2). */
  p95Ci: { lower: number; upper: number; confidence: number } | null;
  repetitions: number | null;
}

export interface StageView {
  stage: string;
  durationMs: number;
  /** Postings that went through the stage. */
  items: number;
  /** items / duration; null when the stage took no measurable time. */
  perSec: number | null;
}

export interface CostLineView {
  item: string;
  usage: number;
  unit: string;
  unitPrice: number | null;
  /** The line's cost (as the cost model computed it); null when the price is unknown. */
  amount: number | null;
  priceSource: string | null;
  priceDate: string | null;
  /** Free allowance per month for this item, when the regime gives one. */
  freeAllowance: number | null;
}

/** The cost model's projection of one month at the collection volume. */
export interface MonthlyView {
  postingsPerDay: number;
  total: number | null;
  totalAfterFreeTier: number | null;
  lines: CostLineView[];
  note: string | null;
  /** The stack's standing resources a month (included in the totals); null: unknown or no stack. */
  platform: number | null;
}

export interface CostView {
  currency: 'USD' | 'EUR';
  /** null: unknown (never shown as 0). */
  total: number | null;
  lines: CostLineView[];
  freeTierApplied: boolean;
  note: string | null;
  freeTierRegime: string | null;
  /** Share (0..1) of the monthly usage lines inside the free allowances; null when unknown. */
  freeTierFit: number | null;
  monthly: MonthlyView | null;
}

export interface ProviderView {
  name: string;
  /** Name as shown on figures: `aws (emulated)` when measured on an emulator. */
  label: string;
  colour: string;
  emulated: boolean;
  region: string;
  /** Where its figures were measured from: `in-region eu-west-3 (aws-lambda)`, `external`, `this machine`. */
  vantage: string;
  status: 'ok' | 'failed' | 'skipped';
  reason: string | null;
  scenarios: ScenarioView[];
  stages: StageView[];
  counts: { extracted: number; transformed: number; quarantined: number; loaded: number; warehouseRows: number } | null;
  cost: CostView | null;
  reliability: { faultsInjected: number; retried: number; failed: number; lost: number; duplicated: number } | null;
}

/** One ranked cloud: its group criteria (what the page re-ranks from) and its uncertainty at the run's weights. */
export interface RankingEntryView {
  provider: string;
  label: string;
  colour: string;
  emulated: boolean;
  score: number;
  rank: number;
  criteria: Record<string, number | null>;
  /** Share of bootstrap draws it ranks first, at the run's weights; null when unknown. */
  probabilityFirst: number | null;
  scoreInterval: { lower: number; upper: number; confidence: number } | null;
}

/** A provider shown beside the ranking and never ranked (the `local` reference). */
export interface ReferenceView {
  provider: string;
  label: string;
  status: 'ok' | 'failed' | 'skipped';
}

/** The ranking inputs the page re-ranks from when a weight slider moves, and the run's decision. */
export interface RankingView {
  weights: Record<string, number>;
  /** Clouds only. */
  entries: RankingEntryView[];
  reference: ReferenceView[];
  caveat: string | null;
  /** At the run's weights: a named cloud, or none with the reason (files before v3: none, they carry no decision). */
  decision: { kind: 'cloud' | 'none'; cloud: string | null; reason: string };
  /** `emulated`: every ranked cloud ran on an emulator, so the ranking only shows the method. */
  basis: 'measured' | 'emulated' | 'mixed' | 'none';
  /** e.g. `2000 bootstrap draws, seed 1, 95 % intervals, named when P(first) ≥ 0.8 and intervals apart`. */
  method: string | null;
}

/** Providers never ranked (files written before v3 ranked them; the page shows them beside the ranking instead). */
const REFERENCE_PROVIDERS = ['local'];

export interface CloudRunView {
  runId: string;
  startedAt: string;
  finishedAt: string;
  status: Results['status'];
  tool: { version: string; gitSha: string | null };
  machine: string;
  workload: string;
  /** How the benchmark was driven (repetitions, concurrency…), when the file says. */
  benchmark: string | null;
  anyEmulated: boolean;
  providers: ProviderView[];
  ranking: RankingView | null;
}

export interface CloudPageData {
  /** Oldest first. */
  runs: CloudRunView[];
  /** Run shown when the page opens (the newest). */
  selectedRunId: string;
}

/** Postings counted through each pipeline stage. */
function stageItems(stage: string, p: NonNullable<ProviderResult['pipeline']>): number {
  switch (stage) {
    case 'extract':
      return p.extracted;
    case 'transform':
      return p.transformed;
    case 'load':
      return p.loaded;
    case 'verify':
      return p.loaded;
    default:
      return p.transformed;
  }
}

const STAGE_ORDER = ['extract', 'transform', 'load', 'verify'];

function stageRank(stage: string): number {
  const i = STAGE_ORDER.indexOf(stage);
  return i === -1 ? STAGE_ORDER.length : i;
}

export function providerLabel(name: string, emulated: boolean): string {
  return emulated ? `${name} (emulated)` : name;
}

type CostLine = NonNullable<ProviderResult['cost']>['breakdown'][number];

/** Files of schema v1 carry no line cost; their unit price was per unit. */
function toCostLine(l: CostLine): CostLineView {
  const amount = l.cost !== undefined ? l.cost : l.unitPrice === null ? null : l.usage * l.unitPrice;
  return {
    item: l.item,
    usage: l.usage,
    unit: l.unit,
    unitPrice: l.unitPrice,
    amount,
    priceSource: l.priceSource,
    priceDate: l.priceDate,
    freeAllowance: l.freeAllowance ?? null,
  };
}

export function toProviderView(p: ProviderResult, colourOf: (name: string) => string): ProviderView {
  const stages: StageView[] = p.pipeline
    ? Object.entries(p.pipeline.durationsMs)
        .sort(([a], [b]) => stageRank(a) - stageRank(b) || a.localeCompare(b))
        .map(([stage, durationMs]) => {
          const items = stageItems(stage, p.pipeline!);
          return { stage, durationMs, items, perSec: durationMs > 0 ? items / (durationMs / 1000) : null };
        })
    : [];
  return {
    name: p.name,
    label: providerLabel(p.name, p.emulated),
    colour: colourOf(p.name),
    emulated: p.emulated,
    region: p.region,
    vantage: vantageLabel(p.vantage),
    status: p.status,
    reason: p.reason,
    scenarios: p.scenarios.map((s) => ({
      name: s.name,
      status: s.status,
      reason: s.reason,
      ops: s.ops,
      errors: s.errors,
      retries: s.retries,
      latencyMs: s.latencyMs ? { ...s.latencyMs } : null,
      opsPerSec: s.throughput?.opsPerSec ?? null,
      bytesPerSec: s.throughput?.bytesPerSec ?? null,
      p95Ci: s.ci?.p95Ms
        ? { lower: s.ci.p95Ms.lower, upper: s.ci.p95Ms.upper, confidence: s.ci.p95Ms.confidence }
        : null,
      repetitions: s.repetitions ?? null,
    })),
    stages,
    counts: p.pipeline
      ? {
          extracted: p.pipeline.extracted,
          transformed: p.pipeline.transformed,
          quarantined: p.pipeline.quarantined,
          loaded: p.pipeline.loaded,
          warehouseRows: p.pipeline.warehouseRows,
        }
      : null,
    cost: p.cost
      ? {
          currency: p.cost.currency,
          total: p.cost.total,
          lines: p.cost.breakdown.map(toCostLine),
          freeTierApplied: p.cost.freeTierApplied,
          note: p.cost.note,
          freeTierRegime: p.cost.freeTierRegime ?? null,
          freeTierFit: p.cost.freeTierFit ?? null,
          monthly: p.cost.monthly
            ? {
                postingsPerDay: p.cost.monthly.postingsPerDay,
                total: p.cost.monthly.total,
                totalAfterFreeTier: p.cost.monthly.totalAfterFreeTier,
                lines: p.cost.monthly.breakdown.map(toCostLine),
                note: p.cost.monthly.note,
                platform: p.cost.platform?.monthly ?? null,
              }
            : null,
        }
      : null,
    reliability: p.reliability ? { ...p.reliability } : null,
  };
}

export function toCloudRunView(results: Results, colourOf: (name: string) => string): CloudRunView {
  const providers = results.providers.map((p) => toProviderView(p, colourOf));
  const byName = new Map(providers.map((p) => [p.name, p]));
  const rec = results.recommendation;
  return {
    runId: results.runId,
    startedAt: results.startedAt,
    finishedAt: results.finishedAt,
    status: results.status,
    tool: { ...results.tool },
    // A comparison assembled from the runners' runs: each cloud was measured by its own run, on its own machine.
    machine: results.combinedFrom
      ? `combined from ${results.combinedFrom.map((c) => `${c.provider} run ${c.runId}`).join(', ')}`
      : `${results.machine.cpus} CPU · ${(results.machine.memoryBytes / 2 ** 30).toFixed(1)} GiB · Node ${results.machine.node} · ${results.machine.platform}/${results.machine.arch}`,
    workload: `sources ${results.workload.sources.join(', ') || 'none'} · scale ${results.workload.scale} · seed ${results.workload.seed}`,
    benchmark: results.benchmark
      ? [
          `${results.benchmark.repetitions} repetitions`,
          `concurrency ${results.benchmark.concurrency}`,
          results.benchmark.targetRatePerSec === null
            ? 'closed loop'
            : `open loop at ${results.benchmark.targetRatePerSec} ops/s`,
          `warm-up ${results.benchmark.warmupOperations} ops`,
          `order ${results.benchmark.interleaving}`,
          results.benchmark.faults ? `faults ${results.benchmark.faults}` : 'no injected faults',
        ].join(' · ')
      : null,
    anyEmulated: providers.some((p) => p.emulated),
    providers,
    ranking: rec ? toRankingView(rec, results.providers, (name) => byName.get(name)?.colour ?? colourOf(name)) : null,
  };
}

type Recommendation = NonNullable<Results['recommendation']>;

function toRankingView(
  rec: Recommendation,
  providers: readonly ProviderResult[],
  colourOf: (name: string) => string,
): RankingView {
  // A file before v3 ranked local with the clouds: its rows are moved beside the ranking.
  const clouds = rec.ranking.filter((e) => !REFERENCE_PROVIDERS.includes(e.provider)).sort((a, b) => a.rank - b.rank);
  const emulated = clouds.filter((e) => e.emulated).length;
  const referenceNames = rec.reference
    ? rec.reference.map((r) => ({ provider: r.provider, emulated: r.emulated, status: r.status }))
    : providers
        .filter((p) => REFERENCE_PROVIDERS.includes(p.name))
        .map((p) => ({ provider: p.name, emulated: p.emulated, status: p.status }));
  const m = rec.method;
  return {
    weights: { ...rec.weights },
    caveat: rec.caveat,
    entries: clouds.map((e, i) => ({
      provider: e.provider,
      label: providerLabel(e.provider, e.emulated),
      colour: colourOf(e.provider),
      emulated: e.emulated,
      score: e.score,
      rank: i + 1,
      criteria: { ...e.criteria },
      probabilityFirst: e.probabilityFirst ?? null,
      scoreInterval: e.scoreInterval ? { ...e.scoreInterval } : null,
    })),
    reference: referenceNames.map((r) => ({
      provider: r.provider,
      label: `${r.provider} (reference, not ranked)`,
      status: r.status,
    })),
    decision: rec.decision
      ? { kind: rec.decision.kind, cloud: rec.decision.cloud ?? null, reason: rec.decision.reason }
      : {
          kind: 'none',
          cloud: null,
          reason:
            'this results file predates the decision rule (no intervals or P(first)); run `jobbench recommend --results FILE` to rank it',
        },
    basis:
      rec.basis ??
      (clouds.length === 0 ? 'none' : emulated === 0 ? 'measured' : emulated === clouds.length ? 'emulated' : 'mixed'),
    method: m
      ? `${m.draws} bootstrap draws (seed ${m.seed}), ${Math.round(m.confidence * 100)} % score intervals; a cloud is named when every cloud was measured, its interval lies above the runner-up's and P(first) ≥ ${m.threshold}`
      : null,
  };
}

/** Every stored run, oldest first; the newest is selected. */
export function toCloudPageData(runs: readonly Results[], colourOf: (name: string) => string): CloudPageData {
  if (runs.length === 0) throw new Error('There are no results to compare: run `jobbench run` first.');
  const views = [...runs]
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.runId.localeCompare(b.runId))
    .map((r) => toCloudRunView(r, colourOf));
  return { runs: views, selectedRunId: views[views.length - 1]!.runId };
}
