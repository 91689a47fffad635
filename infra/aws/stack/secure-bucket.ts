/**
 * The one way the AWS stack makes a bucket: versioning, default encryption, no public
 * access, owner-only objects, a TLS-only policy, access logs and EventBridge events.
 */
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging/index.js';
import { S3BucketNotification } from '@cdktf/provider-aws/lib/s3-bucket-notification/index.js';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls/index.js';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy/index.js';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block/index.js';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration/index.js';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning/index.js';
import { NAME, type AwsStackBase, type Statement } from './context.ts';

/** What differs between the stack's buckets. */
export interface BucketSpec {
  /** Logical id and name prefix part: `jobbench-<id>-`. */
  id: string;
  /** KMS key ARN for SSE-KMS; null means SSE-S3 (only for the access-log bucket, see lake-buckets.ts). */
  kmsKeyArn: string | null;
  /** Statements added to the bucket policy next to the TLS-only deny. */
  extraStatements?: (bucket: S3Bucket) => Statement[];
  /** Access-log destination; omitted only for the log bucket itself. */
  logTo?: { bucket: S3Bucket; prefix: string };
}

/** A bucket with versioning, default encryption, no public access, owner-only objects, a TLS-only policy. */
export function addSecureBucket(base: AwsStackBase, spec: BucketSpec): S3Bucket {
  const { scope } = base;
  const bucket = new S3Bucket(scope, `${spec.id}_bucket`, {
    bucketPrefix: `${NAME}-${spec.id.replace(/_/g, '-')}-`,
    forceDestroy: base.vars.teardown.booleanValue,
  });
  new S3BucketPublicAccessBlock(scope, `${spec.id}_public_access_block`, {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  new S3BucketOwnershipControls(scope, `${spec.id}_ownership`, {
    bucket: bucket.id,
    rule: { objectOwnership: 'BucketOwnerEnforced' },
  });
  new S3BucketVersioningA(scope, `${spec.id}_versioning`, {
    bucket: bucket.id,
    versioningConfiguration: { status: 'Enabled' },
  });
  new S3BucketServerSideEncryptionConfigurationA(scope, `${spec.id}_encryption`, {
    bucket: bucket.id,
    rule: [
      spec.kmsKeyArn === null
        ? { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }
        : {
            applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: spec.kmsKeyArn },
            // S3 Bucket Keys cut KMS request charges by ~99 % on busy prefixes.
            bucketKeyEnabled: true,
          },
    ],
  });
  const doc = base.policy(`${spec.id}_policy_document`, [
    {
      sid: 'DenyInsecureTransport',
      effect: 'Deny',
      principals: [{ type: 'AWS', identifiers: ['*'] }],
      actions: ['s3:*'],
      resources: [bucket.arn, `${bucket.arn}/*`],
      condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
    },
    ...(spec.extraStatements?.(bucket) ?? []),
  ]);
  new S3BucketPolicy(scope, `${spec.id}_policy`, { bucket: bucket.id, policy: doc.json });
  if (spec.logTo !== undefined) {
    new S3BucketLoggingA(scope, `${spec.id}_logging`, {
      bucket: bucket.id,
      targetBucket: spec.logTo.bucket.id,
      targetPrefix: spec.logTo.prefix,
    });
  }
  // Object events go to EventBridge (free for S3 events) so a later stage can react to new raw/ files.
  new S3BucketNotification(scope, `${spec.id}_notification`, { bucket: bucket.id, eventbridge: true });
  return bucket;
}
