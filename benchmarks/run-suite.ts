/**
 * The whole benchmark: the same seeded workload on each requested provider (the
 * pipelines one after the other, so they don't compete for the machine), then the
 * store and warehouse scenarios with repetitions interleaved across providers, then
 * cost, reliability and the recommendation — one results file for all.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { Env, ProviderName, ProviderOptions } from '../providers/core/index.ts';
import { describeDeadlines, readDeadlines } from '../providers/core/operation-deadlines.ts';
import { meteredProvider } from '../providers/layers/metered.ts';
import { hasHttpFaults, parseFaults, type FaultSpec } from '../providers/layers/parse-faults.ts';
import { DEFAULT_RETRY_POLICY, describeRetryPolicy, type RetryPolicy } from '../providers/layers/retrying.ts';
import { newRunId } from '../pipeline/lake/lake-layout.ts';
import type { PipelineProgress } from '../pipeline/run-pipeline.ts';
import type { Source, SourceEvent } from '../pipeline/sources/source.ts';
import { RESULTS_SCHEMA_VERSION, type ProviderResult, type Results } from '../results/schema.ts';
import type { FreeTierRegime } from './cost/free-tier.ts';
import { providerCost } from './cost/provider-cost.ts';
import { machineStamp, toolStamp } from './environment-stamp.ts';
import { extractOnce } from './extract-once.ts';
import { httpFaultsFor, proxiedEnvironment, type ProxiedEnvironment } from './reliability/proxied-env.ts';
import { DEFAULT_WEIGHTS, rankProviders, type Weights } from './recommend/recommend.ts';
import { runOnProvider, SDK_RETRY_SETTINGS, type ProviderRun } from './run-provider.ts';
import { runScenarioMatrix, type ScenarioTarget } from './scenarios/run-scenarios.ts';
import { pipelineRerun } from './scenarios/pipeline-rerun.ts';
import { DEFAULT_SCENARIO_SETTINGS, type ScenarioSettings } from './scenarios/scenario.ts';
import { storeGets } from './scenarios/store-gets.ts';
import { storeLargePuts } from './scenarios/store-large-puts.ts';
import { storeList } from './scenarios/store-list.ts';
import { storeSmallPuts } from './scenarios/store-small-puts.ts';
import { warehouseBulkLoad } from './scenarios/warehouse-bulk-load.ts';
import { weightSensitivity } from './recommend/sensitivity.ts';
import { wilsonInterval } from './stats/proportion.ts';
import { type VantageClaim, vantageOf } from './vantage.ts';

export interface SuiteOptions {
  providers: readonly ProviderName[];
  providerOptions: ProviderOptions;
  makeSources: () => Source[];
  workload: { sources: string[]; scale: number; seed: number };
  env: Env;
  weights?: Weights;
  resumeRunId?: string;
  /** Id of a new run (default: a fresh one), so a caller can name it before it ends (Ctrl-C). */
  runId?: string;
  now?: () => Date;
  log?: (event: SourceEvent) => void;
  onProgress?: (provider: ProviderName, progress: PipelineProgress) => void;
  onProviderDone?: (run: ProviderRun) => void;
  /** Scenario settings (`--repetitions`, `--concurrency`, `--rate`, `--ops`, `--warmup`, `--large-object-mb`). */
  benchmark?: Partial<ScenarioSettings>;
  /** Skip the store/warehouse scenarios (pipeline and queries only). */
  skipScenarios?: boolean;
  /** Transform worker threads of each provider's pipeline (default one per core, 0 = main thread). */
  transformWorkers?: number;
  /** False: every pipeline of the suite parses its raw pages (`--no-reuse-clean`; transform/reuse-clean.ts). */
  reuseClean?: boolean;
  /** `--faults` specification (parse it first with `parseFaults` to report bad usage as exit 2). */
  faults?: string | null;
  retryPolicy?: RetryPolicy;
  /** Local directory for raw samples (`results/samples`); omitted: lake copy only. */
  samplesDir?: string;
  /** Collection volume for the monthly projection (`--postings-per-day`; default: the scale). */
  postingsPerDay?: number;
  /** Free-tier regime by price-table provider (`--free-tier aws-legacy,…`). */
  freeTier?: Partial<Record<string, FreeTierRegime>>;
  /** Progress lines of the scenarios. */
  onScenarioProgress?: (message: string) => void;
  /**
   * Directory for the run's spool of live source pages (`<spoolDir>/<runId>/`): live
   * sources are then collected once and replayed to every provider. Omitted: each
   * provider reads the sources afresh.
   */
  spoolDir?: string;
  /**
   * Repeat the whole pipeline as a scenario (`pipeline.rerun`), interleaved with the other
   * providers (default true; `--no-pipeline-reruns` leaves it out).
   */
  pipelineReruns?: boolean;
  /** `--vantage`: `in-region` when this process runs beside the service (the stacks' runners); default `external`. */
  vantage?: VantageClaim;
}

