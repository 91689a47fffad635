/**
 * The pipeline's stages in order, each callable alone (dlt's extract/normalize/load):
 * extract → transform → quality → load → verify. The run manifest in the lake records every
 * checkpoint; `resumeRunId` continues an interrupted run where it stopped.
 */
import type { Env, LoadInfo, ObjectStore, Warehouse } from '../providers/core/index.ts';
import { ConfigurationError } from './errors.ts';
import { extract, type ExtractInfo } from './stages/extract/extract.ts';
import { isLakeCorruptionError } from './lake/lake-corruption.ts';
import { newRunId, partitionDate } from './lake/lake-layout.ts';
import { loadRun } from './stages/load/load.ts';
import { assessQuality } from './stages/quality/quality-stage.ts';
import { newManifest, readManifest, writeManifest, type RunManifest } from './lake/run-manifest.ts';
import type { Source, SourceEvent } from './sources/source.ts';
import { resetTransform, transformRun, type TransformInfo } from './stages/transform/transform-stage.ts';
import { verifyLoad, type LoadVerification } from './stages/verify/verify-load.ts';

export type PipelineStage = 'extract' | 'transform' | 'quality' | 'load' | 'verify';

export interface PipelineProgress {
  stage: PipelineStage;
  state: 'start' | 'progress' | 'done' | 'skipped';
  done?: number;
  total?: number;
  message?: string;
}

export interface PipelineOptions {
  store: ObjectStore;
  warehouse: Warehouse;
  sources: readonly Source[];
  workload: { sources: string[]; scale: number; seed: number };
  env: Env;
  /** Continue this run from its manifest instead of starting a new one. */
  resumeRunId?: string;
  /** Use this id for a new run (the benchmark runs one id on every provider). */
  runId?: string;
  now?: () => Date;
  /** Raw bytes per transform chunk (default 8 MiB). */
  chunkBytes?: number;
  /** Transform worker threads (default: one per core; 0 = parse on the main thread). */
  transformWorkers?: number;
  /**
   * Let the transform copy the clean output of an earlier run over the same raw pages
   * instead of parsing them again (default true; transform/reuse-clean.ts).
   */
  reuseClean?: boolean;
  log?: (event: SourceEvent) => void;
  onProgress?: (progress: PipelineProgress) => void;
}

export interface PipelineInfo {
  runId: string;
  resumed: boolean;
  manifest: RunManifest;
  extract: ExtractInfo | null;
  transform: TransformInfo | null;
  load: LoadInfo | null;
  verification: LoadVerification;
  durationsMs: Record<PipelineStage, number>;
}

/** A stage failed; what was kept stays in the lake and the run can be resumed. */
export class PipelineError extends Error {
  constructor(
    readonly runId: string,
    readonly stage: PipelineStage,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    // A corrupt lake says itself what was done about it and which command repairs it.
    const next = isLakeCorruptionError(cause)
      ? ''
      : `. What was stored is kept; resume with: jobbench run --resume ${runId}`;
    super(`${stage} failed for run ${runId}: ${reason}${next}`, { cause });
    this.name = 'PipelineError';
  }
}

async function openManifest(
  options: PipelineOptions,
  now: () => Date,
): Promise<{ manifest: RunManifest; resumed: boolean }> {
  if (options.resumeRunId) {
    const manifest = await readManifest(options.store, options.resumeRunId);
    if (!manifest) throw new ConfigurationError(`no run ${options.resumeRunId} in the lake (nothing to resume)`);
    manifest.attempts += 1;
    manifest.status = 'running';
    manifest.error = null;
    return { manifest, resumed: true };
  }
  const startedAt = now().toISOString();
  const runId = options.runId ?? newRunId(now());
  return {
    manifest: newManifest({ runId, dt: partitionDate(startedAt), startedAt, workload: options.workload }),
    resumed: false,
  };
}

