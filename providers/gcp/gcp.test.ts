/**
 * The gcp provider on fake-gcs-server and bqemulator (or a real project, opt-in): the
 * shared cloud suite, plus the dataset names BigQuery refuses.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { emulatorEnv } from '../../emulators/test-session.ts';
import { cloudSuite } from '../testing/cloud-suite.ts';
import { makeBigQuery } from './bigquery-client.ts';
import { BigQueryWarehouse } from './bigquery-warehouse.ts';
import { readGcpConfig } from './config.ts';
import { gcpProvider, makeStorage } from './index.ts';
import { GcsObjectStore } from './object-store.ts';

cloudSuite({
  cloud: 'gcp',
  factory: gcpProvider,
  region: 'europe-west9',
  storeService: 'Cloud Storage',
  warehouseService: 'BigQuery',
  emulators: 'fake-gcs-server + bqemulator',
  realTarget: 'project',
  openWarehouse: async (env) => {
    const config = readGcpConfig(env);
    return new BigQueryWarehouse({
      bigquery: makeBigQuery(config),
      config,
      dataset: `contract_${randomUUID().replaceAll('-', '').slice(0, 12)}`,
      batchSize: 50, // several load jobs and merges per load
      dropDatasetOnClose: true,
    });
  },
  openStore: async (env, keyPrefix, listPageSize) => {
    const config = readGcpConfig(env);
    const store = new GcsObjectStore({ storage: makeStorage(config), bucket: config.bucket, keyPrefix, listPageSize });
    await store.ensureBucket(config.location);
    return { store };
  },
  checkEmulated: (provider) => assert.equal(provider.capabilities.warehouse.bulkLoad, 'load-job'),
  emulatorTests() {
    it('rejects a dataset name BigQuery would refuse', function () {
      const env = { ...emulatorEnv('gcp'), JOBBENCH_GCP_DATASET: 'bad-name' };
      assert.throws(() => readGcpConfig(env), /JOBBENCH_GCP_DATASET/);
    });
  },
});
