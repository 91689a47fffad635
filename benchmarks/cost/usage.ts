/**
 * Usage of a run, metered by the wrappers (OperationLog) and measured in the lake:
 * requests by billing class, bytes moved and stored, database hours, bytes scanned.
 * An estimate is labelled as one. Pure functions over snapshots, so tests feed fixed
 * usage.
 */
import type { OperationLog } from '../../providers/layers/operation-log.ts';

export interface RunUsage {
  /** PUT/POST/COPY-class requests (object writes). */
  writeRequests: number;
  /** LIST-class requests (one per listing; listings over 1000 keys take more pages — undercounted). */
  listRequests: number;
  /** GET/HEAD-class requests. */
  readRequests: number;
  /** DELETE requests (free on S3, Cloud Storage and Blob Storage). */
  deleteRequests: number;
  /** Bytes read by the client: internet egress when it runs outside the cloud. */
  bytesRead: number;
  bytesWritten: number;
  /** Bytes this run left in the lake. */
  lakeBytes: number;
  /** Estimated size of the warehouse tables (clean NDJSON bytes as a proxy). */
  warehouseBytes: number;
  /** Warehouse queries run. */
  queries: number;
  /** Bytes the queries scanned; `bytesScannedEstimated` says whether it was measured. */
  bytesScanned: number;
  bytesScannedEstimated: boolean;
  /** Where a measured `bytesScanned` came from (e.g. the warehouse's job statistics). */
  bytesScannedSource?: string;
  /** Hours the run took (database instance hours during the run). */
  runHours: number;
  /** Postings the run produced (the unit of the monthly projection). */
  postings: number;
}

/** BigQuery's minimum billed bytes per referenced table in on-demand queries (10 MB). */
export const MIN_SCAN_BYTES = 10 * 1024 * 1024;

const count = (logs: readonly OperationLog[], predicate: (op: string) => boolean) => {
  let ops = 0;
  let bytes = 0;
  for (const log of logs) {
    for (const op of log.operations()) {
      if (!predicate(op)) continue;
      const s = log.snapshot(op)!;
      ops += s.count;
      for (let i = 0; i < s.count; i++) bytes += s.bytes[i]!;
    }
  }
  return { ops, bytes };
};

export interface UsageInputs {
  /** Every OperationLog of the provider's run (pipeline and benchmark). */
  logs: readonly OperationLog[];
  lakeBytes: number;
  warehouseBytes: number;
  runHours: number;
  postings: number;
  /** Measured bytes scanned (job statistics), when the warehouse reports them. */
  measuredBytesScanned?: number | null;
  /** Where the measured figure came from, recorded on the cost line. */
  measuredBytesScannedSource?: string;
}

export function usageFromLogs(inputs: UsageInputs): RunUsage {
  const puts = count(inputs.logs, (op) => op === 'store.put');
  const reads = count(inputs.logs, (op) => op === 'store.get' || op === 'store.head');
  const gets = count(inputs.logs, (op) => op === 'store.get');
  const queries = count(inputs.logs, (op) => op.startsWith('warehouse.query.')).ops;
  const measured = inputs.measuredBytesScanned ?? null;
  return {
    writeRequests: puts.ops,
    listRequests: count(inputs.logs, (op) => op === 'store.list').ops,
    readRequests: reads.ops,
    deleteRequests: count(inputs.logs, (op) => op === 'store.delete').ops,
    bytesRead: gets.bytes,
    bytesWritten: puts.bytes,
    lakeBytes: inputs.lakeBytes,
    warehouseBytes: inputs.warehouseBytes,
    queries,
    // Without job statistics: every query is assumed to scan the whole fact table, at
    // least the 10 MB minimum — an upper-bound estimate, labelled as such.
    bytesScanned: measured ?? queries * Math.max(MIN_SCAN_BYTES, inputs.warehouseBytes),
    bytesScannedEstimated: measured === null,
    ...(measured !== null && inputs.measuredBytesScannedSource
      ? { bytesScannedSource: inputs.measuredBytesScannedSource }
      : {}),
    runHours: inputs.runHours,
    postings: inputs.postings,
  };
}
