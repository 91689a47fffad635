/**
 * Reads Azure prices from the Retail Prices API (no key):
 * `GET <base>/api/retail/prices?$filter=…` answers `{ Items: [...], NextPageLink, Count }`,
 * each item with `armRegionName`, `serviceName`, `productName`, `skuName`, `meterName`,
 * `unitOfMeasure`, `tierMinimumUnits`, `retailPrice` and `type`; `NextPageLink` is the
 * absolute URL of the next page, null on the last one
 * (https://learn.microsoft.com/rest/api/cost-management/retail-prices/azure-retail-prices).
 * Each price item is found by service, product, SKU and meter names; the first paid tier
 * is taken. Some meters are not regional: Private Link's are listed under armRegionName
 * `Global` only, Azure DNS's under a billing zone (`Zone 1`) or an empty region; their rules
 * name those meter regions, and each region's request asks for them too.
 */
import type { FetchedPrice, PriceFile } from '../core/index.ts';

export const AZURE_RETAIL_PRICES_BASE = 'https://prices.azure.com';

interface RetailItem {
  armRegionName?: string;
  serviceName?: string;
  productName?: string;
  skuName?: string;
  meterName?: string;
  unitOfMeasure?: string;
  tierMinimumUnits?: number;
  retailPrice?: number;
  type?: string;
}

interface RetailPage {
  Items?: RetailItem[];
  NextPageLink?: string | null;
}

interface Rule {
  item: string;
  service: string;
  product: RegExp;
  sku?: RegExp;
  meter: RegExp;
  /** The unit of measure the item's `per` is written in (e.g. `10K` for per 10,000); several when the API spells it more than one way. */
  unit: string | readonly string[];
  /**
   * The armRegionName values the meter is listed under when it is not regional (e.g. `Global`);
   * unset: the priced region itself. Such a rule needs an entry in NON_REGIONAL_FILTERS.
   */
  meterRegions?: readonly string[];
}

const RULES: readonly Rule[] = [
  {
    item: 'blob.write-operation',
    service: 'Storage',
    product: /^General Block Blob v2$/,
    sku: /^Hot LRS$/,
    meter: /^Hot LRS Write Operations$/,
    unit: '10K',
  },
  {
    item: 'blob.read-operation',
    service: 'Storage',
    product: /^General Block Blob v2$/,
    sku: /^Hot LRS$/,
    meter: /^Hot Read Operations$/,
    unit: '10K',
  },
  {
    item: 'blob.list-operation',
    service: 'Storage',
    product: /^General Block Blob v2$/,
    sku: /^Hot LRS$/,
    meter: /^LRS List and Create Container Op/,
    unit: '10K',
  },
  {
    item: 'blob.storage',
    service: 'Storage',
    product: /^General Block Blob v2$/,
    sku: /^Hot LRS$/,
    meter: /^Hot LRS Data Stored$/,
    unit: '1 GB/Month',
  },
  {
    item: 'blob.egress',
    service: 'Bandwidth',
    product: /Rtn Preference: MGN|Bandwidth/,
    meter: /^Standard Data Transfer Out$/,
    unit: '1 GB',
  },
  {
    item: 'postgres.compute',
    service: 'Azure Database for PostgreSQL',
    product: /Flexible Server Burstable BS Series Compute$/,
    sku: /^B1MS$/i,
    meter: /^B1MS$/i,
    unit: '1 Hour',
  },
  {
    item: 'postgres.storage',
    service: 'Azure Database for PostgreSQL',
    product: /Flex(ible)? Server Storage$/,
    meter: /^Storage Data Stored$/,
    unit: '1 GB/Month',
  },
  {
    item: 'keyvault.operation',
    service: 'Key Vault',
    product: /^Key Vault$/,
    sku: /^Standard$/,
    meter: /^Operations$/,
    unit: '10K',
  },
  {
    item: 'loganalytics.ingestion',
    service: 'Log Analytics',
    product: /^Log Analytics$/,
    meter: /^Analytics Logs Data Ingestion$/,
    unit: '1 GB',
  },
  {
    item: 'privatelink.endpoint-hour',
    service: 'Virtual Network',
    product: /^Virtual Network Private Link$/,
    sku: /^Standard$/,
    meter: /^Standard Private Endpoint$/,
    unit: '1 Hour',
    meterRegions: ['Global'],
  },
  {
    // Ingress and Egress are two meters at the same price; each direction is billed.
    item: 'privatelink.data-gb',
    service: 'Virtual Network',
    product: /^Virtual Network Private Link$/,
    sku: /^Standard$/,
    meter: /^Standard Data Processed - Ingress$/,
    unit: '1 GB',
    meterRegions: ['Global'],
  },
  {
    item: 'dns.private-zone',
    service: 'Azure DNS',
    product: /^Azure DNS$/,
    sku: /^Private$/,
    meter: /^Private Zones?$/,
    unit: ['1/Month', '1'],
    meterRegions: ['', 'Zone 1'],
  },
  {
    item: 'dns.query',
    service: 'Azure DNS',
    product: /^Azure DNS$/,
    sku: /^Private$/,
    meter: /^Private Queries$/,
    unit: '1M',
    meterRegions: ['', 'Zone 1'],
  },
];

