/**
 * The Azure provider: the lake on Blob Storage, the warehouse on Azure Database for
 * PostgreSQL flexible server. Emulated when the blob endpoint or the database is on this
 * machine (Azurite, the local PostgreSQL).
 */
import { AnonymousCredential, BlobServiceClient, type StoragePipelineOptions } from '@azure/storage-blob';
import {
  isLoopbackHost,
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
import { pgHost } from '../postgres/pg-client.ts';
import { AZURE_CAPABILITIES } from './capabilities.ts';
import { AZURE_CONFIG, readAzureConfig, type AzureConfig } from './config.ts';
import { BlobObjectStore } from './object-store.ts';
import { azurePrices } from './pricing.ts';
import { openAzurePgWarehouse } from './warehouse.ts';

function pipelineOptions(deadlines: OperationDeadlines): StoragePipelineOptions {
  return {
    retryOptions: {
      // Retries belong to the retrying wrapper (providers/layers), where they are counted.
      maxTries: 1,
      // Sent as the service's own `timeout` parameter (whole seconds): the service stops
      // working on a request past the longest store deadline, so an abandoned put does not
      // commit much later. It sets no client-side timeout (storage-common's
      // StorageRetryPolicyV2 only adds the parameter); BlobObjectStore aborts each
      // operation's request at its own deadline instead
      // (https://learn.microsoft.com/rest/api/storageservices/setting-timeouts-for-blob-service-operations).
      tryTimeoutInMs: storeRequestTimeoutMs(deadlines),
    },
  };
}

export function blobServiceClient(
  config: AzureConfig,
  deadlines: OperationDeadlines = DEFAULT_DEADLINES,
): BlobServiceClient {
  const pipeline = pipelineOptions(deadlines);
  if (config.connectionString) return BlobServiceClient.fromConnectionString(config.connectionString, pipeline);
  const url = config.sasToken ? `${config.accountUrl}?${config.sasToken}` : config.accountUrl;
  return new BlobServiceClient(url, new AnonymousCredential(), pipeline);
}

/** What this cloud's stack bills while it stands (committed, kept equal to `infra synth` by a test). */
const PLATFORM = committedPlatformInventory(new URL('./platform-inventory.json', import.meta.url));

export const azureProvider: ProviderFactory = {
  name: 'azure',
  priceTable(options: ProviderOptions) {
    const region = readSetting(
      'JOBBENCH_AZURE_',
      AZURE_CONFIG.find((f) => f.key === 'REGION')!,
      options.env ?? process.env,
    )!;
    return { region, prices: azurePrices(region), platform: PLATFORM() };
  },
  checkConfig(options: ProviderOptions): void {
    readAzureConfig(options.env ?? process.env);
  },
  async create(options: ProviderOptions): Promise<Provider> {
    const env = options.env ?? process.env;
    const config = readAzureConfig(env);
    const deadlines = readDeadlines(env);
    const service = blobServiceClient(config, deadlines);
    const blobHost = new URL(service.url).hostname;
    const blobEmulated = isLoopbackHost(blobHost);
    const store = new BlobObjectStore({
      container: service.getContainerClient(config.container),
      keyPrefix: `${config.keyPrefix}${options.keyPrefix ?? ''}`,
      deadlines,
    });
    if (blobEmulated) await store.ensureContainer();
    const warehouse = await openAzurePgWarehouse(config, env);
    const dbHost = pgHost(config.databaseUrl, env);
    return {
      name: 'azure',
      region: config.region,
      emulated: blobEmulated || isLoopbackHost(dbHost),
      endpointFingerprint: endpointFingerprint('azure', config.region, blobHost, config.container, dbHost),
      capabilities: AZURE_CAPABILITIES,
      store,
      warehouse,
      prices: azurePrices(config.region),
      platform: PLATFORM(),
      close: () => warehouse.close(),
    };
  },
};
