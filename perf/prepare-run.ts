/**
 * The shared input of the load and lake comparisons: one sample run extracted and
 * transformed into a file lake, so every loader reads the same clean postings and every
 * uploader sends the same raw files.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ObjectStore, Provider } from '../providers/core/index.ts';
import { extract } from '../pipeline/stages/extract/extract.ts';
import { rawPrefix } from '../pipeline/lake/lake-layout.ts';
import { newManifest, type RunManifest } from '../pipeline/lake/run-manifest.ts';
import { createSampleSource } from '../pipeline/sources/sample/index.ts';
import { transformRun } from '../pipeline/stages/transform/transform-stage.ts';
import { listFiles } from './lake-upload.ts';
import { localProvider } from './providers.ts';

export interface PreparedRun {
  /** The local provider's FsObjectStore (its PGlite warehouse is unused). */
  store: ObjectStore;
  provider: Provider;
  manifest: RunManifest;
  /** Directory of the run's raw pages and metas on disk. */
  rawDir: string;
  rawFiles: string[];
  /** Page bodies only (what extract reports). */
  rawBytes: number;
  /** Bodies and metas: what an uploader of the raw folder sends. */
  rawFilesBytes: number;
  postings: number;
}

const NOW = new Date('2026-11-28T10:00:00.000Z');

export async function prepareRun(dataDir: string, scale: number): Promise<PreparedRun> {
  const provider = await localProvider(dataDir);
  const store = provider.store;
  const lakeDir = path.join(dataDir, 'lake');
  const manifest = newManifest({
    runId: '20261128T100000Z-00perf',
    dt: '2026-11-28',
    startedAt: NOW.toISOString(),
    workload: { sources: ['sample'], scale, seed: 42 },
  });
  const checkpoint = async () => undefined;
  const info = await extract({
    store,
    sources: [createSampleSource({ scale, seed: 42, now: () => NOW })],
    manifest,
    env: {},
    now: () => NOW,
    checkpoint,
  });
  const transformed = await transformRun({ store, manifest, checkpoint });
  const rawDir = path.join(lakeDir, ...rawPrefix('sample', manifest.dt, manifest.runId).split('/').filter(Boolean));
  const rawFiles = await listFiles(rawDir);
  let rawFilesBytes = 0;
  for (const file of rawFiles) rawFilesBytes += (await stat(path.join(rawDir, file))).size;
  return {
    store,
    provider,
    manifest,
    rawDir,
    rawFiles,
    rawBytes: info.bytes,
    rawFilesBytes,
    postings: transformed.postings,
  };
}
