/**
 * Declares `jobbench run` and its options, each parsed to its type as commander reads it.
 * The workload and benchmark defaults are the benchmark's own (benchmarks/scenarios/
 * scenario.ts): the help prints them from there, so it cannot drift from what a run does.
 * The run itself (SDKs, PGlite, the dashboards) loads only when the command runs.
 */
import { Option, type Command } from 'commander';
import { CRITERIA } from '../../benchmarks/recommend/rank-criteria.ts';
import type { Weights } from '../../benchmarks/recommend/recommend.ts';
import { DEFAULT_SCENARIO_SETTINGS } from '../../benchmarks/scenarios/scenario.ts';
import type { ProviderName } from '../../providers/core/provider.ts';
import { VANTAGE_CLAIMS, type VantageClaim } from '../../benchmarks/vantage.ts';
import type { CommandContext } from '../command.ts';
import { withWorkloadOptions } from '../workload-options.ts';
import { withStackOutputFiles } from '../stack-output-files.ts';
import { DEFAULT_DIRS, DEFAULT_PROVIDER } from '../defaults.ts';
import {
  parseList,
  parseNonNegativeInt,
  parsePositiveInt,
  parsePositiveNumber,
  parseProviders,
  parseWeights,
} from '../parse-options.ts';
import type { RunCommandOptions } from './run.ts';

const MIB = 1024 * 1024;

/** Commander's parser for a numeric flag: its errors name the flag. */
function numberOf(flag: string, parse: (flag: string, value: string) => number): (value: string) => number {
  return (value) => parse(flag, value);
}

/** The options as commander hands them to the action: parsed, defaults filled in. */
interface RunFlags {
  provider: ProviderName[];
  sources: string[];
  scale: number;
  seed: number;
  resume?: string;
  weights?: Partial<Weights>;
  dataDir: string;
  resultsDir: string;
  dashboardsDir: string;
  repetitions: number;
  concurrency: number;
  rate: number | null;
  closedLoop?: true;
  ops: number;
  warmup: number;
  largeObjectMb: number;
  /** False with --no-scenarios. */
  scenarios: boolean;
  /** False with --no-pipeline-reruns. */
  pipelineReruns: boolean;
  transformWorkers?: number;
  /** False with --no-reuse-clean. */
  reuseClean: boolean;
  faults?: string;
  postingsPerDay?: number;
  freeTier?: string;
  dryRun?: true;
  stackOutputs?: string[];
  vantage: VantageClaim;
  publish?: true;
  json?: true;
  verbose?: true;
}

