/**
 * The linked, brushable views of the job-market page, built with the BokehJS JS API
 * (`Bokeh.Plotting`, no Python): (1) postings per day with a RangeTool on an overview
 * strip; the chosen window drives a DataTable of the postings in it; (2) a salary
 * scatter whose box/lasso selection drives a bar chart of the selected postings' skills.
 * Browser only: uses the Bokeh global the page inlines.
 */
import { seriesColour } from '../palette.ts';
import { salaryOf } from './market-aggregate.ts';
import type { MarketRows } from './market-data.ts';
import { dayString } from './market-data.ts';

// BokehJS ships no types for its global bundle; keep the looseness inside this file.
// biome-ignore lint/suspicious/noExplicitAny: the page's Bokeh global (four bundles merged) has no declared type
type Loose = any;
const DAY_MS = 86_400_000;

function bokeh(): Loose {
  return (globalThis as unknown as { Bokeh: Loose }).Bokeh;
}

export interface BokehViews {
  /** Redraws every Bokeh view for the filtered postings. */
  update(idx: readonly number[], includePredicted: boolean): void;
  /** Rows in each data source, for tests and the page's own captions. */
  counts(): { daily: number; table: number; scatter: number; skills: number; selected: number };
}

const TABLE_COLUMNS: [string, string, number][] = [
  ['posted', 'posted', 80],
  ['source', 'source', 80],
  ['company', 'company', 150],
  ['city', 'city', 110],
  ['contract', 'contract', 90],
  ['seniority', 'seniority', 70],
  ['salary', 'salary k€', 70],
  ['skills', 'skills', 260],
];

