/**
 * Browser entry of the cloud comparison page (bundled into the HTML by the renderer):
 * draws the selected run, re-ranks live when a weight slider moves, and switches runs.
 */
import { byId, draw, el, embeddedData, fillSelect, formatMoney, formatNumber, table } from '../render/browser.ts';
import type { CloudPageData, CloudRunView, ProviderView, RankingView } from './cloud-data.ts';
import {
  costFigure,
  freeTierFigure,
  isPerQueryScenario,
  monthlyCostFigure,
  latencyBarsFigure,
  latencyEcdfFigure,
  latencyScenarios,
  reliabilityFigure,
  stageDurationFigure,
  stageThroughputFigure,
} from './cloud-figures.ts';
import { criteriaFigure, historyFigure, scoreFigure } from './ranking-figures.ts';
import { rankEntries, topFlips, type RankedEntry } from './ranking.ts';

const data = embeddedData<CloudPageData>();
const MAX_WEIGHT = 5;
let run: CloudRunView = data.runs.find((r) => r.runId === data.selectedRunId) ?? data.runs[data.runs.length - 1]!;
let weights: Record<string, number> = {};

/** Display names of criteria whose id is not a word. */
const CRITERION_LABELS: Record<string, string> = { freeTier: 'free tier' };
const criterionLabel = (c: string) => CRITERION_LABELS[c] ?? c;

function renderHeader(): void {
  byId('run-meta').textContent =
    `run ${run.runId} · ${run.startedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')} · status ${run.status} · jobbench ${run.tool.version}${run.tool.gitSha ? ` (${run.tool.gitSha.slice(0, 8)})` : ''}`;
  byId('run-context').textContent = [run.workload, run.machine, run.benchmark].filter(Boolean).join(' · ');
  const banner = byId('emulated-banner');
  banner.hidden = !run.anyEmulated;
  const emulated = run.providers.filter((p) => p.emulated).map((p) => p.name);
  banner.textContent = `Emulated: ${emulated.join(', ')} ran on an emulator or this machine. Their latency, throughput and cost describe this laptop, not the real cloud; use them to check the workload, not to choose.`;
}

function providerTable(): void {
  const rows = run.providers.map((p: ProviderView) => [
    el('span', { class: 'swatch-label' }, [el('i', { class: 'swatch' }), p.label]),
    p.region,
    p.vantage,
    p.emulated ? 'yes' : 'no',
    p.status,
    p.counts ? formatNumber(p.counts.transformed) : '—',
    p.counts ? formatNumber(p.counts.warehouseRows) : '—',
    p.reason ?? '',
  ]);
  const t = table(
    ['provider', 'region', 'measured from', 'emulated', 'status', 'postings', 'warehouse rows', 'reason'],
    rows,
  );
  t.querySelectorAll('i.swatch').forEach((node, i) => {
    (node as HTMLElement).style.background = run.providers[i]!.colour;
  });
  byId('providers-table').replaceChildren(t);
}

function renderWeights(): void {
  const box = byId('weights');
  const ranking = run.ranking;
  byId('recommendation-caveat').textContent = ranking?.caveat ?? '';
  if (!ranking) {
    box.replaceChildren(el('p', { class: 'muted', text: 'No provider completed this run: there is nothing to rank.' }));
    return;
  }
  weights = { ...ranking.weights };
  box.replaceChildren(
    ...Object.keys(weights).map((criterion) => {
      const input = el('input');
      input.type = 'range';
      input.min = '0';
      input.max = String(Math.max(MAX_WEIGHT, Math.ceil(weights[criterion] ?? 0)));
      input.step = '0.1';
      input.value = String(weights[criterion]);
      input.dataset.criterion = criterion;
      input.setAttribute('aria-label', `${criterion} weight`);
      const value = el('output', { text: String(weights[criterion]) });
      input.addEventListener('input', () => {
        weights[criterion] = Number(input.value);
        value.textContent = input.value;
        void renderRanking();
      });
      return el('label', { class: 'weight' }, [el('span', { text: criterionLabel(criterion) }), input, value]);
    }),
  );
}

/** True while the sliders hold the run's weights: P(first) and intervals were computed for those only. */
function atRunWeights(ranking: RankingView): boolean {
  return Object.keys({ ...ranking.weights, ...weights }).every(
    (c) => Math.abs((ranking.weights[c] ?? 0) - (weights[c] ?? 0)) < 1e-9,
  );
}

