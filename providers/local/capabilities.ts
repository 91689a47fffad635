import type { Capabilities } from '../core/index.ts';

export const LOCAL_CAPABILITIES: Capabilities = {
  objectStore: { multipartUpload: false, maxObjectBytes: null, encryptionAtRest: false },
  warehouse: { dialect: 'postgres', bulkLoad: 'copy', transactionalLoad: true },
};
