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
  /** Provisioned database storage, GiB (billed whether used or not; default 20). */
  databaseStorageGb?: number;
}

interface Metered {
  usage: number;
  estimated: boolean;
}

/** Usage of one price item, in the item's unit; null when this model does not meter it. */
export function meter(item: PriceItem, u: RunUsage, options: CostOptions = {}): Metered | null {
  const months = u.runHours / HOURS_PER_MONTH;
  const dbGb = options.databaseStorageGb ?? 20;
  const id = item.item;
  const suffix = id.slice(id.indexOf('.') + 1);
  if (['put-request', 'write-operation'].includes(suffix)) return { usage: u.writeRequests, estimated: false };
  if (['list-request', 'list-operation'].includes(suffix)) return { usage: u.listRequests, estimated: false };
  if (suffix === 'class-a-operation') return { usage: u.writeRequests + u.listRequests, estimated: false }; // writes and listings
  if (['get-request', 'read-operation', 'class-b-operation'].includes(suffix)) return { usage: u.readRequests, estimated: false };
  if (suffix === 'egress') return { usage: u.bytesRead / GIB, estimated: false };
  if (item.unit === 'instance-hour') return { usage: u.runHours, estimated: false };
  if (id === 'bigquery.analysis') return { usage: u.bytesScanned / TIB, estimated: u.bytesScannedEstimated };
  if (id === 'bigquery.active-storage') return { usage: (u.warehouseBytes / GIB) * months, estimated: true };
  if (id === 'bigquery.batch-load') return { usage: u.warehouseBytes / GIB, estimated: true };
  if (suffix === 'storage' && item.unit === 'gb-month') {
    // The object store bills bytes × time; a database bills its provisioned size.
    const isLake = ['s3', 'gcs', 'blob'].includes(id.slice(0, id.indexOf('.')));
    return isLake ? { usage: (u.lakeBytes / GIB) * months, estimated: false } : { usage: dbGb * months, estimated: true };
  }
  return null;
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;

export interface CostReport extends Cost {
  /** Lines whose price is unknown. */
  unknownItems: string[];
}

/**
 * Cost of `usage` (one run, or one projected month when `monthly` is true: allowances
 * are monthly, so they only offset a month's usage at full size; a run gets the
 * allowance pro rata to its duration).
 */
export function computeCost(usage: RunUsage, table: PriceTable, options: CostOptions & { monthly?: boolean } = {}): CostReport {
  const regime = options.regime ?? DEFAULT_REGIMES[table.provider] ?? 'none';
  const share = options.monthly ? 1 : Math.min(1, usage.runHours / HOURS_PER_MONTH);
  const breakdown: CostLine[] = [];
  const unknown: string[] = [];
  const unmetered: string[] = [];
  let total = 0;
  let freeApplied = false;
  for (const item of table.items) {
    const m = meter(item, usage, options);
    if (!m) {
      unmetered.push(item.item);
      continue;
    }
    const allowance = appliedAllowance(regime, item.item, table.region);
    const free = allowance ? allowance.perMonth * share : 0;
    const billable = Math.max(0, m.usage - free);
    if (allowance && m.usage > 0) freeApplied = true;
    const cost = item.unitPrice === null ? null : (billable * item.unitPrice) / item.per;
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
      freeAllowance: allowance ? round(free) : null,
    });
  }
  const notes: string[] = [];
  if (unknown.length > 0) notes.push(`total unknown: no verified price for ${unknown.join(', ')}`);
  if (breakdown.some((l) => l.estimated && l.usage > 0)) notes.push(`estimated usage: ${breakdown.filter((l) => l.estimated && l.usage > 0).map((l) => l.item).join(', ')}`);
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
