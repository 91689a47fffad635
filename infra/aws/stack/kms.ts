/**
 * The stack's customer-managed KMS key. One key (1 USD/month) rather than one per
 * service: same protection, lower cost. It encrypts the lake, logs, trail, database,
 * topic, queue, secret and Athena results.
 */
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias/index.js';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key/index.js';
import { NAME, type AwsStackBase } from './context.ts';

/** Adds the key (with rotation) and its `alias/jobbench`. */
export function addKmsKey(base: AwsStackBase): KmsKey {
  const { scope, arn } = base;
  const region = base.vars.region.stringValue;
  const service = (name: string) => ({ Service: name });
  // Written as JSON on the key rather than as an IAM policy document: in a key policy
  // "Resource": "*" means "this key" (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html).
  const statement = [
    {
      Sid: 'AccountAdministersKey',
      Effect: 'Allow',
      Principal: { AWS: arn('iam', 'root') },
      Action: 'kms:*',
      Resource: '*',
    },
    {
      // https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
      Sid: 'CloudWatchLogsUseKey',
      Effect: 'Allow',
      Principal: service(`logs.${region}.amazonaws.com`),
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      Resource: '*',
      Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': arn('logs', 'log-group:*', region) } },
    },
    {
      // https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html
      Sid: 'CloudTrailEncryptLogs',
      Effect: 'Allow',
      Principal: service('cloudtrail.amazonaws.com'),
      Action: ['kms:GenerateDataKey*', 'kms:DescribeKey'],
      Resource: '*',
      Condition: {
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': arn('cloudtrail', 'trail/*', '*') },
      },
    },
    {
      // Alarms publish to the encrypted SNS topic:
      // https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
      Sid: 'CloudWatchAlarmsPublishEncrypted',
      Effect: 'Allow',
      Principal: service('cloudwatch.amazonaws.com'),
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      Resource: '*',
    },
  ];
  const key = new KmsKey(scope, 'kms_key', {
    description: 'jobbench: lake, logs, trail, database, queues',
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: JSON.stringify({ Version: '2012-10-17', Statement: statement }),
  });
  new KmsAlias(scope, 'kms_alias', { name: `alias/${NAME}`, targetKeyId: key.keyId });
  return key;
}