/** The clauses that fetch the non-regional meters the rules name, whatever the region. */
const NON_REGIONAL_FILTERS: readonly string[] = [
  "armRegionName eq 'Global' and serviceName eq 'Virtual Network' and productName eq 'Virtual Network Private Link'",
  "serviceName eq 'Azure DNS' and productName eq 'Azure DNS'",
];

/**
 * The services the rules read, as one `$filter` per region: the regional services first, then
 * (OData `and` binds tighter than `or`) each non-regional product, also Consumption only.
 */
export function azureFilter(region: string): string {
  const regional = RULES.filter((r) => r.meterRegions === undefined);
  const services = [...new Set(regional.map((r) => r.service))].map((s) => `serviceName eq '${s}'`).join(' or ');
  const others = NON_REGIONAL_FILTERS.map((f) => ` or (priceType eq 'Consumption' and ${f})`).join('');
  return `armRegionName eq '${region}' and priceType eq 'Consumption' and (${services})${others}`;
}

export function azurePricesUrl(base: string, region: string): string {
  return `${base.replace(/\/$/, '')}/api/retail/prices?$filter=${encodeURIComponent(azureFilter(region))}`;
}

export interface PriceListResult {
  prices: FetchedPrice[];
  unmatched: Map<string, string>;
}

/** Reads every page of the region's answer (following NextPageLink) and maps meters to items. */
export async function fetchAzurePrices(
  file: PriceFile,
  options: { base?: string; fetch?: typeof fetch } = {},
): Promise<PriceListResult> {
  const base = options.base ?? AZURE_RETAIL_PRICES_BASE;
  const get = options.fetch ?? fetch;
  const prices: FetchedPrice[] = [];
  const unmatched = new Map<string, string>();
  for (const [region, items] of Object.entries(file.regions)) {
    const meters: RetailItem[] = [];
    let next: string | null | undefined = azurePricesUrl(base, region);
    let pages = 0;
    while (next) {
      const response = await get(next);
      if (!response.ok) throw new Error(`Azure Retail Prices API answered HTTP ${response.status} for ${region}`);
      const page = (await response.json()) as RetailPage;
      meters.push(...(page.Items ?? []));
      next = page.NextPageLink;
      if (++pages > 1000) throw new Error('Azure Retail Prices API: more than 1000 pages, stopping');
    }
    for (const { item } of items) {
      const rule = RULES.find((r) => r.item === item);
      if (!rule) {
        unmatched.set(`${region}/${item}`, 'no mapping rule');
        continue;
      }
      const hit = matchMeter(meters, rule, region);
      if (typeof hit === 'string') unmatched.set(`${region}/${item}`, hit);
      else
        prices.push({
          region,
          item,
          unitPrice: hit.price,
          source: azurePricesUrl(AZURE_RETAIL_PRICES_BASE, region),
          matched: hit.matched,
        });
    }
  }
  return { prices, unmatched };
}

/** The first paid tier of the meter the rule names, or why none matched. */
export function matchMeter(
  meters: readonly RetailItem[],
  rule: Rule,
  region: string,
): { price: number; matched: string } | string {
  const regions = rule.meterRegions ?? [region];
  const units: readonly string[] = typeof rule.unit === 'string' ? [rule.unit] : rule.unit;
  const candidates = meters.filter(
    (m) =>
      regions.includes(m.armRegionName ?? '') &&
      m.serviceName === rule.service &&
      rule.product.test(m.productName ?? '') &&
      (!rule.sku || rule.sku.test(m.skuName ?? '')) &&
      rule.meter.test(m.meterName ?? '') &&
      (m.type ?? 'Consumption') === 'Consumption',
  );
  if (candidates.length === 0) return `no ${rule.service} meter matching ${rule.meter.source}`;
  const sameUnit = candidates.filter((m) => units.includes(m.unitOfMeasure ?? ''));
  if (sameUnit.length === 0)
    return `meter found but in unit "${candidates[0]!.unitOfMeasure ?? '?'}", expected "${units.join('" or "')}"`;
  const paid = sameUnit
    .filter((m) => (m.retailPrice ?? 0) > 0)
    .sort((a, b) => (a.tierMinimumUnits ?? 0) - (b.tierMinimumUnits ?? 0))[0];
  if (!paid) return `meter ${sameUnit[0]!.meterName ?? ''} has no paid tier`;
  return {
    price: paid.retailPrice!,
    matched: `${paid.productName ?? ''} / ${paid.skuName ?? ''} / ${paid.meterName ?? ''} (${paid.unitOfMeasure ?? ''}, from ${paid.tierMinimumUnits ?? 0})`,
  };
}
