/**
 * Price-table types and the pinned price files they come from. Every price carries where
 * it came from and when it was read, so a cost in the results can be traced; an unknown
 * price is `null`, never 0. A cloud's prices live in a dated JSON file next to its code
 * (`providers/<cloud>/prices.json`); `priceTableFromFile` turns one region of it into the
 * table a run uses, and the refresh helpers below compare and merge two files.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sourceFileOf } from '../../lib/project-root.ts';

/** What a metered usage counter measures; the cost model multiplies these by prices. */
export type UsageUnit =
  | 'request'
  | 'gb-month'
  | 'gb-transferred'
  | 'tb-scanned'
  | 'instance-hour'
  | 'gb-ingested'
  /** One resource (a key, a secret, an alarm, a job) kept for a month. */
  | 'resource-month';

/**
 * Where a figure was read: the vendor's own pricing page, the vendor's machine-readable
 * price list (AWS offer files, Azure Retail Prices API, GCP Cloud Billing Catalog), or a
 * secondary copy of either (a public document quoting it), which is then cross-checked.
 */
export type PriceSourceKind = 'vendor-page' | 'vendor-api' | 'secondary';

/** A second reading of the same price, from another source. */
export interface PriceCrossCheck {
  /** Where the second figure was read (URL, or a description of a public document). */
  source: string;
  /** The figure found there, in the item's unit and `per`; null when none was found. */
  unitPrice: number | null;
  /** What the comparison showed. */
  note?: string;
}

export interface PriceItem {
  /** Stable item id, e.g. `s3.put-request`, `bigquery.analysis`. */
  item: string;
  unit: UsageUnit;
  /** Price per `per` units in `currency`; null when not known. */
  unitPrice: number | null;
  /** How many units `unitPrice` covers (e.g. 1000 requests). */
  per: number;
  /** Free allowance per month, in units, when the provider gives one to every account. */
  freeTierPerMonth?: number;
  /** URL the free allowance was read from. */
  freeTierSource?: string;
  /** URL of the vendor page or price list the price comes from. */
  priceSource: string;
  /** ISO date the price was read. */
  priceDate: string;
  /** What kind of source gave the figure (absent in tables written before it existed). */
  sourceKind?: PriceSourceKind;
  /** For a secondary figure: the document it was read in, and the vendor data's own date. */
  secondarySource?: string;
  /** A second source for the same figure. */
  crossCheck?: PriceCrossCheck;
  /** Anything a reader of the figure should know (tier, what the meter covers). */
  note?: string;
}

export interface PriceTable {
  provider: string;
  region: string;
  currency: 'USD' | 'EUR';
  /** Version of this table (bumped when a price changes). */
  version: string;
  items: readonly PriceItem[];
}

/** The pinned price file of one cloud: every documented region, read on one date. */
export interface PriceFile {
  provider: string;
  currency: 'USD' | 'EUR';
  /** `<date>.<n>`, bumped whenever a price changes. */
  version: string;
  /** ISO date the file was last read or refreshed. */
  readOn: string;
  /** The region whose items define the item list of an unknown region. */
  defaultRegion: string;
  /** Region → items. Every region lists the same item ids. */
  regions: Readonly<Record<string, readonly PriceItem[]>>;
}

/** The price table of `region`; an unpriced region gets the same items with every price null. */
export function priceTableFromFile(file: PriceFile, region: string): PriceTable {
  const known = file.regions[region];
  const items = known
    ? known.map((i) => ({ ...i }))
    : (file.regions[file.defaultRegion] ?? []).map(
        (i): PriceItem => ({
          item: i.item,
          unit: i.unit,
          unitPrice: null,
          per: i.per,
          priceSource: i.priceSource,
          priceDate: file.readOn,
          note: `region ${region} is not priced`,
        }),
      );
  return { provider: file.provider, region, currency: file.currency, version: file.version, items };
}

/** A cloud's pinned price file: where it is, read once per process, and its tables. */
export interface PinnedPrices {
  /** Absolute path of the file (what `jobbench prices refresh` rewrites). */
  path: string;
  file(): PriceFile;
  /** Regions the file prices; any other region gets every price null. */
  regions(): string[];
  prices(region: string): PriceTable;
}

