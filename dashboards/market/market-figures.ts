/**
 * Pure Plotly figure functions of the job-market dashboard: aggregates in, specs out.
 * Salaries are shown in k€ per year. Every name from the data (skills, companies,
 * groups, places) goes through plotlyText: Plotly would otherwise read markup in it.
 */
import { axis, baseLayout, type PlotlyFigure, type PlotlyTrace } from '../figure-types.ts';
import { SEQUENTIAL_BLUES, seriesColour } from '../palette.ts';
import { plotlyTemplateText, plotlyText } from '../render/plotly-text.ts';
import type { FranceMap } from './france-map.ts';
import type { GroupCount, SalaryGroup, SkillStat, TimeSeries } from './market-aggregate.ts';

const k = (v: number | null) => (v === null ? null : Math.round(v / 100) / 10);

/** Postings per skill (left) and the salary premium of the skill over all postings (right). */
export function skillsFigure(skills: readonly SkillStat[]): PlotlyFigure {
  const names = skills.map((s) => plotlyText(s.skill));
  const data: PlotlyTrace[] = [
    {
      type: 'bar',
      orientation: 'h',
      name: 'postings',
      y: names,
      x: skills.map((s) => s.postings),
      xaxis: 'x',
      yaxis: 'y',
      marker: { color: '#2563eb' },
      customdata: skills.map((s) => [s.withSalary, k(s.median)]),
      hovertemplate:
        '<b>%{y}</b><br>%{x} postings, %{customdata[0]} with a salary<br>median %{customdata[1]} k€<extra></extra>',
    },
    {
      type: 'bar',
      orientation: 'h',
      name: 'salary premium',
      y: names,
      x: skills.map((s) => k(s.premium)),
      xaxis: 'x2',
      yaxis: 'y',
      marker: { color: skills.map((s) => ((s.premium ?? 0) >= 0 ? '#059669' : '#dc2626')) },
      text: skills.map((s) => (s.premium === null ? 'n/a' : `${s.premium >= 0 ? '+' : ''}${k(s.premium)} k€`)),
      textposition: 'outside',
      cliponaxis: false,
      customdata: skills.map((s) => k(s.median)),
      hovertemplate: '<b>%{y}</b><br>median %{customdata} k€ (%{text} vs all)<extra></extra>',
    },
  ];
  return {
    data,
    layout: baseLayout('Top skills and their salary premium', {
      showlegend: false,
      grid: { rows: 1, columns: 2, pattern: 'independent' },
      xaxis: axis('postings', { domain: [0, 0.46] }),
      xaxis2: axis('median salary with the skill − median of all (k€/year)', {
        domain: [0.56, 1],
        zeroline: true,
        zerolinecolor: '#64748b',
      }),
      yaxis: axis('', { autorange: 'reversed', type: 'category' }),
      margin: { l: 120, r: 40, t: 50, b: 50 },
    }),
  };
}

/** Box plots of the salary midpoints per group; the hover says how many postings had a salary. */
export function salaryBoxFigure(
  groups: readonly SalaryGroup[],
  title: string,
  options: { horizontal?: boolean } = {},
): PlotlyFigure {
  const shown = groups.filter((g) => g.salaries.length > 0);
  const data: PlotlyTrace[] = shown.map((g, i) => {
    const values = g.salaries.map((s) => Math.round(s / 100) / 10);
    const name = `${plotlyText(g.group)} (${g.salaries.length})`;
    return {
      type: 'box',
      name,
      boxpoints: false,
      marker: { color: seriesColour(i) },
      line: { width: 1.5 },
      ...(options.horizontal ? { x: values, orientation: 'h' } : { y: values }),
      hovertemplate: `<b>${plotlyTemplateText(g.group)}</b><br>%{${options.horizontal ? 'x' : 'y'}} k€<br>${g.salaries.length} of ${g.postings} postings have a salary<extra></extra>`,
    };
  });
  const valueAxis = axis('salary midpoint (k€/year)', { rangemode: 'tozero' });
  return {
    data,
    layout: baseLayout(title, {
      showlegend: false,
      ...(options.horizontal
        ? { xaxis: valueAxis, yaxis: axis('', { autorange: 'reversed' }), margin: { l: 190, r: 20, t: 50, b: 50 } }
        : { yaxis: valueAxis, xaxis: axis('') }),
    }),
  };
}

/** Colour of a count on a square-root scale (a few big cities would wash out the rest). */
export function countColour(count: number, max: number): string {
  if (count <= 0 || max <= 0) return '#f1f5f9';
  const t = Math.sqrt(count / max);
  return SEQUENTIAL_BLUES[Math.min(SEQUENTIAL_BLUES.length - 1, 1 + Math.floor(t * (SEQUENTIAL_BLUES.length - 1)))]!;
}

/** Where the overseas insets sit, in map units (left margin, bottom to top). */
function insetBox(i: number, map: FranceMap): { x: number; y: number; size: number } {
  const size = 34;
  return { x: 8, y: map.height - 48 - i * (size + 16), size };
}

/**
 * Choropleth of postings per département on real outlines: one filled trace per colour
 * (Plotly fills each gap-separated ring of a trace), overseas départements as inset
 * squares, and an invisible point per département carrying the hover text.
 */
