/**
 * The job-market charts of the deck: the market dashboard's figure functions over every
 * posting of the run's snapshot (the page with no filter set), plus the analysis's skill
 * clusters, each with one sentence of reading and speaker notes from the same numbers.
 */
import type { AnalysisReport } from '../analysis/report.ts';
import type { FranceMap } from '../dashboards/market/france-map.ts';
import {
  departementCounts,
  median,
  postingsOverTime,
  salariesBy,
  topSkills,
  type SalaryGroup,
} from '../dashboards/market/market-aggregate.ts';
import { toMarketRows, type MarketRows } from '../dashboards/market/market-data.ts';
import {
  departementMapFigure,
  salaryBoxFigure,
  skillsFigure,
  timeFigure,
} from '../dashboards/market/market-figures.ts';
import type { MarketSnapshot } from '../results/market-snapshot.ts';
import { clusterFigure } from './cluster-figure.ts';
import { generatedLabel, type DeckChart } from './deck-chart.ts';

const k = (eur: number | null) => (eur === null ? 'n/a' : `${(eur / 1000).toFixed(1)} k€`);
const pct = (part: number, whole: number) => `${whole > 0 ? Math.round((100 * part) / whole) : 0} %`;

/** Skills on the slide: fewer than the page's 15 so each label stays readable from afar. */
const SLIDE_SKILLS = 10;
/** Régions on the slide: those with the most salaries. */
const SLIDE_REGIONS = 10;

export interface MarketSources {
  snapshot: string;
  analysis: string;
}

function salaryReading(groups: readonly SalaryGroup[], what: string): { reading: string; notes: string[] } {
  const medians = groups
    .filter((g) => g.salaries.length > 0)
    .map((g) => ({ group: g.group, median: median(g.salaries)!, n: g.salaries.length }));
  const notes = medians.map((m) => `${m.group}: median ${k(m.median)} over ${m.n} salaries`);
  if (medians.length === 0) return { reading: `No posting of this run states a salary by ${what}.`, notes };
  const sorted = [...medians].sort((a, b) => a.median - b.median);
  const low = sorted[0]!;
  const high = sorted[sorted.length - 1]!;
  const reading =
    medians.length === 1
      ? `Only ${low.group} has salaries: median ${k(low.median)} over ${low.n} postings.`
      : `Median salary goes from ${k(low.median)} (${low.group}, ${low.n} salaries) to ${k(high.median)} (${high.group}, ${high.n} salaries).`;
  return { reading, notes };
}

function skillsChart(rows: MarketRows, all: number[], labels: string[], sources: MarketSources): DeckChart {
  const skills = topSkills(rows, all, true, SLIDE_SKILLS);
  const top = skills[0];
  const premium = skills.filter((s) => s.premium !== null).sort((a, b) => b.premium! - a.premium!)[0];
  const reading = !top
    ? 'No posting of this run lists a skill.'
    : `${top.skill} is asked in ${pct(top.postings, rows.count)} of postings${premium ? `; ${premium.skill} comes with the highest median salary premium (${premium.premium! >= 0 ? '+' : ''}${k(premium.premium)})` : ''}.`;
  return {
    id: 'top-skills',
    title: 'Top skills and their salary premium',
    width: 1000,
    height: 460,
    figure: skillsFigure(skills),
    reading,
    labels,
    notes: [
      ...skills.map(
        (s) =>
          `${s.skill}: ${s.postings} postings, ${s.withSalary} with a salary, median ${k(s.median)}, premium ${k(s.premium)}`,
      ),
      `Source: ${sources.snapshot}, market_postings (${rows.count} postings; salaries the source predicted included, as on the dashboard).`,
    ],
  };
}

function seniorityChart(rows: MarketRows, all: number[], labels: string[], sources: MarketSources): DeckChart {
  const groups = salariesBy(rows, all, 'seniority', true);
  const { reading, notes } = salaryReading(groups, 'seniority');
  return {
    id: 'salary-seniority',
    title: 'Salary by seniority',
    width: 1000,
    height: 440,
    figure: salaryBoxFigure(groups, 'Salary by seniority'),
    reading,
    labels,
    notes: [...notes, `Source: ${sources.snapshot}, market_postings (midpoint of the posted range, EUR a year).`],
  };
}

function regionChart(rows: MarketRows, all: number[], labels: string[], sources: MarketSources): DeckChart {
  const groups = salariesBy(rows, all, 'region', true)
    .filter((g) => g.group !== 'unknown' && g.salaries.length > 0)
    .sort((a, b) => b.salaries.length - a.salaries.length)
    .slice(0, SLIDE_REGIONS);
  const { reading, notes } = salaryReading(groups, 'région');
  return {
    id: 'salary-region',
    title: 'Salary by région',
    width: 1000,
    height: 480,
    figure: salaryBoxFigure(groups, 'Salary by région', { horizontal: true }),
    reading,
    labels,
    notes: [
      ...notes,
      `The ${groups.length} régions with the most salaries (the dashboard lists all).`,
      `Source: ${sources.snapshot}, market_postings.`,
    ],
  };
}

