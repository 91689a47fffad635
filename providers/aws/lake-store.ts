/**
 * The S3 lake alone, for the collector: it only extracts, so it needs the lake's settings
 * (bucket, region, endpoint, key prefix) and never connects to the database, which a
 * collector outside the VPC could not reach. On the emulators the bucket is made on first
 * use, as the provider does; a deployed collector writes into the bucket of its stack.
 */
import { readConfig, readSetting, settingIsOn, type Env } from '../core/index.ts';
import { readDeadlines } from '../core/operation-deadlines.ts';
import { AWS_CONFIG } from './config.ts';
import { makeS3Client } from './s3-client.ts';
import { S3ObjectStore } from './object-store.ts';

export interface S3Lake {
  store: S3ObjectStore;
  region: string;
  close(): void;
}

export async function openS3Lake(env: Env): Promise<S3Lake> {
  // The whole table is read so a misspelt JOBBENCH_AWS_ name is refused here too.
  const settings = readConfig('aws', 'JOBBENCH_AWS_', AWS_CONFIG, env);
  const deadlines = readDeadlines(env);
  const config = { region: settings.REGION, s3Endpoint: settings.S3_ENDPOINT };
  const client = makeS3Client(config, deadlines);
  const store = new S3ObjectStore({ client, bucket: settings.BUCKET, keyPrefix: settings.KEY_PREFIX, deadlines });
  const emulated = readSetting('JOBBENCH_AWS_', { key: 'EMULATED', default: 'false' }, env)!;
  if (settingIsOn('aws', 'JOBBENCH_AWS_EMULATED', emulated)) await store.ensureBucket(config.region);
  return { store, region: config.region, close: () => client.destroy() };
}