export interface SuiteOutcome {
  results: Results;
  runs: ProviderRun[];
}

async function finishCost(run: ProviderRun, options: SuiteOptions): Promise<void> {
  const open = run.open!;
  const table = open.raw.prices;
  if (!table) {
    run.result.cost = null; // no price table (local provider): unknown, never 0
    return;
  }
  const regime = options.freeTier?.[table.provider];
  run.result.cost = providerCost({
    table,
    platform: open.raw.platform ?? null,
    billing: (await open.raw.warehouse.billing?.()) ?? null,
    pipelineBilling: open.pipelineBilling,
    pipelineLog: open.pipelineLog,
    benchLog: open.benchLog,
    // The provider's own billed window: its pipeline, queries and scenarios, not the time
    // it sat idle while the other providers took their turns.
    activeMs: open.activeMs,
    lakeBytes: open.lakeBytes,
    warehouseBytes: open.cleanBytes,
    postings: run.result.pipeline?.transformed ?? 0,
    postingsPerDay: options.postingsPerDay ?? options.workload.scale,
    ...(regime ? { regime } : {}),
  });
}

export async function runSuite(options: SuiteOptions): Promise<SuiteOutcome> {
  const now = options.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const runId = options.resumeRunId ?? options.runId ?? newRunId(now());
  const faults: FaultSpec | null = options.faults ? parseFaults(options.faults) : null;
  const settings: ScenarioSettings = {
    ...DEFAULT_SCENARIO_SETTINGS,
    seed: options.workload.seed,
    ...options.benchmark,
  };
  const policy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
  const runs: ProviderRun[] = [];
  const spool = options.spoolDir ? path.join(options.spoolDir, runId) : null;
  const makeSources = spool ? extractOnce(options.makeSources, spool) : options.makeSources;
  // HTTP-level faults: the emulators' endpoints are fronted by fault proxies for the whole run.
  const proxied: ProxiedEnvironment | null =
    faults && hasHttpFaults(faults)
      ? await proxiedEnvironment(options.providerOptions.env ?? options.env, faults)
      : null;
  const providerOptions = proxied ? { ...options.providerOptions, env: proxied.env } : options.providerOptions;
  try {
    for (const provider of options.providers) {
      const run = await runOnProvider({
        provider,
        providerOptions,
        makeSources,
        workload: options.workload,
        env: options.env,
        ...(options.resumeRunId ? { resumeRunId: options.resumeRunId } : { runId }),
        ...(options.now ? { now: options.now } : {}),
        ...(options.log ? { log: options.log } : {}),
        onProgress: (progress) => options.onProgress?.(provider, progress),
        faults,
        retryPolicy: policy,
        queryRepetitions: settings.repetitions,
        ...(options.transformWorkers !== undefined ? { transformWorkers: options.transformWorkers } : {}),
        ...(options.reuseClean === false ? { reuseClean: false } : {}),
      });
      runs.push(run);
      options.onProviderDone?.(run);
    }
    const open = runs.filter((r) => r.open !== null);
    if (!options.skipScenarios && open.length > 0) {
      // A rerun reads the run's own pages again: rendered from the seed, or replayed from the spool.
      const rerun =
        options.pipelineReruns === false
          ? null
          : pipelineRerun({
              makeSources,
              replayable: spool !== null || options.makeSources().every((source) => source.deterministic === true),
              workload: options.workload,
              env: options.env,
              ...(options.transformWorkers !== undefined ? { transformWorkers: options.transformWorkers } : {}),
              ...(options.reuseClean === false ? { reuseClean: false } : {}),
              ...(options.now ? { now: options.now } : {}),
            });
      const targets: ScenarioTarget[] = open.map((r) => ({
        provider: meteredProvider(r.open!.wrapped, r.open!.benchLog),
        scenarios: [
          storeSmallPuts,
          storeLargePuts,
          storeGets,
          storeList,
          warehouseBulkLoad(r.open!.postings, runId),
          ...(rerun ? [rerun] : []),
        ],
        retriesSoFar: () => r.open!.retries.total,
        addActiveMs: (ms: number) => {
          r.open!.activeMs += ms;
        },
      }));
      const byProvider = await runScenarioMatrix(targets, {
        runId,
        settings,
        ...(options.samplesDir ? { samplesDir: options.samplesDir } : {}),
        ...(options.onScenarioProgress ? { onProgress: options.onScenarioProgress } : {}),
      });
      for (const run of open) run.result.scenarios.push(...(byProvider.get(run.result.name) ?? []));
    }
    for (const run of open) {
      await finishCost(run, options);
      const o = run.open!;
      // `warehouse.query.warm.<query>` re-reports operations of `warehouse.query.warm`: counted once.
      const measured = run.result.scenarios.filter(
        (s) => s.status !== 'skipped' && !s.name.startsWith('warehouse.query.warm.'),
      );
      const scenarioErrors = measured.reduce((n, s) => n + s.errors, 0);
      const attempts = measured.reduce((n, s) => n + s.ops, 0);
      const http = proxied ? httpFaultsFor(proxied, run.result.name) : {};
      const byKind = { ...o.faults.toJSON(), ...http };
      run.result.reliability = {
        ...run.result.reliability!,
        faultsInjected: Object.entries(byKind)
          .filter(([k]) => k !== 'chaos:latency')
          .reduce((n, [, v]) => n + v, 0),
        retried: o.retries.total,
        failed: scenarioErrors,
        attempts,
        failureRate: wilsonInterval(scenarioErrors, attempts),
        faultsByKind: byKind,
        faults: options.faults ?? null,
        retryPolicy: describeRetryPolicy(policy),
        sdkRetries: SDK_RETRY_SETTINGS[run.result.name] ?? {},
        timeouts: Object.fromEntries([...o.retries.timedOutByOperation].sort(([a], [b]) => a.localeCompare(b))),
        deadlines: describeDeadlines(readDeadlines(providerOptions.env ?? options.env)),
      };
    }
  } finally {
    for (const run of runs) {
      if (!run.open) continue;
      await run.open.raw.close().catch(() => {});
      run.open = null;
    }
    await proxied?.close();
  }
  for (const run of runs) run.result.vantage = vantageOf(run.result, options.vantage ?? 'external', options.env);
  const providers: ProviderResult[] = runs.map((r) => r.result);
  const okCount = providers.filter((p) => p.status === 'ok').length;
  // Every lake holds the pages now; a run that did not finish keeps its spool for --resume.
  if (spool && okCount === providers.length) rmSync(spool, { recursive: true, force: true });
  const weights = options.weights ?? DEFAULT_WEIGHTS;
  const recommendation = rankProviders(providers, weights, { seed: settings.seed });
  const results: Results = {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    runId,
    startedAt,
    finishedAt: now().toISOString(),
    status: okCount === providers.length ? 'ok' : okCount === 0 ? 'failed' : 'partial',
    tool: toolStamp(),
    machine: machineStamp(),
    workload: options.workload,
    providers,
    benchmark: {
      emulated: providers.some((p) => p.emulated),
      repetitions: settings.repetitions,
      concurrency: settings.concurrency,
      targetRatePerSec: settings.targetRatePerSec,
      warmupOperations: settings.warmupOperations,
      operations: settings.operations,
      largeObjectBytes: settings.largeObjectBytes,
      interleaving: options.skipScenarios
        ? 'none (scenarios skipped)'
        : `repetition-major: each repetition runs every provider once, in an order shuffled from seed ${settings.seed}`,
      faults: options.faults ?? null,
      seed: settings.seed,
      priceTables: Object.fromEntries(providers.map((p) => [p.name, p.cost?.priceTableVersion ?? null])),
      regions: Object.fromEntries(providers.map((p) => [p.name, p.region])),
    },
    recommendation: recommendation ? { ...recommendation, sensitivity: weightSensitivity(providers, weights) } : null,
  };
  return { results, runs };
}
