/**
 * Azure (Blob Storage, PostgreSQL flexible server, Key Vault and Log Analytics) price tables, read from the pinned, dated price file next to this module
 * (`prices.json`): every item carries its unit, source URL, read date and source kind;
 * an item whose price could not be read is `null` (unknown, never 0).
 * `jobbench prices refresh --provider azure` rewrites the file from the vendor's price
 * list. See docs/pricing.md.
 */
import { pinnedPrices, type PriceFile, type PriceTable } from '../core/index.ts';

const PINNED = pinnedPrices(new URL('./prices.json', import.meta.url));

/** The pinned price file this module reads. */
export const AZURE_PRICE_FILE = PINNED.path;

/** The pinned file, read once per process. */
export function azurePriceFile(): PriceFile {
  return PINNED.file();
}

/** Regions the pinned file prices; any other region gets every price null. */
export const AZURE_PRICED_REGIONS: readonly string[] = PINNED.regions();

export function azurePrices(region: string): PriceTable {
  return PINNED.prices(region);
}
