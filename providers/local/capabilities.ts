import type { Capabilities } from '../core/index.ts';

export const LOCAL_CAPABILITIES: Capabilities = {
  objectStore: { multipartUpload: false },
  warehouse: { bulkLoad: 'copy' },
};
