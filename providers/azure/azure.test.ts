/**
 * The azure provider on Azurite and the machine's PostgreSQL (or a real account, opt-in): the
 * shared cloud suite, plus the two ways to reach Blob Storage.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { emulatorEnv } from '../../emulators/test-session.ts';
import { cloudSuite } from '../testing/cloud-suite.ts';
import { readAzureConfig } from './config.ts';
import { azureProvider, blobServiceClient } from './index.ts';
import { BlobObjectStore } from './object-store.ts';
import { openAzurePgWarehouse } from './warehouse.ts';

cloudSuite({
  cloud: 'azure',
  factory: azureProvider,
  region: 'francecentral',
  storeService: 'Blob Storage',
  warehouseService: 'Database for PostgreSQL',
  emulators: 'Azurite + local PostgreSQL',
  realTarget: 'account',
  openWarehouse: (env) =>
    openAzurePgWarehouse(readAzureConfig(env), env, {
      schema: `contract_${randomUUID().slice(0, 8)}`,
      batchSize: 50,
      dropSchemaOnClose: true,
    }),
  openStore: async (env, keyPrefix, listPageSize) => {
    const config = readAzureConfig(env);
    const container = blobServiceClient(config).getContainerClient(config.container);
    const store = new BlobObjectStore({ container, keyPrefix, listPageSize });
    await store.ensureContainer();
    return { store };
  },
  emulatorTests() {
    it('names both ways to reach Blob Storage when neither is set', function () {
      const { AZURE_STORAGE_CONNECTION_STRING: _cs, ...env } = emulatorEnv('azure');
      assert.throws(() => readAzureConfig(env), /JOBBENCH_AZURE_CONNECTION_STRING.*JOBBENCH_AZURE_ACCOUNT_URL/);
    });
  },
});
