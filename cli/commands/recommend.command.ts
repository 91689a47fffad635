/** Declares `jobbench recommend`; the ranking loads only when the command runs. */
import type { Command } from 'commander';
import { CRITERIA } from '../../benchmarks/recommend/rank-criteria.ts';
import type { Weights } from '../../benchmarks/recommend/recommend.ts';
import type { CommandContext } from '../command.ts';
import { defaultResultsPath } from '../defaults.ts';
import { parseWeights } from '../parse-options.ts';

interface RecommendFlags {
  results: string;
  weights?: Partial<Weights>;
  json?: true;
}

export function registerRecommend(program: Command, context: CommandContext): void {
  program
    .command('recommend')
    .description('rank the clouds of a results file with your weights: P(first), score intervals, local as a reference')
    .option('--results <file>', 'results file', defaultResultsPath('latest.json'))
    .option(
      '--weights <pairs>',
      `e.g. latency=1,cost=2 (${CRITERIA.join(', ')})`,
      // An empty --weights keeps the default weights.
      (value) => (value ? parseWeights(value, CRITERIA) : {}),
    )
    .option('--json', 'print the ranking as JSON')
    .action(async (flags: RecommendFlags) => {
      const { recommendCommand } = await import('./recommend.ts');
      const options = { results: flags.results, weights: flags.weights ?? {}, json: Boolean(flags.json) };
      context.setExitCode(await recommendCommand(options, context.io));
    });
}
