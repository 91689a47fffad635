/**
 * GCP price table (USD, list prices, Standard storage class, on-demand BigQuery).
 * Each price was read on `priceDate` from `priceSource`; a price that could not be
 * verified there is `null` (unknown, never 0) and says why in the comment.
 */
import type { PriceItem, PriceTable } from '../core/index.ts';

const GCS = 'https://cloud.google.com/storage/pricing';
const GCS_EXAMPLES = 'https://cloud.google.com/storage/pricing-examples';
const BQ = 'https://cloud.google.com/bigquery/pricing';
const DATE = '2026-11-28';

/** Regions with a dated table; any other region gets every price null. */
export const GCP_PRICED_REGIONS = ['europe-west9', 'us-central1'] as const;

function item(item: string, unit: PriceItem['unit'], unitPrice: number | null, per: number, priceSource: string, extra: Partial<PriceItem> = {}): PriceItem {
  return { item, unit, unitPrice, per, priceSource, priceDate: DATE, ...extra };
}

export function gcpPrices(region: string): PriceTable {
  const known = (GCP_PRICED_REGIONS as readonly string[]).includes(region);
  const us = region === 'us-central1';
  return {
    provider: 'gcp',
    region,
    currency: 'USD',
    version: '2026-11-28.1',
    items: [
      // "Class A operations (object adds, bucket and object listings) … $0.005 per 1,000" and
      // "Class B operations (object gets, retrieving … metadata) … $0.0004 per 1,000" for Standard
      // storage in a region (pricing examples page); the operation price does not vary by region.
      item('gcs.class-a-operation', 'request', known ? 0.005 : null, 1000, GCS_EXAMPLES),
      item('gcs.class-b-operation', 'request', known ? 0.0004 : null, 1000, GCS_EXAMPLES),
      // us-central1 Standard: $0.020 per GB-month (pricing table; also $0.000027397 per GiB-hour).
      // europe-west9 (Paris): not verified (the stored page text was cut before that row) → null.
      item('gcs.storage', 'gb-month', us ? 0.02 : null, 1, GCS, us ? { freeTierPerMonth: 5 } : {}),
      // "1 GB outbound data transfer * $0.12 per GB" to the Americas and EMEA (pricing examples).
      item('gcs.egress', 'gb-transferred', known ? 0.12 : null, 1, GCS_EXAMPLES),
      // On-demand $/TiB not verified from the page text read (only "the first 1 TiB of query
      // data processed per month is free") → null; the free TiB is recorded (in TB units).
      // The unit is TiB here (BigQuery bills on-demand queries per TiB).
      item('bigquery.analysis', 'tb-scanned', null, 1, BQ, { freeTierPerMonth: 1 }),
      // Active logical storage price not verified → null. (10 GiB/month free: not verified either.)
      item('bigquery.active-storage', 'gb-month', null, 1, BQ),
      // Batch load jobs run on the shared slot pool at no charge ("free operations", BigQuery pricing).
      item('bigquery.batch-load', 'gb-ingested', 0, 1, BQ),
    ],
  };
}
