import type { Capabilities } from '../core/index.ts';

export const AZURE_CAPABILITIES: Capabilities = {
  // Block blobs: large bodies go up as staged blocks, then one commit.
  objectStore: { multipartUpload: true },
  warehouse: { bulkLoad: 'copy' },
};
