import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { listAll, type Provider } from '../core/index.ts';
import { emulatorEnv, realEnv, realRunSkipReason, requireEmulators } from '../../emulators/test-session.ts';
import { objectStoreContract } from '../testing/object-store-contract.ts';
import { warehouseContract } from '../testing/warehouse-contract.ts';
import { readAwsConfig } from './config.ts';
import { awsProvider } from './index.ts';
import { MULTIPART_THRESHOLD, S3ObjectStore } from './object-store.ts';
import { openRdsWarehouse } from './warehouse.ts';

type Env = Readonly<Record<string, string | undefined>>;

/** The contracts against one environment: emulators (moto + local PostgreSQL) or a real account. */
function contracts(label: string, env: () => Env): void {
  let provider: Provider;
  objectStoreContract({
    name: `aws S3 (${label})`,
    make: async () => {
      provider = await awsProvider.create({ env: env(), keyPrefix: `jobbench-test-${randomUUID().slice(0, 8)}/` });
      return provider.store;
    },
    dispose: () => provider.close(),
  });
  warehouseContract({
    name: `aws RDS PostgreSQL (${label})`,
    make: () =>
      openRdsWarehouse(readAwsConfig(env()), env(), {
        schema: `contract_${randomUUID().slice(0, 8)}`,
        batchSize: 50, // several batches per load
        dropSchemaOnClose: true,
      }),
    dispose: (warehouse) => warehouse.close(),
  });
}

describe('aws provider', function () {
  describe('on the emulators', function () {
    before(function () {
      requireEmulators(this);
    });

    it('is marked emulated, with a fingerprint that names no host', async function () {
      const provider = await awsProvider.create({ env: emulatorEnv('aws') });
      try {
        assert.equal(provider.emulated, true);
        assert.equal(provider.region, 'eu-west-3');
        assert.match(provider.endpointFingerprint, /^[0-9a-f]{12}$/);
        assert.equal(provider.capabilities.objectStore.multipartUpload, true);
        assert.equal(provider.prices?.region, provider.region, 'the price table is for the configured region');
      } finally {
        await provider.close();
      }
    });

    it('rejects an unknown JOBBENCH_AWS_ setting and names every key tried for a missing one', async function () {
      await assert.rejects(awsProvider.create({ env: { ...emulatorEnv('aws'), JOBBENCH_AWS_BUKET: 'typo' } }), /unknown setting JOBBENCH_AWS_BUKET/);
      const { JOBBENCH_AWS_BUCKET: _bucket, ...withoutBucket } = emulatorEnv('aws');
      await assert.rejects(awsProvider.create({ env: withoutBucket }), /JOBBENCH_AWS_BUCKET/);
    });

    it('asks for the RDS CA bundle before verify-full TLS to a remote host', async function () {
      const env = { ...emulatorEnv('aws'), JOBBENCH_AWS_DATABASE_URL: 'postgres://jobbench@db.example.invalid:5432/jobbench' };
      await assert.rejects(openRdsWarehouse(readAwsConfig(env), env), /JOBBENCH_AWS_RDS_CA_BUNDLE/);
    });

    it('follows ListObjectsV2 continuation tokens to the end, in key order', async function () {
      const config = readAwsConfig(emulatorEnv('aws'));
      const client = new S3Client({ region: config.region, endpoint: config.s3Endpoint, forcePathStyle: true });
      const store = new S3ObjectStore({ client, bucket: config.bucket, keyPrefix: `jobbench-pages-${randomUUID().slice(0, 8)}/`, listPageSize: 2 });
      await store.ensureBucket(config.region);
      const keys = ['p/4', 'p/0', 'p/3', 'p/1', 'p/2'];
      try {
        for (const key of keys) await store.put(key, key);
        assert.deepEqual((await listAll(store, 'p/')).map((i) => i.key), [...keys].sort());
      } finally {
        for (const key of keys) await store.delete(key);
        client.destroy();
      }
    });

    it('uploads objects above the threshold in parts', async function () {
      const config = readAwsConfig(emulatorEnv('aws'));
      const client = new S3Client({ region: config.region, endpoint: config.s3Endpoint, forcePathStyle: true });
      const prefix = `jobbench-mpu-${randomUUID().slice(0, 8)}/`;
      const store = new S3ObjectStore({ client, bucket: config.bucket, keyPrefix: prefix });
      try {
        await store.ensureBucket(config.region);
        await store.put('big.bin', Buffer.alloc(MULTIPART_THRESHOLD + 1024 * 1024, 7));
        // An object assembled from parts has an ETag of the form "<md5>-<part count>".
        const head = await client.send(new HeadObjectCommand({ Bucket: config.bucket, Key: `${prefix}big.bin` }));
        assert.match(head.ETag ?? '', /-2"$/);
      } finally {
        await store.delete('big.bin');
        client.destroy();
      }
    });

    contracts('moto + local PostgreSQL', () => emulatorEnv('aws'));
  });

  const skip = realRunSkipReason('aws');
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
