/**
 * The aws provider on moto and the machine's PostgreSQL (or a real account, opt-in): the
 * shared cloud suite, plus its configuration errors and S3's multipart upload.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { emulatorEnv } from '../../emulators/test-session.ts';
import { cloudSuite } from '../testing/cloud-suite.ts';
import { readAwsConfig } from './config.ts';
import { awsProvider } from './index.ts';
import { MULTIPART_THRESHOLD, S3ObjectStore } from './object-store.ts';
import { openRdsWarehouse } from './warehouse.ts';

cloudSuite({
  cloud: 'aws',
  factory: awsProvider,
  region: 'eu-west-3',
  storeService: 'S3',
  warehouseService: 'RDS PostgreSQL',
  emulators: 'moto + local PostgreSQL',
  realTarget: 'account',
  openWarehouse: (env) =>
    openRdsWarehouse(readAwsConfig(env), env, {
      schema: `contract_${randomUUID().slice(0, 8)}`,
      batchSize: 50, // several batches per load
      dropSchemaOnClose: true,
    }),
  openStore: async (env, keyPrefix, listPageSize) => {
    const config = readAwsConfig(env);
    const client = new S3Client({ region: config.region, endpoint: config.s3Endpoint, forcePathStyle: true });
    // A small page makes ListObjectsV2 hand out continuation tokens, which the store must follow.
    const store = new S3ObjectStore({ client, bucket: config.bucket, keyPrefix, listPageSize });
    await store.ensureBucket(config.region);
    return { store, release: () => client.destroy() };
  },
  checkEmulated: (provider) => assert.equal(provider.capabilities.objectStore.multipartUpload, true),
  emulatorTests() {
    it('rejects an unknown JOBBENCH_AWS_ setting and names every key tried for a missing one', async function () {
      const typo = { ...emulatorEnv('aws'), JOBBENCH_AWS_BUKET: 'typo' };
      await assert.rejects(awsProvider.create({ env: typo }), /unknown setting JOBBENCH_AWS_BUKET/);
      const { JOBBENCH_AWS_BUCKET: _bucket, ...withoutBucket } = emulatorEnv('aws');
      await assert.rejects(awsProvider.create({ env: withoutBucket }), /JOBBENCH_AWS_BUCKET/);
    });

    it('asks for the RDS CA bundle before verify-full TLS to a remote host', async function () {
      const remote = 'postgres://jobbench@db.example.invalid:5432/jobbench';
      const env = { ...emulatorEnv('aws'), JOBBENCH_AWS_DATABASE_URL: remote };
      await assert.rejects(openRdsWarehouse(readAwsConfig(env), env), /JOBBENCH_AWS_RDS_CA_BUNDLE/);
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
  },
});
