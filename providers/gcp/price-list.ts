/**
 * Reads GCP prices from the Cloud Billing Catalog API with an API key
 * (https://cloud.google.com/billing/docs/how-to/get-pricing-information-api):
 * `GET <base>/v1/services?key=…` lists services (`name`, `serviceId`, `displayName`) and
 * `GET <base>/v1/services/<id>/skus?key=…` lists SKUs (`description`, `category`,
 * `serviceRegions`, `pricingInfo[].pricingExpression` with `usageUnit` and `tieredRates`
 * of `{ startUsageAmount, unitPrice: { units, nanos } }`); both are paged by
 * `nextPageToken` / `pageToken`. The key travels only in the query string and is never
 * part of a URL this module returns.
 */
import type { FetchedPrice, PriceFile } from '../core/index.ts';

export const GCP_BILLING_CATALOG_BASE = 'https://cloudbilling.googleapis.com';

interface Service {
  name?: string;
  serviceId?: string;
  displayName?: string;
}

interface Sku {
  skuId?: string;
  description?: string;
  category?: { resourceGroup?: string; usageType?: string };
  serviceRegions?: string[];
  pricingInfo?: {
    pricingExpression?: {
      usageUnit?: string;
      tieredRates?: { startUsageAmount?: number; unitPrice?: { units?: string; nanos?: number } }[];
    };
  }[];
}

interface Rule {
  item: string;
  service: string;
  description: RegExp;
  /** Usage unit the SKU must be priced in, and the factor to the item's unit. */
  usageUnit: string;
  /** The SKU must name the region (false for global SKUs). */
  regional: boolean;
  usageType?: string;
}

const RULES: readonly Rule[] = [
  {
    item: 'gcs.class-a-operation',
    service: 'Cloud Storage',
    description: /^Standard Storage Class A Operations|^Regional Standard Class A Operations/,
    usageUnit: 'count',
    regional: true,
  },
  {
    item: 'gcs.class-b-operation',
    service: 'Cloud Storage',
    description: /^Standard Storage Class B Operations|^Regional Standard Class B Operations/,
    usageUnit: 'count',
    regional: true,
  },
  {
    item: 'gcs.storage',
    service: 'Cloud Storage',
    description: /^Standard Storage /,
    usageUnit: 'GiBy.mo',
    regional: true,
    usageType: 'OnDemand',
  },
  {
    item: 'gcs.egress',
    service: 'Cloud Storage',
    description: /^Download Worldwide Destinations|Internet Data Transfer Out/,
    usageUnit: 'GiBy',
    regional: true,
  },
  { item: 'bigquery.analysis', service: 'BigQuery', description: /^Analysis\b/, usageUnit: 'TiBy', regional: true },
  {
    item: 'bigquery.active-storage',
    service: 'BigQuery',
    description: /^Active Logical Storage/,
    usageUnit: 'GiBy.mo',
    regional: true,
  },
  {
    item: 'kms.key-version',
    service: 'Cloud Key Management Service (KMS)',
    description: /^Active software symmetric key versions$/,
    usageUnit: 'mo',
    regional: false,
  },
  {
    item: 'secretmanager.secret-version',
    service: 'Secret Manager',
    description: /^Secret version replica storage$/,
    usageUnit: 'mo',
    regional: false,
  },
  { item: 'scheduler.job', service: 'Cloud Scheduler', description: /^Jobs?$/, usageUnit: 'mo', regional: false },
  {
    item: 'logging.ingestion',
    service: 'Cloud Logging',
    description: /^Log Storage cost$|^Log Volume$/,
    usageUnit: 'GiBy',
    regional: false,
  },
];

/** Items whose per-unit price is multiplied up to the item's `per` (e.g. 1000 operations). */
export interface PriceListResult {
  prices: FetchedPrice[];
  unmatched: Map<string, string>;
}

/** A URL without its key, for messages and the price file. */
const publicUrl = (base: string, path: string) => `${base.replace(/\/$/, '')}${path}`;

