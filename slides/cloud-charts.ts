/**
 * The cloud-comparison charts of the deck: the dashboard's own figure functions applied
 * to the run, each with one sentence of reading and speaker notes computed from the same
 * view. Pure: results in, charts out.
 */
import {
  costFigure,
  isPerQueryScenario,
  latencyBarsFigure,
  latencyScenarios,
  monthlyCostFigure,
  reliabilityFigure,
} from '../dashboards/cloud/cloud-figures.ts';
import { toCloudRunView, type CloudRunView, type ProviderView } from '../dashboards/cloud/cloud-data.ts';
import { scoreFigure } from '../dashboards/cloud/ranking-figures.ts';
import { providerColour } from '../dashboards/palette.ts';
import type { Results } from '../results/schema.ts';
import { emulatedLabel, type DeckChart } from './deck-chart.ts';

const ms = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(0));
const money = (v: number | null | undefined, currency: string) =>
  v === null || v === undefined ? 'unknown' : `${v < 1 ? v.toFixed(4) : v.toFixed(2)} ${currency}`;

/** Providers the charts draw (a skipped provider has no figure). */
function shown(run: CloudRunView): ProviderView[] {
  return run.providers.filter((p) => p.status !== 'skipped');
}

function labelsOf(run: CloudRunView): string[] {
  const emulated = shown(run)
    .filter((p) => p.emulated)
    .map((p) => p.name);
  return emulated.length > 0 ? [emulatedLabel(emulated)] : [];
}

/** The operation the latency sentence is about: the first stored put, else the first measured. */
function headlineScenario(scenarios: readonly string[]): string | undefined {
  return scenarios.find((s) => s === 'store.put') ?? scenarios[0];
}

function latencyChart(run: CloudRunView, source: string): DeckChart {
  const scenarios = latencyScenarios(run, (n) => !isPerQueryScenario(n));
  const headline = headlineScenario(scenarios);
  const measured = headline
    ? shown(run)
        .flatMap((p) => {
          const l = p.scenarios.find((s) => s.name === headline)?.latencyMs;
          return l ? [{ label: p.label, p95: l.p95 }] : [];
        })
        .sort((a, b) => a.p95 - b.p95)
    : [];
  const fastest = measured[0];
  const slowest = measured[measured.length - 1];
  const reading =
    !headline || !fastest || !slowest
      ? 'No operation latency was measured in this run.'
      : measured.length === 1
        ? `${headline} p95 is ${ms(fastest.p95)} ms on ${fastest.label}, the only provider that measured it.`
        : `${headline} p95 ranges from ${ms(fastest.p95)} ms on ${fastest.label} to ${ms(slowest.p95)} ms on ${slowest.label} (${(slowest.p95 / fastest.p95).toFixed(1)}×).`;
  const notes = shown(run).flatMap((p) =>
    p.scenarios
      .filter((s) => s.latencyMs && scenarios.includes(s.name))
      .map(
        (s) =>
          `${p.label} ${s.name}: p50 ${ms(s.latencyMs!.p50)} ms, p95 ${ms(s.latencyMs!.p95)} ms, p99 ${ms(s.latencyMs!.p99)} ms over ${s.ops} operations${s.status === 'failed' ? ` (failed: ${s.reason ?? 'see results'})` : ''}`,
      ),
  );
  return {
    id: 'latency',
    title: 'Latency per operation',
    width: 1000,
    height: 440,
    figure: latencyBarsFigure(run, scenarios, 'Latency per operation'),
    reading,
    labels: labelsOf(run),
    notes: [...notes, `Source: ${source}, providers[].scenarios[].latencyMs (bar p95, whisker p50–p99, log scale).`],
  };
}