function mapChart(
  rows: MarketRows,
  all: number[],
  map: FranceMap,
  labels: string[],
  sources: MarketSources,
): DeckChart {
  const counts = departementCounts(rows, all);
  const located = Object.values(counts).reduce((a, b) => a + b, 0);
  const ranked = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  const name = (code: string) =>
    map.departements.find((d) => d.code === code)?.name ?? map.insets.find((d) => d.code === code)?.name ?? code;
  const top3 = ranked.slice(0, 3).reduce((n, [, c]) => n + c, 0);
  const reading =
    ranked.length === 0
      ? 'No posting of this run has a known département.'
      : `${name(ranked[0]![0])} (${ranked[0]![0]}) holds ${pct(ranked[0]![1], located)} of located postings; the top three départements ${pct(top3, located)}.`;
  return {
    id: 'departement-map',
    title: 'Postings by département',
    width: 760,
    height: 470,
    figure: departementMapFigure(map, counts),
    reading,
    labels,
    notes: [
      `${located} of ${rows.count} postings located.`,
      ...ranked.slice(0, 10).map(([code, c]) => `${name(code)} (${code}): ${c}`),
      map.attribution,
      `Source: ${sources.snapshot}, market_postings.departement.`,
    ],
  };
}

function timeChart(rows: MarketRows, all: number[], labels: string[], sources: MarketSources): DeckChart {
  const series = postingsOverTime(rows, all);
  const totals = series.series.map((s) => ({ name: s.name, total: s.counts.reduce((a, b) => a + b, 0) }));
  const daily = series.days.map((_, i) => series.series.reduce((n, s) => n + s.counts[i]!, 0));
  const busiest = daily.indexOf(Math.max(0, ...daily));
  const reading =
    series.days.length === 0
      ? 'No posting of this run has a posting date.'
      : `${daily.reduce((a, b) => a + b, 0)} dated postings over ${series.days.length} days (${series.days[0]} to ${series.days[series.days.length - 1]}), busiest on ${series.days[busiest]} with ${daily[busiest]}.`;
  return {
    id: 'postings-over-time',
    title: 'Postings over time, by source',
    width: 1000,
    height: 420,
    figure: timeFigure(series),
    reading,
    labels,
    notes: [
      ...totals.map((t) => `${t.name}: ${t.total} dated postings`),
      `Source: ${sources.snapshot}, market_postings.posted_day.`,
    ],
  };
}

function clusterChart(analysis: AnalysisReport, labels: string[], sources: MarketSources): DeckChart | null {
  const c = analysis.clustering;
  if (c.status !== 'ok' || c.clusters.length === 0) return null;
  const best = c.candidates.find((x) => x.k === c.chosenK);
  const largest = c.clusters[0]!;
  return {
    id: 'skill-clusters',
    title: 'Skill profiles',
    width: 1000,
    height: 460,
    figure: clusterFigure(c),
    labels,
    reading: `${c.chosenK} profiles by k-means on ${c.features.length} skills (silhouette ${best?.silhouette?.toFixed(2) ?? 'n/a'}); the largest, ${largest.label}, is ${Math.round(largest.share * 100)} % of ${c.clustered} clustered postings.`,
    notes: [
      ...c.clusters.map(
        (x) => `#${x.id} ${x.label}: ${x.size} postings, median salary (robust) ${k(x.salary.robust?.median ?? null)}`,
      ),
      `k tried ${c.candidates.map((x) => x.k).join(', ')}; elbow ${c.elbowK ?? 'none'}; ${c.unclustered} postings without a feature skill left out; seed ${c.seed}.`,
      `Source: ${sources.analysis}, clustering (jobbench analyze).`,
    ],
  };
}

export function marketCharts(
  snapshot: MarketSnapshot,
  analysis: AnalysisReport,
  map: FranceMap,
  sources: MarketSources,
): DeckChart[] {
  const rows = toMarketRows(snapshot.queries.market_postings ?? []);
  const all = Array.from({ length: rows.count }, (_, i) => i);
  const label = generatedLabel(analysis.postings.sources);
  const labels = label ? [label] : [];
  const charts = [
    skillsChart(rows, all, labels, sources),
    seniorityChart(rows, all, labels, sources),
    regionChart(rows, all, labels, sources),
    mapChart(rows, all, map, labels, sources),
    timeChart(rows, all, labels, sources),
    clusterChart(analysis, labels, sources),
  ];
  return charts.filter((c): c is DeckChart => c !== null);
}
