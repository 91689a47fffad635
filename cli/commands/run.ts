/** `jobbench run`: the pipeline and benchmark on each provider, then the results file. */
import path from 'node:path';
import { runSuite } from '../../benchmarks/run-suite.ts';
import { CRITERIA, DEFAULT_WEIGHTS, type Weights } from '../../benchmarks/recommend.ts';
import { isRunId } from '../../pipeline/lake-layout.ts';
import { createSources } from '../../pipeline/sources/registry.ts';
import type { ProviderName } from '../../providers/core/index.ts';
import { buildDashboards } from '../../dashboards/index.ts';
import { writeMarketSnapshot } from '../../results/market-snapshot.ts';
import { writeResults } from '../../results/store.ts';
import type { Io } from '../io.ts';
import { StageProgress } from '../progress.ts';
import { summaryTable } from '../summary.ts';
import { UsageError } from '../usage-error.ts';

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
}

export async function runCommand(options: RunCommandOptions, io: Io): Promise<number> {
  if (options.resume !== undefined && !isRunId(options.resume)) {
    throw new UsageError(`--resume takes a run id like 20261128T103000Z-1a2b3c, got "${options.resume}"`);
  }
  // Build the sources once up front so a missing credential fails before any work.
  const makeSources = () => createSources(options.sources, { env: io.env, scale: options.scale, seed: options.seed });
  makeSources();
  const progress = new StageProgress(io, io.isTTY && !options.json);
  const quiet = options.json || !io.isTTY;
  const { results, runs } = await runSuite({
    providers: options.providers,
    providerOptions: { env: io.env, dataDir: path.resolve(io.cwd, options.dataDir) },
    makeSources,
    workload: { sources: options.sources, scale: options.scale, seed: options.seed },
    env: io.env,
    weights: { ...DEFAULT_WEIGHTS, ...options.weights },
    ...(options.resume ? { resumeRunId: options.resume } : {}),
    log: (event) => {
      if (event.level === 'error' || event.level === 'warn' || options.verbose) io.stderr(`[${event.source}] ${event.level}: ${event.message}\n`);
    },
    onProgress: (provider, p) => progress.update(provider, p),
    onProviderDone: (run) => {
      progress.stopBar();
      if (!quiet) io.stderr(`[${run.result.name}] ${run.result.status}${run.result.reason ? `: ${run.result.reason}` : ''}\n`);
    },
  });
  const resultsDir = path.resolve(io.cwd, options.resultsDir);
  const written = await writeResults(results, resultsDir);
  const marketRun = runs.find((r) => r.market !== null);
  if (marketRun?.market) {
    await writeMarketSnapshot(
      { snapshotVersion: 1, runId: results.runId, provider: marketRun.result.name, generatedAt: new Date().toISOString(), queries: marketRun.market },
      resultsDir,
    );
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
    const top = results.recommendation?.ranking[0];
    if (top && results.providers.length > 1) io.stdout(`Top-ranked: ${top.provider} (score ${top.score})\n`);
    io.stdout(`Results: ${path.relative(io.cwd, written.runFile)} (also ${path.relative(io.cwd, written.latestFile)})\n`);
    if (dashboards) {
      io.stdout(`Dashboards: ${path.relative(io.cwd, dashboards.cloudComparison)}`);
      io.stdout(dashboards.jobMarket ? `, ${path.relative(io.cwd, dashboards.jobMarket)}\n` : '\n');
    }
  }
  if (dashboardsError) {
    io.stderr(`jobbench: the results were written but the dashboards failed: ${dashboardsError instanceof Error ? dashboardsError.message : String(dashboardsError)} (retry with: jobbench dashboards)\n`);
    return 1;
  }
  const failures = runs.filter((r) => r.result.status === 'failed');
  for (const run of failures) {
    io.stderr(`jobbench: ${run.result.name} failed: ${run.result.reason ?? 'unknown error'}\n`);
    if (options.verbose && run.error instanceof Error && run.error.stack) io.stderr(`${run.error.stack}\n`);
  }
  if (failures.length > 0) {
    io.stderr(`jobbench: what was stored is kept in the lake; resume with: jobbench run --provider ${failures.map((f) => f.result.name).join(',')} --resume ${results.runId}\n`);
    return 1;
  }
  return 0;
}

export const WEIGHT_NAMES = CRITERIA;
