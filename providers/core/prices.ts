/**
 * Price-table types. Every price carries where it came from and when it was read, so a
 * cost in the results can be traced; an unknown price is `null`, never 0.
 */

/** What a metered usage counter measures; the cost model multiplies these by prices. */
export type UsageUnit =
  | 'request'
  | 'gb-month'
  | 'gb-transferred'
  | 'tb-scanned'
  | 'instance-hour'
  | 'gb-ingested';

export interface PriceItem {
  /** Stable item id, e.g. `s3.put-request`, `bigquery.analysis`. */
  item: string;
  unit: UsageUnit;
  /** Price per `per` units in `currency`; null when not known. */
  unitPrice: number | null;
  /** How many units `unitPrice` covers (e.g. 1000 requests). */
  per: number;
  /** Free allowance per month, in units, when the provider gives one. */
  freeTierPerMonth?: number;
  /** URL of the vendor page the price was read from. */
  priceSource: string;
  /** ISO date the price was read. */
  priceDate: string;
}

export interface PriceTable {
  provider: string;
  region: string;
  currency: 'USD' | 'EUR';
  /** Version of this table (bumped when a price changes). */
  version: string;
  items: readonly PriceItem[];
}
