/** `jobbench compare A.json B.json`: per-scenario differences with confidence intervals. */
import path from 'node:path';
import Table from 'cli-table3';
import { compareResults, type MetricDiff } from '../../results/compare.ts';
import { readResultsFile } from '../../results/store.ts';
import type { Io } from '../io.ts';
import { UsageError } from '../usage-error.ts';

const fmt = (v: number | null) => (v === null ? '—' : Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(3));
const pct = (v: number | null) => (v === null ? '' : ` (${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}%)`);
const mark: Record<MetricDiff['significance'], string> = {
  regression: 'REGRESSION',
  improvement: 'better',
  'no-change': '=',
  unknown: '?',
};

export async function compareCommand(options: { a: string; b: string; json: boolean }, io: Io): Promise<number> {
  const read = (file: string) =>
    readResultsFile(path.resolve(io.cwd, file)).catch((error: unknown) => {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    });
  const [a, b] = [await read(options.a), await read(options.b)];
  const comparison = compareResults(a, b);
  if (options.json) {
    io.stdout(`${JSON.stringify(comparison, null, 2)}\n`);
    return 0;
  }
  if (comparison.scenarios.length === 0) {
    io.stdout(
      'No scenario in common between the two files (no provider with the same name, and not one provider each).\n',
    );
    return 0;
  }
  const table = new Table({
    head: ['provider', 'scenario', 'p50 ms A → B', '', 'p95 ms A → B', '', 'ops/s A → B', ''],
    style: { head: [], border: [] },
  });
  for (const s of comparison.scenarios) {
    const cells = s.metrics.flatMap((m) => [`${fmt(m.a)} → ${fmt(m.b)}${pct(m.relative)}`, mark[m.significance]]);
    const who = s.providerA === s.providerB ? s.providerA : `${s.providerA} → ${s.providerB}`;
    table.push([
      s.emulated ? `${who} *` : who,
      s.statusA === s.statusB ? s.scenario : `${s.scenario} (${s.statusA} → ${s.statusB})`,
      ...cells,
    ]);
  }
  io.stdout(
    `A: ${comparison.a.runId} (${comparison.a.startedAt})\nB: ${comparison.b.runId} (${comparison.b.startedAt})\n`,
  );
  io.stdout(`${table.toString()}\n`);
  for (const c of comparison.costs) {
    const who = c.providerA === c.providerB ? c.providerA : `${c.providerA} → ${c.providerB}`;
    io.stdout(`cost ${who}: ${c.a ?? 'unknown'} → ${c.b ?? 'unknown'} ${c.currency ?? ''}\n`);
  }
  io.stdout(
    `${comparison.regressions} significant regression(s). Significance: bootstrap of the difference of per-repetition medians (95%), else non-overlapping intervals; "?" = no interval to decide.\n`,
  );
  if (comparison.caveat) io.stdout(`* ${comparison.caveat}\n`);
  return 0;
}
