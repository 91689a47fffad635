import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { listAll, type Provider } from '../core/index.ts';
import { emulatorEnv, realEnv, realRunSkipReason, requireEmulators } from '../../emulators/test-session.ts';
import { objectStoreContract } from '../testing/object-store-contract.ts';
import { warehouseContract } from '../testing/warehouse-contract.ts';
import { makeBigQuery } from './bigquery-client.ts';
import { BigQueryWarehouse } from './bigquery-warehouse.ts';
import { readGcpConfig } from './config.ts';
import { gcpProvider, makeStorage } from './index.ts';
import { GcsObjectStore } from './object-store.ts';

type Env = Readonly<Record<string, string | undefined>>;

function contracts(label: string, env: () => Env): void {
  let provider: Provider;
  objectStoreContract({
    name: `gcp Cloud Storage (${label})`,
    make: async () => {
      provider = await gcpProvider.create({ env: env(), keyPrefix: `jobbench-test-${randomUUID().slice(0, 8)}/` });
      return provider.store;
    },
    dispose: () => provider.close(),
  });
  warehouseContract({
    name: `gcp BigQuery (${label})`,
    make: async () => {
      const config = readGcpConfig(env());
      return new BigQueryWarehouse({
        bigquery: makeBigQuery(config),
        config,
        dataset: `contract_${randomUUID().replaceAll('-', '').slice(0, 12)}`,
        batchSize: 50, // several load jobs and merges per load
        dropDatasetOnClose: true,
      });
    },
    dispose: (warehouse) => warehouse.close(),
  });
}

describe('gcp provider', function () {
  describe('on the emulators', function () {
    before(function () {
      requireEmulators(this);
    });

    it('is marked emulated, with a fingerprint that names no host', async function () {
      const provider = await gcpProvider.create({ env: emulatorEnv('gcp') });
      try {
        assert.equal(provider.emulated, true);
        assert.equal(provider.region, 'europe-west9');
        assert.match(provider.endpointFingerprint, /^[0-9a-f]{12}$/);
        assert.equal(provider.capabilities.warehouse.bulkLoad, 'load-job');
        assert.equal(provider.prices?.region, provider.region, 'the price table is for the configured region');
      } finally {
        await provider.close();
      }
    });

    it('rejects a dataset name BigQuery would refuse', function () {
      assert.throws(() => readGcpConfig({ ...emulatorEnv('gcp'), JOBBENCH_GCP_DATASET: 'bad-name' }), /JOBBENCH_GCP_DATASET/);
    });

    it('follows list pages to the end, in key order', async function () {
      const config = readGcpConfig(emulatorEnv('gcp'));
      const store = new GcsObjectStore({ storage: makeStorage(config), bucket: config.bucket, keyPrefix: `jobbench-pages-${randomUUID().slice(0, 8)}/`, listPageSize: 2 });
      await store.ensureBucket(config.location);
      const keys = ['p/4', 'p/0', 'p/3', 'p/1', 'p/2'];
      try {
        for (const key of keys) await store.put(key, key);
        assert.deepEqual((await listAll(store, 'p/')).map((i) => i.key), [...keys].sort());
      } finally {
        for (const key of keys) await store.delete(key);
      }
    });

    contracts('fake-gcs-server + bqemulator', () => emulatorEnv('gcp'));
  });

  const skip = realRunSkipReason('gcp');
  describe('on the real project (opt-in)', function () {
    if (skip) {
      it(`is skipped: ${skip}`, function () {
        this.skip();
      });
      return;
    }
    contracts('real project', realEnv);
  });
});
