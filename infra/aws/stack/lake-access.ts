/**
 * The IAM statements that give a role a set of lake prefixes and the key that encrypts
 * them; shared by the pipeline role and the collector role.
 */
import type { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import type { AwsStackContext, Statement } from './context.ts';

/** List, read and write (and delete when `canDelete`) under `prefixes` of the lake, and use the lake key. */
export function lakeStatements(
  ctx: AwsStackContext,
  lake: S3Bucket,
  prefixes: readonly string[],
  canDelete: boolean,
): Statement[] {
  return [
    {
      sid: 'ListOwnPrefixes',
      actions: ['s3:ListBucket'],
      resources: [lake.arn],
      condition: [{ test: 'StringLike', variable: 's3:prefix', values: prefixes.map((p) => `${p}*`) }],
    },
    {
      sid: 'ReadWriteOwnPrefixes',
      actions: ['s3:GetObject', 's3:PutObject', ...(canDelete ? ['s3:DeleteObject'] : [])],
      resources: prefixes.map((p) => `${lake.arn}/${p}*`),
    },
    {
      sid: 'UseLakeKey',
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: [ctx.key.arn],
    },
  ];
}
