import type { Capabilities } from '../core/index.ts';

export const GCP_CAPABILITIES: Capabilities = {
  // Resumable uploads above the object store's threshold.
  objectStore: { multipartUpload: true },
  // Batch load jobs, then one multi-statement transaction of MERGEs per batch.
  warehouse: { bulkLoad: 'load-job' },
};
