import type { Capabilities } from '../core/index.ts';

export const AZURE_CAPABILITIES: Capabilities = {
  // Block blobs: up to 50,000 blocks of 4000 MiB (~190.7 TiB); Storage Service Encryption
  // is always on (https://learn.microsoft.com/azure/storage/common/storage-service-encryption).
  objectStore: { multipartUpload: true, maxObjectBytes: 50_000 * 4000 * 1024 * 1024, encryptionAtRest: true },
  warehouse: { dialect: 'postgres', bulkLoad: 'copy', transactionalLoad: true },
};
