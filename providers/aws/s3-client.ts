/**
 * The S3 client of the lake, shared by the provider and the collector's store-only lake
 * (lake-store.ts), in a file of its own so the collector's bundle loads neither the price
 * tables nor the database driver.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { DEFAULT_DEADLINES, storeRequestTimeoutMs, type OperationDeadlines } from '../core/operation-deadlines.ts';
import type { AwsConfig } from './config.ts';

/** Longest wait for a TCP (and TLS) connection to S3: a healthy endpoint connects in milliseconds. */
const S3_CONNECT_TIMEOUT_MS = 10_000;

/** The S3 client of the lake: SDK retries off, request timeouts from the deadlines. */
export function makeS3Client(
  config: Pick<AwsConfig, 'region' | 's3Endpoint'>,
  deadlines: OperationDeadlines = DEFAULT_DEADLINES,
): S3Client {
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
