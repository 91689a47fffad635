/**
 * Where the pipeline's memory goes, stage by stage: one run of the sample workload (the
 * bench's file store + the machine's PostgreSQL, as the RSS children of bench:perf) that
 * prints, at every stage boundary, the resident set (VmRSS), its peak so far (VmHWM) and
 * V8's heap. With `--expose-gc` and `--gc` it collects garbage before each reading, so the
 * heap figure is what is live, not what V8 has not yet collected.
 *
 *   node --max-old-space-size=160 --import tsx perf/stage-memory.ts --scale 1000000
 *   node --expose-gc --import tsx perf/stage-memory.ts --scale 100000 --gc
 *
 * `--transform-workers N` (default 0, the memory-bounded mode of the RSS children): the
 * readings are this process's; worker threads' memory is in its RSS too.
 */
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runPipeline } from '../pipeline/run-pipeline.ts';
import { createSampleSource } from '../pipeline/sources/sample/index.ts';
import { FsObjectStoreForHarness } from './harness/fs-store.ts';
import { numberArg } from './argv.ts';
import { procStatusMb } from './proc-memory.ts';
import { DEFAULT_DSN, dropSchema, postgresProvider } from './providers.ts';

const collect = process.argv.includes('--gc') ? (globalThis as { gc?: () => void }).gc : undefined;
if (process.argv.includes('--gc') && !collect) throw new Error('--gc needs node --expose-gc');

function reading(): string {
  collect?.();
  const mb = (field: 'VmRSS' | 'VmHWM') => Math.round(procStatusMb(field) ?? Number.NaN);
  const heap = Math.round(process.memoryUsage().heapUsed / 1048576);
  return `rss ${mb('VmRSS')} MiB, peak ${mb('VmHWM')} MiB, heap ${heap} MiB`;
}

const NOW = new Date('2026-11-28T10:00:00.000Z');
const scale = numberArg('scale') ?? 100_000;
const dsn = process.env.JOBBENCH_PERF_DATABASE_URL ?? DEFAULT_DSN;
const dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-stage-memory-'));
const schema = `stage_memory_${process.pid}`;
console.log(`start: ${reading()}`);
const remote = await postgresProvider(dsn, schema);
const started = performance.now();
try {
  const info = await runPipeline({
    store: new FsObjectStoreForHarness(path.join(dir, 'lake')),
    warehouse: remote.warehouse,
    sources: [createSampleSource({ scale, seed: 42, now: () => NOW })],
    workload: { sources: ['sample'], scale, seed: 42 },
    env: {},
    now: () => NOW,
    transformWorkers: numberArg('transform-workers') ?? 0,
    onProgress: (p) => {
      const milestone = p.state === 'progress' && p.stage === 'transform' && p.done !== undefined && p.done % 25 === 0;
      if (p.state === 'start' || p.state === 'done' || milestone)
        console.log(
          `${(performance.now() - started).toFixed(0).padStart(8)} ms  ${p.stage} ${p.state}${milestone ? ` ${p.done}/${p.total} chunks` : ''}: ${reading()}`,
        );
    },
  });
  console.log(
    `postings ${info.transform?.postings}, lost ${info.verification.lost}, wall ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  console.log(`end: ${reading()}`);
} finally {
  await remote.close();
  await dropSchema(dsn, schema);
  // rmSync, not the promise rm: the latter starts an unlink per file at once, and a 1M
  // run's raw files exhausted the bench's heap budget after the pipeline had finished.
  rmSync(dir, { recursive: true, force: true });
}
