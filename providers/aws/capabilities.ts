import type { Capabilities } from '../core/index.ts';

export const AWS_CAPABILITIES: Capabilities = {
  // 5 TiB object maximum; SSE-S3 encryption is on for every new object since January 2023
  // (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingServerSideEncryption.html).
  objectStore: { multipartUpload: true, maxObjectBytes: 5 * 1024 ** 4, encryptionAtRest: true },
  warehouse: { dialect: 'postgres', bulkLoad: 'copy', transactionalLoad: true },
};
