/**
 * The GCP provider: the lake on Cloud Storage, the warehouse on BigQuery. Emulated when
 * JOBBENCH_GCP_EMULATED says so (set by `jobbench emulators env` for fake-gcs-server and
 * bqemulator), not because an endpoint is on this machine.
 */
import { Storage } from '@google-cloud/storage';
import {
  endpointFingerprint,
  readSetting,
  type Provider,
  type ProviderFactory,
  type ProviderOptions,
} from '../core/index.ts';
import {
  DEFAULT_DEADLINES,
  readDeadlines,
  storeRequestTimeoutMs,
  type OperationDeadlines,
} from '../core/operation-deadlines.ts';
import { committedPlatformInventory } from '../core/platform-inventory.ts';
import { makeBigQuery } from './bigquery-client.ts';
import { BigQueryWarehouse } from './bigquery-warehouse.ts';
import { GCP_CAPABILITIES } from './capabilities.ts';
import { GCP_CONFIG, readGcpConfig, type GcpConfig } from './config.ts';
import { GcsObjectStore } from './object-store.ts';
import { gcpPrices } from './pricing.ts';

export function makeStorage(config: GcpConfig, deadlines: OperationDeadlines = DEFAULT_DEADLINES): Storage {
  const apiEndpoint = config.storageEndpoint || 'https://storage.googleapis.com';
  const storage = new Storage({
    projectId: config.project,
    apiEndpoint,
    // Retries belong to the retrying wrapper (providers/layers), where they are counted.
    retryOptions: { autoRetry: false },
    // Per HTTP request (the library's default is 60 s, not tied to ours): the longest store
    // deadline (JOBBENCH_TIMEOUT_*), so no request outlives it and none is cut before its
    // operation would give up.
    timeout: storeRequestTimeoutMs(deadlines),
  });
  // @google-cloud/storage 7 takes its JSON API base URL from STORAGE_EMULATOR_HOST whenever
  // that variable is set, even with an explicit apiEndpoint, and without the /storage/v1
  // path some emulators need: pin it to the configured endpoint.
  storage.baseUrl = `${apiEndpoint}/storage/v1`;
  return storage;
}

/** What this cloud's stack bills while it stands (committed, kept equal to `infra synth` by a test). */
const PLATFORM = committedPlatformInventory(new URL('./platform-inventory.json', import.meta.url));

export const gcpProvider: ProviderFactory = {
  name: 'gcp',
  priceTable(options: ProviderOptions) {
    const region = readSetting(
      'JOBBENCH_GCP_',
      GCP_CONFIG.find((f) => f.key === 'LOCATION')!,
      options.env ?? process.env,
    )!;
    return { region, prices: gcpPrices(region), platform: PLATFORM() };
  },
  checkConfig(options: ProviderOptions): void {
    readGcpConfig(options.env ?? process.env);
  },
  async create(options: ProviderOptions): Promise<Provider> {
    const config = readGcpConfig(options.env ?? process.env);
    const deadlines = readDeadlines(options.env ?? process.env);
    const store = new GcsObjectStore({
      storage: makeStorage(config, deadlines),
      bucket: config.bucket,
      keyPrefix: `${config.keyPrefix}${options.keyPrefix ?? ''}`,
    });
    // The emulator starts empty; a real bucket is the stack's, never created here.
    if (config.emulated) await store.ensureBucket(config.location);
    const warehouse = new BigQueryWarehouse({
      bigquery: makeBigQuery(config, deadlines),
      config,
      dataset: config.dataset,
    });
    return {
      name: 'gcp',
      region: config.location,
      emulated: config.emulated,
      endpointFingerprint: endpointFingerprint(
        'gcp',
        config.project,
        config.location,
        config.storageEndpoint || 'default',
        config.bigqueryEndpoint || 'default',
        config.bucket,
      ),
      capabilities: GCP_CAPABILITIES,
      store,
      warehouse,
      prices: gcpPrices(config.location),
      platform: PLATFORM(),
      close: () => warehouse.close(),
    };
  },
};
