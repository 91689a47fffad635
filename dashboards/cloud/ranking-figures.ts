/**
 * Figures of the recommendation: the weighted score per cloud (redrawn live when a
 * weight moves), the normalized criteria behind it, and a metric across stored runs.
 * Provider labels, run ids and scenario names come from results files: escaped for
 * Plotly's HTML subset (`txt`, `tpl` inside a hovertemplate).
 */
import { axis, baseLayout, type PlotlyFigure, type PlotlyTrace } from '../figure-types.ts';
import { plotlyTemplateText as tpl, plotlyText as txt } from '../render/plotly-text.ts';
import type { CloudRunView, RankingView } from './cloud-data.ts';
import { rankEntries } from './ranking.ts';

type Entry = RankingView['entries'][number];

/** Score bars in rank order for the given weights. */
export function scoreFigure(ranking: RankingView, weights: Record<string, number>, anyEmulated: boolean): PlotlyFigure {
  const method = ranking.basis === 'emulated' ? 'emulated figures: the method, not a choice' : 'emulated figures';
  const ranked = rankEntries<Entry>(ranking.entries, weights);
  const data: PlotlyTrace[] = [
    {
      type: 'bar',
      orientation: 'h',
      name: 'score',
      y: ranked.map((r) => `#${r.rank} ${txt(r.entry.label)}`),
      x: ranked.map((r) => r.score),
      marker: { color: ranked.map((r) => r.entry.colour), opacity: ranked.map((r) => (r.entry.emulated ? 0.75 : 1)) },
      text: ranked.map((r) => r.score.toFixed(3)),
      textposition: 'outside',
      cliponaxis: false,
      hovertemplate: '%{y}: %{x:.3f}<extra></extra>',
    },
  ];
  const title = anyEmulated
    ? `Weighted score of the clouds <span style="font-size:12px;color:#b45309">— ${method}</span>`
    : 'Weighted score of the clouds';
  return {
    data,
    layout: baseLayout(title, {
      xaxis: axis('score (1 = best on every weighted criterion)', { range: [0, 1.12] }),
      yaxis: axis('', { autorange: 'reversed' }),
      showlegend: false,
      margin: { l: 150, r: 30, t: 50, b: 50 },
    }),
  };
}

/** Each cloud's normalized criteria (1 = best among the clouds; missing = unknown). */
export function criteriaFigure(ranking: RankingView, anyEmulated: boolean): PlotlyFigure {
  const criteria = Object.keys(ranking.weights);
  const data: PlotlyTrace[] = ranking.entries.map((e) => ({
    type: 'bar',
    name: txt(e.label),
    x: criteria.map((c) => txt(c === 'freeTier' ? 'free tier' : c)),
    y: criteria.map((c) => e.criteria[c] ?? null),
    marker: { color: e.colour, opacity: e.emulated ? 0.75 : 1 },
    text: criteria.map((c) =>
      e.criteria[c] === null || e.criteria[c] === undefined ? 'unknown' : (e.criteria[c] as number).toFixed(2),
    ),
    textposition: 'outside',
    cliponaxis: false,
    hovertemplate: `<b>${tpl(e.label)}</b><br>%{x}: %{text}<extra></extra>`,
  }));
  const title = anyEmulated
    ? 'Criteria, normalized <span style="font-size:12px;color:#b45309">— emulated figures</span>'
    : 'Criteria, normalized';
  return {
    data,
    layout: baseLayout(title, {
      barmode: 'group',
      yaxis: axis('1 = best cloud', { range: [0, 1.15] }),
      xaxis: axis(''),
    }),
  };
}

function runLabel(run: CloudRunView): string {
  return txt(`${run.startedAt.slice(0, 16).replace('T', ' ')} · ${run.runId.slice(-6)}`);
}

/** One metric of every stored run, per provider: how results moved between dates. */
export function historyFigure(runs: readonly CloudRunView[], scenario: string): PlotlyFigure {
  const names = [...new Set(runs.flatMap((r) => r.providers.map((p) => p.name)))];
  const data: PlotlyTrace[] = [];
  for (const name of names) {
    const points = runs.flatMap((r) => {
      const p = r.providers.find((x) => x.name === name);
      const l = p?.scenarios.find((s) => s.name === scenario)?.latencyMs;
      return p && l ? [{ x: runLabel(r), y: l.p95, run: txt(r.runId), label: p.label, colour: p.colour }] : [];
    });
    if (points.length === 0) continue;
    const label = points.some((pt) => pt.label !== name) ? `${name} (emulated)` : name;
    data.push({
      type: 'scatter',
      mode: 'lines+markers',
      name: txt(label),
      x: points.map((pt) => pt.x),
      y: points.map((pt) => pt.y),
      customdata: points.map((pt) => pt.run),
      line: { color: points[0]!.colour },
      marker: { size: 8 },
      hovertemplate: `<b>${tpl(label)}</b><br>run %{customdata}<br>p95 %{y:.2f} ms<extra></extra>`,
    });
  }
  // Runs as ordered categories (oldest first): readable with one run or many on one day.
  return {
    data,
    layout: baseLayout(`p95 latency of ${txt(scenario)} across stored runs`, {
      xaxis: axis('run (started, UTC)', {
        type: 'category',
        categoryorder: 'array',
        categoryarray: runs.map(runLabel),
      }),
      yaxis: axis('ms', { rangemode: 'tozero' }),
    }),
  };
}
