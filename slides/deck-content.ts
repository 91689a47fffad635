/**
 * The figures of the slide deck, as Markdown snippets keyed by the placeholders of
 * slides/template.md. Pure: results file + analysis report in, text out. Every figure
 * comes from those two files; emulated providers are labelled on every slide that
 * shows them.
 */
import type { AnalysisReport } from '../analysis/report.ts';
import type { ProviderResult, Results } from '../results/schema.ts';

const num = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const eur = (v: number | null | undefined) => (v === null || v === undefined ? 'n/a' : `${num.format(v)} €`);
const ms = (v: number | null | undefined) => (v === null || v === undefined ? 'n/a' : v < 10 ? v.toFixed(2) : v.toFixed(0));
/** Table-safe and HTML-safe (the deck is rendered with HTML enabled for its caveat spans). */
const cell = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|');

/** A provider's name as every slide shows it: emulated figures are never unlabelled. */
export function providerLabel(p: Pick<ProviderResult, 'name' | 'emulated'>): string {
  return p.emulated ? `${p.name} (emulated)` : p.name;
}

function table(head: string[], rows: string[][]): string {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function resultsTable(results: Results): string {
  if (results.providers.length === 0) return 'No provider in this results file.';
  return table(
    ['provider', 'status', 'region', 'postings loaded', 'quarantined', 'pipeline time', 'cost', 'lost / duplicated'],
    results.providers.map((p) => {
      const total = p.pipeline ? Object.values(p.pipeline.durationsMs).reduce((a, b) => a + b, 0) / 1000 : null;
      const cost = p.cost ? (p.cost.total === null ? 'unknown' : `${p.cost.total.toFixed(4)} ${p.cost.currency}`) : 'unknown';
      return [
        `**${providerLabel(p)}**`,
        p.status === 'ok' ? 'ok' : `${p.status}${p.reason ? `: ${cell(p.reason.slice(0, 60))}` : ''}`,
        p.region,
        p.pipeline ? num.format(p.pipeline.loaded) : 'n/a',
        p.pipeline ? num.format(p.pipeline.quarantined) : 'n/a',
        total === null ? 'n/a' : `${total.toFixed(1)} s`,
        cost,
        p.reliability ? `${p.reliability.lost} / ${p.reliability.duplicated}` : 'n/a',
      ];
    }),
  );
}

/** The operations compared across providers on the latency slide. */
const LATENCY_SCENARIOS = ['store.put', 'store.get', 'store.list', 'warehouse.load', 'warehouse.query.cold', 'warehouse.query.warm'];

function latencyTable(results: Results): string {
  const providers = results.providers.filter((p) => p.scenarios.length > 0);
  if (providers.length === 0) return 'No measured operation in this results file.';
  return table(
    ['operation', ...providers.map(providerLabel)],
    LATENCY_SCENARIOS.map((name) => [
      `\`${name}\``,
      ...providers.map((p) => {
        const s = p.scenarios.find((x) => x.name === name);
        if (!s || s.status === 'skipped' || !s.latencyMs) return 'n/a';
        return `${ms(s.latencyMs.p50)} / ${ms(s.latencyMs.p95)}${s.status === 'failed' ? ' (failed)' : ''}`;
      }),
    ]),
  );
}

/** Providers never ranked: files before v3 ranked them with the clouds, the deck shows them apart. */
const REFERENCE_PROVIDERS = ['local'];

function recommendation(results: Results): string {
  const rec = results.recommendation;
  if (!rec) return 'no recommendation: no provider completed the run, there is nothing to rank yet.';
  const clouds = rec.ranking.filter((r) => !REFERENCE_PROVIDERS.includes(r.provider)).sort((a, b) => a.rank - b.rank);
  const references = rec.reference?.map((r) => r.provider) ?? results.providers.filter((p) => REFERENCE_PROVIDERS.includes(p.name)).map((p) => p.name);
  const criteria = Object.keys(rec.weights);
  const two = (v: number | null | undefined) => (v === null || v === undefined ? 'n/a' : v.toFixed(2));
  const allEmulated = clouds.length > 0 && clouds.every((r) => r.emulated);
  const lines: string[] = [];
  if (clouds.length > 0) {
    if (allEmulated) lines.push('<span class="caveat">Emulated figures: the method applied to them, not a choice.</span>', '');
    lines.push(table(
      ['rank', 'cloud', 'score', 'interval', 'P(first)', ...criteria],
      [
        ...clouds.map((r, i) => [String(i + 1), `**${r.emulated ? `${r.provider} (emulated)` : r.provider}**`, r.score.toFixed(3),
          r.scoreInterval ? `${r.scoreInterval.lower.toFixed(3)}–${r.scoreInterval.upper.toFixed(3)}` : 'n/a', two(r.probabilityFirst),
          ...criteria.map((c) => two(r.criteria[c]))]),
        ...references.map((name) => ['—', `${name} (reference)`, 'not ranked', '—', '—', ...criteria.map(() => '—')]),
      ],
    ), '');
  }
  lines.push(`Weights: ${criteria.map((c) => `${c} ${rec.weights[c]}`).join(', ')} (change them with \`jobbench recommend --weights …\`).`, '');
  const d = rec.decision;
  if (!d) lines.push('no recommendation: this results file predates the decision rule; rank it again with `jobbench recommend --results FILE`.');
  else if (d.kind === 'none') lines.push(`no recommendation: ${cell(d.reason)}.`);
  else lines.push(`Recommended with these weights: **${d.cloud}** (${cell(d.reason)}).`);
  if (rec.caveat) lines.push('', `<span class="caveat">${rec.caveat}</span>`);
  return lines.join('\n');
}

function marketSlide(analysis: AnalysisReport | null): string {
  if (!analysis) return 'No analysis yet: run `jobbench analyze` after `jobbench run`, then rebuild the slides.';
  const generated = Object.keys(analysis.postings.sources).every((s) => s === 'sample');
  const seniority = analysis.bySeniority.filter((g) => g.robust !== null);
  const skills = analysis.bySkill.slice(0, 5).map((g) => `${g.group} (${Math.round((g.postings / analysis.postings.total) * 100)}%)`).join(', ');
  const o = analysis.salary.outliers;
  return [
    generated ? '<span class="caveat">Generated sample data: these figures describe the sample generator, not the real market.</span>\n' : '',
    `${num.format(analysis.postings.total)} postings, ${num.format(analysis.postings.withSalary)} with a salary; median ${eur(analysis.salary.robust?.median)} a year (robust).`,
    '',
    table(['seniority', 'postings', 'median (robust)', 'p25 – p75'],
      seniority.map((g) => [g.group, num.format(g.postings), eur(g.robust!.median), `${eur(g.robust!.p25)} – ${eur(g.robust!.p75)}`])),
    '',
    `Most requested skills: ${skills || 'none'}.`,
    '',
    `Outliers: ${o.modifiedZCount} salaries with |modified z| > 3.5 excluded from robust figures; ${o.iqrCount} outside the IQR fences.`,
  ].join('\n');
}

function clusterSlide(analysis: AnalysisReport | null): string {
  if (!analysis) return 'No analysis yet.';
  const c = analysis.clustering;
  if (c.status === 'skipped') return `Clustering skipped: ${c.reason}.`;
  const best = c.candidates.find((k) => k.k === c.chosenK);
  return [
    table(['profile', 'postings', 'share', 'median salary (robust)'],
      c.clusters.map((k) => [cell(k.label), num.format(k.size), `${(k.share * 100).toFixed(0)}%`, eur(k.salary.robust?.median)])),
    '',
    `k = ${c.chosenK} chosen by silhouette (${best?.silhouette?.toFixed(3) ?? 'n/a'}) over k = ${c.candidates[0]?.k}..${c.candidates[c.candidates.length - 1]?.k}; ` +
      `elbow at ${c.elbowK === null ? 'no clear k' : `k = ${c.elbowK}`}. Features: the ${c.features.length} most frequent skills.`,
  ].join('\n');
}

/** Values of every placeholder in slides/template.md. */
export function deckValues(results: Results, analysis: AnalysisReport | null): Record<string, string> {
  const emulated = results.providers.filter((p) => p.emulated).map((p) => p.name);
  return {
    runId: results.runId,
    runDate: results.startedAt.slice(0, 10),
    sources: results.workload.sources.join(', '),
    scale: num.format(results.workload.scale),
    resultsTable: resultsTable(results),
    emulatedNote: emulated.length > 0
      ? `<span class="caveat">Emulated: ${emulated.join(', ')} — measured on an emulator or this machine; says nothing about the real cloud.</span>`
      : 'Every figure was measured on the real cloud.',
    latencyTable: latencyTable(results),
    recommendation: recommendation(results),
    marketSlide: marketSlide(analysis),
    clusterSlide: clusterSlide(analysis),
  };
}

/** Replaces every `{{name}}`; an unknown placeholder is a template bug, so it throws. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`slides/template.md uses {{${name}}}, which the deck does not provide`);
    return value;
  });
}
