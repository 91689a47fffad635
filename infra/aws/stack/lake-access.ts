/**
 * The IAM statements that give a role its lake prefixes, action by action, and the key that
 * encrypts them; shared by the pipeline role and the collector role. Each role's table is what
 * infra/checks/permissions.test.ts recorded its code doing on the emulators, and that test
 * fails when a role is given more or less.
 */
import type { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import type { AwsStackContext, Statement } from './context.ts';

/** Lake prefixes (`raw/`…, relative to the stack's key prefix) by what the role does there. */
export interface LakeAccess {
  list: readonly string[];
  read: readonly string[];
  /** Writes are PutObject plus AbortMultipartUpload: the S3 store's multipart Upload aborts a failed upload. */
  write: readonly string[];
  delete: readonly string[];
}

/** The statements of `access` under `keyPrefix` of the lake, and the use of the lake key. */
export function lakeStatements(
  ctx: AwsStackContext,
  lake: S3Bucket,
  keyPrefix: string,
  access: LakeAccess,
): Statement[] {
  const objects = (prefixes: readonly string[]) => prefixes.map((p) => `${lake.arn}/${keyPrefix}${p}*`);
  const statements: Statement[] = [
    {
      sid: 'ListOwnPrefixes',
      actions: ['s3:ListBucket'],
      resources: [lake.arn],
      condition: [{ test: 'StringLike', variable: 's3:prefix', values: access.list.map((p) => `${keyPrefix}${p}*`) }],
    },
    { sid: 'ReadOwnPrefixes', actions: ['s3:GetObject'], resources: objects(access.read) },
    { sid: 'WriteOwnPrefixes', actions: ['s3:PutObject', 's3:AbortMultipartUpload'], resources: objects(access.write) },
    { sid: 'DeleteOwnPrefixes', actions: ['s3:DeleteObject'], resources: objects(access.delete) },
    { sid: 'UseLakeKey', actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [ctx.key.arn] },
  ];
  // IAM refuses a statement without resources: a role that deletes nothing gets no delete statement.
  return statements.filter((s) => (s.resources ?? []).length > 0);
}