export async function buildBokehViews(
  rows: MarketRows,
  initial: { idx: readonly number[]; includePredicted: boolean },
  targets: { time: HTMLElement; scatter: HTMLElement; tableCaption: HTMLElement; skillsCaption: HTMLElement },
): Promise<BokehViews> {
  const B = bokeh();
  const P = B.Plotting;
  let current: readonly number[] = [];
  let includePredicted = true;
  const seniorityColour = new Map(
    rows.dict.seniority.map((s, i) => [s, s === 'unknown' ? '#94a3b8' : seriesColour(i)]),
  );

  // (1) Time series with a range tool, linked to the table.
  const daily = new B.ColumnDataSource({ data: { x: [], count: [] } });
  const xRange = new B.Range1d({ start: 0, end: DAY_MS });
  const main = P.figure({
    height: 230,
    sizing_mode: 'stretch_width',
    x_axis_type: 'datetime',
    x_range: xRange,
    tools: 'xpan,xwheel_zoom,reset',
    toolbar_location: 'right',
    title: 'Postings per day — drag the window below to choose a period',
  });
  main.vbar({
    x: { field: 'x' },
    top: { field: 'count' },
    width: DAY_MS * 0.8,
    source: daily,
    fill_color: '#2563eb',
    line_color: null,
  });
  main.yaxis.axis_label = 'postings';
  const overview = P.figure({
    height: 110,
    sizing_mode: 'stretch_width',
    x_axis_type: 'datetime',
    tools: '',
    toolbar_location: null,
    y_axis_type: null,
    title: null,
  });
  overview.line({ x: { field: 'x' }, y: { field: 'count' }, source: daily, line_color: '#2563eb' });
  const rangeTool = new B.RangeTool({ x_range: xRange });
  overview.add_tools(rangeTool);
  overview.toolbar.active_multi = rangeTool;
  const tableSource = new B.ColumnDataSource({ data: Object.fromEntries(TABLE_COLUMNS.map(([f]) => [f, []])) });
  const tableView = new B.Tables.DataTable({
    source: tableSource,
    height: 260,
    sizing_mode: 'stretch_width',
    index_position: null,
    columns: TABLE_COLUMNS.map(([field, title, width]) => new B.Tables.TableColumn({ field, title, width })),
  });

  const refreshTable = () => {
    const start = Math.floor(xRange.start / DAY_MS);
    const end = Math.ceil(xRange.end / DAY_MS);
    const inWindow = current.filter((i) => rows.day[i] !== null && rows.day[i]! >= start && rows.day[i]! <= end);
    const cat = (c: keyof MarketRows['codes'], i: number) => rows.dict[c][rows.codes[c][i]!]!;
    tableSource.data = {
      posted: inWindow.map((i) => dayString(rows.day[i]!)),
      source: inWindow.map((i) => cat('source', i)),
      company: inWindow.map((i) => cat('company', i)),
      city: inWindow.map((i) => {
        const c = cat('city', i);
        return c === 'unknown' ? '' : c;
      }),
      contract: inWindow.map((i) => cat('contract', i)),
      seniority: inWindow.map((i) => cat('seniority', i)),
      salary: inWindow.map((i) => {
        const s = salaryOf(rows, i, includePredicted);
        return s === null ? '' : (s / 1000).toFixed(1);
      }),
      skills: inWindow.map((i) => rows.skills[i]!.map((k) => rows.dict.skill[k]).join(', ')),
    };
    targets.tableCaption.textContent =
      inWindow.length === 0
        ? 'No posting in the chosen period.'
        : `${inWindow.length.toLocaleString('en-US')} postings between ${dayString(Math.max(start, 0))} and ${dayString(end)}`;
  };
  xRange.connect(xRange.properties.start.change, refreshTable);
  xRange.connect(xRange.properties.end.change, refreshTable);

  // (2) Salary scatter whose selection drives the skills bars.
  const scatter = new B.ColumnDataSource({ data: { x: [], salary: [], seniority: [], colour: [], row: [] } });
  const scatterFig = P.figure({
    height: 330,
    sizing_mode: 'stretch_width',
    x_axis_type: 'datetime',
    tools: 'box_select,lasso_select,pan,wheel_zoom,reset',
    active_drag: 'box_select',
    title: 'Salary by posting date — select points to see their skills',
  });
  scatterFig.scatter({
    x: { field: 'x' },
    y: { field: 'salary' },
    source: scatter,
    size: 6,
    fill_color: { field: 'colour' },
    line_color: null,
    fill_alpha: 0.6,
    legend_field: 'seniority',
    nonselection_fill_alpha: 0.12,
  });
  scatterFig.yaxis.axis_label = 'salary midpoint (k€/year)';
  // The legend goes beside the plot, where it hides no point and no drag starts on it.
  const legend = scatterFig.center.find((m: Loose) => m instanceof B.Legend);
  if (legend) {
    scatterFig.center = scatterFig.center.filter((m: Loose) => m !== legend);
    legend.label_text_font_size = '11px';
    legend.title = 'seniority';
    scatterFig.add_layout(legend, 'right');
  }
  const skillRange = new B.FactorRange({ factors: [] });
  const skills = new B.ColumnDataSource({ data: { skill: [], postings: [] } });
  const skillsFig = P.figure({
    height: 330,
    sizing_mode: 'stretch_width',
    y_range: skillRange,
    tools: '',
    toolbar_location: null,
    title: 'Skills of the selection',
  });
  skillsFig.hbar({
    y: { field: 'skill' },
    right: { field: 'postings' },
    height: 0.7,
    source: skills,
    fill_color: '#0f766e',
    line_color: null,
  });
  skillsFig.xaxis.axis_label = 'postings';

  const refreshSkills = () => {
    const selected: number[] = scatter.selected.indices;
    const rowIds: number[] = scatter.data.row;
    const pool = selected.length > 0 ? selected.map((j) => rowIds[j]!) : rowIds;
    const counts = new Map<number, number>();
    for (const i of pool) for (const k of rows.skills[i]!) counts.set(k, (counts.get(k) ?? 0) + 1);
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 12);
    const names = top.map(([kIdx]) => rows.dict.skill[kIdx]!);
    skillRange.factors = [...names].reverse();
    skills.data = { skill: names, postings: top.map(([, n]) => n) };
    targets.skillsCaption.textContent =
      selected.length > 0
        ? `Skills of the ${selected.length} selected postings (of ${rowIds.length} with a salary)`
        : `No selection: skills of all ${rowIds.length} postings with a salary. Drag on the scatter to select.`;
  };
  scatter.selected.connect(scatter.selected.properties.indices.change, refreshSkills);

  const views: BokehViews = {
    update(idx, predicted) {
      current = idx;
      includePredicted = predicted;
      const perDay = new Map<number, number>();
      for (const i of idx) if (rows.day[i] !== null) perDay.set(rows.day[i]!, (perDay.get(rows.day[i]!) ?? 0) + 1);
      const days = [...perDay.keys()].sort((a, b) => a - b);
      daily.data = { x: days.map((d) => d * DAY_MS), count: days.map((d) => perDay.get(d)!) };
      const first = days[0] ?? 0;
      const last = days[days.length - 1] ?? 0;
      // The window opens on the last 30 days (or everything when shorter), with half a day of air.
      xRange.setv({ start: (Math.max(first, last - 29) - 0.5) * DAY_MS, end: (last + 0.5) * DAY_MS });
      refreshTable();
      const withSalary = idx.filter((i) => rows.day[i] !== null && salaryOf(rows, i, predicted) !== null);
      scatter.selected.indices = [];
      scatter.data = {
        x: withSalary.map((i) => rows.day[i]! * DAY_MS),
        salary: withSalary.map((i) => salaryOf(rows, i, predicted)! / 1000),
        seniority: withSalary.map((i) => rows.dict.seniority[rows.codes.seniority[i]!]!),
        colour: withSalary.map((i) => seniorityColour.get(rows.dict.seniority[rows.codes.seniority[i]!]!) ?? '#94a3b8'),
        row: withSalary,
      };
      refreshSkills();
    },
    counts() {
      return {
        daily: daily.data.x.length,
        table: tableSource.data.posted.length,
        scatter: scatter.data.x.length,
        skills: skills.data.skill.length,
        selected: scatter.selected.indices.length,
      };
    },
  };
  // Data first, then show: Bokeh sets its initial ranges from the data it sees.
  views.update(initial.idx, initial.includePredicted);
  await P.show(new B.Column({ children: [main, overview, tableView], sizing_mode: 'stretch_width' }), targets.time);
  await P.show(new B.Row({ children: [scatterFig, skillsFig], sizing_mode: 'stretch_width' }), targets.scatter);

  return views;
}
