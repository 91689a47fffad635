/**
 * The work each role of the stacks does to its lake, as code the permission tests drive
 * against any cloud's emulator: the collector (the extract stage and its manifest, all
 * `jobbench collect` does), the pipeline role the operator assumes (`jobbench run`, a resume,
 * and `jobbench results pull`) and the in-region runner (`jobbench run --vantage in-region
 * --publish`). Each permission test records the storage requests this work sends through a
 * proxy in front of its emulator and turns them into the grants its stacks must hold.
 * Test support: it drives the benchmark and the pipeline, which the infra room itself may not import.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { publishResults, pullResults } from '../../../benchmarks/publish/lake-results.ts';
import { runSuite } from '../../../benchmarks/run-suite.ts';
import { newRunId, partitionDate } from '../../../pipeline/lake/lake-layout.ts';
import { newManifest, writeManifest } from '../../../pipeline/lake/run-manifest.ts';
import { createSources } from '../../../pipeline/sources/registry.ts';
import { extract } from '../../../pipeline/stages/extract/extract.ts';
import type { Env, ProviderName } from '../../../providers/core/index.ts';
import { loadProvider } from '../../../providers/registry.ts';
import { writeResults } from '../../../results/store.ts';

/** The roles the stacks define, by what they run. */
export type LakeRole = 'collector' | 'pipeline' | 'runner';
/** In the order to record them: the pipeline's `results pull` reads what the runner published under the same prefix. */
export const LAKE_ROLES: readonly LakeRole[] = ['collector', 'runner', 'pipeline'];

export type Cloud = Exclude<ProviderName, 'local'>;

/** One role's work on `cloud`, every lake key under `keyPrefix` (a fresh one per recording). */
export type LakeWork = (cloud: Cloud, env: Env, keyPrefix: string) => Promise<void>;

const WORKLOAD = { sources: ['sample'], scale: 60, seed: 17 };

/** Small scenarios, but with one object above the S3 store's multipart threshold (8 MiB). */
const SCENARIOS = {
  repetitions: 1,
  operations: 2,
  warmupOperations: 0,
  targetRatePerSec: null,
  concurrency: 1,
  largeObjectBytes: 9 * 1024 * 1024,
};

/** The collector: the extract stage and its manifest, nothing else. */
async function collect(cloud: Cloud, env: Env, keyPrefix: string): Promise<void> {
  const provider = await (await loadProvider(cloud)).create({ env, keyPrefix });
  try {
    const now = () => new Date();
    const startedAt = now().toISOString();
    const manifest = newManifest({
      runId: newRunId(now()),
      dt: partitionDate(startedAt),
      startedAt,
      workload: WORKLOAD,
    });
    const checkpoint = () => writeManifest(provider.store, manifest, now());
    await checkpoint();
    const sources = createSources(WORKLOAD.sources, { env, scale: WORKLOAD.scale, seed: WORKLOAD.seed });
    await extract({ store: provider.store, sources, manifest, env, now, checkpoint });
    await checkpoint();
  } finally {
    await provider.close();
  }
}

/** What every run of the recorded work shares: one cloud, the small workload, one transform thread. */
function suiteOn(cloud: Cloud, env: Env, keyPrefix: string) {
  return {
    providers: [cloud],
    providerOptions: { env, keyPrefix },
    makeSources: () => createSources(WORKLOAD.sources, { env, scale: WORKLOAD.scale, seed: WORKLOAD.seed }),
    workload: WORKLOAD,
    env,
    transformWorkers: 0,
  };
}

/** `jobbench run --provider <cloud>`: the pipeline, the queries and every scenario; the results file in `resultsDir`. */
async function benchmark(
  cloud: Cloud,
  env: Env,
  keyPrefix: string,
  resultsDir: string,
  vantage: 'in-region' | 'external',
): Promise<string> {
  const { results } = await runSuite({
    ...suiteOn(cloud, env, keyPrefix),
    benchmark: SCENARIOS,
    samplesDir: path.join(resultsDir, 'samples'),
    vantage,
  });
  const result = results.providers[0];
  if (result?.status !== 'ok') throw new Error(`the recorded run failed: ${result?.reason ?? 'no provider result'}`);
  await writeResults(results, resultsDir);
  return results.runId;
}

async function withResultsDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-lake-work-'));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The operator's role: a run, its resume, and `jobbench results pull` of what the runner published. */
async function pipeline(cloud: Cloud, env: Env, keyPrefix: string): Promise<void> {
  await withResultsDir(async (dir) => {
    const runId = await benchmark(cloud, env, keyPrefix, dir, 'external');
    // `jobbench run --resume <runId>`: reads the run's manifest back before anything else.
    await runSuite({
      ...suiteOn(cloud, env, keyPrefix),
      resumeRunId: runId,
      skipScenarios: true,
    });
    const provider = await (await loadProvider(cloud)).create({ env, keyPrefix });
    try {
      await pullResults(provider.store, dir);
    } finally {
      await provider.close();
    }
  });
}

/** The in-region runner: a run measured beside the service, published into the lake. */
async function runner(cloud: Cloud, env: Env, keyPrefix: string): Promise<void> {
  await withResultsDir(async (dir) => {
    const runId = await benchmark(cloud, env, keyPrefix, dir, 'in-region');
    const provider = await (await loadProvider(cloud)).create({ env, keyPrefix });
    try {
      await publishResults(provider.store, dir, runId);
    } finally {
      await provider.close();
    }
  });
}

export const LAKE_WORK: Readonly<Record<LakeRole, LakeWork>> = { collector: collect, pipeline, runner };

/**
 * The live sources' own use of the lake, which the seeded sample source (the only one that
 * runs offline) does not make: cursors, daily quotas, refusal logs and sitemap caches under
 * `state/`, each read after a head and written whole (pipeline/sources/cursor-state.ts,
 * http/daily-quota.ts, refusal-log.ts, jsonld/discover.ts). Every role runs the sources.
 * Given as object reads and writes per prefix; each cloud's test maps them to its own actions.
 */
export const LIVE_SOURCE_USE: readonly { action: 'read' | 'write'; prefix: string }[] = [
  { action: 'read', prefix: 'state/' },
  { action: 'write', prefix: 'state/' },
];
