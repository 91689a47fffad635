/**
 * Runs the workload on one provider through metering wrappers and turns what was
 * measured into that provider's entry of the results file. A provider that cannot be
 * created or fails mid-run is reported `failed` with its reason; it never takes the
 * other providers down.
 */
import type { Env, ProviderName, ProviderOptions, Row, Warehouse } from '../providers/core/index.ts';
import { loadProvider } from '../providers/registry.ts';
import { meteredProvider } from '../providers/wrappers/metered.ts';
import { OperationLog } from '../providers/wrappers/operation-log.ts';
import { runPipeline, type PipelineInfo, type PipelineProgress } from '../pipeline/run-pipeline.ts';
import type { Source, SourceEvent } from '../pipeline/sources/source.ts';
import type { ProviderResult, ScenarioResult } from '../results/schema.ts';
import { DASHBOARD_QUERIES, runQueryScenarios } from './query-scenario.ts';
import { scenarioFromSeries } from './scenario-result.ts';

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
}

export interface ProviderRun {
  result: ProviderResult;
  pipeline: PipelineInfo | null;
  /** The warehouse's answers to the dashboard queries after the run, for the market snapshot. */
  market: Record<string, Row[]> | null;
  error: unknown;
}

/** Answers of every dashboard query plus the per-posting rows the market dashboard filters. */
async function marketAnswers(warehouse: Warehouse): Promise<Record<string, Row[]>> {
  const answers: Record<string, Row[]> = {};
  for (const query of [...DASHBOARD_QUERIES, 'market_postings'] as const) answers[query] = await warehouse.query(query, { limit: query === 'market_postings' ? 50_000 : 100 });
  return answers;
}

/** Pipeline operations reported as scenarios, in this order. */
const PIPELINE_OPERATIONS = ['store.put', 'store.get', 'store.head', 'store.list', 'warehouse.migrate', 'warehouse.load'];

function failed(name: ProviderName, reason: string, base: Partial<ProviderResult> = {}): ProviderResult {
  return {
    name, region: 'unknown', emulated: true, endpointFingerprint: 'unknown', status: 'failed', reason,
    pipeline: null, scenarios: [], cost: null, reliability: null, quality: null, sources: null, ...base,
  };
}

export async function runOnProvider(options: ProviderRunOptions): Promise<ProviderRun> {
  let provider;
  try {
    provider = await (await loadProvider(options.provider)).create(options.providerOptions);
  } catch (error) {
    return { result: failed(options.provider, error instanceof Error ? error.message : String(error)), pipeline: null, market: null, error };
  }
  const identity = { region: provider.region, emulated: provider.emulated, endpointFingerprint: provider.endpointFingerprint };
  const log = new OperationLog();
  const metered = meteredProvider(provider, log);
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
    });
    const scenarios: ScenarioResult[] = PIPELINE_OPERATIONS.map((op) => scenarioFromSeries(op, log.snapshot(op)));
    scenarios.push(...(await runQueryScenarios(provider.warehouse)));
    const [countRow] = await provider.warehouse.query('posting_count');
    const manifest = pipeline.manifest;
    const sources = Object.fromEntries(Object.entries(manifest.stages.extract.sources).map(([name, s]) => [name, { pages: s.pages, bytes: s.bytes, ...s.stats }]));
    const failedOps = scenarios.reduce((n, s) => n + s.errors, 0);
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
        durationsMs: Object.fromEntries(Object.entries(pipeline.durationsMs).map(([k, v]) => [k, Math.round(v * 1000) / 1000])),
        resumed: pipeline.resumed,
      },
      scenarios,
      cost: null, // no price table yet: an unknown cost is null, never 0
      reliability: {
        faultsInjected: 0,
        retried: 0,
        failed: failedOps,
        lost: pipeline.verification.lost,
        duplicated: pipeline.verification.duplicated,
      },
      quality: null,
      sources,
    };
    return { result, pipeline, market: await marketAnswers(provider.warehouse), error: null };
  } catch (error) {
    return { result: failed(provider.name, error instanceof Error ? error.message : String(error), identity), pipeline: null, market: null, error };
  } finally {
    await provider.close().catch(() => {});
  }
}
