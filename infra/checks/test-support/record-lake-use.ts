/**
 * What each role really does to the lake, recorded on the emulators: the collector's work
 * (the extract stage alone, which is all `jobbench collect` does) and the whole benchmark run
 * (`jobbench run`: pipeline, queries and scenarios) each go through the real S3 provider
 * pointed at a recording proxy in front of moto, and every request becomes the IAM grant it
 * needs (../s3-grants.ts). Test support: it drives the benchmark and the pipeline, which the
 * infra room itself may not import.
 */
import { randomBytes } from 'node:crypto';
import { runSuite } from '../../../benchmarks/run-suite.ts';
import { newRunId, partitionDate } from '../../../pipeline/lake/lake-layout.ts';
import { newManifest, writeManifest } from '../../../pipeline/lake/run-manifest.ts';
import { createSources } from '../../../pipeline/sources/registry.ts';
import { extract } from '../../../pipeline/stages/extract/extract.ts';
import type { Env } from '../../../providers/core/index.ts';
import { loadProvider } from '../../../providers/registry.ts';
import { startRecordingProxy } from '../recording-proxy.ts';
import { impliedS3Grants, type LakeGrant, lakeGrant, s3RequestGrant } from '../s3-grants.ts';

/** The roles the stacks define, by what they run. */
export type LakeRole = 'collector' | 'pipeline';

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

/** Runs `work` with the S3 provider's endpoint behind a recording proxy and returns the grants its requests needed. */
async function recordS3(
  emulatorEnv: Env,
  work: (env: Env, keyPrefix: string) => Promise<void>,
): Promise<Set<LakeGrant>> {
  const endpoint = emulatorEnv.JOBBENCH_AWS_S3_ENDPOINT || emulatorEnv.AWS_ENDPOINT_URL_S3;
  if (!endpoint) throw new Error('no S3 emulator endpoint in the environment');
  const proxy = await startRecordingProxy(endpoint);
  const keyPrefix = `permissions-${randomBytes(4).toString('hex')}/`;
  const bucket = emulatorEnv.JOBBENCH_AWS_BUCKET ?? 'jobbench';
  try {
    await work({ ...emulatorEnv, JOBBENCH_AWS_S3_ENDPOINT: proxy.url, AWS_ENDPOINT_URL_S3: proxy.url }, keyPrefix);
  } finally {
    await proxy.close();
  }
  const grants = proxy.requests
    .map((r) => s3RequestGrant(r.method, r.url, bucket, keyPrefix))
    .filter((g): g is LakeGrant => g !== null);
  return impliedS3Grants(grants);
}

/** The collector: the extract stage and its manifest, nothing else. */
async function collect(env: Env, keyPrefix: string): Promise<void> {
  const provider = await (await loadProvider('aws')).create({ env, keyPrefix });
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

/** `jobbench run --provider aws`: the pipeline, the queries and every scenario. */
async function benchmark(env: Env, keyPrefix: string): Promise<void> {
  const { results } = await runSuite({
    providers: ['aws'],
    providerOptions: { env, keyPrefix },
    makeSources: () => createSources(WORKLOAD.sources, { env, scale: WORKLOAD.scale, seed: WORKLOAD.seed }),
    workload: WORKLOAD,
    env,
    transformWorkers: 0,
    benchmark: SCENARIOS,
  });
  const aws = results.providers[0];
  if (aws?.status !== 'ok') throw new Error(`the recorded run failed: ${aws?.reason ?? 'no provider result'}`);
  // `jobbench run --resume <runId>`: reads the run's manifest back before anything else.
  await runSuite({
    providers: ['aws'],
    providerOptions: { env, keyPrefix },
    makeSources: () => createSources(WORKLOAD.sources, { env, scale: WORKLOAD.scale, seed: WORKLOAD.seed }),
    workload: WORKLOAD,
    env,
    transformWorkers: 0,
    resumeRunId: results.runId,
    skipScenarios: true,
  });
}

/**
 * The live sources' own use of the lake, which the seeded sample source (the only one that
 * runs offline) does not make: cursors, daily quotas, refusal logs and sitemap caches under
 * `state/`, each read after a head and written whole (pipeline/sources/cursor-state.ts,
 * http/daily-quota.ts, refusal-log.ts, jsonld/discover.ts). Both roles run the sources.
 */
const LIVE_SOURCE_GRANTS: readonly LakeGrant[] = [
  lakeGrant('s3:GetObject', 'state/'),
  lakeGrant('s3:PutObject', 'state/'),
];

/** The lake grants each role needs, recorded against the emulators of `emulatorEnv`. */
export async function recordLakeUse(emulatorEnv: Env): Promise<Record<LakeRole, Set<LakeGrant>>> {
  return {
    collector: impliedS3Grants([...(await recordS3(emulatorEnv, collect)), ...LIVE_SOURCE_GRANTS]),
    pipeline: impliedS3Grants([...(await recordS3(emulatorEnv, benchmark)), ...LIVE_SOURCE_GRANTS]),
  };
}
