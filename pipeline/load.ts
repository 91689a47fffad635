/**
 * Load: streams the run's clean postings into the warehouse, which merges them on id
 * (idempotent: loading a run twice changes no counts, so resuming a load is just
 * loading again).
 */
import type { LoadInfo, ObjectStore, Warehouse } from '../providers/core/index.ts';
import { cleanKey } from './lake-layout.ts';
import type { RunManifest } from './run-manifest.ts';
import { readCleanPostings } from './transform-stage.ts';

export interface LoadOptions {
  store: ObjectStore;
  warehouse: Warehouse;
  manifest: RunManifest;
  checkpoint: () => Promise<void>;
}

export async function loadRun(options: LoadOptions): Promise<LoadInfo> {
  const { manifest } = options;
  const stage = manifest.stages.load;
  const started = performance.now();
  stage.status = 'running';
  await options.checkpoint();
  await options.warehouse.migrate();
  const chunks = manifest.stages.transform.chunks ?? 0;
  const sourceKeys = Array.from({ length: chunks }, (_, i) => cleanKey(manifest.dt, manifest.runId, i));
  const quality = manifest.stages.quality.assessment;
  const info = await options.warehouse.load(readCleanPostings(options.store, manifest), {
    runId: manifest.runId,
    sourceKeys,
    ...(quality ? { quality: quality as unknown as Record<string, unknown> } : {}),
  });
  stage.info = info;
  stage.status = 'done';
  stage.durationMs += performance.now() - started;
  await options.checkpoint();
  return info;
}
