/**
 * The pipeline itself, repeated and interleaved with the other providers like every other
 * scenario: each operation is a whole pass of the run's workload under a fresh run id —
 * extract into the lake, transform, quality, load, verify — so the pipeline's figures get
 * an interval over repetitions instead of resting on one pass.
 *
 * Every pass reads the same pages: a deterministic source renders them again from its
 * seed, a live one is replayed from the run's spool (benchmarks/extract-once.ts), so no
 * quota is spent again and every provider gets the same data. A pass finds every posting
 * already stored, so its load takes each warehouse's idempotent path, and its transform
 * copies the clean output of an earlier run made from the same pages (transform/reuse-clean.ts):
 * what a daily rerun of the same pages costs. The first pass, which loads every row, stays
 * the results' `pipeline` block. Cleanup removes the passes' objects from the lake; the warehouse keeps
 * the one thing a pass adds there, its row in the load audit (the record that the load ran),
 * as no interface deletes it. No posting row changes: their content is what they hold.
 */
import type { Env } from '../../providers/core/index.ts';
import { cleanPrefix, newRunId, partitionDate, quarantinePrefix, rawPrefix } from '../../pipeline/lake/lake-layout.ts';
import { runPipeline } from '../../pipeline/run-pipeline.ts';
import type { Source } from '../../pipeline/sources/source.ts';
import { removePrefix, type Scenario } from './scenario.ts';

export interface PipelineRerunOptions {
  /** Sources of one pass: deterministic, or replays of the run's spool. */
  makeSources: () => Source[];
  /** Whether `makeSources` gives the run's own pages again without fetching them. */
  replayable: boolean;
  workload: { sources: string[]; scale: number; seed: number };
  env: Env;
  transformWorkers?: number;
  /** False: each pass parses its raw pages instead of copying the first run's clean output. */
  reuseClean?: boolean;
  now?: () => Date;
}

interface PassRecord {
  runId: string;
  dt: string;
  sources: string[];
}

export interface PipelineRerunState {
  passes: PassRecord[];
}

/** The lake prefixes one pass wrote. */
function passPrefixes(pass: PassRecord): string[] {
  return [
    ...pass.sources.map((source) => rawPrefix(source, pass.dt, pass.runId)),
    cleanPrefix(pass.dt, pass.runId),
    quarantinePrefix(pass.runId),
    `runs/${pass.runId}/`,
  ];
}

export function pipelineRerun(options: PipelineRerunOptions): Scenario<PipelineRerunState> {
  const now = options.now ?? (() => new Date());
  return {
    name: 'pipeline.rerun',
    rateLimited: false,
    unsupported: () =>
      options.replayable
        ? null
        : 'live sources without a spool of the run (--spool-dir): a rerun would fetch them again',
    operationsPerRepetition: () => 1,
    // A pass is seconds long and warms nothing the next one reuses but the process itself,
    // which the provider's first pass already warmed.
    warmupOperations: () => 0,
    concurrency: () => 1,
    payload: () => ({
      objectBytes: null,
      multipart: null,
      note:
        "a whole pipeline pass (extract, transform, quality, load, verify) over the run's pages under a fresh run id; " +
        'the transform copies the clean output of an earlier run made from the same pages (unless --no-reuse-clean); ' +
        "every posting is already stored, so the load takes the warehouse's idempotent path; " +
        'throughput in postings/s is ops/s × the postings of a pass',
    }),
    async prepare() {
      return { passes: [] };
    },
    async run(ctx, state) {
      const startedAt = now();
      const runId = newRunId(startedAt);
      // Recorded before the pass, so cleanup finds what a pass that failed half-way wrote.
      const pass: PassRecord = {
        runId,
        dt: partitionDate(startedAt.toISOString()),
        sources: [...options.workload.sources],
      };
      state.passes.push(pass);
      const info = await runPipeline({
        store: ctx.provider.store,
        warehouse: ctx.provider.warehouse,
        sources: options.makeSources(),
        workload: options.workload,
        env: options.env,
        runId,
        now,
        ...(options.transformWorkers !== undefined ? { transformWorkers: options.transformWorkers } : {}),
        ...(options.reuseClean === false ? { reuseClean: false } : {}),
      });
      const manifest = info.manifest;
      pass.dt = manifest.dt;
      pass.sources = Object.keys(manifest.stages.extract.sources);
      // Postings count as "bytes" so bytesPerSec reads as postings/s for this scenario.
      return manifest.stages.transform.postings;
    },
    async cleanup(ctx, state) {
      for (const pass of state?.passes ?? []) {
        for (const prefix of passPrefixes(pass)) await removePrefix(ctx.provider, prefix);
      }
    },
  };
}
