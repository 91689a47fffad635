/**
 * Warehouse bulk load in rows/s: each operation loads the run's own clean postings
 * again through `Warehouse.load` (COPY, load job or insert — the provider's choice).
 * Reloading the same postings is an idempotent merge, so the benchmark never adds
 * rows that would skew the dashboards; the figure is the merge path's throughput with
 * every row unchanged, which the result's note says.
 */
import type { Posting } from '../../providers/core/index.ts';
import type { Scenario } from './scenario.ts';

export interface BulkLoadState {
  postings: readonly Posting[];
  runId: string;
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
      note: `idempotent reload of the run's ${postings.length} postings (${ctx.provider.capabilities.warehouse.bulkLoad}); throughput in rows/s is ops/s × ${postings.length}`,
    }),
    async prepare() {
      return { postings, runId };
    },
    async run(ctx, state) {
      async function* rows() {
        yield* state.postings;
      }
      const info = await ctx.provider.warehouse.load(rows(), { runId: state.runId });
      // Rows count as "bytes" so bytesPerSec reads as rows/s for this scenario.
      return info.received;
    },
    cleanup: async () => {},
  };
}