function costChart(run: CloudRunView, source: string): DeckChart {
  const providers = shown(run);
  const known = providers
    .filter((p) => p.cost && p.cost.total !== null)
    .sort((a, b) => a.cost!.total! - b.cost!.total!);
  const unknown = providers.filter((p) => !p.cost || p.cost.total === null).map((p) => p.label);
  const currency = known[0]?.cost?.currency ?? 'USD';
  const range =
    known.length === 0
      ? 'No provider of this run has a known cost'
      : known.length === 1
        ? `One run cost ${money(known[0]!.cost!.total, currency)} on ${known[0]!.label}`
        : `One run cost from ${money(known[0]!.cost!.total, currency)} on ${known[0]!.label} to ${money(known[known.length - 1]!.cost!.total, currency)} on ${known[known.length - 1]!.label}`;
  const reading = `${range}${unknown.length > 0 ? `; unknown (never counted as 0) for ${unknown.join(', ')}` : ''}.`;
  const notes = providers.map((p) => {
    if (!p.cost || p.cost.total === null)
      return `${p.label}: cost unknown${p.cost?.note ? ` (${p.cost.note})` : ' (no price table)'}`;
    const prices = [
      ...new Set(
        p.cost.lines
          .filter((l) => l.priceSource)
          .map((l) => `${l.priceSource}${l.priceDate ? ` (${l.priceDate})` : ''}`),
      ),
    ];
    return `${p.label}: ${money(p.cost.total, p.cost.currency)} — ${p.cost.lines.map((l) => `${l.item} ${l.amount === null ? 'unknown' : l.amount.toPrecision(3)}`).join(', ')}${prices.length > 0 ? `; prices from ${prices.join(', ')}` : ''}`;
  });
  return {
    id: 'cost-per-run',
    title: 'Cost of this run',
    width: 1000,
    height: 440,
    figure: costFigure(run),
    reading,
    labels: labelsOf(run),
    notes: [...notes, `Source: ${source}, providers[].cost (usage × pinned prices).`],
  };
}

function monthlyChart(run: CloudRunView, source: string): DeckChart {
  const providers = shown(run);
  const withMonth = providers
    .filter((p) => p.cost?.monthly && p.cost.monthly.totalAfterFreeTier !== null)
    .sort((a, b) => a.cost!.monthly!.totalAfterFreeTier! - b.cost!.monthly!.totalAfterFreeTier!);
  const currency = withMonth[0]?.cost?.currency ?? 'USD';
  const perDay = withMonth[0]?.cost?.monthly?.postingsPerDay;
  const cheapest = withMonth[0];
  const reading = !cheapest
    ? 'No provider of this run has a monthly projection: its prices or usage are unknown.'
    : `At ${perDay?.toLocaleString('en-US')} postings a day, a month after free allowances costs ${money(cheapest.cost!.monthly!.totalAfterFreeTier, currency)} on ${cheapest.label}` +
      (withMonth.length > 1
        ? `, ${money(withMonth[withMonth.length - 1]!.cost!.monthly!.totalAfterFreeTier, currency)} on ${withMonth[withMonth.length - 1]!.label}.`
        : '.');
  const notes = providers.map((p) => {
    const m = p.cost?.monthly;
    return m
      ? `${p.label}: ${money(m.total, p.cost!.currency)} before, ${money(m.totalAfterFreeTier, p.cost!.currency)} after free tier; platform ${money(m.platform, p.cost!.currency)}${m.note ? ` (${m.note})` : ''}`
      : `${p.label}: projection unknown`;
  });
  return {
    id: 'cost-per-month',
    title: 'Cost per month at this volume',
    width: 1000,
    height: 440,
    figure: monthlyCostFigure(run),
    reading,
    labels: labelsOf(run),
    notes: [...notes, `Source: ${source}, providers[].cost.monthly and cost.platform.`],
  };
}

