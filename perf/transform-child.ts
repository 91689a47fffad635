/**
 * The transform alone, on one thread: the sample workload extracted into the bench's file
 * store (perf/harness/fs-store.ts), then `transformRun` with `workers: 0` (the
 * memory-bounded mode, `jobbench run --transform-workers 0`), timed on its own. Prints
 * one JSON line: clean postings, the stage's milliseconds, postings/s, and a SHA-256 of
 * every clean and quarantine object in key order, so a change to the transform can be
 * checked byte for byte against the code before it.
 *
 *   tsx perf/transform-child.ts [--scale 20000] [--reps 1]
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx perf/transform-child.ts --scale 20000
 *
 * With `--reps N` the same extracted lake is transformed N times (a fresh manifest each
 * time, so nothing is skipped) and each time is reported: the first pays for compiling
 * the transform's code.
 */
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cleanPrefix, quarantinePrefix } from '../pipeline/lake/lake-layout.ts';
import { newManifest, type RunManifest } from '../pipeline/lake/run-manifest.ts';
import { createSampleSource } from '../pipeline/sources/sample/index.ts';
import { extract } from '../pipeline/stages/extract/extract.ts';
import { transformRun } from '../pipeline/stages/transform/transform-stage.ts';
import { argValue, numberArg } from './argv.ts';
import { FsObjectStoreForHarness } from './harness/fs-store.ts';

export interface TransformChildResult {
  scale: number;
  postings: number;
  quarantined: number;
  /** Wall time of each `transformRun`, in order. */
  transformMs: number[];
  /** Clean postings ÷ each run's seconds. */
  postingsPerSec: number[];
  /** SHA-256 of every clean/ and quarantine/ object of the last run, key and bytes, in key order. */
  outputSha256: string;
  /** The stage's own checksum (RunningDigest of ids and content hashes). */
  checksum: string;
}

const NOW = new Date('2026-11-28T10:00:00.000Z');
const RUN_ID = '20261128T100000Z-00perf';

const manifestFor = (scale: number): RunManifest =>
  newManifest({
    runId: RUN_ID,
    dt: '2026-11-28',
    startedAt: NOW.toISOString(),
    workload: { sources: ['sample'], scale, seed: 42 },
  });

async function outputDigest(store: FsObjectStoreForHarness, manifest: RunManifest): Promise<string> {
  const hash = createHash('sha256');
  const prefixes = [cleanPrefix(manifest.dt, manifest.runId), quarantinePrefix(manifest.runId)];
  for (const prefix of prefixes) {
    const keys: string[] = [];
    for await (const info of store.list(prefix)) keys.push(info.key);
    for (const key of keys.sort()) {
      hash.update(`${key}\n`);
      hash.update(await store.get(key));
    }
  }
  return hash.digest('hex');
}

async function main(): Promise<void> {
  const scale = numberArg('scale') ?? 20_000;
  const reps = numberArg('reps') ?? 1;
  const dir = await mkdtemp(path.join(argValue('tmp') ?? os.tmpdir(), 'jobbench-perf-transform-'));
  try {
    const store = new FsObjectStoreForHarness(path.join(dir, 'lake'));
    const extracted = manifestFor(scale);
    const checkpoint = async () => undefined;
    await extract({
      store,
      sources: [createSampleSource({ scale, seed: 42, now: () => NOW })],
      manifest: extracted,
      env: {},
      now: () => NOW,
      checkpoint,
    });
    const transformMs: number[] = [];
    const postingsPerSec: number[] = [];
    let last = { postings: 0, quarantined: 0, checksum: '' };
    let manifest = extracted;
    for (let rep = 0; rep < reps; rep++) {
      // The extract's record of the run, with the transform not yet started.
      manifest = structuredClone(extracted);
      const started = performance.now();
      const info = await transformRun({ store, manifest, checkpoint, workers: 0 });
      const ms = performance.now() - started;
      transformMs.push(ms);
      postingsPerSec.push(info.postings / (ms / 1000));
      last = { postings: info.postings, quarantined: info.quarantined, checksum: info.checksum };
    }
    const result: TransformChildResult = {
      scale,
      postings: last.postings,
      quarantined: last.quarantined,
      transformMs,
      postingsPerSec,
      outputSha256: await outputDigest(store, manifest),
      checksum: last.checksum,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
