/** `jobbench run`: the pipeline and benchmark on each provider, then the results file. */
import path from 'node:path';
import v8 from 'node:v8';
import { runSuite } from '../../benchmarks/run-suite.ts';
import { DEFAULT_WEIGHTS, noRecommendationLine, type Weights } from '../../benchmarks/recommend/recommend.ts';
import { isConfigurationError } from '../../pipeline/errors.ts';
import { isRunId, newRunId } from '../../pipeline/lake/lake-layout.ts';
import { isDamagedManifestError } from '../../pipeline/lake/run-manifest.ts';
import { createSources } from '../../pipeline/sources/registry.ts';
import type { Env, ProviderName } from '../../providers/core/index.ts';
import { buildDashboards } from '../../dashboards/index.ts';
import { writeMarketSnapshot } from '../../results/market-snapshot.ts';
import { writeResults } from '../../results/store.ts';
import { loadProvider } from '../../providers/registry.ts';
import { estimateRunCost } from '../../benchmarks/cost/estimate.ts';
import { parseFreeTierRegimes, type FreeTierRegime } from '../../benchmarks/cost/free-tier.ts';
import {
  DEFAULT_SCENARIO_SETTINGS,
  DEFAULT_WORKLOAD,
  type ScenarioSettings,
} from '../../benchmarks/scenarios/scenario.ts';
import { PRIVATE_DIR_MODE } from '../../providers/local/make-directory.ts';
import { parseFaults } from '../../providers/layers/parse-faults.ts';
import { onInterrupt } from '../interrupt.ts';
import { openLake } from '../open-lake.ts';
import { publishResults } from '../../benchmarks/publish/lake-results.ts';
import type { VantageClaim } from '../../benchmarks/vantage.ts';
import type { Io } from '../io.ts';
import { prepareOutputDirectory } from '../output-directory.ts';
import { StageProgress } from '../progress.ts';
import { resumeCommand } from '../resume-command.ts';
import { RunRecord } from '../run-record.ts';
import { summaryTable } from '../summary.ts';
import { oneLine, UsageError } from '../usage-error.ts';

export interface RunCommandOptions {
  providers: ProviderName[];
  sources: string[];
  scale: number;
  seed: number;
  json: boolean;
  dataDir: string;
  resultsDir: string;
  dashboardsDir: string;
  resume?: string;
  weights?: Partial<Weights>;
  verbose: boolean;
  benchmark?: Partial<ScenarioSettings>;
  skipScenarios?: boolean;
  /** False with `--no-pipeline-reruns`: the pipeline.rerun scenario is left out. */
  pipelineReruns?: boolean;
  /** `--transform-workers`: transform threads (default one per core; 0 = main thread, least memory). */
  transformWorkers?: number;
  /** False with `--no-reuse-clean`: the transform parses every page, reusing no earlier run's clean output. */
  reuseClean?: boolean;
  /** `--faults` spec, validated here (bad spec: exit 2). */
  faults?: string;
  postingsPerDay?: number;
  /** `--free-tier aws-legacy,azure-12-months`. */
  freeTier?: string;
  dryRun?: boolean;
  /** `--vantage`: where this process measures from (default external). */
  vantage?: VantageClaim;
  /** `--publish`: copy the run's results into the provider's own lake (one provider only). */
  publish?: boolean;
}

