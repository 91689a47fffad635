/**
 * The Blob lake alone, for the collector: it only extracts, so it needs the lake's settings
 * (account or connection string, container, key prefix) and never the database, which the
 * collector's identity has no role on. On Azurite the container is made on first use, as the
 * provider does; a deployed collector writes into the container of its stack.
 */
import type { Env } from '../core/index.ts';
import { readDeadlines } from '../core/operation-deadlines.ts';
import { readAzureConfig } from './config.ts';
import { blobServiceClient } from './index.ts';
import { BlobObjectStore } from './object-store.ts';

export interface BlobLake {
  store: BlobObjectStore;
  region: string;
  close(): void;
}

export async function openBlobLake(env: Env): Promise<BlobLake> {
  // The whole table is read, so a misspelt JOBBENCH_AZURE_ name is refused here too.
  const config = readAzureConfig(env);
  const deadlines = readDeadlines(env);
  const service = blobServiceClient(config, deadlines);
  const store = new BlobObjectStore({
    container: service.getContainerClient(config.container),
    keyPrefix: config.keyPrefix,
    deadlines,
  });
  if (config.emulated) await store.ensureContainer();
  // The Blob client holds no connection pool of its own to close.
  return { store, region: config.region, close: () => {} };
}
