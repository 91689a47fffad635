/**
 * The workload options `run` and `collect` share — which sources, how many sample postings,
 * which seed — declared once, with the defaults of `DEFAULT_WORKLOAD`.
 */
import { Option, type Command } from 'commander';
import { DEFAULT_WORKLOAD } from '../benchmarks/scenarios/scenario.ts';
import { SOURCE_NAMES } from '../pipeline/sources/source.ts';
import { parseInteger, parseList, parseNonNegativeInt } from './parse-options.ts';

/** Adds `--sources`, `--scale` and `--seed` to `command` and returns it, for chaining. */
export function withWorkloadOptions(command: Command): Command {
  return (
    command
      // A list default is shown as the text that gives it, as commander quotes a string default.
      .addOption(
        new Option('--sources <names>', `sources: ${SOURCE_NAMES.join(', ')}`)
          .argParser((value) => parseList('--sources', value))
          .default([...DEFAULT_WORKLOAD.sources], JSON.stringify(DEFAULT_WORKLOAD.sources.join(','))),
      )
      .option(
        '--scale <n>',
        'postings the sample source generates',
        (value) => parseNonNegativeInt('--scale', value),
        DEFAULT_WORKLOAD.scale,
      )
      .option(
        '--seed <s>',
        'seed of the sample source',
        (value) => parseInteger('--seed', value),
        DEFAULT_WORKLOAD.seed,
      )
  );
}
