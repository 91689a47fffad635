/**
 * Reads AWS prices from the public bulk offer files (no credentials):
 * `<base>/offers/v1.0/aws/<Offer>/current/<region>/index.json`
 * (https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/using-ppslong.html).
 * An offer file holds `products` (sku → attributes such as `usagetype`,
 * `databaseEngine`, `deploymentOption`) and `terms.OnDemand` (sku → term →
 * `priceDimensions` with `unit`, `description`, `beginRange` and `pricePerUnit.USD`).
 * Each price item is found by offer, usage type (without its region prefix, e.g.
 * `EUW3-`) and attributes; the first paid tier is taken, priced per one offer unit
 * (a request, a GB-month, an hour) and multiplied up to the item's `per`.
 */
import type { FetchedPrice, PriceFile } from '../core/index.ts';

export const AWS_PRICE_LIST_BASE = 'https://pricing.us-east-1.amazonaws.com';

interface Rule {
  item: string;
  offer: string;
  /** Usage type without the region prefix. */
  usagetype: string;
  attributes?: Record<string, string>;
  description?: RegExp;
}

const RULES: readonly Rule[] = [
  { item: 's3.put-request', offer: 'AmazonS3', usagetype: 'Requests-Tier1' },
  { item: 's3.get-request', offer: 'AmazonS3', usagetype: 'Requests-Tier2' },
  { item: 's3.list-request', offer: 'AmazonS3', usagetype: 'Requests-Tier1' },
  { item: 's3.storage', offer: 'AmazonS3', usagetype: 'TimedStorage-ByteHrs' },
  { item: 's3.egress', offer: 'AWSDataTransfer', usagetype: 'DataTransfer-Out-Bytes' },
  {
    item: 'rds.instance',
    offer: 'AmazonRDS',
    usagetype: 'InstanceUsage:db.t4g.micro',
    attributes: { databaseEngine: 'PostgreSQL', deploymentOption: 'Single-AZ' },
  },
  {
    item: 'rds.storage',
    offer: 'AmazonRDS',
    usagetype: 'RDS:GP3-Storage',
    attributes: { databaseEngine: 'PostgreSQL', deploymentOption: 'Single-AZ' },
  },
  { item: 'kms.key', offer: 'awskms', usagetype: 'KMS-Keys' },
  { item: 'secretsmanager.secret', offer: 'AWSSecretsManager', usagetype: 'AWSSecretsManager-Secrets' },
  { item: 'cloudwatch.alarm', offer: 'AmazonCloudWatch', usagetype: 'CW:AlarmMonitorUsage' },
  {
    item: 'cloudwatch.logs-ingestion',
    offer: 'AmazonCloudWatch',
    usagetype: 'DataProcessing-Bytes',
    description: /Standard log class|ingested/i,
  },
  {
    item: 'cloudwatch.logs-storage',
    offer: 'AmazonCloudWatch',
    usagetype: 'TimedStorage-ByteHrs',
    description: /log/i,
  },
];

interface OfferFile {
  publicationDate?: string;
  products?: Record<string, { attributes?: Record<string, string> }>;
  terms?: { OnDemand?: Record<string, Record<string, { priceDimensions?: Record<string, PriceDimension> }>> };
}

interface PriceDimension {
  unit?: string;
  description?: string;
  beginRange?: string;
  pricePerUnit?: Record<string, string>;
}

export interface PriceListResult {
  prices: FetchedPrice[];
  /** `region/item` → why it was not matched. */
  unmatched: Map<string, string>;
}

export function awsOfferUrl(base: string, offer: string, region: string): string {
  return `${base.replace(/\/$/, '')}/offers/v1.0/aws/${offer}/current/${region}/index.json`;
}

/** Reads every offer file the rules need, for each region of `file`, and maps them to items. */
export async function fetchAwsPrices(
  file: PriceFile,
  options: { base?: string; fetch?: typeof fetch } = {},
): Promise<PriceListResult> {
  const base = options.base ?? AWS_PRICE_LIST_BASE;
  const get = options.fetch ?? fetch;
  const prices: FetchedPrice[] = [];
  const unmatched = new Map<string, string>();
  for (const [region, items] of Object.entries(file.regions)) {
    const offers = new Map<string, OfferFile | string>();
    for (const offer of new Set(RULES.map((r) => r.offer))) {
      const url = awsOfferUrl(base, offer, region);
      const response = await get(url);
      offers.set(offer, response.ok ? ((await response.json()) as OfferFile) : `HTTP ${response.status} for ${offer}`);
    }
    for (const { item, per } of items) {
      const rule = RULES.find((r) => r.item === item);
      const offer = rule ? offers.get(rule.offer) : undefined;
      if (!rule) unmatched.set(`${region}/${item}`, 'no mapping rule');
      else if (typeof offer !== 'object') unmatched.set(`${region}/${item}`, offer ?? 'offer not read');
      else {
        const hit = matchOffer(offer, rule);
        if (!hit) unmatched.set(`${region}/${item}`, `no ${rule.usagetype} price in ${rule.offer}`);
        else
          prices.push({
            region,
            item,
            unitPrice: hit.price * per,
            source: awsOfferUrl(AWS_PRICE_LIST_BASE, rule.offer, region),
            matched: hit.matched,
          });
      }
    }
  }
  return { prices, unmatched };
}

/** The first paid on-demand tier of the product the rule names, or null. */
export function matchOffer(offer: OfferFile, rule: Rule): { price: number; matched: string } | null {
  for (const [sku, product] of Object.entries(offer.products ?? {})) {
    const attrs = product.attributes ?? {};
    const usagetype = attrs.usagetype ?? '';
    if (usagetype !== rule.usagetype && !usagetype.endsWith(`-${rule.usagetype}`)) continue;
    if (Object.entries(rule.attributes ?? {}).some(([k, v]) => attrs[k] !== v)) continue;
    const dimensions = Object.values(offer.terms?.OnDemand?.[sku] ?? {}).flatMap((t) =>
      Object.values(t.priceDimensions ?? {}),
    );
    const paid = dimensions
      .filter((d) => !rule.description || rule.description.test(d.description ?? ''))
      .map((d) => ({ d, price: Number(d.pricePerUnit?.USD ?? Number.NaN), begin: Number(d.beginRange ?? 0) }))
      .filter((x) => Number.isFinite(x.price) && x.price > 0)
      .sort((a, b) => a.begin - b.begin)[0];
    if (paid) return { price: paid.price, matched: `${rule.offer} ${usagetype} "${paid.d.description ?? ''}"` };
  }
  return null;
}