export async function runCommand(options: RunCommandOptions, io: Io): Promise<number> {
  if (options.resume !== undefined && !isRunId(options.resume)) {
    throw new UsageError(`--resume takes a run id like 20261128T103000Z-1a2b3c, got "${options.resume}"`);
  }
  if (options.vantage === 'in-region' && options.providers.length !== 1) {
    throw new UsageError(
      `--vantage in-region: one process runs beside one provider's services; give one provider, not ${options.providers.join(',')}`,
    );
  }
  if (options.publish && options.providers.length !== 1) {
    throw new UsageError(
      `--publish copies the results into one provider's lake: give one provider, not ${options.providers.join(',')}`,
    );
  }
  if (options.faults !== undefined) {
    try {
      parseFaults(options.faults);
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
  }
  let freeTier: Partial<Record<string, FreeTierRegime>> | undefined;
  try {
    freeTier = options.freeTier !== undefined ? parseFreeTierRegimes(options.freeTier) : undefined;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (options.dryRun) {
    io.stdout(
      `${estimateRunCost({
        providers: await Promise.all(
          options.providers.map(async (name) => ({ name, ...(await loadProvider(name)).priceTable({ env: io.env }) })),
        ),
        scale: options.scale,
        settings: { ...DEFAULT_SCENARIO_SETTINGS, ...options.benchmark },
        ...(options.postingsPerDay !== undefined ? { postingsPerDay: options.postingsPerDay } : {}),
        ...(freeTier ? { regimes: freeTier } : {}),
      })}\n`,
    );
    return 0;
  }
  const heapFlag = heapGrowthFlag(options.scale, process.execArgv);
  if (heapFlag) v8.setFlagsFromString(heapFlag);
  // Build the sources once up front so a missing credential fails before any work.
  // Every provider's settings are checked before any work: a missing one is exit 2.
  for (const provider of options.providers) {
    (await loadProvider(provider)).checkConfig({ env: io.env, dataDir: path.resolve(io.cwd, options.dataDir) });
  }
  // One clock reading for the whole suite: the sample source dates its postings from it, so
  // every provider receives exactly the same postings.
  const suiteStart = new Date();
  const makeSources = () =>
    createSources(options.sources, { env: io.env, scale: options.scale, seed: options.seed, now: () => suiteStart });
  makeSources();
  // The data directory holds the lake, the warehouse and the spool of every provider: private.
  await prepareOutputDirectory('--data-dir', path.resolve(io.cwd, options.dataDir), PRIVATE_DIR_MODE);
  await prepareOutputDirectory('--results-dir', path.resolve(io.cwd, options.resultsDir));
  await prepareOutputDirectory('--dashboards-dir', path.resolve(io.cwd, options.dashboardsDir));
  const progress = new StageProgress(io, io.isTTY && !options.json);
  const quiet = options.json || !io.isTTY;
  const runId = options.resume ?? newRunId(suiteStart);
  const record = new RunRecord();
  const stopListening = onInterrupt(io, (signal) => {
    progress.stopBar();
    return interruptedMessage(signal, options, runId, record);
  });
  const { results, runs } = await runSuite({
    ...(options.resume ? { resumeRunId: options.resume } : { runId }),
    providers: options.providers,
    providerOptions: { env: io.env, dataDir: path.resolve(io.cwd, options.dataDir) },
    makeSources,
    workload: { sources: options.sources, scale: options.scale, seed: options.seed },
    env: io.env,
    weights: { ...DEFAULT_WEIGHTS, ...options.weights },
    samplesDir: path.join(path.resolve(io.cwd, options.resultsDir), 'samples'),
    spoolDir: path.join(path.resolve(io.cwd, options.dataDir), 'spool'),
    ...(options.benchmark ? { benchmark: options.benchmark } : {}),
    ...(options.skipScenarios ? { skipScenarios: true } : {}),
    ...(options.pipelineReruns === false ? { pipelineReruns: false } : {}),
    ...(options.transformWorkers !== undefined ? { transformWorkers: options.transformWorkers } : {}),
    ...(options.reuseClean === false ? { reuseClean: false } : {}),
    ...(options.faults !== undefined ? { faults: options.faults } : {}),
    ...(options.postingsPerDay !== undefined ? { postingsPerDay: options.postingsPerDay } : {}),
    ...(freeTier ? { freeTier } : {}),
    ...(options.vantage ? { vantage: options.vantage } : {}),
    onScenarioProgress: (message) => {
      if (!quiet) io.stderr(`${message}\n`);
    },
    log: (event) => {
      if (event.level === 'error' || event.level === 'warn' || options.verbose)
        io.stderr(`[${event.source}] ${event.level}: ${event.message}\n`);
    },
    onProgress: (provider, p) => {
      record.update(provider, p);
      progress.update(provider, p);
    },
    onProviderDone: (run) => {
      progress.stopBar();
      if (!quiet)
        io.stderr(`[${run.result.name}] ${run.result.status}${run.result.reason ? `: ${run.result.reason}` : ''}\n`);
    },
  }).finally(stopListening);
  const resultsDir = path.resolve(io.cwd, options.resultsDir);
  // A resume that could not start on any provider recorded nothing new: it writes no results.
  if (options.resume !== undefined) {
    const unknown = runs.filter((r) => isConfigurationError(r.error));
    if (unknown.length === runs.length) {
      throw new UsageError(
        `${oneLine(unknown[0]!.error)}: check the id (${path.join(path.relative(io.cwd, resultsDir) || '.', 'runs')}/ names the runs that wrote results) and --data-dir`,
      );
    }
    if (runs.every((r) => isDamagedManifestError(r.error) || isConfigurationError(r.error))) {
      for (const run of runs) io.stderr(`jobbench: ${run.result.name}: ${oneLine(run.error)}\n`);
      return 1;
    }
  }
  const written = await writeResults(results, resultsDir);
  if (written.kept) {
    io.stderr(
      `jobbench: the results of run ${results.runId} finished at ${written.kept.finishedAt} (status ${written.kept.status}) are kept in ${path.relative(io.cwd, written.runFile)}; this ${results.status} attempt was not written over them\n`,
    );
  }
  const marketRun = runs.find((r) => r.market !== null);
  if (marketRun?.market) {
    await writeMarketSnapshot(
      {
        snapshotVersion: 1,
        runId: results.runId,
        provider: marketRun.result.name,
        generatedAt: new Date().toISOString(),
        queries: marketRun.market,
      },
      resultsDir,
    );
  }
  let publishError: unknown = null;
  if (options.publish && !written.kept) {
    try {
      const keys = await publishRun(
        options.providers[0]!,
        io.env,
        path.resolve(io.cwd, options.dataDir),
        resultsDir,
        results.runId,
      );
      if (!quiet)
        io.stderr(
          `published ${keys.length} objects under results/${results.runId}/ in the ${options.providers[0]} lake\n`,
        );
    } catch (error) {
      publishError = error;
    }
  }
  let dashboards: Awaited<ReturnType<typeof buildDashboards>> | null = null;
  let dashboardsError: unknown = null;
  try {
    dashboards = await buildDashboards({
      resultsDir,
      outDir: path.resolve(io.cwd, options.dashboardsDir),
      onWarning: (message) => io.stderr(`jobbench: ${message}\n`),
    });
  } catch (error) {
    dashboardsError = error;
  }
  if (options.json) {
    io.stdout(`${JSON.stringify(results, null, 2)}\n`);
  } else {
    io.stdout(`${summaryTable(results)}\n`);
    if (results.providers.some((p) => p.emulated)) {
      io.stdout('* measured on an emulator or on this machine: says nothing about the real cloud.\n');
    }
    // The question is which cloud: the ranking holds clouds only, and names one only when the figures support it.
    const noRecommendation = noRecommendationLine(results.recommendation);
    if (noRecommendation) io.stdout(`${noRecommendation}\n`);
    else
      io.stdout(
        `recommendation: ${results.recommendation!.decision!.cloud} — ${results.recommendation!.decision!.reason} (P(first), intervals and sensitivity: jobbench recommend, and the comparison dashboard)\n`,
      );
    io.stdout(
      written.kept
        ? `Results: ${path.relative(io.cwd, written.runFile)} kept (status ${written.kept.status}); this attempt's are above only\n`
        : `Results: ${path.relative(io.cwd, written.runFile)} (also ${path.relative(io.cwd, written.latestFile)})\n`,
    );
    if (dashboards) {
      io.stdout(`Dashboards: ${path.relative(io.cwd, dashboards.cloudComparison)}`);
      io.stdout(dashboards.jobMarket ? `, ${path.relative(io.cwd, dashboards.jobMarket)}\n` : '\n');
    }
  }
  if (publishError) {
    io.stderr(
      `jobbench: the results were written here but could not be published to the ${options.providers[0]} lake: ${oneLine(publishError)}\n`,
    );
  }
  if (dashboardsError) {
    io.stderr(
      `jobbench: the results were written but the dashboards failed: ${dashboardsError instanceof Error ? dashboardsError.message : String(dashboardsError)} (retry with: jobbench dashboards)\n`,
    );
    return 1;
  }
  if (publishError) return 1;
  const failures = runs.filter((r) => r.result.status === 'failed');
  for (const run of failures) {
    io.stderr(`jobbench: ${run.result.name} failed: ${run.result.reason ?? 'unknown error'}\n`);
    if (options.verbose && run.error instanceof Error && run.error.stack) io.stderr(`${run.error.stack}\n`);
  }
  // Only a run with a sound manifest can be resumed: a provider that failed before writing
  // one (it could not even open) is run again, and a damaged one is started anew.
  const hasManifest = (f: (typeof failures)[number]) =>
    options.resume !== undefined ? !isConfigurationError(f.error) : record.started().includes(f.result.name);
  const resumable = failures
    .filter((f) => !isDamagedManifestError(f.error) && hasManifest(f))
    .map((f) => f.result.name);
  if (resumable.length > 0) {
    io.stderr(
      `jobbench: what was stored is kept in the lake; resume with: ${resumeCommand(options, resumable, results.runId)}\n`,
    );
  }
  if (failures.length > resumable.length) {
    io.stderr(
      `jobbench: ${failures
        .filter((f) => !resumable.includes(f.result.name))
        .map((f) => f.result.name)
        .join(', ')}: nothing to resume; run again once the cause above is fixed\n`,
    );
  }
  if (failures.length > 0) return 1;
  return 0;
}

/**
 * How much V8 lets its heap grow past what the last full collection kept, for a run of
 * `scale` postings: 20 % for a run no larger than `npm start`'s, V8's own choice otherwise.
 * V8 grows the old generation up to 4× what stays live when the heap limit is large (a
 * quarter of this 24 GB machine), so `npm start` carried up to 211 MB of heap with ~85 MB
 * live and peaked at 564 MB RSS; with 20 %, 384 MB, for ~5 s more CPU in a ~30 s-CPU,
 * ~80 s-wall run (this project's machine, 2026-12-06, single runs on a loaded machine).
 * A growth factor, unlike a `--max-old-space-size` cap, scales with what the run keeps, so
 * it cannot run out of heap; it only collects more often, which costs most where most is
 * allocated, so larger runs (measured at 2,000 postings only) keep V8's default.
 * `--heap-growing-percent` is read at every collection (V8's MemoryController::GrowingFactor,
 * src/heap/heap-controller.cc, read 2026-12-06), so setting it once the process runs takes
 * effect, which the measurement above confirms; a flag given on node's command line wins.
 */
export function heapGrowthFlag(scale: number, execArgv: readonly string[]): string | null {
  if (scale > DEFAULT_WORKLOAD.scale) return null;
  if (execArgv.some((arg) => /^--heap[-_]growing[-_]percent\b/.test(arg))) return null;
  return '--heap-growing-percent=20';
}

/** Copies run `runId` of `resultsDir` into `provider`'s lake; returns the keys written. */
async function publishRun(
  provider: ProviderName,
  env: Env,
  dataDir: string,
  resultsDir: string,
  runId: string,
): Promise<string[]> {
  const lake = await openLake(provider, env, dataDir);
  try {
    return await publishResults(lake.store, resultsDir, runId);
  } finally {
    await lake.close();
  }
}

/** Two lines for Ctrl-C: what the run kept, and the command that continues it. */
function interruptedMessage(signal: string, options: RunCommandOptions, runId: string, record: RunRecord): string {
  const started = options.resume !== undefined ? options.providers : record.started();
  if (started.length === 0) {
    return `jobbench: interrupted (${signal}) before any provider stored anything for run ${runId}; nothing to resume: start the run again\n`;
  }
  const progress = record.summary();
  return (
    `jobbench: interrupted (${signal}): run ${runId} keeps in its lake what it stored so far${progress ? ` (${progress})` : ''}; no results file was written\n` +
    `jobbench: resume with: ${resumeCommand(options, started, runId)}\n`
  );
}
