/**
 * `jobbench prices`: the price table a run would use, per provider and region.
 * `jobbench prices refresh --provider P`: reads the vendor's price list, writes a new pinned
 * price file and prints what changed.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Table from 'cli-table3';
import { fetchAwsPrices } from '../../providers/aws/price-list.ts';
import { AWS_PRICE_FILE, awsPriceFile } from '../../providers/aws/pricing.ts';
import { fetchAzurePrices } from '../../providers/azure/price-list.ts';
import { AZURE_PRICE_FILE, azurePriceFile } from '../../providers/azure/pricing.ts';
import {
  formatPriceChanges,
  mergeFetchedPrices,
  priceTableFromFile,
  type PriceFile,
  type PriceItem,
  type PriceTable,
} from '../../providers/core/index.ts';
import { fetchGcpPrices } from '../../providers/gcp/price-list.ts';
import { GCP_PRICE_FILE, gcpPriceFile } from '../../providers/gcp/pricing.ts';
import type { Io } from '../io.ts';
import { UsageError } from '../usage-error.ts';

export const PRICED_PROVIDERS = ['aws', 'gcp', 'azure'] as const;
export type PricedProvider = (typeof PRICED_PROVIDERS)[number];

/** Overrides the vendor base URL of `prices refresh` (tests point it at a local server). */
export const PRICES_ENDPOINT_ENV = 'JOBBENCH_PRICES_ENDPOINT';
/** Cloud Billing Catalog API key for `prices refresh --provider gcp`; never printed. */
export const GCP_API_KEY_ENV = 'JOBBENCH_PRICES_GCP_API_KEY';

const FILES: Record<PricedProvider, { pinned: string; read: () => PriceFile }> = {
  aws: { pinned: AWS_PRICE_FILE, read: awsPriceFile },
  gcp: { pinned: GCP_PRICE_FILE, read: gcpPriceFile },
  azure: { pinned: AZURE_PRICE_FILE, read: azurePriceFile },
};

export function parsePricedProvider(value: string): PricedProvider {
  if ((PRICED_PROVIDERS as readonly string[]).includes(value)) return value as PricedProvider;
  throw new UsageError(`unknown provider "${value}" for prices (known: ${PRICED_PROVIDERS.join(', ')})`);
}

/** The tables `jobbench prices` shows: one provider or all three, one region or each default one. */
export function selectTables(provider: PricedProvider | undefined, region: string | undefined): PriceTable[] {
  if (region !== undefined && provider === undefined) throw new UsageError('--region needs --provider');
  const providers = provider ? [provider] : [...PRICED_PROVIDERS];
  return providers.map((p) => {
    const file = FILES[p].read();
    const chosen = region ?? file.defaultRegion;
    if (!(chosen in file.regions)) {
      throw new UsageError(
        `no price table for ${p} region "${chosen}" (priced: ${Object.keys(file.regions).join(', ')})`,
      );
    }
    return priceTableFromFile(file, chosen);
  });
}

const priceText = (i: PriceItem) =>
  i.unitPrice === null ? 'unknown' : `${i.unitPrice} per ${i.per.toLocaleString('en-US')}`;
const freeText = (i: PriceItem) => (i.freeTierPerMonth === undefined ? '' : `${i.freeTierPerMonth}/month`);

export async function pricesCommand(
  options: { provider?: string; region?: string; json: boolean },
  io: Io,
): Promise<number> {
  const tables = selectTables(
    options.provider === undefined ? undefined : parsePricedProvider(options.provider),
    options.region,
  );
  if (options.json) {
    io.stdout(`${JSON.stringify(tables, null, 2)}\n`);
    return 0;
  }
  for (const t of tables) {
    io.stdout(`${t.provider} ${t.region} — version ${t.version}, ${t.currency}\n`);
    const table = new Table({
      head: ['item', 'unit', 'price', 'currency', 'free', 'source', 'date', 'kind'],
      style: { head: [], border: [] },
    });
    for (const i of t.items)
      table.push([
        i.item,
        i.unit,
        priceText(i),
        t.currency,
        freeText(i),
        i.priceSource,
        i.priceDate,
        i.sourceKind ?? '',
      ]);
    io.stdout(`${table.toString()}\n`);
    const unknown = t.items.filter((i) => i.unitPrice === null).map((i) => i.item);
    if (unknown.length > 0)
      io.stdout(`unknown prices (a run's cost stays null while it uses them): ${unknown.join(', ')}\n`);
  }
  io.stdout(
    'Secondary figures name the document they were read in and a cross-check: see --json or docs/pricing.md.\n',
  );
  return 0;
}

export interface RefreshOptions {
  provider: string | undefined;
  endpoint?: string;
  out?: string;
  /** ISO date written into the file (injected by tests). */
  today?: string;
  fetch?: typeof fetch;
}

export async function pricesRefreshCommand(options: RefreshOptions, io: Io): Promise<number> {
  if (options.provider === undefined) throw new UsageError('prices refresh needs --provider aws|gcp|azure');
  const provider = parsePricedProvider(options.provider);
  const base = options.endpoint ?? io.env[PRICES_ENDPOINT_ENV];
  const apiKey = io.env[GCP_API_KEY_ENV];
  if (provider === 'gcp' && !apiKey)
    throw new UsageError(`prices refresh --provider gcp needs a Cloud Billing API key in ${GCP_API_KEY_ENV}`);
  const pinned = FILES[provider].pinned;
  const previous = JSON.parse(await readFile(pinned, 'utf8')) as PriceFile;
  const common = { ...(base ? { base } : {}), ...(options.fetch ? { fetch: options.fetch } : {}) };
  let result: Awaited<ReturnType<typeof fetchAwsPrices>>;
  try {
    result =
      provider === 'aws'
        ? await fetchAwsPrices(previous, common)
        : provider === 'azure'
          ? await fetchAzurePrices(previous, common)
          : await fetchGcpPrices(previous, { ...common, apiKey: apiKey! });
  } catch (error) {
    // Unreachable host, refused connection, an error answer: say which list and that nothing changed.
    const why =
      error instanceof Error
        ? error.cause instanceof Error
          ? `${error.message}: ${error.cause.message}`
          : error.message
        : String(error);
    io.stderr(
      `jobbench: prices refresh ${provider}: could not read the vendor's price list${base ? ` at ${base}` : ''} (${why}); ${pinned} is unchanged\n`,
    );
    return 1;
  }
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const { file, changes } = mergeFetchedPrices(previous, result.prices, result.unmatched, today);
  const out = options.out === undefined ? pinned : path.resolve(io.cwd, options.out);
  const existed = existsSync(out);
  await writeFile(out, `${JSON.stringify(file, null, 2)}\n`);
  const count = (kind: string) => changes.filter((c) => c.kind === kind).length;
  io.stdout(
    `prices refresh ${provider}: ${count('changed')} changed, ${count('same')} unchanged, ${count('kept')} kept from the previous file\n`,
  );
  io.stdout(`${formatPriceChanges(changes)}\n`);
  io.stdout(
    `${existed ? 'rewrote' : 'wrote'} ${out} (version ${previous.version} → ${file.version}, read ${file.readOn})\n`,
  );
  return 0;
}
