/**
 * Cost = metered usage × dated price table, line by line. An unknown price makes its
 * line `null` and the total `null`, with a note naming the unknown items — never a 0
 * that reads as free. Free allowances (verified ones only) are applied per month.
 */
import type { PriceItem, PriceTable } from '../../providers/core/index.ts';
import type { Cost, CostLine } from '../../results/schema.ts';
import { appliedAllowance, DEFAULT_REGIMES, REGIMES, unverifiedAllowances, type FreeTierRegime } from './free-tier.ts';
import type { RunUsage } from './usage.ts';

const GIB = 1024 ** 3;
const TIB = 1024 ** 4;
export const HOURS_PER_MONTH = 730;

export interface CostOptions {
  /** Free-tier regime; default from DEFAULT_REGIMES by the table's provider. */
  regime?: FreeTierRegime;
  /**
   * Provisioned database storage, GiB, as the provider's stack deploys it (billed whether
   * used or not). Without it 20 GiB is assumed and the line is marked estimated.
   */
  databaseStorageGb?: number;
  /**
   * Items the provider's platform line prices for a whole month (the stack's standing
   * resources): a run's cost leaves them out when it does not meter them, and a monthly
   * projection leaves them out altogether, so nothing is counted twice.
   */
  platformItems?: ReadonlySet<string>;
}

interface Metered {
  usage: number;
  estimated: boolean;
  /** Where the figure came from, when it is worth saying (job statistics…). */
  source?: string;
}

/** Usage of one price item, in the item's unit; null when this model does not meter it. */
export function meter(item: PriceItem, u: RunUsage, options: CostOptions = {}): Metered | null {
  const months = u.runHours / HOURS_PER_MONTH;
  const dbGb = options.databaseStorageGb ?? 20;
  const dbEstimated = options.databaseStorageGb === undefined;
  const id = item.item;
  const suffix = id.slice(id.indexOf('.') + 1);
  if (['put-request', 'write-operation'].includes(suffix)) return { usage: u.writeRequests, estimated: false };
  if (['list-request', 'list-operation'].includes(suffix)) return { usage: u.listRequests, estimated: false };
  if (suffix === 'class-a-operation') return { usage: u.writeRequests + u.listRequests, estimated: false }; // writes and listings
  if (['get-request', 'read-operation', 'class-b-operation'].includes(suffix))
    return { usage: u.readRequests, estimated: false };
  if (suffix === 'egress') return { usage: u.bytesRead / GIB, estimated: false };
  if (item.unit === 'instance-hour') return { usage: u.runHours, estimated: false };
  if (id === 'bigquery.analysis')
    return {
      usage: u.bytesScanned / TIB,
      estimated: u.bytesScannedEstimated,
      ...(u.bytesScannedSource ? { source: u.bytesScannedSource } : {}),
    };
  if (id === 'bigquery.active-storage') return { usage: (u.warehouseBytes / GIB) * months, estimated: true };
  if (id === 'bigquery.batch-load') return { usage: u.warehouseBytes / GIB, estimated: true };
  if (suffix === 'storage' && item.unit === 'gb-month') {
    // The object store bills bytes × time; a database bills its provisioned size.
    const isLake = ['s3', 'gcs', 'blob'].includes(id.slice(0, id.indexOf('.')));
    return isLake
      ? { usage: (u.lakeBytes / GIB) * months, estimated: false }
      : { usage: dbGb * months, estimated: dbEstimated };
  }
  return null;
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * The free units a month of `item` in `regime`: the regime's own (verified) allowance
 * when it has one, else the always-free allowance on the price item, which every
 * account keeps whatever its offer (regime `none` applies neither). Null: nothing free.
 */
export function allowancePerMonth(regime: FreeTierRegime, item: PriceItem, region: string): number | null {
  if (regime === 'none') return null;
  const own = appliedAllowance(regime, item.item, region);
  if (own) return own.perMonth;
  return item.freeTierPerMonth ?? null;
}

export interface CostReport extends Cost {
  /** Lines whose price is unknown. */
  unknownItems: string[];
}

/**
 * Cost of `usage` (one run, or one projected month when `monthly` is true: allowances
 * are monthly, so they only offset a month's usage at full size; a run gets the
 * allowance pro rata to its duration).
 */
export function computeCost(
  usage: RunUsage,
  table: PriceTable,
  options: CostOptions & { monthly?: boolean } = {},
): CostReport {
  const regime = options.regime ?? DEFAULT_REGIMES[table.provider] ?? 'none';
  const share = options.monthly ? 1 : Math.min(1, usage.runHours / HOURS_PER_MONTH);
  const breakdown: CostLine[] = [];
  const unknown: string[] = [];
  const unmetered: string[] = [];
  let total = 0;
  let freeApplied = false;
  const platform = options.platformItems ?? new Set<string>();
  for (const item of table.items) {
    // A month's projection leaves the standing resources to the platform line.
    if (options.monthly && platform.has(item.item)) continue;
    const m = meter(item, usage, options);
    if (!m) {
      if (!platform.has(item.item)) unmetered.push(item.item);
      continue;
    }
    const perMonth = allowancePerMonth(regime, item, table.region);
    const free = perMonth === null ? 0 : perMonth * share;
    const billable = Math.max(0, m.usage - free);
    if (perMonth !== null && m.usage > 0) freeApplied = true;
    // Usage wholly inside a free allowance costs 0 whether or not the price is known.
    const cost = billable === 0 ? 0 : item.unitPrice === null ? null : (billable * item.unitPrice) / item.per;
    if (cost === null && m.usage > 0) unknown.push(item.item);
    if (cost !== null) total += cost;
    breakdown.push({
      item: item.item,
      usage: round(m.usage),
      unit: item.unit,
      unitPrice: item.unitPrice,
      priceSource: item.priceSource,
      priceDate: item.priceDate,
      cost: cost === null ? null : round(cost),
      estimated: m.estimated,
      freeAllowance: perMonth === null ? null : round(free),
      per: item.per,
      ...(m.source ? { usageSource: m.source } : {}),
    });
  }
  const notes: string[] = [];
  if (unknown.length > 0) notes.push(`total unknown: no verified price for ${unknown.join(', ')}`);
  if (breakdown.some((l) => l.estimated && l.usage > 0))
    notes.push(
      `estimated usage: ${breakdown
        .filter((l) => l.estimated && l.usage > 0)
        .map((l) => l.item)
        .join(', ')}`,
    );
  const skipped = unverifiedAllowances(regime).map((a) => a.item);
  if (skipped.length > 0) notes.push(`free allowances not applied (not verified): ${skipped.join(', ')}`);
  if (unmetered.length > 0) notes.push(`not metered: ${unmetered.join(', ')}`);
  notes.push(`free-tier regime: ${REGIMES[regime].describe}`);
  return {
    currency: table.currency,
    total: unknown.length > 0 ? null : round(total),
    breakdown,
    freeTierApplied: freeApplied,
    note: notes.join('; '),
    priceTableVersion: table.version,
    freeTierRegime: regime,
    unknownItems: unknown,
  };
}
