/**
 * The AWS in-region runner's handler (`index.handler` in the zip `npm run package:collector`
 * builds as dist/collector/aws-runner.zip): the benchmark of `jobbench run --provider aws
 * --vantage in-region --publish`, run by a Lambda function inside the stack's VPC, beside
 * RDS, reaching S3 through the VPC's gateway endpoint. It measures the seeded sample workload
 * (no internet: the function has no route out), writes its results in the function's /tmp,
 * and publishes them into the lake under results/<runId>/, where `jobbench results pull`
 * finds them. Configured by the environment the stack sets (JOBBENCH_AWS_*); the invocation's
 * payload may change the workload size and the scenario settings, nothing else.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { publishResults } from '../benchmarks/publish/lake-results.ts';
import { runSuite } from '../benchmarks/run-suite.ts';
import { DEFAULT_WORKLOAD, type ScenarioSettings } from '../benchmarks/scenarios/scenario.ts';
import { createSources } from '../pipeline/sources/registry.ts';
import { openS3Lake } from '../providers/aws/lake-store.ts';
import type { Env } from '../providers/core/index.ts';
import { writeMarketSnapshot } from '../results/market-snapshot.ts';
import { writeResults } from '../results/store.ts';

/** A manual invocation's payload: `aws lambda invoke --payload '{"scale":500}' …`. */
export interface RunnerEvent {
  scale?: number;
  seed?: number;
  benchmark?: Partial<Pick<ScenarioSettings, 'repetitions' | 'operations' | 'concurrency' | 'warmupOperations'>>;
}

export interface RunnerResult {
  runId: string;
  status: string;
  published: string[];
}

const positiveInt = (value: unknown, name: string, fallback: number): number => {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer`);
  return value;
};

/** Checks the payload: a typo in it must fail the invocation, not run a different benchmark. */
function workloadOf(event: RunnerEvent): { scale: number; seed: number; benchmark: Partial<ScenarioSettings> } {
  const known = ['scale', 'seed', 'benchmark'];
  const unknown = Object.keys(event).filter((key) => !known.includes(key));
  if (unknown.length > 0) throw new Error(`unknown payload fields ${unknown.join(', ')} (known: ${known.join(', ')})`);
  const settings = event.benchmark ?? {};
  const knownSettings = ['repetitions', 'operations', 'concurrency', 'warmupOperations'];
  const unknownSettings = Object.keys(settings).filter((key) => !knownSettings.includes(key));
  if (unknownSettings.length > 0)
    throw new Error(`unknown benchmark fields ${unknownSettings.join(', ')} (known: ${knownSettings.join(', ')})`);
  const benchmark: Partial<ScenarioSettings> = {};
  for (const key of ['repetitions', 'operations', 'concurrency'] as const) {
    if (settings[key] !== undefined) benchmark[key] = positiveInt(settings[key], `benchmark.${key}`, 1);
  }
  if (settings.warmupOperations !== undefined) {
    const warmup = settings.warmupOperations;
    if (typeof warmup !== 'number' || !Number.isInteger(warmup) || warmup < 0)
      throw new Error('benchmark.warmupOperations must be a whole number');
    benchmark.warmupOperations = warmup;
  }
  return {
    scale: positiveInt(event.scale, 'scale', DEFAULT_WORKLOAD.scale),
    seed: positiveInt(event.seed, 'seed', DEFAULT_WORKLOAD.seed),
    benchmark,
  };
}

export async function runInRegion(
  env: Env,
  event: RunnerEvent = {},
  log: (line: string) => void = console.log,
): Promise<RunnerResult> {
  const { scale, seed, benchmark } = workloadOf(event);
  const workload = { sources: [...DEFAULT_WORKLOAD.sources], scale, seed };
  // Lambda's only writable directory is /tmp (os.tmpdir()); it may survive into the next invocation, so each run cleans up.
  const dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-runner-'));
  try {
    const resultsDir = path.join(dir, 'results');
    const suiteStart = new Date();
    const { results, runs } = await runSuite({
      providers: ['aws'],
      providerOptions: { env, dataDir: path.join(dir, 'data') },
      makeSources: () => createSources(workload.sources, { env, scale, seed, now: () => suiteStart }),
      workload,
      env,
      benchmark,
      // One thread: the worker pool loads its script from a file beside the sources, which the bundle does not ship.
      transformWorkers: 0,
      samplesDir: path.join(resultsDir, 'samples'),
      vantage: 'in-region',
      log: (event) => {
        if (event.level !== 'debug') log(JSON.stringify(event));
      },
      onScenarioProgress: (message) => log(JSON.stringify({ level: 'info', message })),
    });
    await writeResults(results, resultsDir);
    const market = runs.find((r) => r.market !== null)?.market;
    if (market) {
      await writeMarketSnapshot(
        {
          snapshotVersion: 1,
          runId: results.runId,
          provider: 'aws',
          generatedAt: new Date().toISOString(),
          queries: market,
        },
        resultsDir,
      );
    }
    const lake = await openS3Lake(env);
    let published: string[];
    try {
      published = await publishResults(lake.store, resultsDir, results.runId);
    } finally {
      lake.close();
    }
    const summary: RunnerResult = { runId: results.runId, status: results.status, published };
    log(
      JSON.stringify({
        level: 'info',
        message: 'published',
        runId: summary.runId,
        status: summary.status,
        objects: published.length,
      }),
    );
    // A failed benchmark fails the invocation, so its alarm sees it; what it measured is published all the same.
    if (results.status !== 'ok')
      throw new Error(
        `run ${results.runId} ended ${results.status}: ${results.providers[0]?.reason ?? 'no reason recorded'}`,
      );
    return summary;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The Lambda entry point: the function's own environment. */
export function handler(event: RunnerEvent = {}): Promise<RunnerResult> {
  return runInRegion(process.env, event);
}
