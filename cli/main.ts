/**
 * The `jobbench` command line: parses arguments, calls one command, maps failures to
 * exit codes (0 ok, 1 the work failed, 2 bad usage or configuration) and prints one
 * clear line per error (the stack only with --verbose). No logic lives here.
 */
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { CRITERIA } from '../benchmarks/recommend/recommend.ts';
import { processIo, type Io } from './io.ts';
import { parseInteger, parseList, parseNonNegativeInt, parsePositiveInt, parsePositiveNumber, parseProviders, parseWeights } from './parse-options.ts';
import { RUN_DEFAULTS } from './run-defaults.ts';
import { exitCodeFor, oneLine, UsageError } from './usage-error.ts';

export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  let exitCode = 0;
  const verbose = argv.includes('--verbose');
  const program = new Command('jobbench')
    .description('Run one job-market data workload on AWS, GCP, Azure and a local stack; measure each; pick a cloud.')
    .version(await readVersion(), '-V, --version')
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s), outputError: () => {} });

  program
    .command('run')
    .description('collect, land, clean, load and query the workload on each provider; write results')
    .addOption(new Option('--provider <names>', 'providers: local,aws,gcp,azure or all').default(RUN_DEFAULTS.provider))
    .option('--sources <names>', 'sources: sample, adzuna, francetravail, jsonld, wttj', RUN_DEFAULTS.sources)
    .option('--scale <n>', 'postings the sample source generates', RUN_DEFAULTS.scale)
    .option('--seed <s>', 'seed of the sample source', RUN_DEFAULTS.seed)
    .option('--resume <runId>', 'continue an interrupted run from its manifest')
    .option('--weights <pairs>', `recommendation weights, e.g. latency=1,cost=2 (${CRITERIA.join(', ')})`)
    .option('--data-dir <dir>', 'local provider data directory', RUN_DEFAULTS.dataDir)
    .option('--results-dir <dir>', 'where results files are written', RUN_DEFAULTS.resultsDir)
    .option('--dashboards-dir <dir>', 'where the dashboards are written', 'dashboards/out')
    .option('--repetitions <n>', 'measured repetitions of each benchmark scenario, interleaved across providers', '10')
    .option('--concurrency <n>', 'operations in flight in the store scenarios', '4')
    .option('--rate <opsPerSec>', 'target rate of the store scenarios, open loop (latency from the intended start)', '20')
    .option('--closed-loop', 'run the store scenarios closed-loop (each operation starts when one ends) instead of at --rate')
    .option('--ops <n>', 'operations per repetition of the store scenarios', '40')
    .option('--warmup <n>', 'warm-up operations, discarded', '5')
    .option('--large-object-mb <mb>', 'size of a large put (NDJSON batch)', '10')
    .option('--no-scenarios', 'run the pipeline and queries only, not the store/warehouse scenarios')
    .option('--transform-workers <n>', 'threads that parse in the transform (default: one per core; 0: the main thread only, least memory)')
    .option('--faults <spec>', 'inject faults, e.g. "reset=0.05,latency=50ms,http503=0.02"')
    .option('--postings-per-day <n>', 'collection volume for the monthly cost projection')
    .option('--free-tier <regimes>', `free-tier regime per provider, e.g. aws-legacy,azure-12-months`)
    .option('--dry-run', 'print the estimated cost of the run and exit without creating anything')
    .option('--stack-outputs <files>', 'Terraform outputs JSON of deployed stacks (comma-separated), see docs/infrastructure.md')
    .option('--json', 'print the results JSON on stdout; no progress')
    .option('--verbose', 'show debug events and stack traces')
    .action(async (opts: Record<string, string | boolean | undefined>) => {
      const { runCommand } = await import('./commands/run.ts');
      let runIo = io;
      if (typeof opts.stackOutputs === 'string') {
        const { readStackOutputs, withStackOutputs } = await import('../infra/stack-outputs.ts');
        let env = io.env;
        for (const file of parseList('--stack-outputs', opts.stackOutputs)) {
          env = withStackOutputs(env, await readStackOutputs(path.resolve(io.cwd, file)));
        }
        runIo = { ...io, env };
      }
      exitCode = await runCommand(
        {
          providers: parseProviders(String(opts.provider)),
          sources: parseList('--sources', String(opts.sources)),
          scale: parseNonNegativeInt('--scale', String(opts.scale)),
          seed: parseInteger('--seed', String(opts.seed)),
          json: Boolean(opts.json),
          dataDir: String(opts.dataDir),
          resultsDir: String(opts.resultsDir),
          dashboardsDir: String(opts.dashboardsDir),
          ...(typeof opts.resume === 'string' ? { resume: opts.resume } : {}),
          ...(typeof opts.weights === 'string' ? { weights: parseWeights(opts.weights, CRITERIA) } : {}),
          verbose: Boolean(opts.verbose),
          benchmark: {
            repetitions: parsePositiveInt('--repetitions', String(opts.repetitions)),
            concurrency: parsePositiveInt('--concurrency', String(opts.concurrency)),
            targetRatePerSec: opts.closedLoop === true ? null : parsePositiveNumber('--rate', String(opts.rate)),
            operations: parsePositiveInt('--ops', String(opts.ops)),
            warmupOperations: parseNonNegativeInt('--warmup', String(opts.warmup)),
            largeObjectBytes: Math.round(parsePositiveNumber('--large-object-mb', String(opts.largeObjectMb)) * 1024 * 1024),
          },
          skipScenarios: opts.scenarios === false,
          ...(typeof opts.transformWorkers === 'string' ? { transformWorkers: parseNonNegativeInt('--transform-workers', opts.transformWorkers) } : {}),
          ...(typeof opts.faults === 'string' ? { faults: opts.faults } : {}),
          ...(typeof opts.postingsPerDay === 'string' ? { postingsPerDay: parsePositiveInt('--postings-per-day', opts.postingsPerDay) } : {}),
          ...(typeof opts.freeTier === 'string' ? { freeTier: opts.freeTier } : {}),
          dryRun: Boolean(opts.dryRun),
        },
        runIo,
      );
    });

  program
    .command('transform')
    .description('raw payload file(s) → canonical postings as NDJSON on stdout; problems on stderr')
    .requiredOption('--source <name>', 'adzuna, francetravail, jsonld or wttj')
    .option('--page-url <url>', 'the URL a saved HTML page was fetched from: its postings\' identity when they name none (one FILE)')
    .argument('<files...>', 'raw payload files')
    .action(async (files: string[], opts: { source: string; pageUrl?: string }) => {
      const { transformCommand } = await import('./commands/transform.ts');
      exitCode = await transformCommand({ source: opts.source, files, ...(opts.pageUrl !== undefined ? { pageUrl: opts.pageUrl } : {}) }, io);
    });

  program
    .command('recommend')
    .description('rank the clouds of a results file with your weights: P(first), score intervals, local as a reference')
    .option('--results <file>', 'results file', 'results/latest.json')
    .option('--weights <pairs>', `e.g. latency=1,cost=2 (${CRITERIA.join(', ')})`)
    .option('--json', 'print the ranking as JSON')
    .action(async (opts: { results: string; weights?: string; json?: boolean }) => {
      const { recommendCommand } = await import('./commands/recommend.ts');
      exitCode = await recommendCommand({ results: opts.results, weights: opts.weights ? parseWeights(opts.weights, CRITERIA) : {}, json: Boolean(opts.json) }, io);
    });

  program
    .command('dashboards')
    .description('rebuild the HTML dashboards (job market, cloud comparison) from stored results')
    .option('--results <dir>', 'results directory', 'results')
    .option('--out <dir>', 'where the HTML files are written', 'dashboards/out')
    .action(async (opts: { results: string; out: string }) => {
      const { dashboardsCommand } = await import('./commands/dashboards.ts');
      exitCode = await dashboardsCommand({ resultsDir: opts.results, outDir: opts.out }, io);
    });

  program
    .command('analyze')
    .description('statistics, outliers and skill clusters of the collected market; JSON + Markdown report')
    .option('--snapshot <file>', 'market snapshot written by jobbench run', 'results/market-latest.json')
    .option('--out-dir <dir>', 'where the report is written', 'results/analysis')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { snapshot: string; outDir: string; json?: boolean }) => {
      const { analyzeCommand } = await import('./commands/analyze.ts');
      exitCode = await analyzeCommand({ snapshot: opts.snapshot, outDir: opts.outDir, json: Boolean(opts.json) }, io);
    });

  program
    .command('export')
    .description('the warehouse postings as Parquet or CSV (--format), or the release bundle (--bundle)')
    .option('--format <format>', 'parquet or csv')
    .option('--out <file>', 'output file (default results/export/market_postings.<format>)')
    .option('--provider <name>', 'provider whose warehouse is read', 'local')
    .option('--data-dir <dir>', 'local provider data directory', '.jobbench')
    .option('--bundle <zip>', 'write one archive with docs, dashboards, results, analysis and slides')
    .action(async (opts: { format?: string; out?: string; provider: string; dataDir: string; bundle?: string }) => {
      const { defaultExportFile, exportBundleCommand, exportDataCommand } = await import('./commands/export.ts');
      if (opts.bundle !== undefined && opts.format !== undefined) throw new UsageError('give either --format or --bundle, not both');
      if (opts.bundle !== undefined) {
        exitCode = await exportBundleCommand({ bundle: opts.bundle }, io);
        return;
      }
      if (opts.format !== 'parquet' && opts.format !== 'csv') throw new UsageError('export needs --format parquet|csv or --bundle NAME.zip');
      exitCode = await exportDataCommand(
        { format: opts.format, out: opts.out ?? defaultExportFile(opts.format), provider: opts.provider, dataDir: opts.dataDir },
        io,
      );
    });

  program
    .command('compare')
    .description('per-scenario differences between two results files, with confidence intervals')
    .argument('<a>', 'baseline results file')
    .argument('<b>', 'results file to compare with it')
    .option('--json', 'print the comparison as JSON')
    .action(async (a: string, b: string, opts: { json?: boolean }) => {
      const { compareCommand } = await import('./commands/compare.ts');
      exitCode = await compareCommand({ a, b, json: Boolean(opts.json) }, io);
    });

  program
    .command('emulators')
    .description('local emulators for every cloud API (moto S3, fake-gcs-server, bqemulator, Azurite, PostgreSQL)')
    .argument('<action>', 'start, stop or env')
    .action(async (action: string) => {
      if (action !== 'start' && action !== 'stop' && action !== 'env') throw new UsageError(`emulators takes start, stop or env, got "${action}"`);
      const { emulatorsCommand } = await import('./commands/emulators.ts');
      exitCode = await emulatorsCommand(action, io);
    });

  program
    .command('prices')
    .description('the dated price table a run uses; "prices refresh" re-reads it from the vendor price list')
    .argument('[action]', 'refresh: read the vendor price list and write a new pinned price file')
    .option('--provider <name>', 'aws, gcp or azure')
    .option('--region <region>', 'a priced region of that provider (default: its default region)')
    .option('--json', 'print the tables as JSON')
    .option('--endpoint <url>', 'refresh: base URL of the price list (default: the vendor; env JOBBENCH_PRICES_ENDPOINT)')
    .option('--out <file>', 'refresh: where the new price file is written (default: the pinned file)')
    .action(async (action: string | undefined, opts: { provider?: string; region?: string; json?: boolean; endpoint?: string; out?: string }) => {
      const { pricesCommand, pricesRefreshCommand } = await import('./commands/prices.ts');
      if (action === 'refresh') {
        if (opts.region !== undefined || opts.json) throw new UsageError('prices refresh takes --provider, --endpoint and --out');
        exitCode = await pricesRefreshCommand({ provider: opts.provider, ...(opts.endpoint ? { endpoint: opts.endpoint } : {}), ...(opts.out ? { out: opts.out } : {}) }, io);
        return;
      }
      if (action !== undefined) throw new UsageError(`prices takes no action but refresh, got "${action}"`);
      if (opts.endpoint !== undefined || opts.out !== undefined) throw new UsageError('--endpoint and --out go with "prices refresh"');
      exitCode = await pricesCommand({ ...(opts.provider ? { provider: opts.provider } : {}), ...(opts.region ? { region: opts.region } : {}), json: Boolean(opts.json) }, io);
    });

  const infra = program.command('infra').description('infrastructure as code (CDK for Terraform)');
  infra
    .command('synth')
    .description('synthesize the Terraform JSON of each cloud into <outdir>/stacks/<cloud>/cdk.tf.json')
    .option('--cloud <names>', 'aws, gcp, azure (comma-separated) or all', 'all')
    .option('--outdir <dir>', 'output directory', 'cdktf.out')
    .action(async (opts: { cloud: string; outdir: string }) => {
      const { infraSynthCommand, parseInfraClouds } = await import('./commands/infra.ts');
      let clouds;
      try {
        clouds = parseInfraClouds(opts.cloud);
      } catch (error) {
        throw new UsageError(oneLine(error));
      }
      exitCode = await infraSynthCommand({ clouds, outdir: path.resolve(io.cwd, opts.outdir) }, io);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    if (argv.length === 0) {
      io.stdout(program.helpInformation());
    }
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0.
      if (error.exitCode === 0) return 0;
      io.stderr(`jobbench: ${error.message.replace(/^error: /, '')}\n`);
      return 2;
    }
    io.stderr(`jobbench: ${oneLine(error)}\n`);
    if (verbose && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return exitCodeFor(error);
  }
}

async function readVersion(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
