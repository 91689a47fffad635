/**
 * Declares `jobbench results pull`: the results the stacks' runners published in their lakes,
 * brought into the results directory and ranked together. The SDKs load only when it runs.
 */
import type { Command } from 'commander';
import { CRITERIA } from '../../benchmarks/recommend/rank-criteria.ts';
import type { Weights } from '../../benchmarks/recommend/recommend.ts';
import type { CommandContext } from '../command.ts';
import { DEFAULT_DIRS } from '../defaults.ts';
import { parseList, parseWeights } from '../parse-options.ts';

interface PullFlags {
  stackOutputs: string[];
  resultsDir: string;
  weights?: Partial<Weights>;
  json?: true;
}

export function registerResults(program: Command, context: CommandContext): void {
  const results = program.command('results').description('results published by the in-region runners');
  results
    .command('pull')
    .description(
      "copy every run published in each deployed stack's lake (results/) into the results directory, and rank the newest run of each cloud together",
    )
    .requiredOption(
      '--stack-outputs <files>',
      'Terraform outputs JSON of each deployed stack (comma-separated), see docs/infrastructure.md',
      (value) => parseList('--stack-outputs', value),
    )
    .option('--results-dir <dir>', 'where the results are written', DEFAULT_DIRS.results)
    .option('--weights <pairs>', `recommendation weights, e.g. latency=1,cost=2 (${CRITERIA.join(', ')})`, (value) =>
      parseWeights(value, CRITERIA),
    )
    .option('--json', 'print what was pulled and the comparison as JSON')
    .action(async (flags: PullFlags) => {
      const { resultsPullCommand } = await import('./results-pull.ts');
      context.setExitCode(
        await resultsPullCommand(
          {
            stackOutputs: flags.stackOutputs,
            resultsDir: flags.resultsDir,
            ...(flags.weights ? { weights: flags.weights } : {}),
            json: Boolean(flags.json),
          },
          context.io,
        ),
      );
    });
}
