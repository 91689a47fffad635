/**
 * One provider's `cost` block: the run (metered usage over the provider's own billed
 * window × prices), the month at the user's volume (the workload projected, plus the
 * stack's standing resources), and the platform line on its own. BigQuery's bytes come
 * from its job statistics when every job reported them; database storage is the size
 * the stack deploys.
 */
import type { PriceTable, WarehouseBilling } from '../../providers/core/index.ts';
import type { PlatformInventory } from '../../providers/core/platform-inventory.ts';
import type { OperationLog } from '../../providers/layers/operation-log.ts';
import type { Cost } from '../../results/schema.ts';
import { computeCost, type CostOptions } from './cost-model.ts';
import type { FreeTierRegime } from './free-tier.ts';
import { platformCost, type PlatformCost } from './platform-cost.ts';
import { monthlyCost, type PipelineQueryBytes } from './projection.ts';
import { usageFromLogs, type RunUsage } from './usage.ts';

export interface ProviderCostInputs {
  table: PriceTable;
  /** The stack's standing resources, when the provider has a stack. */
  platform: PlatformInventory | null;
  /** What the warehouse reported billing for its own jobs, when it reports anything. */
  billing: WarehouseBilling | null;
  /** The same, taken when the pipeline's first pass ended: its loads' own jobs. */
  pipelineBilling?: WarehouseBilling | null;
  /** The pipeline's operations: the workload the month is projected from. */
  pipelineLog: OperationLog;
  /** Queries, bookkeeping and scenarios: billed in the run, not part of the workload. */
  benchLog: OperationLog;
  /** Milliseconds the provider worked (its billed window). */
  activeMs: number;
  lakeBytes: number;
  warehouseBytes: number;
  postings: number;
  postingsPerDay: number;
  regime?: FreeTierRegime;
}

const LAKE_PREFIXES = new Set(['s3', 'gcs', 'blob']);

/** Provisioned database storage the platform deploys, GiB (e.g. RDS `allocated_storage`), or undefined. */
export function deployedDatabaseGb(platform: PlatformInventory | null): number | undefined {
  const lines = (platform?.lines ?? []).filter(
    (l) => l.unit === 'gb-month' && l.item.endsWith('.storage') && !LAKE_PREFIXES.has(l.item.split('.')[0]!),
  );
  return lines.length > 0 ? lines.reduce((sum, l) => sum + l.quantity, 0) : undefined;
}

/** Bytes billed from job statistics, when every query job reported them. */
function measuredScan(billing: WarehouseBilling | null): { bytes: number; source: string } | null {
  if (!billing || billing.queryJobs === 0 || billing.jobsWithoutStatistics > 0) return null;
  return {
    bytes: billing.bytesBilled,
    source: `${billing.source}: totalBytesBilled summed over ${billing.queryJobs} query jobs`,
  };
}

/** What one dashboard query was billed on average, when every analytic query reported it. */
function measuredPerQuery(billing: WarehouseBilling | null): { queries: number; bytes: number } | null {
  const a = billing?.analytic;
  if (!a || a.queryJobs === 0 || a.jobsWithoutStatistics > 0) return null;
  return { queries: a.queryJobs, bytes: a.bytesBilled };
}

/** The pipeline's own query jobs (all but the analytic ones) and what they were billed, when every one reported it. */
function pipelineQueryBytes(billing: WarehouseBilling | null): PipelineQueryBytes | null {
  if (!billing) return null;
  const jobs = billing.queryJobs - billing.analytic.queryJobs;
  if (jobs <= 0) return null;
  const measured = billing.jobsWithoutStatistics - billing.analytic.jobsWithoutStatistics === 0;
  return { jobs, bytesBilled: measured ? billing.bytesBilled - billing.analytic.bytesBilled : null };
}

const sum = (a: number | null, b: number | null | undefined) =>
  a === null || b === null || b === undefined ? null : Math.round((a + b) * 1e6) / 1e6;

/** The cost model's options for a provider with this stack: storage as deployed, standing items left to the platform line. */
export function stackCostOptions(platform: PlatformInventory | null, regime?: FreeTierRegime): CostOptions {
  const databaseStorageGb = deployedDatabaseGb(platform);
  return {
    ...(regime ? { regime } : {}),
    ...(databaseStorageGb !== undefined ? { databaseStorageGb } : {}),
    platformItems: new Set((platform?.lines ?? []).map((l) => l.item)),
  };
}

/** The platform line before any free allowance (for `monthly.total`) and after the regime's (the stored line). */
export interface PlatformMonth {
  gross: PlatformCost;
  net: PlatformCost;
}

export function platformMonth(
  platform: PlatformInventory | null,
  table: PriceTable,
  regime?: FreeTierRegime,
): PlatformMonth | null {
  if (!platform) return null;
  return { gross: platformCost(platform, table, 'none'), net: platformCost(platform, table, regime) };
}

/** A month's totals with the platform line added, gross to gross and net to net (unknown when either is). */
export function withPlatform<
  M extends { total: number | null; totalAfterFreeTier: number | null; note: string | null },
>(month: M, platform: PlatformMonth | null, currency: string): M {
  if (!platform) return month;
  const shown = (v: number | null) => (v === null ? 'unknown' : `${v} ${currency}`);
  return {
    ...month,
    total: sum(month.total, platform.gross.monthly),
    totalAfterFreeTier: sum(month.totalAfterFreeTier, platform.net.monthly),
    note: `${month.note ?? ''}; totals include the platform line (the stack's standing resources: ${shown(platform.gross.monthly)} a month, ${shown(platform.net.monthly)} after free allowances)`,
  };
}

export function providerCost(inputs: ProviderCostInputs): Cost {
  const runHours = inputs.activeMs / 3_600_000;
  const platform = platformMonth(inputs.platform, inputs.table, inputs.regime);
  const options = stackCostOptions(inputs.platform, inputs.regime);
  const scan = measuredScan(inputs.billing);
  const base = {
    lakeBytes: inputs.lakeBytes,
    warehouseBytes: inputs.warehouseBytes,
    runHours,
    postings: inputs.postings,
  };
  const measured = scan ? { measuredBytesScanned: scan.bytes, measuredBytesScannedSource: scan.source } : {};
  const run = computeCost(
    usageFromLogs({ logs: [inputs.pipelineLog, inputs.benchLog], ...base, ...measured }),
    inputs.table,
    options,
  );

  // The month: the pipeline's usage scaled to the volume; each dashboard query billed what
  // the run's analytic queries were billed on average, when that was measured — not the
  // run's total, which also holds the loads' classify and MERGE jobs; those are projected
  // apart, from the pipeline's own jobs.
  const workload: RunUsage = usageFromLogs({ logs: [inputs.pipelineLog], ...base });
  const perQuery = measuredPerQuery(inputs.billing);
  if (perQuery)
    Object.assign(workload, { queries: perQuery.queries, bytesScanned: perQuery.bytes, bytesScannedEstimated: false });
  const pipelineQueries = pipelineQueryBytes(inputs.pipelineBilling ?? null);
  const { freeTierFit, ...month } = monthlyCost(workload, inputs.table, {
    postingsPerDay: inputs.postingsPerDay,
    pipelineQueries,
    ...options,
  });
  const { unknownItems: _unknown, ...stored } = run;
  return {
    ...stored,
    monthly: withPlatform(month, platform, inputs.table.currency),
    freeTierFit,
    billedHours: Math.round(runHours * 1e6) / 1e6,
    platform: platform?.net ?? null,
  };
}
