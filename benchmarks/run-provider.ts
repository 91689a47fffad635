/**
 * Runs the workload on one provider through the benchmark's layers (`benchmarkLayers`) and
 * turns what was measured into that provider's entry of the results file. A provider that
 * cannot be created or fails mid-run is reported `failed` with its reason; it never takes
 * the others down. The provider stays open (`run.open`) for the interleaved scenarios; the
 * suite closes it.
 */
import type {
  Env,
  Posting,
  Provider,
  ProviderName,
  ProviderOptions,
  Row,
  Warehouse,
  WarehouseBilling,
} from '../providers/core/index.ts';
import { loadProvider } from '../providers/registry.ts';
import { chaosLayer, FaultCounter } from '../providers/layers/chaos.ts';
import { applyLayers, type Layer } from '../providers/layers/layer.ts';
import { meteredLayer, meteredProvider } from '../providers/layers/metered.ts';
import { OperationLog } from '../providers/layers/operation-log.ts';
import { hasInterfaceFaults, type FaultSpec } from '../providers/layers/parse-faults.ts';
import {
  DEFAULT_RETRY_POLICY,
  RetryCounter,
  retryingCreate,
  retryingLayer,
  type RetryPolicy,
} from '../providers/layers/retrying.ts';
import { cleanPrefix, quarantinePrefix, rawPrefix } from '../pipeline/lake/lake-layout.ts';
import { runPipeline, type PipelineInfo, type PipelineProgress } from '../pipeline/run-pipeline.ts';
import type { Source, SourceEvent } from '../pipeline/sources/source.ts';
import { readCleanPostings } from '../pipeline/stages/transform/transform-stage.ts';
import type { ProviderResult, ScenarioResult } from '../results/schema.ts';
import { DASHBOARD_QUERIES, runQueryScenarios } from './scenarios/query-scenario.ts';
import { CRASH_ENV, crashHookLayer } from '../providers/layers/crash-hook.ts';
import { scenarioFromSeries } from './scenarios/scenario-result.ts';

export interface ProviderRunOptions {
  provider: ProviderName;
  providerOptions: ProviderOptions;
  /** Fresh sources for this provider (their counters are per provider). */
  makeSources: () => Source[];
  workload: { sources: string[]; scale: number; seed: number };
  env: Env;
  runId?: string;
  resumeRunId?: string;
  now?: () => Date;
  log?: (event: SourceEvent) => void;
  onProgress?: (progress: PipelineProgress) => void;
  /** Faults to inject at the interface (`--faults`), or null. */
  faults?: FaultSpec | null;
  retryPolicy?: RetryPolicy;
  /** Warm repetitions of the dashboard queries (default 10). */
  queryRepetitions?: number;
  /** Transform worker threads (`--transform-workers`; default one per core, 0 = main thread). */
  transformWorkers?: number;
  /** False: the transform parses every page (`--no-reuse-clean`); default true. */
  reuseClean?: boolean;
  /** Most postings kept in memory for the bulk-load scenario (default 20,000). */
  bulkLoadCap?: number;
}

/** What the suite needs to keep measuring an open provider after its pipeline ran. */
export interface OpenProvider {
  raw: Provider;
  /** Chaos + retrying, unmetered: the scenarios time operations themselves. */
  wrapped: Provider;
  retries: RetryCounter;
  faults: FaultCounter;
  pipelineLog: OperationLog;
  /** Operations of the queries, the harness's bookkeeping and the scenarios (billed, so counted in the run cost). */
  benchLog: OperationLog;
  startedMs: number;
  /**
   * Milliseconds this provider worked: its pipeline, queries and bookkeeping, then its own
   * scenario time (added by the suite). Its billed window: time spent on the other
   * providers' turns is not billed to this one.
   */
  activeMs: number;
  /** What the warehouse had billed when the pipeline's first pass ended (its loads' jobs), if it bills jobs. */
  pipelineBilling: WarehouseBilling | null;
  /** The run's clean postings, for the bulk-load scenario. */
  postings: Posting[];
  lakeBytes: number;
  cleanBytes: number;
}

export interface ProviderRun {
  result: ProviderResult;
  pipeline: PipelineInfo | null;
  /** The warehouse's answers to the dashboard queries after the run, for the market snapshot. */
  market: Record<string, Row[]> | null;
  error: unknown;
  /** Set while the provider is open for the scenarios; null once closed or when it failed. */
  open: OpenProvider | null;
}

/** Answers of every dashboard query plus the per-posting rows the market dashboard filters. */
async function marketAnswers(warehouse: Warehouse): Promise<Record<string, Row[]>> {
  const answers: Record<string, Row[]> = {};
  for (const query of DASHBOARD_QUERIES)
    answers[query] = await warehouse.query(query, { limit: query === 'market_postings' ? 50_000 : 100 });
  return answers;
}