export async function runPipeline(options: PipelineOptions): Promise<PipelineInfo> {
  const now = options.now ?? (() => new Date());
  const { store, warehouse } = options;
  const { manifest, resumed } = await openManifest(options, now);
  const checkpoint = () => writeManifest(store, manifest, now());
  const progress = options.onProgress ?? (() => {});
  const durations: Record<PipelineStage, number> = { extract: 0, transform: 0, quality: 0, load: 0, verify: 0 };
  const info: PipelineInfo = {
    runId: manifest.runId,
    resumed,
    manifest,
    extract: null,
    transform: null,
    load: null,
    verification: { expected: 0, found: 0, lost: 0, duplicated: 0 },
    durationsMs: durations,
  };
  await checkpoint();

  const stage = async <T>(name: PipelineStage, skip: boolean, fn: () => Promise<T>): Promise<T | null> => {
    if (skip) {
      progress({ stage: name, state: 'skipped', message: 'done in an earlier attempt' });
      return null;
    }
    progress({ stage: name, state: 'start' });
    const started = performance.now();
    try {
      const result = await fn();
      durations[name] = performance.now() - started;
      progress({ stage: name, state: 'done' });
      return result;
    } catch (error) {
      // clean/ does not match what the transform recorded: the next attempt makes it again
      // from the raw pages (the raw side is set back by the transform itself, raw-reextract.ts).
      if (isLakeCorruptionError(error) && error.layer === 'clean') resetTransform(manifest);
      manifest.status = 'failed';
      manifest.error = `${name}: ${error instanceof Error ? error.message : String(error)}`;
      await checkpoint().catch(() => {}); // the original error matters more than a failed checkpoint
      throw new PipelineError(manifest.runId, name, error);
    }
  };

  const sourceCount = options.sources.length;
  info.extract = await stage('extract', manifest.stages.extract.status === 'done', () =>
    extract({
      store,
      sources: options.sources,
      manifest,
      env: options.env,
      now,
      checkpoint,
      ...(options.log ? { log: options.log } : {}),
      onPage: (source, pages) =>
        progress({
          stage: 'extract',
          state: 'progress',
          done: pages,
          message: `${source} (${sourceCount} source${sourceCount > 1 ? 's' : ''})`,
        }),
    }),
  );
  if (manifest.stages.extract.status === 'failed') {
    throw new PipelineError(manifest.runId, 'extract', new Error('every source failed'));
  }
  info.transform = await stage('transform', manifest.stages.transform.status === 'done', () =>
    transformRun({
      store,
      manifest,
      checkpoint,
      ...(options.chunkBytes ? { chunkBytes: options.chunkBytes } : {}),
      ...(options.transformWorkers !== undefined ? { workers: options.transformWorkers } : {}),
      ...(options.reuseClean !== undefined ? { reuse: options.reuseClean } : {}),
      onChunk: (done, total) => progress({ stage: 'transform', state: 'progress', done, total }),
      ...(options.log ? { log: options.log } : {}),
    }),
  );
  await stage('quality', manifest.stages.quality.status === 'done', async () => {
    const started = performance.now();
    manifest.stages.quality.assessment = await assessQuality(store, manifest, { now: now() });
    manifest.stages.quality.status = 'done';
    manifest.stages.quality.durationMs += performance.now() - started;
    await checkpoint();
  });
  // Load always runs, even when an earlier attempt finished it: the merge is idempotent, and
  // the warehouse may have changed since (restored, recreated, another schema) — verify must
  // check this warehouse, not trust the manifest.
  info.load = await stage('load', false, () =>
    loadRun({ store, warehouse, manifest, checkpoint, ...(options.log ? { log: options.log } : {}) }),
  );
  info.load ??= manifest.stages.load.info;
  info.verification = (await stage('verify', false, () => verifyLoad(store, warehouse, manifest)))!;

  manifest.status = 'done';
  await checkpoint();
  return info;
}
