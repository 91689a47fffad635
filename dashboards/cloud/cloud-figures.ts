/**
 * Pure figure functions of the cloud comparison: a run view in, Plotly specs out.
 * Every trace is named with the provider's label, so emulated figures say "(emulated)"
 * in legends, and titles say so when the run has any. Names from the results file
 * (providers, scenarios, stages, price items, reasons, notes) reach Plotly only through
 * `txt` (or `tpl` inside a hovertemplate): Plotly would otherwise read markup in them.
 */
import { axis, baseLayout, type PlotlyFigure, type PlotlyTrace } from '../figure-types.ts';
import { plotlyTemplateText as tpl, plotlyText as txt } from '../render/plotly-text.ts';
import type { CloudRunView, ProviderView, ScenarioView } from './cloud-data.ts';

const EMULATED_SUFFIX = ' — includes emulated figures';

function titled(run: CloudRunView, title: string): string {
  return run.anyEmulated ? `${title}<span style="font-size:12px;color:#b45309">${EMULATED_SUFFIX}</span>` : title;
}

function okProviders(run: CloudRunView): ProviderView[] {
  return run.providers.filter((p) => p.status !== 'skipped');
}

/** Scenario names that have latency on at least one provider, in first-seen order. */
export function latencyScenarios(run: CloudRunView, include: (name: string) => boolean = () => true): string[] {
  const names: string[] = [];
  for (const p of run.providers)
    for (const s of p.scenarios) if (s.latencyMs && include(s.name) && !names.includes(s.name)) names.push(s.name);
  return names;
}

/** Per-query warm scenarios go to their own figure; the overview keeps the stage-level ones. */
export const isPerQueryScenario = (name: string): boolean => name.startsWith('warehouse.query.warm.');

function scenarioOf(p: ProviderView, name: string): ScenarioView | undefined {
  return p.scenarios.find((s) => s.name === name);
}

/** Extra hover lines: the p95 confidence interval when measured, a failure when there was one. */
function scenarioNote(s: ScenarioView | undefined): string {
  if (!s) return '';
  const ci = s.p95Ci
    ? `<br>p95 ${Math.round(s.p95Ci.confidence * 100)} % CI ${s.p95Ci.lower.toFixed(2)}–${s.p95Ci.upper.toFixed(2)} ms${s.repetitions ? ` over ${s.repetitions} repetitions` : ''}`
    : '';
  const failed = s.status === 'failed' ? `<br>⚠ ${txt(s.reason ?? 'failed')} (successful operations only)` : '';
  return ci + failed;
}

/** Bars at p95 with whiskers from p50 to p99, one bar per provider and scenario; log scale. */
export function latencyBarsFigure(
  run: CloudRunView,
  scenarios: readonly string[],
  title: string,
  shortName: (s: string) => string = (s) => s,
): PlotlyFigure {
  const data: PlotlyTrace[] = okProviders(run).map((p) => {
    const found = scenarios.map((name) => scenarioOf(p, name));
    const rows = found.map((s) => s?.latencyMs ?? null);
    return {
      type: 'bar',
      name: txt(p.label),
      x: scenarios.map((s) => txt(shortName(s))),
      y: rows.map((l) => l?.p95 ?? null),
      marker: { color: p.colour, opacity: p.emulated ? 0.8 : 1 },
      error_y: {
        type: 'data',
        symmetric: false,
        color: '#334155',
        thickness: 1.2,
        width: 3,
        array: rows.map((l) => (l ? Math.max(0, l.p99 - l.p95) : null)),
        arrayminus: rows.map((l) => (l ? Math.max(0, l.p95 - l.p50) : null)),
      },
      customdata: rows.map((l, i) => [l?.p50 ?? null, l?.p99 ?? null, l?.max ?? null, scenarioNote(found[i])]),
      hovertemplate: `<b>${tpl(p.label)}</b><br>%{x}<br>p50 %{customdata[0]:.2f} ms<br>p95 %{y:.2f} ms<br>p99 %{customdata[1]:.2f} ms<br>max %{customdata[2]:.2f} ms%{customdata[3]}<extra></extra>`,
    };
  });
  return {
    data,
    layout: baseLayout(
      titled(run, `${title} <span style="font-size:11px;color:#6b7280">bar p95 · whisker p50…p99</span>`),
      {
        barmode: 'group',
        yaxis: axis('ms (log scale)', { type: 'log', dtick: 1 }),
        xaxis: axis('', { tickangle: scenarios.length > 6 ? -30 : 0 }),
        margin: { l: 70, r: 20, t: 70, b: 90 },
      },
    ),
  };
}

