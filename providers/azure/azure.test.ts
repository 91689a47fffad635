import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { listAll, type Provider } from '../core/index.ts';
import { emulatorEnv, realEnv, realRunSkipReason, requireEmulators } from '../../emulators/test-session.ts';
import { objectStoreContract } from '../testing/object-store-contract.ts';
import { warehouseContract } from '../testing/warehouse-contract.ts';
import { readAzureConfig } from './config.ts';
import { azureProvider, blobServiceClient } from './index.ts';
import { BlobObjectStore } from './object-store.ts';
import { openAzurePgWarehouse } from './warehouse.ts';

type Env = Readonly<Record<string, string | undefined>>;

function contracts(label: string, env: () => Env): void {
  let provider: Provider;
  objectStoreContract({
    name: `azure Blob Storage (${label})`,
    make: async () => {
      provider = await azureProvider.create({ env: env(), keyPrefix: `jobbench-test-${randomUUID().slice(0, 8)}/` });
      return provider.store;
    },
    dispose: () => provider.close(),
  });
  warehouseContract({
    name: `azure Database for PostgreSQL (${label})`,
    make: () =>
      openAzurePgWarehouse(readAzureConfig(env()), env(), {
        schema: `contract_${randomUUID().slice(0, 8)}`,
        batchSize: 50,
        dropSchemaOnClose: true,
      }),
    dispose: (warehouse) => warehouse.close(),
  });
}

describe('azure provider', function () {
  describe('on the emulators', function () {
    before(function () {
      requireEmulators(this);
    });

    it('is marked emulated, with a fingerprint that names no host', async function () {
      const provider = await azureProvider.create({ env: emulatorEnv('azure') });
      try {
        assert.equal(provider.emulated, true);
        assert.equal(provider.region, 'francecentral');
        assert.match(provider.endpointFingerprint, /^[0-9a-f]{12}$/);
        assert.equal(provider.prices?.region, provider.region, 'the price table is for the configured region');
      } finally {
        await provider.close();
      }
    });

    it('names both ways to reach Blob Storage when neither is set', function () {
      const { AZURE_STORAGE_CONNECTION_STRING: _cs, ...env } = emulatorEnv('azure');
      assert.throws(() => readAzureConfig(env), /JOBBENCH_AZURE_CONNECTION_STRING.*JOBBENCH_AZURE_ACCOUNT_URL/);
    });

    it('follows list pages to the end, in key order', async function () {
      const config = readAzureConfig(emulatorEnv('azure'));
      const store = new BlobObjectStore({
        container: blobServiceClient(config).getContainerClient(config.container),
        keyPrefix: `jobbench-pages-${randomUUID().slice(0, 8)}/`,
        listPageSize: 2,
      });
      await store.ensureContainer();
      const keys = ['p/4', 'p/0', 'p/3', 'p/1', 'p/2'];
      for (const key of keys) await store.put(key, key);
      try {
        assert.deepEqual((await listAll(store, 'p/')).map((i) => i.key), [...keys].sort());
      } finally {
        for (const key of keys) await store.delete(key);
      }
    });

    contracts('Azurite + local PostgreSQL', () => emulatorEnv('azure'));
  });

  const skip = realRunSkipReason('azure');
  describe('on the real account (opt-in)', function () {
    if (skip) {
      it(`is skipped: ${skip}`, function () {
        this.skip();
      });
      return;
    }
    contracts('real account', realEnv);
  });
});
