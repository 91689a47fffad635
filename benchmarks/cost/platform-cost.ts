/**
 * The platform line: what a deployed stack costs per month while it stands (database
 * instance and storage, keys, secrets, alarms, scheduler jobs, audit and log ingestion),
 * from the provider's platform inventory × its price table. Lines of the same price item
 * are summed into one cost line, so the item's always-free allowance is applied once; an
 * unknown price makes that line's cost and the monthly total `null`, never 0.
 */
import type { PlatformInventory, PlatformLine } from '../../providers/core/platform-inventory.ts';
import type { PriceItem, PriceTable } from '../../providers/core/index.ts';
import type { Cost, CostLine } from '../../results/schema.ts';
import { allowancePerMonth } from './cost-model.ts';
import { DEFAULT_REGIMES, type FreeTierRegime } from './free-tier.ts';

/** The `cost.platform` block of a results file. */
export type PlatformCost = NonNullable<Cost['platform']>;

const round = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * Prices `inventory` with `table` (null: no table, every line unknown), after the free
 * allowances of `regime` (the same rule as the run's lines: the regime's own allowance,
 * else the price item's always-free one; `none` applies neither). Default: the table's
 * default regime.
 */
export function platformCost(
  inventory: PlatformInventory,
  table: PriceTable | null,
  regime?: FreeTierRegime,
): PlatformCost {
  const applied: FreeTierRegime = regime ?? (table ? (DEFAULT_REGIMES[table.provider] ?? 'none') : 'none');
  const byItem = new Map<string, PlatformLine[]>();
  for (const line of inventory.lines) byItem.set(line.item, [...(byItem.get(line.item) ?? []), line]);

  const lines: CostLine[] = [];
  const unknown: string[] = [];
  const mismatched: string[] = [];
  const freeApplied: string[] = [];
  let monthly = 0;
  for (const [item, group] of byItem) {
    const unit = group[0]!.unit;
    const usage = round(group.reduce((sum, l) => sum + l.quantity, 0));
    const found = table?.items.find((p) => p.item === item);
    // A unit that differs from the price item's would multiply the wrong figures: treat it as unknown.
    const price: PriceItem | undefined = found !== undefined && (found.unit as string) === unit ? found : undefined;
    if (found !== undefined && price === undefined) mismatched.push(`${item} (${unit} vs ${found.unit})`);
    const free = price && table ? allowancePerMonth(applied, price, table.region) : null;
    const billable = Math.max(0, usage - (free ?? 0));
    // Usage wholly inside a free allowance costs 0 whether or not the price is known.
    const cost =
      price === undefined
        ? null
        : billable === 0
          ? 0
          : price.unitPrice === null
            ? null
            : round((billable * price.unitPrice) / price.per);
    if (cost === null) unknown.push(item);
    else monthly += cost;
    if (free !== null && usage > 0) freeApplied.push(item);
    lines.push({
      item,
      usage,
      unit,
      unitPrice: price?.unitPrice ?? null,
      priceSource: found?.priceSource ?? null,
      priceDate: found?.priceDate ?? null,
      cost,
      estimated: group.some((l) => l.assumed),
      freeAllowance: free ?? null,
      ...(price ? { per: price.per } : {}),
      usageSource: group.map((l) => `${l.resource}: ${l.basis}`).join('; '),
    });
  }

  const notes: string[] = [];
  if (table === null) notes.push('no price table for this provider');
  if (unknown.length > 0) notes.push(`monthly unknown: no price for ${unknown.join(', ')}`);
  if (mismatched.length > 0) notes.push(`unit differs from the price table: ${mismatched.join(', ')}`);
  const assumed = lines.filter((l) => l.estimated).map((l) => l.item);
  if (assumed.length > 0) notes.push(`assumed usage (stated in each line's usageSource): ${assumed.join(', ')}`);
  if (freeApplied.length > 0) notes.push(`free allowance (${applied}) applied: ${freeApplied.join(', ')}`);
  if (inventory.leftOut.length > 0) {
    notes.push(
      `left out (no standing charge, or metered by the run; reasons in ${inventory.source.split(' ')[0]}): ${inventory.leftOut.map((e) => e.type).join(', ')}`,
    );
  }
  return {
    monthly: unknown.length > 0 ? null : round(monthly),
    lines,
    source: inventory.source,
    note: notes.length > 0 ? notes.join('; ') : null,
  };
}