const STEPS: [keyof NonNullable<ScenarioView['latencyMs']>, number][] = [
  ['min', 0],
  ['p50', 0.5],
  ['p90', 0.9],
  ['p95', 0.95],
  ['p99', 0.99],
  ['p999', 0.999],
  ['max', 1],
];

/** Where the max sits on the "nines" axis (just past p99.9). */
const MAX_NINES = 3.5;

/**
 * Percentile → "nines" height, -log10(1 - q): 50 % → 0.3, 90 % → 1, 99 % → 2, 99.9 % → 3.
 * The HdrHistogram percentile-distribution view: the tail gets as much room as the body.
 */
export function ninesOf(q: number): number {
  return q >= 1 ? MAX_NINES : -Math.log10(1 - q);
}

/**
 * A percentile-distribution step curve of one scenario rebuilt from its percentile
 * summary (only those points are known, so the curve steps between them), with the
 * p50/p95/p99 points marked; the y axis is in "nines" so the tail is readable.
 */
export function latencyEcdfFigure(run: CloudRunView, scenario: string): PlotlyFigure {
  const data: PlotlyTrace[] = [];
  for (const p of okProviders(run)) {
    const l = scenarioOf(p, scenario)?.latencyMs;
    if (!l) continue;
    data.push({
      type: 'scatter',
      mode: 'lines',
      name: txt(p.label),
      legendgroup: txt(p.name),
      line: { color: p.colour, shape: 'hv', width: 2, dash: p.emulated ? 'dot' : 'solid' },
      x: STEPS.map(([k]) => l[k]),
      y: STEPS.map(([, q]) => ninesOf(q)),
      text: STEPS.map(([k]) => k),
      hovertemplate: `<b>${tpl(p.label)}</b><br>%{text}: %{x:.2f} ms<extra></extra>`,
    });
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: `${txt(p.label)} p50/p95/p99`,
      legendgroup: txt(p.name),
      showlegend: false,
      x: [l.p50, l.p95, l.p99],
      y: [0.5, 0.95, 0.99].map(ninesOf),
      text: ['p50', 'p95', 'p99'],
      marker: { color: p.colour, size: 8, symbol: 'diamond', line: { color: '#ffffff', width: 1 } },
      hovertemplate: `<b>${tpl(p.label)}</b><br>%{text}: %{x:.2f} ms<extra></extra>`,
    });
  }
  const ticks: [number, string][] = [
    [0, '0 %'],
    [0.5, '50 %'],
    [0.9, '90 %'],
    [0.95, '95 %'],
    [0.99, '99 %'],
    [0.999, '99.9 %'],
    [1, 'max'],
  ];
  return {
    data,
    layout: baseLayout(titled(run, `Latency distribution — ${txt(scenario)}`), {
      xaxis: axis('latency (ms, log)', { type: 'log', dtick: 1 }),
      yaxis: axis('operations at or below', {
        range: [0, MAX_NINES + 0.15],
        tickvals: ticks.map(([q]) => ninesOf(q)),
        ticktext: ticks.map(([, t]) => t),
      }),
    }),
  };
}

/** Postings per second through each pipeline stage, per provider. */
export function stageThroughputFigure(run: CloudRunView): PlotlyFigure {
  const data: PlotlyTrace[] = okProviders(run)
    .filter((p) => p.stages.length > 0)
    .map((p) => ({
      type: 'bar',
      name: txt(p.label),
      x: p.stages.map((s) => txt(s.stage)),
      y: p.stages.map((s) => s.perSec),
      marker: { color: p.colour, opacity: p.emulated ? 0.75 : 1 },
      customdata: p.stages.map((s) => [s.items, s.durationMs / 1000]),
      hovertemplate: `<b>${tpl(p.label)}</b><br>%{x}: %{y:,.0f} postings/s<br>%{customdata[0]:,} postings in %{customdata[1]:.2f} s<extra></extra>`,
    }));
  return {
    data,
    layout: baseLayout(titled(run, 'Throughput per pipeline stage'), {
      barmode: 'group',
      yaxis: axis('postings / s'),
      xaxis: axis('stage'),
    }),
  };
}

const STAGE_COLOURS: Record<string, string> = {
  extract: '#0ea5e9',
  transform: '#8b5cf6',
  load: '#f59e0b',
  verify: '#10b981',
};

