/**
 * The embedded local provider: the lake on disk and the warehouse in PGlite, both under
 * one data directory (default `.jobbench/`), so a second run merges into the same lake
 * and warehouse. Needs no network, no server and no credentials.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { endpointFingerprint, ProviderError, readConfig, type Provider, type ProviderFactory, type ProviderOptions } from '../core/index.ts';
import { PostgresWarehouse } from '../postgres/postgres-warehouse.ts';
import { FsObjectStore } from './fs-object-store.ts';
import { openPglite } from './pglite-client.ts';
import { LOCAL_CAPABILITIES } from './capabilities.ts';

export const LOCAL_CONFIG = [
  /** Directory holding `lake/` and `warehouse/`; overrides the `dataDir` option. */
  { key: 'DATA_DIR', default: '' },
  /** Postgres schema of the local warehouse. */
  { key: 'SCHEMA', default: 'jobbench' },
] as const;

export const localProvider: ProviderFactory = {
  name: 'local',
  priceTable() {
    return { region: 'local', prices: null };
  },
  checkConfig(options: ProviderOptions): void {
    readConfig('local', 'JOBBENCH_LOCAL_', LOCAL_CONFIG, options.env ?? process.env);
  },
  async create(options: ProviderOptions): Promise<Provider> {
    const config = readConfig('local', 'JOBBENCH_LOCAL_', LOCAL_CONFIG, options.env ?? process.env);
    const dataDir = path.resolve(config.DATA_DIR || options.dataDir || '.jobbench');
    const lakeDir = path.join(dataDir, 'lake');
    const warehouseDir = path.join(dataDir, 'warehouse');
    await mkdir(lakeDir, { recursive: true });
    await mkdir(warehouseDir, { recursive: true });
    let client;
    try {
      client = await openPglite(warehouseDir);
    } catch (cause) {
      throw ProviderError.because('local', 'warehouse.open', 'unavailable',
        `cannot open the embedded warehouse in ${warehouseDir} (is another jobbench run using it?)`, { cause });
    }
    const warehouse = new PostgresWarehouse({ provider: 'local', client, schema: config.SCHEMA });
    return {
      name: 'local',
      region: 'local',
      emulated: true,
      endpointFingerprint: endpointFingerprint('local', 'fs+pglite'),
      capabilities: LOCAL_CAPABILITIES,
      store: new FsObjectStore(lakeDir),
      warehouse,
      prices: null,
      close: () => warehouse.close(),
    };
  },
};
