/**
 * Browser entry of the job-market page (bundled into the HTML): filters over the
 * embedded postings; every chart, Plotly and Bokeh, is recomputed from the filtered rows.
 */
import { byId, draw, embeddedData, fillSelect, formatNumber } from '../render/browser.ts';
import { buildBokehViews, type BokehViews } from './market-bokeh.ts';
import type { MarketPageData } from './market-data.ts';
import {
  countBy,
  departementCounts,
  filterOptions,
  filterRows,
  median,
  NO_FILTER,
  postingsOverTime,
  salariesBy,
  salaryOf,
  topSkills,
  type MarketFilter,
} from './market-aggregate.ts';
import {
  companiesFigure,
  departementMapFigure,
  salaryBoxFigure,
  shareFigure,
  skillsFigure,
  timeFigure,
} from './market-figures.ts';

const data = embeddedData<MarketPageData>();
const rows = data.rows;
let bokehViews: BokehViews | null = null;

const FILTERS: {
  id: string;
  key: keyof Omit<MarketFilter, 'includePredicted'>;
  column: 'source' | 'region' | 'contract' | 'seniority' | 'skill';
  label: string;
}[] = [
  { id: 'filter-source', key: 'source', column: 'source', label: 'all sources' },
  { id: 'filter-region', key: 'region', column: 'region', label: 'all régions' },
  { id: 'filter-contract', key: 'contract', column: 'contract', label: 'all contracts' },
  { id: 'filter-seniority', key: 'seniority', column: 'seniority', label: 'all seniorities' },
  { id: 'filter-skill', key: 'skill', column: 'skill', label: 'any skill' },
];

function currentFilter(): MarketFilter {
  const filter: MarketFilter = { ...NO_FILTER, includePredicted: byId<HTMLInputElement>('filter-predicted').checked };
  for (const f of FILTERS) {
    const value = byId<HTMLSelectElement>(f.id).value;
    filter[f.key] = value === '' ? null : value;
  }
  return filter;
}

function renderHeader(): void {
  const parts = [
    `run ${data.runId}`,
    `warehouse: ${data.provider}${data.emulated ? ' (emulated)' : ''}`,
    `snapshot ${data.generatedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')}`,
  ];
  if (data.tool)
    parts.push(`jobbench ${data.tool.version}${data.tool.gitSha ? ` (${data.tool.gitSha.slice(0, 8)})` : ''}`);
  byId('run-meta').textContent = parts.join(' · ');
  byId('run-context').textContent =
    `${formatNumber(rows.count)} postings in the snapshot · ${formatNumber(data.tableCounts.dim_company ?? null)} companies · ${formatNumber(data.tableCounts.dim_skill ?? null)} skills in the warehouse`;
}

function renderKpis(idx: readonly number[], filter: MarketFilter): void {
  const salaries = idx.map((i) => salaryOf(rows, i, filter.includePredicted)).filter((s): s is number => s !== null);
  const remote = idx.filter((i) => ['hybrid', 'full'].includes(rows.dict.remote[rows.codes.remote[i]!]!)).length;
  const companies = new Set(idx.map((i) => rows.codes.company[i])).size;
  const kpis: [string, string][] = [
    [formatNumber(idx.length), 'postings match the filters'],
    [
      salaries.length > 0 ? `${formatNumber((median(salaries) ?? 0) / 1000, 1)} k€` : 'unknown',
      `median salary (${formatNumber(salaries.length)} with a salary)`,
    ],
    [idx.length > 0 ? `${formatNumber((100 * remote) / idx.length, 0)} %` : '—', 'hybrid or full remote'],
    [formatNumber(companies), 'companies'],
  ];
  byId('kpis').replaceChildren(
    ...kpis.map(([value, label]) => {
      const box = document.createElement('div');
      box.className = 'kpi';
      const b = document.createElement('b');
      b.textContent = value;
      const span = document.createElement('span');
      span.textContent = label;
      box.append(b, span);
      return box;
    }),
  );
}

async function renderAll(): Promise<void> {
  const filter = currentFilter();
  const idx = filterRows(rows, filter);
  renderKpis(idx, filter);
  const p = filter.includePredicted;
  await Promise.all([
    draw('fig-skills', skillsFigure(topSkills(rows, idx, p, 15))),
    draw('fig-salary-seniority', salaryBoxFigure(salariesBy(rows, idx, 'seniority', p), 'Salary by seniority')),
    draw('fig-salary-contract', salaryBoxFigure(salariesBy(rows, idx, 'contract', p), 'Salary by contract type')),
    draw(
      'fig-salary-region',
      salaryBoxFigure(salariesBy(rows, idx, 'region', p), 'Salary by région', { horizontal: true }),
    ),
    draw('fig-map', departementMapFigure(data.map, departementCounts(rows, idx))),
    draw('fig-time', timeFigure(postingsOverTime(rows, idx))),
    draw(
      'fig-companies',
      companiesFigure(
        countBy(rows, idx, 'company')
          .filter((c) => c.group !== 'unknown')
          .slice(0, 15),
      ),
    ),
    draw('fig-remote', shareFigure(countBy(rows, idx, 'remote'), 'Remote work')),
    draw('fig-contract', shareFigure(countBy(rows, idx, 'contract'), 'Contract types')),
  ]);
  bokehViews?.update(idx, p);
}

async function main(): Promise<void> {
  renderHeader();
  for (const f of FILTERS) {
    const select = byId<HTMLSelectElement>(f.id);
    fillSelect(
      select,
      [{ value: '', label: f.label }, ...filterOptions(rows, f.column).map((v) => ({ value: v, label: v }))],
      '',
    );
    select.addEventListener('change', () => void renderAll());
  }
  byId('filter-predicted').addEventListener('change', () => void renderAll());
  byId('filter-reset').addEventListener('click', () => {
    for (const f of FILTERS) byId<HTMLSelectElement>(f.id).value = '';
    byId<HTMLInputElement>('filter-predicted').checked = true;
    void renderAll();
  });
  const filter = currentFilter();
  bokehViews = await buildBokehViews(
    rows,
    { idx: filterRows(rows, filter), includePredicted: filter.includePredicted },
    {
      time: byId('bokeh-time'),
      scatter: byId('bokeh-scatter'),
      tableCaption: byId('table-caption'),
      skillsCaption: byId('skills-caption'),
    },
  );
  await renderAll();
  (window as unknown as Record<string, unknown>).jobbench = { bokehCounts: () => bokehViews?.counts() ?? null };
  document.body.dataset.ready = 'true';
}

main().catch((error: unknown) => {
  document.body.dataset.ready = 'error';
  console.error(error);
});
