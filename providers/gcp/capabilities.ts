import type { Capabilities } from '../core/index.ts';

export const GCP_CAPABILITIES: Capabilities = {
  // 5 TiB object maximum; Cloud Storage encrypts all data at rest
  // (https://cloud.google.com/storage/docs/encryption/default-keys).
  objectStore: { multipartUpload: true, maxObjectBytes: 5 * 1024 ** 4, encryptionAtRest: true },
  // Batch load jobs, then one multi-statement transaction of MERGEs per batch.
  warehouse: { dialect: 'bigquery', bulkLoad: 'load-job', transactionalLoad: true },
};
