/**
 * The AWS provider: the lake on S3, the warehouse on RDS for PostgreSQL. Emulated when
 * JOBBENCH_AWS_EMULATED says so (set by `jobbench emulators env`), never because an
 * address is on this machine: an SSM tunnel to RDS listens on 127.0.0.1 too.
 */
import { S3Client } from '@aws-sdk/client-s3';
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
import { AWS_CAPABILITIES } from './capabilities.ts';
import { AWS_CONFIG, readAwsConfig, type AwsConfig } from './config.ts';
import { S3ObjectStore } from './object-store.ts';
import { awsPrices } from './pricing.ts';
import { openRdsWarehouse } from './warehouse.ts';

/** Longest wait for a TCP (and TLS) connection to S3: a healthy endpoint connects in milliseconds. */
const S3_CONNECT_TIMEOUT_MS = 10_000;

/** The S3 client of the lake: SDK retries off, request timeouts from the deadlines. */
export function makeS3Client(config: AwsConfig, deadlines: OperationDeadlines = DEFAULT_DEADLINES): S3Client {
  // The SDK warns on every Node < 22 process that releases after January 2027 will need
  // Node 22; jobbench pins a release that supports Node 20 (docs/providers.md), so the
  // multi-line warning in the middle of progress output says nothing actionable.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const endpoint = config.s3Endpoint || undefined;
  return new S3Client({
    region: config.region,
    // Path-style URLs: emulators cannot serve bucket-name subdomains of 127.0.0.1.
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
    // Retries belong to the retrying wrapper (providers/layers), where they are counted.
    maxAttempts: 1,
    // The SDK sets no timeout by default, so a silent endpoint held the socket for ever.
    // Set to the longest store deadline (JOBBENCH_TIMEOUT_*): no request outlives it, its
    // socket is closed, and no request is cut before its operation would give up.
    // requestTimeout (until the answer's headers) only warns unless throwOnRequestTimeout
    // is set; socketTimeout bounds a body that stalls after the headers (NodeHttpHandlerOptions
    // in @smithy/types).
    requestHandler: {
      connectionTimeout: S3_CONNECT_TIMEOUT_MS,
      requestTimeout: storeRequestTimeoutMs(deadlines),
      socketTimeout: storeRequestTimeoutMs(deadlines),
      throwOnRequestTimeout: true,
    },
  });
}

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
