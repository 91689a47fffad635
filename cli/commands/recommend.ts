/** `jobbench recommend`: rank the providers of a results file with the user's weights. */
import path from 'node:path';
import Table from 'cli-table3';
import { DEFAULT_WEIGHTS, rankProviders, type Weights } from '../../benchmarks/recommend.ts';
import { readResultsFile } from '../../results/store.ts';
import type { Io } from '../io.ts';
import { UsageError } from '../usage-error.ts';

export async function recommendCommand(options: { results: string; weights: Partial<Weights>; json: boolean }, io: Io): Promise<number> {
  const file = path.resolve(io.cwd, options.results);
  const results = await readResultsFile(file).catch((error: unknown) => {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  });
  const weights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const recommendation = rankProviders(results.providers, weights);
  if (!recommendation) {
    io.stderr(`jobbench: no provider succeeded in ${options.results}: nothing to rank\n`);
    return 1;
  }
  if (options.json) {
    io.stdout(`${JSON.stringify(recommendation, null, 2)}\n`);
    return 0;
  }
  const table = new Table({ head: ['rank', 'provider', 'score', ...Object.keys(weights)], style: { head: [], border: [] } });
  for (const entry of recommendation.ranking) {
    table.push([entry.rank, entry.emulated ? `${entry.provider} (emulated)` : entry.provider, entry.score.toFixed(3),
      ...Object.keys(weights).map((c) => (entry.criteria[c] === null || entry.criteria[c] === undefined ? 'n/a' : entry.criteria[c]!.toFixed(3)))]);
  }
  io.stdout(`${table.toString()}\n`);
  io.stdout(`weights: ${Object.entries(weights).map(([k, v]) => `${k}=${v}`).join(', ')}\n`);
  if (recommendation.caveat) io.stdout(`${recommendation.caveat}\n`);
  return 0;
}