function reliabilityChart(run: CloudRunView, results: Results, source: string): DeckChart {
  const byName = new Map(results.providers.map((p) => [p.name, p.reliability]));
  const providers = shown(run).filter((p) => p.reliability);
  const lost = providers.reduce((n, p) => n + p.reliability!.lost, 0);
  const duplicated = providers.reduce((n, p) => n + p.reliability!.duplicated, 0);
  const faults = providers.reduce((n, p) => n + p.reliability!.faultsInjected, 0);
  const timeouts = providers.reduce(
    (n, p) => n + Object.values(byName.get(p.name)?.timeouts ?? {}).reduce((a, b) => a + b, 0),
    0,
  );
  const reading =
    providers.length === 0
      ? 'No provider of this run recorded reliability figures.'
      : `${lost} postings lost and ${duplicated} duplicated across ${providers.length} providers; ${faults} faults injected, ${timeouts} operations ran past their deadline.`;
  const notes = providers.map((p) => {
    const r = byName.get(p.name);
    return (
      `${p.label}: ${p.reliability!.faultsInjected} faults injected, ${p.reliability!.retried} retried, ${p.reliability!.failed} failed, ${p.reliability!.lost} lost, ${p.reliability!.duplicated} duplicated` +
      `; deadlines ${r?.deadlines ?? 'not recorded'}; retry policy ${r?.retryPolicy ?? 'not recorded'}; faults ${r?.faults ?? 'none'}` +
      (r?.timeouts && Object.keys(r.timeouts).length > 0
        ? `; timeouts ${Object.entries(r.timeouts)
            .map(([op, n]) => `${op} ${n}`)
            .join(', ')}`
        : '')
    );
  });
  return {
    id: 'reliability',
    title: 'Reliability',
    width: 1000,
    height: 440,
    figure: reliabilityFigure(run),
    reading,
    labels: labelsOf(run),
    notes: [
      ...notes,
      `Source: ${source}, providers[].reliability (lost/duplicated counted in the warehouse by id and content hash).`,
    ],
  };
}

/** The ranking as the run decided it, or null when the run ranked no cloud (the slide then says why in text). */
function rankingChart(run: CloudRunView, source: string): DeckChart | null {
  const ranking = run.ranking;
  if (!ranking || ranking.entries.length === 0) return null;
  const reading =
    ranking.decision.kind === 'cloud'
      ? `Recommended with these weights: ${ranking.decision.cloud} — ${ranking.decision.reason}.`
      : `No recommendation: ${ranking.decision.reason}.`;
  const labels =
    ranking.basis === 'measured'
      ? []
      : [emulatedLabel(ranking.entries.filter((e) => e.emulated).map((e) => e.provider))];
  const notes = [
    ...ranking.entries.map(
      (e) =>
        `#${e.rank} ${e.label}: score ${e.score.toFixed(3)}${e.scoreInterval ? ` [${e.scoreInterval.lower.toFixed(3)}, ${e.scoreInterval.upper.toFixed(3)}]` : ''}, P(first) ${e.probabilityFirst === null ? 'unknown' : e.probabilityFirst.toFixed(2)}`,
    ),
    ...ranking.reference.map((r) => `${r.label}: shown beside the ranking, never ranked`),
    `Weights: ${Object.entries(ranking.weights)
      .map(([c, w]) => `${c} ${w}`)
      .join(', ')}.`,
    ...(ranking.method ? [`Method: ${ranking.method}.`] : []),
    `Source: ${source}, recommendation (benchmarks/recommend/recommend.ts ranks clouds only).`,
  ];
  return {
    id: 'ranking',
    title: 'Ranking of the clouds',
    width: 1000,
    height: 360,
    figure: scoreFigure(ranking, ranking.weights, ranking.basis !== 'measured'),
    reading,
    labels,
    notes,
  };
}

/** What the ranking slide says when there is no chart: the run's own reason. */
export function noRankingReason(results: Results): string {
  const run = toCloudRunView(results, providerColour);
  if (!run.ranking) return 'No recommendation: no provider completed the run, there is nothing to rank.';
  return `No recommendation: ${run.ranking.decision.reason}.`;
}

export function cloudCharts(results: Results, source: string): { charts: DeckChart[]; ranking: DeckChart | null } {
  const run = toCloudRunView(results, providerColour);
  return {
    charts: [
      latencyChart(run, source),
      costChart(run, source),
      monthlyChart(run, source),
      reliabilityChart(run, results, source),
    ],
    ranking: rankingChart(run, source),
  };
}
