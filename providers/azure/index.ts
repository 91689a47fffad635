/**
 * The Azure provider: the lake on Blob Storage, the warehouse on Azure Database for
 * PostgreSQL flexible server. Emulated when JOBBENCH_AZURE_EMULATED says so (set by
 * `jobbench emulators env` for Azurite and the local PostgreSQL), not because an address
 * is on this machine.
 */
import { AnonymousCredential, BlobServiceClient, type StoragePipelineOptions } from '@azure/storage-blob';
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
import { pgHost, requireDatabaseSetting } from '../postgres/pg-client.ts';
import { AZURE_CAPABILITIES } from './capabilities.ts';
import { AZURE_CONFIG, readAzureConfig, type AzureConfig } from './config.ts';
import { defaultAzureCredential, type TokenCredential } from './entra-credential.ts';
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

/**
 * A connection string or a SAS carries its own credential; an account URL alone is signed
 * in with `credential` (Entra ID), built only then, so no sign-in is attempted without need.
 */
export function blobServiceClient(
  config: AzureConfig,
  deadlines: OperationDeadlines = DEFAULT_DEADLINES,
  credential: () => TokenCredential = defaultAzureCredential,
): BlobServiceClient {
  const pipeline = pipelineOptions(deadlines);
  if (config.connectionString) return BlobServiceClient.fromConnectionString(config.connectionString, pipeline);
  if (config.sasToken)
    return new BlobServiceClient(`${config.accountUrl}?${config.sasToken}`, new AnonymousCredential(), pipeline);
  return new BlobServiceClient(config.accountUrl, credential(), pipeline);
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
    const env = options.env ?? process.env;
    requireDatabaseSetting('azure', 'JOBBENCH_AZURE_', readAzureConfig(env).databaseUrl, env);
  },
  async create(options: ProviderOptions): Promise<Provider> {
    const env = options.env ?? process.env;
    const config = readAzureConfig(env);
    const deadlines = readDeadlines(env);
    // One credential for blob and pg, so they share its token cache.
    let credential: TokenCredential | undefined;
    const entra = () => {
      credential ??= defaultAzureCredential();
      return credential;
    };
    const service = blobServiceClient(config, deadlines, entra);
    const blobHost = new URL(service.url).hostname;
    const store = new BlobObjectStore({
      container: service.getContainerClient(config.container),
      keyPrefix: `${config.keyPrefix}${options.keyPrefix ?? ''}`,
      deadlines,
    });
    // Azurite starts empty; a real container is the stack's, never created here.
    if (config.emulated) await store.ensureContainer();
    const warehouse = await openAzurePgWarehouse(config, env, { credential: entra });
    const dbHost = pgHost(config.databaseUrl, env);
    return {
      name: 'azure',
      region: config.region,
      emulated: config.emulated,
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
