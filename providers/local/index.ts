/**
 * The embedded local provider: the lake on disk and the warehouse in PGlite, both under
 * one data directory (default `.jobbench/`), so a second run merges into the same lake
 * and warehouse. Needs no network, no server and no credentials.
 */
import { chmod } from 'node:fs/promises';
import path from 'node:path';
import {
  endpointFingerprint,
  ProviderError,
  readConfig,
  type Provider,
  type ProviderFactory,
  type ProviderOptions,
} from '../core/index.ts';
import { PostgresWarehouse } from '../postgres/postgres-warehouse.ts';
import type { SqlClient } from '../postgres/sql-client.ts';
import { FsObjectStore } from './fs-object-store.ts';
import { DirectoryError, errnoOf, makeDirectory, PRIVATE_DIR_MODE } from './make-directory.ts';
import { openPglite } from './pglite-client.ts';
import { LOCAL_CAPABILITIES } from './capabilities.ts';
import { warehouseOpenError } from './warehouse-open-error.ts';

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
    await makePrivateDataDir(dataDir, [lakeDir, warehouseDir]);
    let client: SqlClient;
    try {
      client = await openPglite(warehouseDir);
    } catch (cause) {
      throw warehouseOpenError(warehouseDir, cause);
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

/**
 * The data directory (when this creates it), `lake/` and `warehouse/` are 0700 whatever the
 * umask: nobody else can reach a file under them, even one PGlite made 0666 (see
 * pglite-client.ts). An existing data directory keeps its mode: it may be shared.
 */
async function makePrivateDataDir(dataDir: string, ownDirs: readonly string[]): Promise<void> {
  try {
    await makeDirectory(dataDir, PRIVATE_DIR_MODE);
    for (const dir of ownDirs) {
      await makeDirectory(dir, PRIVATE_DIR_MODE);
      // Made by an older jobbench with the umask's mode: closed now.
      await chmod(dir, PRIVATE_DIR_MODE).catch((error: unknown) => {
        throw new DirectoryError(dir, errnoOf(error) ?? 'EIO', `cannot be made private (${errnoOf(error) ?? 'error'})`);
      });
    }
  } catch (cause) {
    if (!(cause instanceof DirectoryError)) throw cause;
    const code = cause.errno === 'ENOSPC' || cause.errno === 'EDQUOT' ? 'quota-exceeded' : 'invalid-config';
    throw ProviderError.because('local', 'open', code, `the local data directory ${cause.message}`, {
      cause,
      subject: dataDir,
    });
  }
}
