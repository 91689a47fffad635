/**
 * Collect: the extract stage alone, the work of every scheduled collector. Sources land in
 * `raw/`, their cursors in `state/`, and the run manifest in `runs/<runId>/` records extract
 * as done with every later stage pending, so the collector needs write access to those three
 * prefixes only, and `jobbench run --resume <runId>` on the same lake continues the run.
 */
import type { Env, ObjectStore } from '../providers/core/index.ts';
import { newRunId, partitionDate } from './lake/lake-layout.ts';
import { newManifest, writeManifest, type RunManifest } from './lake/run-manifest.ts';
import { PipelineError } from './run-pipeline.ts';
import { withSourceKeys } from './source-keys.ts';
import { createSources } from './sources/registry.ts';
import type { SourceEvent } from './sources/source.ts';
import { extract, type ExtractInfo } from './stages/extract/extract.ts';

export interface CollectOptions {
  store: ObjectStore;
  /** Source names, and the sample source's size and seed. */
  workload: RunManifest['workload'];
  env: Env;
  /** The text of the secret holding the source API keys (source-keys.ts), read by the caller from its cloud. */
  sourceKeys?: { secretId: string; text: string };
  now?: () => Date;
  log?: (event: SourceEvent) => void;
  onPage?: (source: string, pages: number) => void;
}

export interface CollectInfo {
  runId: string;
  manifest: RunManifest;
  extract: ExtractInfo;
}

/**
 * Builds the sources (a missing key is a ConfigurationError before anything is written), then
 * runs extract into a new run; a failure marks the manifest failed and throws a PipelineError naming the run.
 */
export async function collect(options: CollectOptions): Promise<CollectInfo> {
  const now = options.now ?? (() => new Date());
  const { sourceKeys, workload } = options;
  const env = sourceKeys ? withSourceKeys(options.env, sourceKeys.secretId, sourceKeys.text) : options.env;
  const sources = createSources(workload.sources, { env, scale: workload.scale, seed: workload.seed, now });
  const startedAt = now().toISOString();
  const runId = newRunId(now());
  const manifest = newManifest({ runId, dt: partitionDate(startedAt), startedAt, workload });
  const checkpoint = () => writeManifest(options.store, manifest, now());
  await checkpoint();
  try {
    const info = await extract({
      store: options.store,
      sources,
      manifest,
      env,
      now,
      checkpoint,
      ...(options.log ? { log: options.log } : {}),
      ...(options.onPage ? { onPage: options.onPage } : {}),
    });
    if (manifest.stages.extract.status === 'failed') throw new Error('every source failed');
    return { runId, manifest, extract: info };
  } catch (error) {
    manifest.status = 'failed';
    manifest.error = `extract: ${error instanceof Error ? error.message : String(error)}`;
    await checkpoint().catch(() => {}); // the original error matters more than a failed checkpoint
    throw new PipelineError(runId, 'extract', error);
  }
}