/**
 * Reads the pinned price file at `fileUrl` (e.g. `new URL('./prices.json', import.meta.url)`) on first use: the
 * sources' copy when running compiled, the one `prices refresh` rewrites.
 */
export function pinnedPrices(fileUrl: URL): PinnedPrices {
  const path = sourceFileOf(fileURLToPath(fileUrl));
  let cached: PriceFile | undefined;
  const file = () => (cached ??= JSON.parse(readFileSync(path, 'utf8')) as PriceFile);
  return { path, file, regions: () => pricedRegions(file()), prices: (region) => priceTableFromFile(file(), region) };
}

/** Regions a price file documents. */
export function pricedRegions(file: PriceFile): string[] {
  return Object.keys(file.regions);
}

/** One price a vendor price list gave for an item in a region, ready to replace the pinned one. */
export interface FetchedPrice {
  region: string;
  item: string;
  /** Price per the pinned item's `per`, in the file's currency. */
  unitPrice: number;
  /** URL the figure was read from (no key or credential in it). */
  source: string;
  /** Vendor meter, SKU or usage type it came from, for the diff. */
  matched: string;
}

/** One line of a refresh report. */
export type PriceChange =
  | { region: string; item: string; kind: 'changed' | 'same'; old: number | null; new: number; matched: string }
  | { region: string; item: string; kind: 'kept'; old: number | null; reason: string };

/**
 * The new file after a refresh: fetched prices replace the pinned ones (dated `today`,
 * `vendor-api`); items the price list did not give keep their previous value and say so
 * in the report. The version is bumped when any price changed.
 */
export function mergeFetchedPrices(
  previous: PriceFile,
  fetched: readonly FetchedPrice[],
  unmatched: ReadonlyMap<string, string>,
  today: string,
): { file: PriceFile; changes: PriceChange[] } {
  const changes: PriceChange[] = [];
  const regions: Record<string, PriceItem[]> = {};
  for (const [region, items] of Object.entries(previous.regions)) {
    regions[region] = items.map((old) => {
      const hit = fetched.find((f) => f.region === region && f.item === old.item);
      if (!hit) {
        const reason = unmatched.get(`${region}/${old.item}`) ?? 'not given by the price list';
        changes.push({ region, item: old.item, kind: 'kept', old: old.unitPrice, reason });
        return old;
      }
      const unitPrice = roundPrice(hit.unitPrice);
      changes.push({
        region,
        item: old.item,
        kind: old.unitPrice === unitPrice ? 'same' : 'changed',
        old: old.unitPrice,
        new: unitPrice,
        matched: hit.matched,
      });
      const { secondarySource: _secondary, crossCheck: _check, ...rest } = old;
      return {
        ...rest,
        unitPrice,
        priceSource: hit.source,
        priceDate: today,
        sourceKind: 'vendor-api' as const,
        note: `vendor price list: ${hit.matched}`,
      };
    });
  }
  const changed = changes.some((c) => c.kind === 'changed');
  const version = changed ? nextVersion(previous.version, today) : previous.version;
  return { file: { ...previous, version, readOn: today, regions }, changes };
}

/** `2026-12-04.1` → `2026-12-04.2` on the same day, else `<today>.1`. */
export function nextVersion(version: string, today: string): string {
  const [date, n] = version.split('.');
  return date === today ? `${today}.${Number(n ?? 0) + 1}` : `${today}.1`;
}

/** Prices are stored to 10 significant digits: enough for $0.00000042 per request. */
export function roundPrice(value: number): number {
  return Number(value.toPrecision(10));
}

/** The diff as text, one line per item: `region item: old → new` or `kept (reason)`. */
export function formatPriceChanges(changes: readonly PriceChange[]): string {
  const show = (v: number | null) => (v === null ? 'null' : String(v));
  return changes
    .map((c) =>
      c.kind === 'kept'
        ? `  ${c.region} ${c.item}: ${show(c.old)} kept (${c.reason})`
        : `  ${c.region} ${c.item}: ${show(c.old)} → ${show(c.new)}${c.kind === 'same' ? ' (unchanged)' : ''}  [${c.matched}]`,
    )
    .join('\n');
}
