/**
 * Warehouse bulk load in rows/s: each operation merges the run's clean postings through
 * `Warehouse.load` (COPY, load job or insert — the provider's choice) with their content
 * changed from what the warehouse holds, so every backend does the whole load path every
 * time: staging, classify and merge. Reloading identical rows would measure each
 * backend's shortcut instead (PostgreSQL skips a batch whose hashes are all stored; a
 * BigQuery load job and MERGE run regardless), which is not the same work.
 *
 * The content alternates: odd operations load a marked copy (a note appended to each
 * description), even ones the postings as they are. Every operation therefore updates
 * every row, no row is ever added, and cleanup reloads the originals when the last
 * operation left the marked copy (or failed part-way), so the warehouse ends as the
 * pipeline left it.
 */
import type { Posting } from '../../providers/core/index.ts';
import type { Scenario } from './scenario.ts';

/** Appended to each description by the marked loads; says where the text came from. */
export const BULK_LOAD_MARK = '\n[jobbench warehouse.load.bulk benchmark copy]';

export interface BulkLoadState {
  postings: readonly Posting[];
  runId: string;
  /** Loads started so far (warm-up included): the next one is marked when even. */
  loads: number;
  /** True when marked rows may be stored: a marked load ran, or an original one did not finish. */
  dirty: boolean;
}

/** The postings as the next load sends them: marked when `marked`, as they are otherwise. */
export function bulkLoadContent(postings: readonly Posting[], marked: boolean): AsyncIterable<Posting> {
  return (async function* () {
    for (const posting of postings)
      yield marked ? { ...posting, description: posting.description + BULK_LOAD_MARK } : posting;
  })();
}

export function warehouseBulkLoad(postings: readonly Posting[], runId: string): Scenario<BulkLoadState> {
  return {
    name: 'warehouse.load.bulk',
    rateLimited: false,
    unsupported: () => (postings.length === 0 ? 'the run produced no postings to load' : null),
    operationsPerRepetition: () => 1,
    warmupOperations: () => 1,
    concurrency: () => 1,
    payload: (ctx) => ({
      objectBytes: null,
      multipart: null,
      note:
        `merge of the run's ${postings.length} postings with changed content, alternating a marked copy and the original, ` +
        `so every repetition stages and merges every row (${ctx.provider.capabilities.warehouse.bulkLoad}); ` +
        `throughput in rows/s is ops/s × ${postings.length}`,
    }),
    async prepare() {
      return { postings, runId, loads: 0, dirty: false };
    },
    async run(ctx, state) {
      const marked = state.loads % 2 === 0;
      state.loads += 1;
      state.dirty = true;
      const info = await ctx.provider.warehouse.load(bulkLoadContent(state.postings, marked), { runId: state.runId });
      state.dirty = marked;
      // Rows count as "bytes" so bytesPerSec reads as rows/s for this scenario.
      return info.received;
    },
    async cleanup(ctx, state) {
      // The last load left the marked copy (or failed part-way): put the pipeline's postings back.
      if (state?.dirty) {
        await ctx.provider.warehouse.load(bulkLoadContent(state.postings, false), { runId: state.runId });
        state.dirty = false;
      }
    },
  };
}
