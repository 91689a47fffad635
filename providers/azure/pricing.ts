/**
 * Azure price table (USD). Every price carries its source and the date it was read. On
 * 2026-11-28 the Blob Storage and PostgreSQL flexible server pricing pages' figures
 * could not be read from the sources available here (the pages render prices per region
 * in the browser), so prices stay `null` — unknown, never 0 — and a run's total is then
 * null with a note naming them. Blob DELETE is free, so it is not an item.
 */
import type { PriceItem, PriceTable } from '../core/index.ts';

const BLOB = 'https://azure.microsoft.com/pricing/details/storage/blobs/';
const PG = 'https://azure.microsoft.com/pricing/details/postgresql/flexible-server/';
const DATE = '2026-11-28';

/** Regions the benchmark documents (Paris and the US reference). */
export const AZURE_PRICED_REGIONS = ['francecentral', 'eastus'] as const;

function item(item: string, unit: PriceItem['unit'], unitPrice: number | null, per: number, priceSource: string): PriceItem {
  return { item, unit, unitPrice, per, priceSource, priceDate: DATE };
}

export function azurePrices(region: string): PriceTable {
  return {
    provider: 'azure',
    region,
    currency: 'USD',
    version: '2026-11-28.1',
    items: [
      item('blob.write-operation', 'request', null, 10_000, BLOB), // Hot LRS write operations: not verified
      item('blob.read-operation', 'request', null, 10_000, BLOB), // Hot LRS read operations: not verified
      item('blob.list-operation', 'request', null, 10_000, BLOB), // list and create container: not verified
      item('blob.storage', 'gb-month', null, 1, BLOB), // Hot LRS first 50 TB: not verified
      item('blob.egress', 'gb-transferred', null, 1, 'https://azure.microsoft.com/pricing/details/bandwidth/'),
      item('postgres.compute', 'instance-hour', null, 1, PG), // Burstable B1ms: not verified
      item('postgres.storage', 'gb-month', null, 1, PG), // provisioned storage: not verified
    ],
  };
}
