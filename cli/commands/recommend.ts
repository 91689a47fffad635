/** `jobbench recommend`: rank the clouds of a results file with the user's weights, with P(first) and intervals. */
import path from 'node:path';
import Table from 'cli-table3';
import { CRITERION_DEFINITIONS } from '../../benchmarks/recommend/rank-criteria.ts';
import {
  DEFAULT_WEIGHTS,
  noRecommendationLine,
  rankProviders,
  type Recommendation,
  type Weights,
} from '../../benchmarks/recommend/recommend.ts';
import { weightSensitivity } from '../../benchmarks/recommend/sensitivity.ts';
import { readResultsFile } from '../../results/store.ts';
import { vantageLabel } from '../../results/vantage.ts';
import type { Io } from '../io.ts';
import { UsageError } from '../usage-error.ts';

const num = (v: number | null | undefined, digits = 3) => (v === null || v === undefined ? 'n/a' : v.toFixed(digits));
const figure = (v: number | null | undefined) =>
  v === null || v === undefined ? 'n/a' : Math.abs(v) >= 100 ? v.toFixed(0) : String(v);

function rankingTable(rec: Recommendation, groups: string[]): string {
  const table = new Table({
    head: [
      'rank',
      'cloud',
      'score',
      `${Math.round((rec.method?.confidence ?? 0.95) * 100)} % interval`,
      'P(first)',
      ...groups,
    ],
    style: { head: [], border: [] },
  });
  for (const entry of rec.ranking) {
    const interval = entry.scoreInterval
      ? `${num(entry.scoreInterval.lower)} – ${num(entry.scoreInterval.upper)}`
      : 'n/a';
    table.push([
      entry.rank,
      entry.emulated ? `${entry.provider} (emulated)` : entry.provider,
      num(entry.score),
      interval,
      num(entry.probabilityFirst, 2),
      ...groups.map((c) => num(entry.criteria[c])),
    ]);
  }
  for (const ref of rec.reference ?? []) {
    table.push([
      '—',
      `${ref.provider} (reference${ref.emulated ? ', this machine' : ''})`,
      'not ranked',
      '—',
      '—',
      ...groups.map(() => '—'),
    ]);
  }
  return table.toString();
}

/** The figures behind the scores, in their units, with the reference beside the clouds. */
function figuresTable(rec: Recommendation): string {
  const columns = [
    ...rec.ranking.map((e) => ({
      name: e.emulated ? `${e.provider} (emulated)` : e.provider,
      figures: e.figures ?? {},
    })),
    ...(rec.reference ?? []).map((r) => ({ name: `${r.provider} (reference)`, figures: r.figures })),
  ];
  const table = new Table({
    head: ['criterion', 'group', 'unit', ...columns.map((c) => c.name)],
    style: { head: [], border: [] },
  });
  for (const c of CRITERION_DEFINITIONS)
    table.push([c.label, c.group, c.unit, ...columns.map((col) => figure(col.figures[c.id]))]);
  return table.toString();
}

export async function recommendCommand(
  options: { results: string; weights: Partial<Weights>; json: boolean },
  io: Io,
): Promise<number> {
  const file = path.resolve(io.cwd, options.results);
  const results = await readResultsFile(file).catch((error: unknown) => {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  });
  const weights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const ranked = rankProviders(results.providers, weights, { seed: results.benchmark?.seed ?? 1 });
  if (!ranked) {
    io.stderr(`jobbench: no provider succeeded in ${options.results}: nothing to rank\n`);
    return 1;
  }
  const recommendation: Recommendation = { ...ranked, sensitivity: weightSensitivity(results.providers, weights) };
  if (options.json) {
    io.stdout(`${JSON.stringify(recommendation, null, 2)}\n`);
    return 0;
  }
  const groups = Object.keys(weights);
  if (recommendation.basis === 'emulated')
    io.stdout('Ranking of emulated figures (the method applied to them; no choice can be read from it):\n');
  io.stdout(`${rankingTable(recommendation, groups)}\n`);
  io.stdout(
    `weights: ${Object.entries(weights)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}\n`,
  );
  if (recommendation.ranking.length > 0) io.stdout(`${figuresTable(recommendation)}\n`);
  io.stdout(
    `measured from: ${results.providers.map((p) => `${p.name} ${vantageLabel(p.vantage)}`).join('; ')}${results.combinedFrom ? ` (combined from ${results.combinedFrom.length} runs, one per cloud, each at its own time)` : ''}\n`,
  );
  for (const flip of recommendation.sensitivity ?? []) {
    io.stdout(`sensitivity: ${flip.criterion} at ${flip.to} (now ${flip.from}) puts ${flip.newTop} first\n`);
  }
  const none = noRecommendationLine(recommendation);
  if (none) io.stdout(`${none}\n`);
  else io.stdout(`recommendation: ${recommendation.decision!.cloud} — ${recommendation.decision!.reason}\n`);
  if (recommendation.caveat) io.stdout(`${recommendation.caveat}\n`);
  return 0;
}