/** The decision line: never names a cloud the run's figures cannot support. */
function decisionText(
  ranking: RankingView,
  ranked: RankedEntry<RankingView['entries'][number]>[],
  atRun: boolean,
): string {
  const d = ranking.decision;
  if (d.kind === 'none')
    return `no recommendation: ${d.reason}${atRun || ranking.basis !== 'measured' ? '' : " (at the run's weights)"}`;
  if (atRun) return `Recommended at the run's weights: ${d.cloud} — ${d.reason}`;
  const first = ranked[0];
  return `At the run's weights the recommendation is ${d.cloud}. With these weights ${first?.entry.label ?? '—'} scores highest; whether it stands clear is computed per weight set by \`jobbench recommend --weights …\`.`;
}

async function renderRanking(): Promise<void> {
  const ranking = run.ranking;
  if (!ranking) {
    byId('ranking-table').replaceChildren();
    byId('sensitivity').replaceChildren();
    byId('top-choice').textContent = 'no recommendation: no provider completed this run';
    return;
  }
  const ranked = rankEntries(ranking.entries, weights);
  const criteria = Object.keys(weights);
  const atRun = atRunWeights(ranking);
  const uncertain = (r: (typeof ranked)[number]) => [
    atRun ? formatNumber(r.entry.probabilityFirst, 2) : '—',
    atRun && r.entry.scoreInterval
      ? `${r.entry.scoreInterval.lower.toFixed(3)} – ${r.entry.scoreInterval.upper.toFixed(3)}`
      : '—',
  ];
  const rows = ranked.map((r) => [
    String(r.rank),
    r.entry.label,
    r.score.toFixed(3),
    ...uncertain(r),
    ...criteria.map((c) => formatNumber(r.entry.criteria[c], 3)),
  ]);
  const references = ranking.reference.map((r) => ['—', r.label, '—', '—', '—', ...criteria.map(() => '—')]);
  const t = table(
    ['rank', 'cloud', 'score', 'P(first)', 'score interval', ...criteria.map(criterionLabel)],
    [...rows, ...references],
  );
  t.id = 'ranking';
  byId('ranking-table').replaceChildren(t);
  byId('top-choice').textContent = decisionText(ranking, ranked, atRun);
  byId('ranking-method').textContent = [
    ranking.basis === 'emulated'
      ? 'Every cloud here ran on an emulator: the ranking shows the method applied to emulated figures, not a choice.'
      : '',
    ranking.method ? `Method: ${ranking.method}.` : '',
    atRun ? '' : "P(first) and intervals are shown for the run's weights only; reset the weights to see them.",
  ]
    .filter(Boolean)
    .join(' ');
  const maxWeight = Math.max(MAX_WEIGHT, ...Object.values(weights));
  const flips = topFlips(ranking.entries, weights, { maxWeight });
  byId('sensitivity').replaceChildren(
    el(
      'ul',
      {},
      flips.map((f) =>
        el('li', {
          text:
            f.at === null
              ? `${criterionLabel(f.criterion)}: no weight between 0 and ${maxWeight} changes the first-ranked cloud`
              : `${criterionLabel(f.criterion)}: at weight ${f.at} (now ${weights[f.criterion]}) the first-ranked cloud becomes ${ranking.entries.find((e) => e.provider === f.newTop)?.label ?? f.newTop}`,
        }),
      ),
    ),
  );
  await draw('fig-score', scoreFigure(ranking, weights, ranking.basis !== 'measured'));
}

/** Clauses of the cost model's notes worth a table cell: what is unknown, estimated or left out. */
const NOTE_CLAUSES = ['total unknown', 'estimated usage', 'not metered', 'free allowances not applied'];

/**
 * The run's and the month's notes reduced to those clauses, each once: the regime and the
 * projection's assumptions are in other columns and in the section's caption.
 */
function costNote(run: string | null | undefined, month: string | null | undefined): string {
  const clauses = (note: string | null | undefined) =>
    (note ? note.split('; ') : [])
      .map((c) => c.trim())
      .filter((c) => NOTE_CLAUSES.some((prefix) => c.startsWith(prefix)));
  const ofRun = clauses(run);
  const ofMonth = clauses(month)
    .filter((c) => !ofRun.includes(c))
    .map((c) => `a month: ${c}`);
  return [...new Set([...ofRun, ...ofMonth])].join('; ');
}

