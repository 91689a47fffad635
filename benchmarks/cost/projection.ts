/**
 * One month at the user's collection volume, extrapolated from a run's pipeline usage
 * (the benchmark scenarios' extra operations are left out: they are not the workload).
 * Assumptions, each stated in the note: per-posting requests and bytes scale linearly;
 * the lake and the tables grow through the month (average = half the month's data);
 * the database runs all month; the dashboards refresh `refreshesPerDay` times a day.
 */
import type { PriceTable } from '../../providers/core/index.ts';
import type { Cost } from '../../results/schema.ts';
import { allowancePerMonth, computeCost, HOURS_PER_MONTH, type CostOptions } from './cost-model.ts';
import { DEFAULT_REGIMES, type FreeTierRegime } from './free-tier.ts';
import { MIN_SCAN_BYTES, type RunUsage } from './usage.ts';

/**
 * The query bytes the pipeline's own warehouse jobs were billed in the run (BigQuery's
 * classify and MERGE scripts, fingerprint and verification queries): the loads of the
 * month are projected from them. `jobs` is how many query jobs the pipeline ran.
 */
export interface PipelineQueryBytes {
  jobs: number;
  /** Bytes billed over those jobs, or null when a job reported no statistics (then estimated). */
  bytesBilled: number | null;
}

export interface ProjectionOptions {
  /** Postings collected per day (`--postings-per-day`). */
  postingsPerDay: number;
  /** The pipeline's own query jobs in the run, on a warehouse that bills them by bytes. */
  pipelineQueries?: PipelineQueryBytes | null;
  /** Dashboard refreshes per day (each runs every dashboard query once; default 24). */
  refreshesPerDay?: number;
  /** Dashboard queries per refresh (default 11). */
  queriesPerRefresh?: number;
}

const DAYS = 30;

export function projectMonthlyUsage(run: RunUsage, options: ProjectionOptions): RunUsage {
  const per = run.postings > 0 ? (options.postingsPerDay * DAYS) / run.postings : 0;
  const refreshes = (options.refreshesPerDay ?? 24) * DAYS;
  const queries = refreshes * (options.queriesPerRefresh ?? 11);
  const monthEndTableBytes = run.warehouseBytes * per;
  const scanPerQuery =
    run.bytesScannedEstimated || run.queries === 0
      ? Math.max(MIN_SCAN_BYTES, monthEndTableBytes / 2)
      : (run.bytesScanned / run.queries) * per * 0.5;
  const loads = monthlyLoadBytes(options.pipelineQueries ?? null, per, monthEndTableBytes);
  return {
    writeRequests: run.writeRequests * per,
    listRequests: run.listRequests * per,
    readRequests: run.readRequests * per,
    deleteRequests: run.deleteRequests * per,
    bytesRead: run.bytesRead * per,
    bytesWritten: run.bytesWritten * per,
    // Average over a month of steady growth; runHours = a whole month below makes gb-month right.
    lakeBytes: (run.lakeBytes * per) / 2,
    warehouseBytes: monthEndTableBytes / 2,
    queries: queries + (loads?.jobs ?? 0),
    bytesScanned: queries * scanPerQuery + (loads?.bytes ?? 0),
    bytesScannedEstimated: true,
    runHours: HOURS_PER_MONTH,
    postings: options.postingsPerDay * DAYS,
  };
}

/**
 * The month's own loads: the pipeline's query jobs scale with the postings (a batch per so
 * many postings), and each scans the tables as they stand then, half the month-end size on
 * average. Measured: the run's billed bytes, scaled by jobs (× per) and by table size
 * (average month table ÷ the run's table = per ÷ 2). Not measured: every job scans the
 * whole average table, at least BigQuery's 10 MB minimum (an upper-bound estimate).
 */
function monthlyLoadBytes(
  pipeline: PipelineQueryBytes | null,
  per: number,
  monthEndTableBytes: number,
): { jobs: number; bytes: number } | null {
  if (!pipeline || pipeline.jobs === 0) return null;
  const jobs = pipeline.jobs * per;
  const bytes =
    pipeline.bytesBilled !== null
      ? pipeline.bytesBilled * per * (per / 2)
      : jobs * Math.max(MIN_SCAN_BYTES, monthEndTableBytes / 2);
  return { jobs, bytes };
}

export const PROJECTION_NOTE =
  "one 30-day month: requests and bytes scale per posting; lake and tables average half the month-end size; the database instance and other standing resources are in the platform line; each dashboard refresh runs every dashboard query, billed as the run's analytic queries were on average when measured, else scanning the whole fact table (estimate); the month's loads (one pipeline run a day) bill their query jobs as the run's pipeline jobs were billed, scaled with the postings and the tables, else scanning the whole average table (estimate)";

export function monthlyCost(
  run: RunUsage,
  table: PriceTable,
  options: ProjectionOptions & CostOptions,
): NonNullable<Cost['monthly']> & { freeTierFit: number | null } {
  const usage = projectMonthlyUsage(run, options);
  const gross = computeCost(usage, table, { ...options, regime: 'none', monthly: true });
  const regime: FreeTierRegime = options.regime ?? DEFAULT_REGIMES[table.provider] ?? 'none';
  const net = computeCost(usage, table, { ...options, regime, monthly: true });
  return {
    postingsPerDay: options.postingsPerDay,
    total: gross.total,
    totalAfterFreeTier: net.total,
    breakdown: net.breakdown,
    note: `${PROJECTION_NOTE}; ${net.note ?? ''}`,
    freeTierFit: freeTierFit(net.breakdown, table, regime),
  };
}

/**
 * Share of the month's billable lines (usage > 0) that stay inside a free allowance of
 * the regime (its own verified ones, else the price item's always-free one): 1 = the
 * whole workload fits the free tier. Computable even when prices are unknown. Null when
 * nothing is billable.
 */
export function freeTierFit(
  lines: ReadonlyArray<{ item: string; usage: number }>,
  table: PriceTable,
  regime: FreeTierRegime,
): number | null {
  const billable = lines.filter((l) => l.usage > 0);
  if (billable.length === 0) return null;
  const fits = billable.filter((l) => {
    const item = table.items.find((i) => i.item === l.item);
    const perMonth = item ? allowancePerMonth(regime, item, table.region) : null;
    return perMonth !== null && l.usage <= perMonth;
  }).length;
  return Math.round((fits / billable.length) * 1000) / 1000;
}
