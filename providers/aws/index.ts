/**
 * The AWS provider: the lake on S3, the warehouse on RDS for PostgreSQL. Emulated when
 * JOBBENCH_AWS_EMULATED says so (set by `jobbench emulators env`), never because an
 * address is on this machine: an SSM tunnel to RDS listens on 127.0.0.1 too.
 */
import {
  endpointFingerprint,
  readSetting,
  type Provider,
  type ProviderFactory,
  type ProviderOptions,
} from '../core/index.ts';
import { readDeadlines } from '../core/operation-deadlines.ts';
import { committedPlatformInventory } from '../core/platform-inventory.ts';
import { pgHost, requireDatabaseSetting } from '../postgres/pg-client.ts';
import { AWS_CAPABILITIES } from './capabilities.ts';
import { AWS_CONFIG, readAwsConfig } from './config.ts';
import { S3ObjectStore } from './object-store.ts';
import { awsPrices } from './pricing.ts';
import { makeS3Client } from './s3-client.ts';
import { openRdsWarehouse } from './warehouse.ts';

// The S3 client lives in its own file so the collector's bundle does not load the price tables.
export { makeS3Client } from './s3-client.ts';

/** What this cloud's stack bills while it stands (committed, kept equal to `infra synth` by a test). */
const PLATFORM = committedPlatformInventory(new URL('./platform-inventory.json', import.meta.url));

export const awsProvider: ProviderFactory = {
  name: 'aws',
  priceTable(options: ProviderOptions) {
    const region = readSetting(
      'JOBBENCH_AWS_',
      AWS_CONFIG.find((f) => f.key === 'REGION')!,
      options.env ?? process.env,
    )!;
    return { region, prices: awsPrices(region), platform: PLATFORM() };
  },
  checkConfig(options: ProviderOptions): void {
    const env = options.env ?? process.env;
    requireDatabaseSetting('aws', 'JOBBENCH_AWS_', readAwsConfig(env).databaseUrl, env);
  },
  async create(options: ProviderOptions): Promise<Provider> {
    const env = options.env ?? process.env;
    const config = readAwsConfig(env);
    const deadlines = readDeadlines(env);
    const endpoint = config.s3Endpoint || undefined;
    const client = makeS3Client(config, deadlines);
    const store = new S3ObjectStore({
      client,
      bucket: config.bucket,
      keyPrefix: `${config.keyPrefix}${options.keyPrefix ?? ''}`,
      deadlines,
    });
    // The emulator starts empty; a real bucket is the stack's, never created here.
    if (config.emulated) await store.ensureBucket(config.region);
    const warehouse = await openRdsWarehouse(config, env);
    const dbHost = pgHost(config.databaseUrl, env);
    return {
      name: 'aws',
      region: config.region,
      emulated: config.emulated,
      endpointFingerprint: endpointFingerprint('aws', config.region, endpoint ?? 'default', config.bucket, dbHost),
      capabilities: AWS_CAPABILITIES,
      store,
      warehouse,
      prices: awsPrices(config.region),
      platform: PLATFORM(),
      async close() {
        try {
          await warehouse.close();
        } finally {
          client.destroy();
        }
      },
    };
  },
};