function renderCostTable(): void {
  const perMonth = Math.max(0, Number(byId<HTMLInputElement>('runs-per-month').value) || 0);
  const rows = run.providers
    .filter((p) => p.status !== 'skipped')
    .map((p) => {
      const c = p.cost;
      const currency = c?.currency ?? 'USD';
      const total = c?.total ?? null;
      const m = c?.monthly ?? null;
      const freeTier = !c
        ? 'unknown'
        : [
            c.freeTierRegime ?? (c.freeTierApplied ? 'applied' : 'not applied'),
            c.freeTierFit === null ? null : `${Math.round(c.freeTierFit * 100)} % of items within the allowance`,
          ]
            .filter(Boolean)
            .join(' · ');
      return [
        p.label,
        formatMoney(total, currency),
        total === null ? 'unknown' : formatMoney(total * perMonth, currency),
        m ? `${formatMoney(m.total, currency)} → ${formatMoney(m.totalAfterFreeTier, currency)}` : 'unknown',
        m ? formatMoney(m.platform, currency) : 'unknown',
        freeTier,
        costNote(c?.note, m?.note) || (c ? '' : 'no price table for this provider'),
      ];
    });
  byId('cost-table').replaceChildren(
    table(
      [
        'provider',
        'cost per run',
        `× ${perMonth} runs`,
        'month: before → after free tier',
        'of which platform',
        'free tier',
        'unknown or estimated',
      ],
      rows,
    ),
  );
}

async function renderRun(): Promise<void> {
  renderHeader();
  providerTable();
  renderWeights();
  const overview = latencyScenarios(run, (n) => !isPerQueryScenario(n));
  const perQuery = latencyScenarios(run, isPerQueryScenario);
  const scenarioSelect = byId<HTMLSelectElement>('scenario-select');
  const all = [...overview, ...perQuery];
  const current = all.includes(scenarioSelect.value)
    ? scenarioSelect.value
    : (all.find((s) => s === 'store.put') ?? all[0] ?? '');
  fillSelect(
    scenarioSelect,
    all.map((s) => ({ value: s, label: s })),
    current,
  );
  renderCostTable();
  await Promise.all([
    renderRanking(),
    run.ranking
      ? draw('fig-criteria', criteriaFigure(run.ranking, run.ranking.basis !== 'measured'))
      : Promise.resolve(),
    draw('fig-latency', latencyBarsFigure(run, overview, 'Latency per scenario and provider')),
    draw('fig-ecdf', latencyEcdfFigure(run, current)),
    draw(
      'fig-latency-queries',
      latencyBarsFigure(run, perQuery, 'Warm query latency, per dashboard query', (s) =>
        s.replace('warehouse.query.warm.', ''),
      ),
    ),
    draw('fig-throughput', stageThroughputFigure(run)),
    draw('fig-durations', stageDurationFigure(run)),
    draw('fig-cost', costFigure(run)),
    draw('fig-monthly', monthlyCostFigure(run)),
    draw('fig-free-tier', freeTierFigure(run)),
    draw('fig-reliability', reliabilityFigure(run)),
    draw('fig-history', historyFigure(data.runs, current)),
  ]);
}

async function main(): Promise<void> {
  const runSelect = byId<HTMLSelectElement>('run-select');
  fillSelect(
    runSelect,
    [...data.runs].reverse().map((r) => ({
      value: r.runId,
      label: `${r.startedAt.slice(0, 16).replace('T', ' ')} · ${r.runId}${r.anyEmulated ? ' · emulated' : ''}`,
    })),
    run.runId,
  );
  runSelect.addEventListener('change', () => {
    run = data.runs.find((r) => r.runId === runSelect.value) ?? run;
    void renderRun();
  });
  byId('scenario-select').addEventListener('change', () => {
    const scenario = byId<HTMLSelectElement>('scenario-select').value;
    void draw('fig-ecdf', latencyEcdfFigure(run, scenario));
    void draw('fig-history', historyFigure(data.runs, scenario));
  });
  byId('runs-per-month').addEventListener('input', renderCostTable);
  byId('reset-weights').addEventListener('click', () => {
    renderWeights();
    void renderRanking();
  });
  await renderRun();
  // For the browser tests and curious readers: the ranking the page shows for some weights.
  (window as unknown as Record<string, unknown>).jobbench = {
    rank: (w: Record<string, number>) =>
      rankEntries(run.ranking?.entries ?? [], w).map((r) => ({
        provider: r.entry.provider,
        score: r.score,
        rank: r.rank,
      })),
  };
  document.body.dataset.ready = 'true';
}

main().catch((error: unknown) => {
  document.body.dataset.ready = 'error';
  console.error(error);
});
