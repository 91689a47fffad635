/**
 * The stack's three buckets: access logs (SSE-S3), the lake (raw/, clean/, quarantine/,
 * runs/, state/, athena-results/) and the CloudTrail bucket, each with its lifecycle,
 * plus the account-wide public access block.
 */
import type { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import { S3AccountPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-account-public-access-block/index.js';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration/index.js';
import { NAME, type AwsStackContext } from './context.ts';
import { addSecureBucket } from './secure-bucket.ts';

/** The buckets other parts of the stack refer to. */
export interface LakeBuckets {
  /** Receives S3 server access logs and VPC flow logs. */
  logs: S3Bucket;
  /** The data lake. */
  lake: S3Bucket;
  /** Receives CloudTrail log files. */
  trailBucket: S3Bucket;
}

/** Adds the account public access block and the three buckets with their lifecycles. */
export function addLakeBuckets(ctx: AwsStackContext): LakeBuckets {
  const { scope } = ctx;
  // Account-wide guard: no bucket of the account can be made public by ACL or policy.
  new S3AccountPublicAccessBlock(scope, 'account_public_access_block', {
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });

  const account = ctx.account.accountId;
  // Server access logs can only be delivered to an SSE-S3 bucket, not SSE-KMS:
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
  const logs = addSecureBucket(ctx, {
    id: 'access_logs',
    kmsKeyArn: null,
    extraStatements: (bucket) => [
      {
        // https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html#grant-log-delivery-permissions-general
        sid: 'S3ServerAccessLogs',
        principals: [{ type: 'Service', identifiers: ['logging.s3.amazonaws.com'] }],
        actions: ['s3:PutObject'],
        resources: [`${bucket.arn}/s3/*`],
        condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [account] }],
      },
      {
        // https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-permissions.html
        sid: 'VpcFlowLogsWrite',
        principals: [{ type: 'Service', identifiers: ['delivery.logs.amazonaws.com'] }],
        actions: ['s3:PutObject'],
        resources: [`${bucket.arn}/vpc-flow/*`],
        condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [account] }],
      },
      {
        sid: 'VpcFlowLogsAclCheck',
        principals: [{ type: 'Service', identifiers: ['delivery.logs.amazonaws.com'] }],
        actions: ['s3:GetBucketAcl'],
        resources: [bucket.arn],
        condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [account] }],
      },
    ],
  });
  new S3BucketLifecycleConfiguration(scope, 'access_logs_lifecycle', {
    bucket: logs.id,
    rule: [
      {
        id: 'expire-logs',
        status: 'Enabled',
        filter: [{ prefix: '' }],
        expiration: [{ days: 365 }],
        noncurrentVersionExpiration: [{ noncurrentDays: 30 }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
      },
    ],
  });

  const lake = addSecureBucket(ctx, {
    id: 'lake',
    kmsKeyArn: ctx.key.arn,
    logTo: { bucket: logs, prefix: 's3/lake/' },
  });
  new S3BucketLifecycleConfiguration(scope, 'lake_lifecycle', {
    bucket: lake.id,
    rule: [
      {
        // Raw payloads are kept for audit and replays but rarely read after the first week.
        id: 'raw-to-cold',
        status: 'Enabled',
        filter: [{ prefix: 'raw/' }],
        transition: [
          { days: 30, storageClass: 'STANDARD_IA' },
          { days: 180, storageClass: 'GLACIER' },
        ],
        noncurrentVersionExpiration: [{ noncurrentDays: 30 }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
      },
      {
        id: 'athena-results-expire',
        status: 'Enabled',
        filter: [{ prefix: 'athena-results/' }],
        expiration: [{ days: 7 }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: 1 }],
      },
      {
        id: 'old-versions-expire',
        status: 'Enabled',
        filter: [{ prefix: '' }],
        noncurrentVersionExpiration: [{ noncurrentDays: 90 }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
      },
    ],
  });

  const trailArn = ctx.arn('cloudtrail', `trail/${NAME}-trail`, ctx.vars.region.stringValue);
  const trailBucket = addSecureBucket(ctx, {
    id: 'trail',
    kmsKeyArn: ctx.key.arn,
    logTo: { bucket: logs, prefix: 's3/trail/' },
    // https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html
    extraStatements: (bucket) => [
      {
        sid: 'CloudTrailAclCheck',
        principals: [{ type: 'Service', identifiers: ['cloudtrail.amazonaws.com'] }],
        actions: ['s3:GetBucketAcl'],
        resources: [bucket.arn],
        condition: [{ test: 'StringEquals', variable: 'aws:SourceArn', values: [trailArn] }],
      },
      {
        sid: 'CloudTrailWrite',
        principals: [{ type: 'Service', identifiers: ['cloudtrail.amazonaws.com'] }],
        actions: ['s3:PutObject'],
        resources: [`${bucket.arn}/AWSLogs/${account}/*`],
        condition: [
          { test: 'StringEquals', variable: 's3:x-amz-acl', values: ['bucket-owner-full-control'] },
          { test: 'StringEquals', variable: 'aws:SourceArn', values: [trailArn] },
        ],
      },
    ],
  });
  new S3BucketLifecycleConfiguration(scope, 'trail_lifecycle', {
    bucket: trailBucket.id,
    rule: [
      {
        id: 'trail-to-cold',
        status: 'Enabled',
        filter: [{ prefix: '' }],
        transition: [{ days: 90, storageClass: 'GLACIER' }],
        expiration: [{ days: 730 }],
        noncurrentVersionExpiration: [{ noncurrentDays: 30 }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
      },
    ],
  });
  return { logs, lake, trailBucket };
}