/** Where each provider's pipeline time went, stage by stage (stacked). */
export function stageDurationFigure(run: CloudRunView): PlotlyFigure {
  const providers = okProviders(run).filter((p) => p.stages.length > 0);
  const stages = [...new Set(providers.flatMap((p) => p.stages.map((s) => s.stage)))];
  const data: PlotlyTrace[] = stages.map((stage) => ({
    type: 'bar',
    orientation: 'h',
    name: txt(stage),
    marker: { color: STAGE_COLOURS[stage] ?? '#94a3b8' },
    y: providers.map((p) => txt(p.label)),
    x: providers.map((p) => (p.stages.find((s) => s.stage === stage)?.durationMs ?? 0) / 1000),
    hovertemplate: `%{y}<br>${tpl(stage)}: %{x:.2f} s<extra></extra>`,
  }));
  return {
    data,
    layout: baseLayout(titled(run, 'Pipeline time per stage'), {
      barmode: 'stack',
      xaxis: axis('seconds'),
      yaxis: axis('', { autorange: 'reversed' }),
      margin: { l: 140, r: 20, t: 70, b: 50 },
    }),
  };
}

/**
 * Cost per run, stacked by priced item. A provider without a known total shows the word
 * "unknown" where its bar would be: an unknown cost is never drawn as 0.
 */
export function costFigure(run: CloudRunView): PlotlyFigure {
  const providers = okProviders(run);
  const labels = providers.map((p) => txt(p.label));
  const items = [
    ...new Set(providers.flatMap((p) => (p.cost?.total !== null && p.cost ? p.cost.lines.map((l) => l.item) : []))),
  ];
  const data: PlotlyTrace[] = items.map((item, i) => ({
    type: 'bar',
    name: txt(item),
    x: labels,
    y: providers.map((p) =>
      p.cost && p.cost.total !== null ? (p.cost.lines.find((l) => l.item === item)?.amount ?? null) : null,
    ),
    marker: { color: ['#0ea5e9', '#f59e0b', '#10b981', '#8b5cf6', '#ef4444', '#14b8a6', '#eab308', '#6366f1'][i % 8] },
    hovertemplate: `%{x}<br>${tpl(item)}: %{y:.6f}<extra></extra>`,
  }));
  const unknown = providers.filter((p) => !p.cost || p.cost.total === null);
  if (unknown.length > 0) {
    data.push({
      type: 'scatter',
      mode: 'text',
      name: 'cost unknown',
      showlegend: false,
      x: unknown.map((p) => txt(p.label)),
      y: unknown.map(() => 0),
      text: unknown.map(() => 'unknown'),
      textposition: 'top center',
      textfont: { size: 14, color: '#b91c1c' },
      hoverinfo: 'text',
      hovertext: unknown.map((p) =>
        txt(p.cost?.note ? `${p.label}: cost unknown — ${p.cost.note}` : `${p.label}: cost unknown (no price table)`),
      ),
    });
  }
  const currency = providers.find((p) => p.cost)?.cost?.currency ?? 'USD';
  return {
    data,
    layout: baseLayout(titled(run, 'Cost of this run, by item'), {
      // One legend entry per price item: on top they would wrap into the title, so they go right.
      legend: { orientation: 'v', x: 1.02, y: 1, yanchor: 'top', font: { size: 11 } },
      margin: { l: 60, r: 150, t: 60, b: 50 },
      barmode: 'stack',
      xaxis: axis('', { type: 'category', categoryarray: labels, categoryorder: 'array' }),
      yaxis: axis(`${currency} per run`, { rangemode: 'tozero' }),
    }),
  };
}

