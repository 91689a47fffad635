import type { Capabilities } from '../core/index.ts';

export const AWS_CAPABILITIES: Capabilities = {
  objectStore: { multipartUpload: true },
  warehouse: { bulkLoad: 'copy' },
};
