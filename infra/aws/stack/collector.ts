/**
 * The daily collector. It runs outside a VPC on purpose: it must reach job sites on the
 * internet, and a NAT gateway (~33 USD/month) would dwarf the rest of the bill; it only
 * talks to S3 and the sources over TLS, never to the database.
 */
import type { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function/index.js';
import type { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret/index.js';
import type { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic/index.js';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue/index.js';
import { Fn } from 'cdktf';
import { AWS_CONFIG } from '../../../providers/aws/config.ts';
import { jobEnvironment } from '../../job-environment.ts';
import { addCollectorSchedule } from './collector-schedule.ts';
import { NAME, type AwsStackContext } from './context.ts';
import { type LakeAccess, lakeStatements } from './lake-access.ts';

/**
 * What the collector does in the lake: it only extracts (raw pages, the run manifest, the sources'
 * cursors and quotas), so it never sees clean/ or quarantine/ and deletes nothing.
 */
const AWS_COLLECTOR_ACCESS: LakeAccess = {
  list: ['raw/'],
  read: ['state/'],
  write: ['raw/', 'runs/', 'state/'],
  delete: [],
};

/** Adds the collector Lambda with its role, dead-letter queue, source-key secret, alarms and daily schedule. */
export function addCollector(
  ctx: AwsStackContext,
  lake: S3Bucket,
  logGroup: CloudwatchLogGroup,
  topic: SnsTopic,
): LambdaFunction {
  const { scope } = ctx;
  const dlq = new SqsQueue(scope, 'collector_dlq', {
    name: `${NAME}-collector-dlq`,
    kmsMasterKeyId: ctx.key.id,
    messageRetentionSeconds: 1_209_600,
  });
  // Source API keys (Adzuna, France Travail) live here; the value is set outside Terraform:
  // `aws secretsmanager put-secret-value --secret-id jobbench/source-api-keys --secret-string file://keys.json`.
  const sourceSecret = new SecretsmanagerSecret(scope, 'source_api_keys', {
    name: `${NAME}/source-api-keys`,
    description: 'JSON with ADZUNA_APP_ID, ADZUNA_APP_KEY, FRANCE_TRAVAIL_CLIENT_ID, FRANCE_TRAVAIL_CLIENT_SECRET',
    kmsKeyId: ctx.key.arn,
    recoveryWindowInDays: 7,
  });
  const role = new IamRole(scope, 'collector_role', {
    name: `${NAME}-collector`,
    assumeRolePolicy: ctx.policy('collector_trust', [
      { actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['lambda.amazonaws.com'] }] },
    ]).json,
  });
  new IamRolePolicy(scope, 'collector_policy', {
    name: `${NAME}-collector`,
    role: role.id,
    policy: ctx.policy('collector_policy_document', [
      ...lakeStatements(ctx, lake, '', AWS_COLLECTOR_ACCESS),
      { sid: 'WriteLogs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [`${logGroup.arn}:*`] },
      { sid: 'DeadLetters', actions: ['sqs:SendMessage'], resources: [dlq.arn] },
      { sid: 'ReadSourceKeys', actions: ['secretsmanager:GetSecretValue'], resources: [sourceSecret.arn] },
    ]).json,
  });
  new IamRolePolicyAttachment(scope, 'collector_xray', {
    role: role.name,
    policyArn: `arn:${ctx.partition.partition}:iam::aws:policy/AWSXRayDaemonWriteAccess`,
  });
  const fn = new LambdaFunction(scope, 'collector', {
    functionName: `${NAME}-collector`,
    description: 'Collects job postings into raw/ once a day',
    role: role.arn,
    runtime: 'nodejs22.x',
    handler: 'index.handler',
    filename: ctx.vars.collectorPackage.stringValue,
    // The zip `npm run package:collector` builds; hashed by Terraform at plan time, so synth needs no zip
    // and a changed bundle is redeployed.
    sourceCodeHash: Fn.filebase64sha256(ctx.vars.collectorPackage.stringValue),
    architectures: ['arm64'],
    memorySize: 512,
    timeout: 900,
    kmsKeyArn: ctx.key.arn,
    tracingConfig: { mode: 'Active' },
    deadLetterConfig: { targetArn: dlq.arn },
    loggingConfig: { logFormat: 'JSON', logGroup: logGroup.name },
    environment: {
      variables: {
        ...jobEnvironment('JOBBENCH_AWS_', AWS_CONFIG, { BUCKET: lake.bucket, REGION: ctx.vars.region.stringValue }),
        JOBBENCH_SOURCE_SECRET_ID: sourceSecret.arn,
      },
    },
  });
  new CloudwatchMetricAlarm(scope, 'collector_errors_alarm', {
    alarmName: `${NAME}-collector-errors`,
    alarmDescription: 'The collector Lambda failed or timed out',
    namespace: 'AWS/Lambda',
    metricName: 'Errors',
    dimensions: { FunctionName: fn.functionName },
    statistic: 'Sum',
    period: 3600,
    evaluationPeriods: 1,
    threshold: 1,
    comparisonOperator: 'GreaterThanOrEqualToThreshold',
    treatMissingData: 'notBreaching',
    actionsEnabled: true,
    alarmActions: [topic.arn],
  });
  new CloudwatchMetricAlarm(scope, 'collector_dlq_alarm', {
    alarmName: `${NAME}-collector-dead-letters`,
    alarmDescription: 'A collector invocation ended in the dead-letter queue',
    namespace: 'AWS/SQS',
    metricName: 'ApproximateNumberOfMessagesVisible',
    dimensions: { QueueName: dlq.name },
    statistic: 'Maximum',
    period: 3600,
    evaluationPeriods: 1,
    threshold: 1,
    comparisonOperator: 'GreaterThanOrEqualToThreshold',
    treatMissingData: 'notBreaching',
    actionsEnabled: true,
    alarmActions: [topic.arn],
  });
  addCollectorSchedule(ctx, fn, dlq);
  return fn;
}