/** A month at the run's collection volume, before and after the free allowances. */
export function monthlyCostFigure(run: CloudRunView): PlotlyFigure {
  const providers = okProviders(run);
  const labels = providers.map((p) => txt(p.label));
  const monthly = providers.map((p) => p.cost?.monthly ?? null);
  const data: PlotlyTrace[] = [
    { name: 'before free tier', colour: '#94a3b8', value: (m: (typeof monthly)[number]) => m?.total ?? null },
    {
      name: 'after free tier',
      colour: '#0f766e',
      value: (m: (typeof monthly)[number]) => m?.totalAfterFreeTier ?? null,
    },
    // The stack's standing cost is part of both totals; shown apart so the fixed share is visible.
    {
      name: 'of which platform (stack standing)',
      colour: '#a16207',
      value: (m: (typeof monthly)[number]) => m?.platform ?? null,
    },
  ].map((series) => ({
    type: 'bar',
    name: series.name,
    x: labels,
    y: monthly.map(series.value),
    marker: { color: series.colour },
    text: monthly.map((m) => (series.value(m) === null ? '' : (series.value(m) as number).toFixed(2))),
    textposition: 'outside',
    cliponaxis: false,
    hovertemplate: `%{x}<br>${series.name}: %{y:.2f}<extra></extra>`,
  }));
  const unknown = providers.filter((p) => !p.cost?.monthly || p.cost.monthly.total === null);
  if (unknown.length > 0) {
    data.push({
      type: 'scatter',
      mode: 'text',
      name: 'projection unknown',
      showlegend: false,
      x: unknown.map((p) => txt(p.label)),
      y: unknown.map(() => 0),
      text: unknown.map(() => 'unknown'),
      textposition: 'top center',
      textfont: { size: 14, color: '#b91c1c' },
      hoverinfo: 'skip',
    });
  }
  const perDay = monthly.find((m) => m)?.postingsPerDay;
  const currency = providers.find((p) => p.cost)?.cost?.currency ?? 'USD';
  return {
    data,
    layout: baseLayout(
      titled(
        run,
        perDay === undefined
          ? 'Monthly projection'
          : `Monthly projection at ${perDay.toLocaleString('en-US')} postings/day`,
      ),
      {
        barmode: 'group',
        xaxis: axis('', { type: 'category', categoryarray: labels, categoryorder: 'array' }),
        yaxis: axis(`${currency} per month`, { rangemode: 'tozero' }),
      },
    ),
  };
}

/**
 * Free-tier headroom: for each priced item with a monthly free allowance, the share of
 * the allowance a month of this workload uses. Past 100 % the item is billed.
 */
export function freeTierFigure(run: CloudRunView): PlotlyFigure {
  const data: PlotlyTrace[] = [];
  for (const p of okProviders(run)) {
    const lines = (p.cost?.monthly?.lines ?? []).filter((l) => l.freeAllowance !== null && l.freeAllowance > 0);
    if (lines.length === 0) continue;
    data.push({
      type: 'bar',
      orientation: 'h',
      name: txt(p.label),
      marker: { color: p.colour, opacity: p.emulated ? 0.8 : 1 },
      y: lines.map((l) => txt(`${p.name} · ${l.item}`)),
      x: lines.map((l) => (100 * l.usage) / l.freeAllowance!),
      customdata: lines.map((l) => [l.usage, l.freeAllowance, txt(l.unit)]),
      text: lines.map((l) => {
        const pct = (100 * l.usage) / l.freeAllowance!;
        return `${pct.toFixed(pct < 10 ? 1 : 0)} %`;
      }),
      textposition: 'outside',
      cliponaxis: false,
      hovertemplate: `<b>${tpl(p.label)}</b><br>%{y}<br>%{customdata[0]:,.4g} of %{customdata[1]:,.4g} %{customdata[2]} free per month<extra></extra>`,
    });
  }
  return {
    data,
    layout: baseLayout(titled(run, 'Free-tier headroom'), {
      barmode: 'overlay',
      xaxis: axis('% of the monthly free allowance used (past 100 % is billed)', { rangemode: 'tozero' }),
      yaxis: axis('', { autorange: 'reversed', type: 'category' }),
      shapes: [
        {
          type: 'line',
          x0: 100,
          x1: 100,
          yref: 'paper',
          y0: 0,
          y1: 1,
          line: { color: '#b91c1c', width: 1.5, dash: 'dash' },
        },
      ],
      margin: { l: 200, r: 40, t: 70, b: 50 },
    }),
  };
}

const RELIABILITY_KEYS = ['faultsInjected', 'retried', 'failed', 'lost', 'duplicated'] as const;
const RELIABILITY_LABELS = ['faults injected', 'retried', 'failed', 'lost', 'duplicated'];

/** Faults, retries and what was lost or duplicated, per provider. */
export function reliabilityFigure(run: CloudRunView): PlotlyFigure {
  const data: PlotlyTrace[] = okProviders(run)
    .filter((p) => p.reliability)
    .map((p) => ({
      type: 'bar',
      name: txt(p.label),
      x: RELIABILITY_LABELS,
      y: RELIABILITY_KEYS.map((k) => p.reliability![k]),
      marker: { color: p.colour, opacity: p.emulated ? 0.75 : 1 },
      text: RELIABILITY_KEYS.map((k) => String(p.reliability![k])),
      textposition: 'outside',
      hovertemplate: `<b>${tpl(p.label)}</b><br>%{x}: %{y}<extra></extra>`,
      cliponaxis: false,
    }));
  return {
    data,
    layout: baseLayout(titled(run, 'Reliability'), {
      barmode: 'group',
      yaxis: axis('count', { rangemode: 'tozero' }),
      xaxis: axis(''),
    }),
  };
}