/** Pipeline operations reported as scenarios, in this order. */
const PIPELINE_OPERATIONS = [
  'store.put',
  'store.get',
  'store.head',
  'store.list',
  'warehouse.migrate',
  'warehouse.load',
  'warehouse.fingerprints',
];

/**
 * SDK retry settings of the providers as configured in providers/<cloud>/index.ts: every
 * SDK retry is off so that retries happen (and are counted) in the retrying wrapper.
 * Keyed by capability-independent endpoint kind, reported in the results.
 */
export const SDK_RETRY_SETTINGS: Readonly<Record<string, Record<string, string>>> = {
  local: { store: 'none (filesystem)', warehouse: 'none (embedded PGlite)' },
  aws: {
    store:
      'S3Client maxAttempts: 1 (SDK retries off; https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html)',
    warehouse: 'node-postgres: no automatic retry (https://node-postgres.com/apis/pool)',
  },
  gcp: {
    store: 'Storage retryOptions.autoRetry: false (https://cloud.google.com/storage/docs/retry-strategy#node.js)',
    warehouse:
      'BigQuery client defaults, not overridden: autoRetry true, maxRetries 3 (retries inside the SDK, not counted here; https://cloud.google.com/nodejs/docs/reference/bigquery/latest/overview)',
  },
  azure: {
    store:
      'StoragePipelineOptions retryOptions.maxTries: 1 (https://learn.microsoft.com/javascript/api/@azure/storage-blob/storageretryoptions)',
    warehouse: 'node-postgres: no automatic retry (https://node-postgres.com/apis/pool)',
  },
};

/** The layers a benchmarked provider runs under; absent ones are left out. */
export interface BenchmarkLayerParts {
  metered?: Layer;
  retrying: Layer;
  chaos?: Layer | null;
  crashHook?: Layer | null;
}

/**
 * The benchmark's layer order, outermost first. Metered: what the pipeline waits for,
 * retries and backoff included. Retrying: counts retries (the SDKs' own are off), and
 * sees an injected fault as the service's answer. Chaos: faults and delays, when asked
 * for. Crash hook: last before the provider, so it fires right after the backend
 * acknowledged the write it waits for. Below them all, the registry's timeout layer.
 * Callers share the layer objects between stacks (the chaos layer's seeded draws, the
 * crash hook's page count) and pass their own metering.
 */
export function benchmarkLayers(parts: BenchmarkLayerParts): Layer[] {
  return [parts.metered, parts.retrying, parts.chaos, parts.crashHook].filter((layer): layer is Layer => !!layer);
}

export function failedResult(name: ProviderName, reason: string, base: Partial<ProviderResult> = {}): ProviderResult {
  return {
    name,
    region: 'unknown',
    emulated: true,
    endpointFingerprint: 'unknown',
    status: 'failed',
    reason,
    pipeline: null,
    scenarios: [],
    cost: null,
    reliability: null,
    quality: null,
    sources: null,
    ...base,
  };
}

async function prefixBytes(provider: Provider, prefix: string): Promise<number> {
  let bytes = 0;
  for await (const info of provider.store.list(prefix)) bytes += info.size;
  return bytes;
}

