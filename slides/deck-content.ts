/**
 * The text slides of the deck, each generated from the results file (and the analysis):
 * the run, how it was measured, the market in numbers, what the run supports. Nothing
 * here states a fact the files do not hold. Pure: files in, Markdown out. Every string
 * from a file is escaped, since the deck is rendered with HTML enabled for its labels.
 */
import type { AnalysisReport } from '../analysis/report.ts';
import type { ProviderResult, Results } from '../results/schema.ts';
import { emulatedLabel, generatedLabel } from './deck-chart.ts';

const num = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const eur = (v: number | null | undefined) => (v === null || v === undefined ? 'n/a' : `${num.format(v)} €`);

/** Markdown-, table- and HTML-safe text from a file. */
export const text = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/([*_`[\]])/g, '\\$1');

/** A provider's name as every slide shows it: emulated figures are never unlabelled. */
export function providerLabel(p: Pick<ProviderResult, 'name' | 'emulated'>): string {
  return p.emulated ? `${p.name} (emulated)` : p.name;
}

export function labelSpans(labels: readonly string[]): string {
  return labels.map((l) => `<p class="label">${text(l)}</p>`).join('\n');
}

function table(head: string[], rows: string[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

/** Providers of the run measured on an emulator or this machine. */
export function emulatedNames(results: Results): string[] {
  return results.providers.filter((p) => p.emulated && p.status !== 'skipped').map((p) => p.name);
}

/** Every data label the run calls for: emulated providers, generated postings. */
export function runLabels(results: Results, analysis: AnalysisReport | null): string[] {
  const emulated = emulatedNames(results);
  const generated = analysis
    ? generatedLabel(analysis.postings.sources)
    : results.workload.sources.includes('sample')
      ? generatedLabel({ sample: 1 })
      : null;
  return [...(emulated.length > 0 ? [emulatedLabel(emulated)] : []), ...(generated ? [generated] : [])];
}

export function resultsTable(results: Results): string {
  if (results.providers.length === 0) return 'No provider in this results file.';
  return table(
    ['provider', 'status', 'region', 'loaded', 'quarantined', 'pipeline time', 'cost', 'lost / duplicated'],
    results.providers.map((p) => {
      const total = p.pipeline ? Object.values(p.pipeline.durationsMs).reduce((a, b) => a + b, 0) / 1000 : null;
      const cost = p.cost
        ? p.cost.total === null
          ? 'unknown'
          : `${p.cost.total.toFixed(4)} ${p.cost.currency}`
        : 'unknown';
      return [
        `**${text(providerLabel(p))}**`,
        p.status === 'ok' ? 'ok' : `${p.status}${p.reason ? `: ${text(p.reason.slice(0, 60))}` : ''}`,
        text(p.region),
        p.pipeline ? num.format(p.pipeline.loaded) : 'n/a',
        p.pipeline ? num.format(p.pipeline.quarantined) : 'n/a',
        total === null ? 'n/a' : `${total.toFixed(1)} s`,
        cost,
        p.reliability ? `${p.reliability.lost} / ${p.reliability.duplicated}` : 'n/a',
      ];
    }),
  );
}

/** One value per provider, or one value when they all agree. */
function perProvider(results: Results, value: (p: ProviderResult) => string | null | undefined): string {
  const values = results.providers
    .filter((p) => p.status !== 'skipped')
    .map((p) => ({ name: p.name, v: value(p) ?? 'not recorded' }));
  if (values.length === 0) return 'not recorded';
  if (values.every((x) => x.v === values[0]!.v)) return text(values[0]!.v);
  return values.map((x) => `${text(x.name)}: ${text(x.v)}`).join('; ');
}

/** How the run was measured, as its results file records it (not as the code could be configured). */
export function methodSlide(results: Results): string {
  const b = results.benchmark;
  const lines = [
    `- Workload: sources ${text(results.workload.sources.join(', ') || 'none')}, scale ${num.format(results.workload.scale)}, seed ${results.workload.seed}`,
    b
      ? `- Benchmark: ${b.repetitions} repetitions, concurrency ${b.concurrency}, ${b.targetRatePerSec === null ? 'closed loop' : `open loop at ${b.targetRatePerSec} ops/s`}, warm-up ${b.warmupOperations} operations, order ${text(b.interleaving)}`
      : '- Benchmark settings: not recorded in this results file',
    `- Operation deadlines: ${perProvider(results, (p) => p.reliability?.deadlines)}`,
    `- Retries: ${perProvider(results, (p) => p.reliability?.retryPolicy)}`,
    `- Injected faults: ${perProvider(results, (p) => p.reliability?.faults ?? (p.reliability ? 'none' : null))}`,
    `- Machine: ${results.machine.cpus} CPU, ${(results.machine.memoryBytes / 2 ** 30).toFixed(1)} GiB, Node ${text(results.machine.node)}; jobbench ${text(results.tool.version)}${results.tool.gitSha ? ` (${results.tool.gitSha.slice(0, 8)})` : ''}`,
  ];
  return lines.join('\n');
}

export function marketSummary(analysis: AnalysisReport): string {
  const p = analysis.postings;
  const sources = Object.entries(p.sources)
    .sort((a, b) => b[1] - a[1])
    .map(([s, n]) => `${text(s)} ${num.format(n)}`)
    .join(', ');
  const o = analysis.salary.outliers;
  return [
    `- **${num.format(p.total)} postings**, ${num.format(p.withSalary)} with a salary (${num.format(p.predictedSalary)} predicted by the source)`,
    `- Sources: ${sources || 'none'}`,
    `- Median salary (robust): **${eur(analysis.salary.robust?.median)}** a year; p25–p75 ${eur(analysis.salary.robust?.p25)} – ${eur(analysis.salary.robust?.p75)}`,
    `- Outliers: ${o.modifiedZCount} salaries with |modified z| > 3.5 left out of the robust figures; ${o.iqrCount} outside the IQR fences`,
  ].join('\n');
}

/** What the run can and cannot be used for, from its own labels and decision. */
export function supportsSlide(results: Results, analysis: AnalysisReport | null): string {
  const lines: string[] = [];
  const emulated = emulatedNames(results);
  const real = results.providers.filter((p) => !p.emulated && p.status === 'ok').map((p) => p.name);
  if (real.length > 0)
    lines.push(`- Measured on the real cloud: ${text(real.join(', '))} (${results.startedAt.slice(0, 10)})`);
  if (emulated.length > 0)
    lines.push(
      `- Measured on emulators or this machine: ${text(emulated.join(', '))}. Their latency and throughput say nothing about the real service; rerun with \`jobbench run --provider aws,gcp,azure\` and credentials before choosing`,
    );
  const failed = results.providers.filter((p) => p.status === 'failed').map((p) => p.name);
  if (failed.length > 0)
    lines.push(`- Failed in this run: ${text(failed.join(', '))}: no figure of theirs is compared`);
  const d = results.recommendation?.decision;
  lines.push(
    d?.kind === 'cloud'
      ? `- Decision at the run's weights: **${text(d.cloud ?? '')}**`
      : `- Decision: no cloud named${d ? ` (${text(d.reason)})` : ''}`,
  );
  const generated = analysis ? generatedLabel(analysis.postings.sources) : null;
  if (generated)
    lines.push(
      '- The postings come from the sample generator: collect real sources (`--sources adzuna,francetravail`) before reading the market',
    );
  else if (analysis)
    lines.push(
      `- The market figures describe ${num.format(analysis.postings.total)} postings collected on ${results.startedAt.slice(0, 10)} from ${text(Object.keys(analysis.postings.sources).join(', '))}`,
    );
  return lines.join('\n');
}

/** Replaces every `{{name}}`; an unknown placeholder is a template bug, so it throws. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`slides/template.md uses {{${name}}}, which the deck does not provide`);
    return value;
  });
}
