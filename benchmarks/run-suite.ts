/**
 * The whole benchmark: the same seeded workload on each requested provider, one after
 * the other (so they don't compete for the machine), one results file for all.
 */
import type { Env, ProviderName, ProviderOptions } from '../providers/core/index.ts';
import { newRunId } from '../pipeline/lake-layout.ts';
import type { PipelineProgress } from '../pipeline/run-pipeline.ts';
import type { Source, SourceEvent } from '../pipeline/sources/source.ts';
import { RESULTS_SCHEMA_VERSION, type Results } from '../results/schema.ts';
import { machineStamp, toolStamp } from './environment-stamp.ts';
import { rankProviders, type Weights } from './recommend.ts';
import { runOnProvider, type ProviderRun } from './run-provider.ts';

export interface SuiteOptions {
  providers: readonly ProviderName[];
  providerOptions: ProviderOptions;
  makeSources: () => Source[];
  workload: { sources: string[]; scale: number; seed: number };
  env: Env;
  weights?: Weights;
  resumeRunId?: string;
  now?: () => Date;
  log?: (event: SourceEvent) => void;
  onProgress?: (provider: ProviderName, progress: PipelineProgress) => void;
  onProviderDone?: (run: ProviderRun) => void;
}

export interface SuiteOutcome {
  results: Results;
  runs: ProviderRun[];
}

export async function runSuite(options: SuiteOptions): Promise<SuiteOutcome> {
  const now = options.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const runId = options.resumeRunId ?? newRunId(now());
  const runs: ProviderRun[] = [];
  for (const provider of options.providers) {
    const run = await runOnProvider({
      provider,
      providerOptions: options.providerOptions,
      makeSources: options.makeSources,
      workload: options.workload,
      env: options.env,
      ...(options.resumeRunId ? { resumeRunId: options.resumeRunId } : { runId }),
      ...(options.now ? { now: options.now } : {}),
      ...(options.log ? { log: options.log } : {}),
      onProgress: (progress) => options.onProgress?.(provider, progress),
    });
    runs.push(run);
    options.onProviderDone?.(run);
  }
  const providers = runs.map((r) => r.result);
  const okCount = providers.filter((p) => p.status === 'ok').length;
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
    recommendation: rankProviders(providers, options.weights),
  };
  return { results, runs };
}
