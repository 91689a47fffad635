/**
 * AWS price table (USD). Every price carries its source and the date it was read. On
 * 2026-11-28 the S3 and RDS pricing pages' price cells could not be read from the
 * sources available here (they render from templates), so the request, storage and
 * instance prices stay `null` — unknown, never 0 — and a run's total cost is then null
 * with a note naming these items. S3 DELETE requests are free ("DELETE … no charge",
 * S3 FAQ worked example), so they are not an item. Fill a price with its date and bump
 * `version` when it is read from the page.
 */
import type { PriceItem, PriceTable } from '../core/index.ts';

const S3 = 'https://aws.amazon.com/s3/pricing/';
const RDS = 'https://aws.amazon.com/rds/postgresql/pricing/';
const DATE = '2026-11-28';

/** Regions the benchmark documents (Paris and the US reference). */
export const AWS_PRICED_REGIONS = ['eu-west-3', 'us-east-1'] as const;

function item(item: string, unit: PriceItem['unit'], unitPrice: number | null, per: number, priceSource: string, extra: Partial<PriceItem> = {}): PriceItem {
  return { item, unit, unitPrice, per, priceSource, priceDate: DATE, ...extra };
}

export function awsPrices(region: string): PriceTable {
  return {
    provider: 'aws',
    region,
    currency: 'USD',
    version: '2026-11-28.1',
    items: [
      item('s3.put-request', 'request', null, 1000, S3), // PUT, COPY, POST, LIST class: not verified
      item('s3.get-request', 'request', null, 1000, S3), // GET, SELECT and others: not verified
      item('s3.list-request', 'request', null, 1000, S3), // billed with PUT/COPY/POST: not verified
      item('s3.storage', 'gb-month', null, 1, S3), // S3 Standard first 50 TB: not verified
      // Data transfer out to the internet: the first 100 GB per month are free across AWS
      // (S3 pricing page, "Data Transfer"); the per-GB price beyond it was not verified.
      item('s3.egress', 'gb-transferred', null, 1, S3, { freeTierPerMonth: 100 }),
      item('rds.instance', 'instance-hour', null, 1, RDS), // db.t4g.micro single-AZ: not verified
      item('rds.storage', 'gb-month', null, 1, RDS), // gp3 provisioned storage: not verified
    ],
  };
}