async function pages<T>(url: string, key: string, field: 'services' | 'skus', get: typeof fetch): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  let count = 0;
  do {
    const query = new URLSearchParams({ key, ...(token ? { pageToken: token } : {}) });
    const response = await get(`${url}?${query.toString()}`);
    if (!response.ok) throw new Error(`Cloud Billing Catalog API answered HTTP ${response.status} for ${url}`);
    const body = (await response.json()) as Record<string, unknown>;
    out.push(...((body[field] as T[] | undefined) ?? []));
    token = typeof body.nextPageToken === 'string' && body.nextPageToken !== '' ? body.nextPageToken : undefined;
    if (++count > 1000) throw new Error('Cloud Billing Catalog API: more than 1000 pages, stopping');
  } while (token);
  return out;
}

/** Reads the services the rules need, then their SKUs, and maps them to the file's items. */
export async function fetchGcpPrices(
  file: PriceFile,
  options: { apiKey: string; base?: string; fetch?: typeof fetch },
): Promise<PriceListResult> {
  const base = options.base ?? GCP_BILLING_CATALOG_BASE;
  const get = options.fetch ?? fetch;
  const services = await pages<Service>(publicUrl(base, '/v1/services'), options.apiKey, 'services', get);
  const skusByService = new Map<string, { id: string; skus: Sku[] } | string>();
  for (const name of new Set(RULES.map((r) => r.service))) {
    const service = services.find((s) => s.displayName === name);
    if (!service?.serviceId) {
      skusByService.set(name, `service "${name}" not in the catalog`);
      continue;
    }
    skusByService.set(name, {
      id: service.serviceId,
      skus: await pages<Sku>(publicUrl(base, `/v1/services/${service.serviceId}/skus`), options.apiKey, 'skus', get),
    });
  }
  const prices: FetchedPrice[] = [];
  const unmatched = new Map<string, string>();
  for (const [region, items] of Object.entries(file.regions)) {
    for (const pinned of items) {
      const rule = RULES.find((r) => r.item === pinned.item);
      const service = rule ? skusByService.get(rule.service) : undefined;
      if (!rule) unmatched.set(`${region}/${pinned.item}`, 'no mapping rule');
      else if (typeof service !== 'object') unmatched.set(`${region}/${pinned.item}`, service ?? 'service not read');
      else {
        const hit = matchSku(service.skus, rule, region);
        if (typeof hit === 'string') unmatched.set(`${region}/${pinned.item}`, hit);
        else
          prices.push({
            region,
            item: pinned.item,
            unitPrice: hit.price * pinned.per,
            source: publicUrl(GCP_BILLING_CATALOG_BASE, `/v1/services/${service.id}/skus`),
            matched: hit.matched,
          });
      }
    }
  }
  return { prices, unmatched };
}

/** Price per one usage unit of the first paid tier of the SKU the rule names, or why none matched. */
export function matchSku(
  skus: readonly Sku[],
  rule: Rule,
  region: string,
): { price: number; matched: string } | string {
  const candidates = skus.filter(
    (s) =>
      rule.description.test(s.description ?? '') &&
      (!rule.usageType || s.category?.usageType === rule.usageType) &&
      (!rule.regional || (s.serviceRegions ?? []).includes(region)),
  );
  if (candidates.length === 0)
    return `no SKU matching ${rule.description.source}${rule.regional ? ` in ${region}` : ''}`;
  for (const sku of candidates) {
    const expression = sku.pricingInfo?.[0]?.pricingExpression;
    if (expression?.usageUnit !== rule.usageUnit) continue;
    const tier = (expression.tieredRates ?? [])
      .map((t) => ({
        start: t.startUsageAmount ?? 0,
        price: Number(t.unitPrice?.units ?? 0) + (t.unitPrice?.nanos ?? 0) / 1e9,
      }))
      .filter((t) => t.price > 0)
      .sort((a, b) => a.start - b.start)[0];
    if (tier)
      return {
        price: tier.price,
        matched: `${sku.skuId ?? ''} "${sku.description ?? ''}" (${rule.usageUnit}, from ${tier.start})`,
      };
  }
  return `SKU found but not priced in ${rule.usageUnit} with a paid tier`;
}