export function departementMapFigure(map: FranceMap, counts: Record<string, number>): PlotlyFigure {
  const max = Math.max(0, ...Object.values(counts));
  const byColour = new Map<string, { x: (number | null)[]; y: (number | null)[] }>();
  const add = (colour: string, xs: number[], ys: number[]) => {
    const target = byColour.get(colour) ?? byColour.set(colour, { x: [], y: [] }).get(colour)!;
    target.x.push(...xs, xs[0]!, null);
    target.y.push(...ys, ys[0]!, null);
  };
  for (const d of map.departements) for (const [xs, ys] of d.rings) add(countColour(counts[d.code] ?? 0, max), xs, ys);
  map.insets.forEach((inset, i) => {
    const b = insetBox(i, map);
    add(
      countColour(counts[inset.code] ?? 0, max),
      [b.x, b.x + b.size, b.x + b.size, b.x],
      [b.y, b.y, b.y - b.size, b.y - b.size],
    );
  });
  const data: PlotlyTrace[] = [...byColour.entries()].map(([colour, xy]) => ({
    type: 'scatter',
    mode: 'lines',
    fill: 'toself',
    fillcolor: colour,
    line: { color: '#ffffff', width: 0.6 },
    x: xy.x,
    y: xy.y,
    hoverinfo: 'skip',
    showlegend: false,
  }));
  const points = [
    ...map.departements.map((d) => ({ x: d.cx, y: d.cy, code: d.code, name: d.name, region: d.region })),
    ...map.insets.map((inset, i) => {
      const b = insetBox(i, map);
      return { x: b.x + b.size / 2, y: b.y - b.size / 2, code: inset.code, name: inset.name, region: inset.region };
    }),
  ];
  data.push({
    type: 'scatter',
    mode: 'markers',
    name: 'départements',
    showlegend: false,
    x: points.map((p) => p.x),
    y: points.map((p) => p.y),
    marker: { size: 6, color: 'rgba(0,0,0,0)' },
    text: points.map(
      (p) =>
        `<b>${plotlyText(p.name)}</b> (${plotlyText(p.code)})<br>${plotlyText(p.region)}<br>${counts[p.code] ?? 0} postings`,
    ),
    hovertemplate: '%{text}<extra></extra>',
  });
  data.push({
    type: 'scatter',
    mode: 'text',
    showlegend: false,
    hoverinfo: 'skip',
    x: map.insets.map((_, i) => insetBox(i, map).x + insetBox(i, map).size + 4),
    y: map.insets.map((_, i) => insetBox(i, map).y - insetBox(i, map).size / 2),
    text: map.insets.map((inset) => plotlyText(inset.name)),
    textposition: 'middle right',
    textfont: { size: 10, color: '#475569' },
  });
  // A colour bar for the scale: an invisible marker trace carrying the colorscale.
  data.push({
    type: 'scatter',
    mode: 'markers',
    showlegend: false,
    hoverinfo: 'skip',
    x: [null],
    y: [null],
    marker: {
      color: [0],
      cmin: 0,
      cmax: Math.max(1, max),
      showscale: true,
      colorscale: SEQUENTIAL_BLUES.slice(1).map((c, i, all) => [(i / (all.length - 1)) ** 2, c]),
      colorbar: { title: { text: 'postings' }, thickness: 12, len: 0.6 },
    },
  });
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return {
    data,
    layout: baseLayout(`Postings by département (${total.toLocaleString('en-US')} located)`, {
      xaxis: { visible: false, range: [0, map.width], fixedrange: false },
      yaxis: { visible: false, range: [map.height, 0], scaleanchor: 'x', scaleratio: 1 },
      margin: { l: 10, r: 10, t: 50, b: 10 },
      hovermode: 'closest',
      dragmode: 'pan',
    }),
  };
}

export function timeFigure(series: TimeSeries): PlotlyFigure {
  const data: PlotlyTrace[] = series.series.map((s, i) => ({
    type: 'scatter',
    mode: 'lines',
    stackgroup: 'sources',
    name: plotlyText(s.name),
    x: series.days,
    y: s.counts,
    line: { color: seriesColour(i), width: 1.5 },
    hovertemplate: `${plotlyTemplateText(s.name)}: %{y} on %{x}<extra></extra>`,
  }));
  return {
    data,
    layout: baseLayout('Postings over time, by source', {
      xaxis: axis('posted', { type: 'date' }),
      yaxis: axis('postings per day', { rangemode: 'tozero' }),
      hovermode: 'x unified',
    }),
  };
}

export function companiesFigure(companies: readonly GroupCount[]): PlotlyFigure {
  return {
    data: [
      {
        type: 'bar',
        orientation: 'h',
        y: companies.map((c) => plotlyText(c.group)),
        x: companies.map((c) => c.count),
        marker: { color: '#0f766e' },
        text: companies.map((c) => String(c.count)),
        textposition: 'outside',
        cliponaxis: false,
        hovertemplate: '%{y}: %{x} postings<extra></extra>',
      },
    ],
    layout: baseLayout('Top hiring companies', {
      showlegend: false,
      yaxis: axis('', { autorange: 'reversed', type: 'category' }),
      xaxis: axis('postings'),
      margin: { l: 160, r: 30, t: 50, b: 50 },
    }),
  };
}

/** A donut of shares (remote work, contract types). */
export function shareFigure(groups: readonly GroupCount[], title: string): PlotlyFigure {
  return {
    data: [
      {
        type: 'pie',
        hole: 0.55,
        labels: groups.map((g) => plotlyText(g.group)),
        values: groups.map((g) => g.count),
        sort: false,
        marker: { colors: groups.map((g, i) => (g.group === 'unknown' ? '#cbd5e1' : seriesColour(i))) },
        textinfo: 'percent',
        hovertemplate: '%{label}: %{value} postings (%{percent})<extra></extra>',
      },
    ],
    layout: baseLayout(title, { legend: { orientation: 'v', x: 1, y: 0.5 }, margin: { l: 20, r: 20, t: 50, b: 20 } }),
  };
}