export async function runOnProvider(options: ProviderRunOptions): Promise<ProviderRun> {
  const retries = new RetryCounter();
  const policy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
  let provider: Provider;
  try {
    const factory = await loadProvider(options.provider);
    provider = await retryingCreate(() => factory.create(options.providerOptions), retries, policy);
  } catch (error) {
    return {
      result: failedResult(options.provider, error instanceof Error ? error.message : String(error)),
      pipeline: null,
      market: null,
      error,
      open: null,
    };
  }
  const identity = {
    region: provider.region,
    emulated: provider.emulated,
    endpointFingerprint: provider.endpointFingerprint,
  };
  const faults = new FaultCounter();
  const crashAt = options.env[CRASH_ENV];
  const interfaceFaults = options.faults && hasInterfaceFaults(options.faults) ? options.faults : null;
  const shared = {
    retrying: retryingLayer(retries, policy),
    chaos: interfaceFaults ? chaosLayer(provider.name, { spec: interfaceFaults }, faults) : null,
    crashHook: crashAt ? crashHookLayer(crashAt) : null,
  };
  const wrapped = applyLayers(provider, benchmarkLayers(shared));
  const pipelineLog = new OperationLog();
  const benchLog = new OperationLog();
  // Bookkeeping after the pipeline (sizes, counts, the market snapshot) is not timed, but
  // under --faults the HTTP proxy reaches it too: retry it, without counting those retries.
  // It is billed like any other request, so it is metered into the run's usage.
  const uncounted = retryingLayer(new RetryCounter(), policy);
  const bookkeeping = applyLayers(provider, benchmarkLayers({ metered: meteredLayer(benchLog), retrying: uncounted }));
  const metered = applyLayers(provider, benchmarkLayers({ ...shared, metered: meteredLayer(pipelineLog) }));
  const startedMs = performance.now();
  try {
    const pipeline = await runPipeline({
      store: metered.store,
      warehouse: metered.warehouse,
      sources: options.makeSources(),
      workload: options.workload,
      env: options.env,
      ...(options.runId ? { runId: options.runId } : {}),
      ...(options.resumeRunId ? { resumeRunId: options.resumeRunId } : {}),
      ...(options.now ? { now: options.now } : {}),
      ...(options.log ? { log: options.log } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.transformWorkers !== undefined ? { transformWorkers: options.transformWorkers } : {}),
      ...(options.reuseClean === false ? { reuseClean: false } : {}),
    });
    // Before any query or scenario: what the pipeline's own warehouse jobs were billed.
    const pipelineBilling = (await provider.warehouse.billing?.()) ?? null;
    const scenarios: ScenarioResult[] = PIPELINE_OPERATIONS.map((op) =>
      scenarioFromSeries(op, pipelineLog.snapshot(op), retries.byOperation.get(op) ?? 0),
    );
    // Queries go through the retrying (and chaos) layers too; the scenario times them itself,
    // and the metered layer counts them (and what the warehouse bills for them) as usage.
    scenarios.push(
      ...(await runQueryScenarios(meteredProvider(wrapped, benchLog).warehouse, {
        warmRepetitions: options.queryRepetitions ?? 10,
      })),
    );
    const [countRow] = await bookkeeping.warehouse.query('posting_count');
    const manifest = pipeline.manifest;
    const sources = Object.fromEntries(
      Object.entries(manifest.stages.extract.sources).map(([name, s]) => [
        name,
        { pages: s.pages, bytes: s.bytes, ...s.stats },
      ]),
    );
    const cleanBytes = await prefixBytes(bookkeeping, cleanPrefix(manifest.dt, manifest.runId));
    let lakeBytes =
      cleanBytes +
      (await prefixBytes(bookkeeping, quarantinePrefix(manifest.runId))) +
      (await prefixBytes(bookkeeping, `runs/${manifest.runId}/`));
    for (const source of Object.keys(manifest.stages.extract.sources))
      lakeBytes += await prefixBytes(bookkeeping, rawPrefix(source, manifest.dt, manifest.runId));
    const postings: Posting[] = [];
    const cap = options.bulkLoadCap ?? 20_000;
    for await (const posting of readCleanPostings(bookkeeping.store, manifest)) {
      if (postings.length >= cap) break;
      postings.push(posting);
    }
    const result: ProviderResult = {
      name: provider.name,
      ...identity,
      status: 'ok',
      reason: null,
      pipeline: {
        rawPages: Object.values(manifest.stages.extract.sources).reduce((n, s) => n + s.pages, 0),
        extracted: manifest.stages.transform.extracted,
        transformed: manifest.stages.transform.postings,
        quarantined: manifest.stages.transform.quarantined,
        loaded: pipeline.load?.received ?? 0,
        warehouseRows: Number(countRow?.postings ?? 0),
        durationsMs: Object.fromEntries(
          Object.entries(pipeline.durationsMs).map(([k, v]) => [k, Math.round(v * 1000) / 1000]),
        ),
        resumed: pipeline.resumed,
      },
      scenarios,
      cost: null, // filled by the suite once the scenarios ran (usage includes them)
      reliability: {
        faultsInjected: 0,
        retried: 0,
        failed: 0,
        lost: pipeline.verification.lost,
        duplicated: pipeline.verification.duplicated,
      },
      quality: null,
      sources,
    };
    const market = await marketAnswers(bookkeeping.warehouse);
    const activeMs = performance.now() - startedMs;
    const open: OpenProvider = {
      raw: provider,
      wrapped,
      retries,
      faults,
      pipelineLog,
      benchLog,
      startedMs,
      activeMs,
      pipelineBilling,
      postings,
      lakeBytes,
      cleanBytes,
    };
    return { result, pipeline, market, error: null, open };
  } catch (error) {
    await provider.close().catch(() => {});
    return {
      result: failedResult(provider.name, error instanceof Error ? error.message : String(error), identity),
      pipeline: null,
      market: null,
      error,
      open: null,
    };
  }
}
