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

function recommendation(results: Results): string {
  const rec = results.recommendation;
  if (!rec || rec.ranking.length === 0) return 'No provider completed the run: there is nothing to rank yet.';
  const criteria = Object.keys(rec.weights);
  const lines = [
    table(
      ['rank', 'provider', 'score', ...criteria],
      rec.ranking.map((r) => [String(r.rank), `**${r.emulated ? `${r.provider} (emulated)` : r.provider}**`, r.score.toFixed(3),
        ...criteria.map((c) => (r.criteria[c] === null || r.criteria[c] === undefined ? 'n/a' : r.criteria[c]!.toFixed(2)))]),
    ),
    '',
    `Weights: ${criteria.map((c) => `${c} ${rec.weights[c]}`).join(', ')} (change them with \`jobbench recommend --weights …\`).`,
  ];
  const top = rec.ranking[0]!;
  if (rec.ranking.length === 1) lines.push('', `Only **${top.provider}** was measured in this run: run \`jobbench run --provider all\` to compare clouds.`);
  else lines.push('', `Top-ranked with these weights: **${top.provider}**.`);
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
