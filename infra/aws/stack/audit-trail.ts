/**
 * The audit trail: a multi-region CloudTrail with log file validation, delivered to the
 * trail bucket and to an encrypted CloudWatch log group, recording object-level access
 * to the lake.
 */
import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail/index.js';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import type { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import { NAME, type AwsStackContext } from './context.ts';

/** Adds the trail, its log group and the role CloudTrail uses to write there. */
export function addAuditTrail(ctx: AwsStackContext, trailBucket: S3Bucket, lake: S3Bucket): void {
  const { scope } = ctx;
  const group = new CloudwatchLogGroup(scope, 'trail_log_group', {
    name: `/${NAME}/cloudtrail`,
    retentionInDays: 365,
    kmsKeyId: ctx.key.arn,
  });
  const role = new IamRole(scope, 'trail_logs_role', {
    name: `${NAME}-cloudtrail-logs`,
    assumeRolePolicy: ctx.policy('trail_logs_trust', [
      { actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['cloudtrail.amazonaws.com'] }] },
    ]).json,
  });
  new IamRolePolicy(scope, 'trail_logs_policy', {
    name: `${NAME}-cloudtrail-logs`,
    role: role.id,
    policy: ctx.policy('trail_logs_policy_document', [
      { actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [`${group.arn}:*`] },
    ]).json,
  });
  new Cloudtrail(scope, 'trail', {
    name: `${NAME}-trail`,
    s3BucketName: trailBucket.id,
    isMultiRegionTrail: true,
    includeGlobalServiceEvents: true,
    enableLogFileValidation: true,
    kmsKeyId: ctx.key.arn,
    cloudWatchLogsGroupArn: `${group.arn}:*`,
    cloudWatchLogsRoleArn: role.arn,
    // Object-level reads and writes on the lake: who touched which posting file.
    eventSelector: [
      {
        readWriteType: 'All',
        includeManagementEvents: true,
        dataResource: [{ type: 'AWS::S3::Object', values: [`${lake.arn}/`] }],
      },
    ],
    dependsOn: [trailBucket],
  });
}
