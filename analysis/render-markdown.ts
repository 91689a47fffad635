/**
 * The analysis report as Markdown: what `jobbench analyze` prints and stores next to
 * the JSON. Tables only hold figures from the report; nothing is recomputed here.
 */
import { generatedPostingsNotice } from '../results/generated-postings.ts';
import type { Distribution } from './distribution.ts';
import type { GroupStats } from './group-stats.ts';
import type { AnalysisReport } from './report.ts';

const eur = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const money = (v: number | null | undefined) => (v === null || v === undefined ? 'n/a' : eur.format(v));
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const fixed = (v: number | null | undefined, digits = 3) => (v === null || v === undefined ? 'n/a' : v.toFixed(digits));
/** Outliers listed in the Markdown (the JSON keeps more). */
const MARKDOWN_OUTLIERS = 15;
/**
 * Text from the data in Markdown: a pipe would break a table cell, and `<…>` or `[…](…)`
 * in a company or skill name would become HTML or a live link wherever the report is
 * rendered (GitHub, the slides). CommonMark's backslash escape keeps them as text.
 */
const cell = (s: string) => s.replace(/[|<>[\]]/g, '\\$&');

/** Right-aligns the columns whose cells are all figures. */
function table(head: string[], rows: string[][]): string {
  const numeric = head.map((_, c) => c > 0 && rows.every((r) => /^(n\/a|[-\d.,%×–]*)$/.test(r[c] ?? '')));
  return [
    `| ${head.join(' | ')} |`,
    `|${numeric.map((n) => (n ? ' ---: ' : ' --- ')).join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

function groupTable(title: string, groupName: string, groups: readonly GroupStats[]): string {
  if (groups.length === 0) return `### ${title}\n\nNo postings.\n`;
  const rows = groups.map((g) => [
    cell(g.group),
    String(g.postings),
    String(g.withSalary),
    String(g.outliers),
    money(g.robust?.median),
    money(g.robust?.p25),
    money(g.robust?.p75),
    money(g.robust?.mad),
    money(g.all?.mean),
    money(g.robust?.mean),
  ]);
  return `### ${title}\n\n${table(
    [groupName, 'postings', 'with salary', 'outliers', 'median', 'p25', 'p75', 'MAD', 'mean (all)', 'mean (robust)'],
    rows,
  )}\n`;
}

function distributionLine(label: string, d: Distribution | null): string {
  if (!d) return `- ${label}: no salary known`;
  return (
    `- ${label}: n = ${d.count}, median ${money(d.median)}, mean ${money(d.mean)}, std ${money(d.std)}, ` +
    `p10–p90 ${money(d.p10)}–${money(d.p90)}, IQR ${money(d.iqr)}, MAD ${money(d.mad)}, range ${money(d.min)}–${money(d.max)}`
  );
}

function outlierSection(report: AnalysisReport): string {
  const o = report.salary.outliers;
  if (!o.rules) return '## Outliers\n\nNo salaries, so no outliers.\n';
  const { iqr, modifiedZ } = o.rules;
  const scale =
    modifiedZ.scaleFrom === 'mad'
      ? `MAD ${money(modifiedZ.mad)} (scale MAD/0.6745 = ${money(modifiedZ.scale)})`
      : modifiedZ.scaleFrom === 'mean-absolute-deviation'
        ? `MAD is 0, so the scale is 1.2533 × mean absolute deviation = ${money(modifiedZ.scale)}`
        : 'every salary is equal: no z-score';
  const lines = [
    '## Outliers',
    '',
    `- IQR fences (Q1 − ${iqr.factor}·IQR, Q3 + ${iqr.factor}·IQR): ${money(iqr.lower)} to ${money(iqr.upper)} — ${o.iqrCount} posting(s) outside.`,
    `- Modified z-score (Iglewicz–Hoaglin, |z| > ${modifiedZ.threshold}) around the median ${money(modifiedZ.median)}, ${scale} — ` +
      `${o.modifiedZCount} posting(s) flagged, **excluded from every robust figure**.`,
    `- Flagged by both rules: ${o.bothCount}.`,
  ];
  const shown = o.listed.slice(0, MARKDOWN_OUTLIERS);
  if (shown.length > 0) {
    lines.push(
      '',
      table(
        ['posting', 'source', 'salary midpoint', 'modified z', 'IQR', 'z rule', 'seniority', 'région', 'contract'],
        shown.map((x) => [
          cell(x.id),
          cell(x.source),
          money(x.salaryMid),
          fixed(x.z, 2),
          x.byIqr ? 'yes' : '',
          x.byModifiedZ ? 'excluded' : '',
          cell(x.seniority ?? ''),
          cell(x.region ?? ''),
          cell(x.contractType ?? ''),
        ]),
      ),
    );
    const flagged = o.iqrCount + o.modifiedZCount - o.bothCount;
    if (flagged > shown.length)
      lines.push(
        '',
        `The ${shown.length} most extreme of ${flagged} flagged postings; the JSON report lists up to ${o.listLimit}.`,
      );
  }
  return `${lines.join('\n')}\n`;
}

function clusteringSection(report: AnalysisReport): string {
  const c = report.clustering;
  if (c.status === 'skipped') return `## Skill clusters\n\nSkipped: ${c.reason}.\n`;
  const candidates = table(
    ['k', 'silhouette', 'inertia'],
    [
      ['1', 'n/a', fixed(c.inertiaK1, 1)],
      ...c.candidates.map((k) => [
        `${k.k}${k.k === c.chosenK ? ' (chosen)' : ''}`,
        fixed(k.silhouette),
        fixed(k.inertia, 1),
      ]),
    ],
  );
  const clusters = table(
    [
      'cluster',
      'size',
      'share',
      'top skills (share in cluster, lift)',
      'with salary',
      'median (robust)',
      'p25–p75 (robust)',
    ],
    c.clusters.map((k) => [
      `${k.id}. ${cell(k.label)}`,
      String(k.size),
      pct(k.share),
      cell(k.topSkills.map((s) => `${s.skill} ${pct(s.share)} ×${s.lift.toFixed(2)}`).join(', ')),
      String(k.salary.withSalary),
      money(k.salary.robust?.median),
      `${money(k.salary.robust?.p25)}–${money(k.salary.robust?.p75)}`,
    ]),
  );
  return [
    '## Skill clusters',
    '',
    `k-means on binary profiles over the ${c.features.length} most frequent skills; ${c.clustered} postings clustered ` +
      `(${c.unclustered} without any of those skills left out), ${c.distinctProfiles} distinct profiles, seed ${c.seed}.`,
    `k = ${c.chosenK} has the highest silhouette (${c.silhouette.method === 'exact' ? 'exact' : `seeded sample of ${c.silhouette.points} postings`}); ` +
      `the elbow of the inertia curve is at ${c.elbowK === null ? 'no clear k' : `k = ${c.elbowK}`}.`,
    '',
    candidates,
    '',
    clusters,
    '',
  ].join('\n');
}

/** The report as a Markdown document. */
export function renderAnalysisMarkdown(report: AnalysisReport): string {
  const p = report.postings;
  const sources = Object.entries(p.sources)
    .map(([s, n]) => `${cell(s)} ${n}`)
    .join(', ');
  // Right under the title: whoever opens the report reads it before any figure.
  const generated = generatedPostingsNotice(p.sources);
  return [
    `# Job-market analysis — run ${report.runId}`,
    '',
    ...(generated ? [`> **${cell(generated)}**`, ''] : []),
    `Snapshot from the ${report.provider} warehouse (${report.snapshotGeneratedAt}); analysis generated ${report.generatedAt}.`,
    `Sources: ${sources || 'none'}. Salaries are annual EUR midpoints of the posted range.`,
    '',
    '## Salaries',
    '',
    `${p.total} postings, ${p.withSalary} with a salary (${p.total > 0 ? pct(p.withSalary / p.total) : 'n/a'}), ${p.predictedSalary} of them estimated by the source.`,
    '',
    distributionLine('All', report.salary.all),
    distributionLine('Robust (outliers excluded)', report.salary.robust),
    '',
    outlierSection(report),
    '## Salary by group',
    '',
    'Medians, quartiles and MAD are robust (outliers excluded); "mean (all)" keeps them, to show their pull.',
    '',
    groupTable('By seniority', 'seniority', report.bySeniority),
    groupTable('By région', 'région', report.byRegion),
    groupTable('By contract type', 'contract', report.byContractType),
    groupTable(`By skill (top ${report.bySkill.length})`, 'skill', report.bySkill),
    clusteringSection(report),
  ].join('\n');
}
