/**
 * One pipeline run in its own process, so its peak RSS is its own: the sample workload
 * through FsObjectStore and either PGlite (`local`) or the machine's PostgreSQL over
 * pg-client (`postgres`, a fresh schema dropped afterwards). Prints one JSON line:
 * postings, per-stage milliseconds, the rerun's time and rows added, and VmHWM.
 *
 *   tsx perf/pipeline-child.ts --warehouse postgres --scale 100000 [--rerun] [--store harness-fs]
 *
 * `--store harness-fs` (PostgreSQL only) swaps the registry's FsObjectStore for the bench's
 * own minimal file store (perf/harness/fs-store.ts): the only way, within the import
 * rules, to run the pipeline in a process without the local provider's PGlite, whose
 * memory would otherwise swamp the peak-RSS figure (docs/performance.md, "Peak RSS").
 */
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runPipeline, type PipelineInfo } from '../pipeline/run-pipeline.ts';
import { createSampleSource } from '../pipeline/sources/sample/index.ts';
import type { ObjectStore, Provider } from '../providers/core/index.ts';
import { FsObjectStoreForHarness } from './harness/fs-store.ts';
import { argValue, numberArg } from './argv.ts';
import { peakRssMb } from './proc-memory.ts';
import { DEFAULT_DSN, dropSchema, localProvider, postgresProvider } from './providers.ts';

export interface PipelineChildResult {
  warehouse: 'local' | 'postgres';
  scale: number;
  postings: number;
  rawBytes: number;
  totalMs: number;
  stagesMs: PipelineInfo['durationsMs'];
  inserted: number;
  rerun: { totalMs: number; inserted: number; updated: number } | null;
  /**
   * Peak resident set of the whole process (VmHWM), MiB. It includes the PGlite that the
   * registry's local provider opens (hundreds of MiB) even when the warehouse is
   * PostgreSQL: benchmarks reach FsObjectStore only through that provider.
   */
  peakRssMb: number;
}

const NOW = new Date('2026-11-28T10:00:00.000Z');

async function main(): Promise<void> {
  const kind = argValue('warehouse') === 'postgres' ? 'postgres' : 'local';
  const scale = numberArg('scale') ?? 20_000;
  const rerun = process.argv.includes('--rerun');
  const workers = numberArg('transform-workers') ?? null;
  const dir = await mkdtemp(path.join(argValue('tmp') ?? os.tmpdir(), 'jobbench-perf-'));
  const schema = `perf_${process.pid}_${Date.now().toString(36)}`;
  const dsn = process.env.JOBBENCH_PERF_DATABASE_URL ?? DEFAULT_DSN;
  const harnessStore = kind === 'postgres' && argValue('store') === 'harness-fs';
  const local: Provider | null = harnessStore ? null : await localProvider(dir);
  const remote = kind === 'postgres' ? await postgresProvider(dsn, schema) : null;
  const store: ObjectStore = local ? local.store : new FsObjectStoreForHarness(path.join(dir, 'lake'));
  const warehouse = remote ? remote.warehouse : local!.warehouse;
  const run = () =>
    runPipeline({
      store,
      warehouse,
      sources: [createSampleSource({ scale, seed: 42, now: () => NOW })],
      workload: { sources: ['sample'], scale, seed: 42 },
      env: {},
      now: () => NOW,
      ...(workers !== null ? { transformWorkers: workers } : {}),
    });
  try {
    const started = performance.now();
    const first = await run();
    const totalMs = performance.now() - started;

    let second: PipelineChildResult['rerun'] = null;
    if (rerun) {
      const again = performance.now();
      const info = await run();
      second = {
        totalMs: performance.now() - again,
        inserted: info.load?.inserted ?? 0,
        updated: info.load?.updated ?? 0,
      };
    }
    const result: PipelineChildResult = {
      warehouse: kind,
      scale,
      postings: first.transform?.postings ?? 0,
      rawBytes: first.extract?.bytes ?? 0,
      totalMs,
      stagesMs: first.durationsMs,
      inserted: first.load?.inserted ?? 0,
      rerun: second,
      peakRssMb: peakRssMb(),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await local?.close();
    if (remote) {
      await remote.close();
      await dropSchema(dsn, schema);
    }
    // rmSync, not the promise rm: the latter starts an unlink per file at once, and a 1M
    // run's raw files exhausted the bench's heap budget after the pipeline had finished.
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
