/**
 * Where the transform's CPU work runs. Parsing, cleaning, classifying and hashing a chunk
 * is pure CPU (transform/transform-pages.ts) and was the largest stage of a run on one
 * thread, so chunks go to a pool of worker threads (piscina) while the main thread reads
 * the next chunk's pages and writes the last one's output. A run with a single chunk, or
 * `workers: 0`, transforms on the main thread: starting a worker costs more than it saves.
 *
 * A chunk crosses to its worker as one packed buffer (bodies and metas end to end), moved,
 * not copied; the NDJSON comes back as bytes. Worker and main thread give the same bytes.
 */
import os from 'node:os';
import { Piscina } from 'piscina';
import { packPages, type PackedPages } from './packed-pages.ts';
import { transformPages, type ChunkOutput, type RawPageBytes } from './transform-pages.ts';

export interface ChunkTransformer {
  /** Threads transforming at once (1 on the main thread). */
  readonly threads: number;
  transform(pages: readonly RawPageBytes[]): Promise<ChunkOutput>;
  close(): Promise<void>;
}

function onMainThread(): ChunkTransformer {
  return { threads: 1, transform: async (pages) => transformPages(pages), close: async () => {} };
}

function onWorkers(threads: number): ChunkTransformer {
  const pool = new Piscina<PackedPages, ChunkOutput>({
    filename: new URL('./transform-worker.js', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
  });
  return {
    threads,
    transform: (pages) => {
      const packed = packPages(pages);
      return pool.run(packed, { transferList: [packed.bytes.buffer as ArrayBuffer] });
    },
    close: () => pool.destroy(),
  };
}

/** The default number of workers: one per core the process may use. */
export const defaultTransformWorkers = (): number => os.availableParallelism();

/** Workers for a run of `chunks` chunks: none for `workers: 0` or a single chunk. */
export function chunkTransformer(options: { workers: number; chunks: number }): ChunkTransformer {
  const threads = Math.min(options.workers, options.chunks);
  return threads >= 1 && options.chunks >= 2 ? onWorkers(threads) : onMainThread();
}