export function registerRun(program: Command, context: CommandContext): void {
  const settings = DEFAULT_SCENARIO_SETTINGS;
  withWorkloadOptions(
    program
      .command('run')
      .description('collect, land, clean, load and query the workload on each provider; write results')
      // A list default is shown as the text that gives it, as commander quotes a string default.
      .addOption(
        new Option('--provider <names>', 'providers: local,aws,gcp,azure or all')
          .argParser(parseProviders)
          .default([DEFAULT_PROVIDER], JSON.stringify(DEFAULT_PROVIDER)),
      ),
  )
    .option('--resume <runId>', 'continue an interrupted run from its manifest')
    .option('--weights <pairs>', `recommendation weights, e.g. latency=1,cost=2 (${CRITERIA.join(', ')})`, (value) =>
      parseWeights(value, CRITERIA),
    )
    .option('--data-dir <dir>', 'local provider data directory', DEFAULT_DIRS.data)
    .option('--results-dir <dir>', 'where results files are written', DEFAULT_DIRS.results)
    .option('--dashboards-dir <dir>', 'where the dashboards are written', DEFAULT_DIRS.dashboards)
    .option(
      '--repetitions <n>',
      'measured repetitions of each benchmark scenario, interleaved across providers',
      numberOf('--repetitions', parsePositiveInt),
      settings.repetitions,
    )
    .option(
      '--concurrency <n>',
      'operations in flight in the store scenarios',
      numberOf('--concurrency', parsePositiveInt),
      settings.concurrency,
    )
    .option(
      '--rate <opsPerSec>',
      'target rate of the store scenarios, open loop (latency from the intended start)',
      numberOf('--rate', parsePositiveNumber),
      settings.targetRatePerSec,
    )
    .option(
      '--closed-loop',
      'run the store scenarios closed-loop (each operation starts when one ends) instead of at --rate',
    )
    .option(
      '--ops <n>',
      'operations per repetition of the store scenarios',
      numberOf('--ops', parsePositiveInt),
      settings.operations,
    )
    .option(
      '--warmup <n>',
      'warm-up operations, discarded',
      numberOf('--warmup', parseNonNegativeInt),
      settings.warmupOperations,
    )
    .option(
      '--large-object-mb <mb>',
      'size of a large put (NDJSON batch)',
      numberOf('--large-object-mb', parsePositiveNumber),
      settings.largeObjectBytes / MIB,
    )
    .option('--no-scenarios', 'run the pipeline and queries only, not the store/warehouse scenarios')
    .option('--no-pipeline-reruns', 'leave out the pipeline.rerun scenario (a whole pipeline pass per repetition)')
    .option(
      '--transform-workers <n>',
      'threads that parse in the transform (default: one per core; 0: the main thread only, least memory)',
      numberOf('--transform-workers', parseNonNegativeInt),
    )
    .option(
      '--no-reuse-clean',
      "parse every raw page, even when an earlier run's clean output was made from the same pages and code",
    )
    .option('--faults <spec>', 'inject faults, e.g. "reset=0.05,latency=50ms,http503=0.02"')
    .option(
      '--postings-per-day <n>',
      'collection volume for the monthly cost projection',
      numberOf('--postings-per-day', parsePositiveInt),
    )
    .option('--free-tier <regimes>', 'free-tier regime per provider, e.g. aws-legacy,azure-12-months')
    .option('--dry-run', 'print the estimated cost of the run and exit without creating anything')
    .option(
      '--stack-outputs <files>',
      'Terraform outputs JSON of deployed stacks (comma-separated), see docs/infrastructure.md',
      (value) => parseList('--stack-outputs', value),
    )
    .addOption(
      new Option(
        '--vantage <where>',
        "where this process measures from: in-region (beside the provider's services, as the stacks' runners do) or external",
      )
        .choices(VANTAGE_CLAIMS)
        .default('external'),
    )
    .option(
      '--publish',
      "also copy the results file, its samples and market snapshot into the provider's lake (results/<runId>/)",
    )
    .option('--json', 'print the results JSON on stdout; no progress')
    .option('--verbose', 'show debug events and stack traces')
    .action(async (flags: RunFlags) => {
      const { runCommand } = await import('./run.ts');
      const io = flags.stackOutputs ? await withStackOutputFiles(context.io, flags.stackOutputs) : context.io;
      context.setExitCode(await runCommand(runOptions(flags), io));
    });
}

function runOptions(flags: RunFlags): RunCommandOptions {
  return {
    providers: flags.provider,
    sources: flags.sources,
    scale: flags.scale,
    seed: flags.seed,
    json: Boolean(flags.json),
    dataDir: flags.dataDir,
    resultsDir: flags.resultsDir,
    dashboardsDir: flags.dashboardsDir,
    ...(flags.resume !== undefined ? { resume: flags.resume } : {}),
    ...(flags.weights !== undefined ? { weights: flags.weights } : {}),
    verbose: Boolean(flags.verbose),
    benchmark: {
      repetitions: flags.repetitions,
      concurrency: flags.concurrency,
      targetRatePerSec: flags.closedLoop ? null : flags.rate,
      operations: flags.ops,
      warmupOperations: flags.warmup,
      largeObjectBytes: Math.round(flags.largeObjectMb * MIB),
    },
    skipScenarios: !flags.scenarios,
    ...(flags.pipelineReruns ? {} : { pipelineReruns: false }),
    ...(flags.transformWorkers !== undefined ? { transformWorkers: flags.transformWorkers } : {}),
    ...(flags.reuseClean ? {} : { reuseClean: false }),
    ...(flags.faults !== undefined ? { faults: flags.faults } : {}),
    ...(flags.postingsPerDay !== undefined ? { postingsPerDay: flags.postingsPerDay } : {}),
    ...(flags.freeTier !== undefined ? { freeTier: flags.freeTier } : {}),
    dryRun: Boolean(flags.dryRun),
    vantage: flags.vantage,
    publish: Boolean(flags.publish),
  };
}
