/**
 * The AWS side of jobbench as CDK for Terraform: the S3 lake, the RDS PostgreSQL
 * warehouse, the pipeline's IAM role, audit (CloudTrail), monitoring (CloudWatch + SNS),
 * a budget, the daily collector (Lambda + EventBridge Scheduler) and a Glue/Athena
 * catalog over `clean/`. Secure by default: one customer-managed KMS key with rotation
 * encrypts everything that accepts a key; every bucket blocks public access and refuses
 * plain HTTP; no secret is ever part of the synthesized JSON (RDS keeps its master
 * password in Secrets Manager itself, the pipeline signs in with IAM).
 *
 * Only this file and providers/infra.ts import cdktf (ARCHITECTURE.md). The file is
 * longer than the project's usual ~300 lines because the stack folder is shared with
 * the runtime provider; each concern is one method below. docs/infrastructure.md has
 * the diagram, the free-tier reasoning and the deploy / teardown runbook.
 */
import { Fn, Op, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import { AthenaWorkgroup } from '@cdktf/provider-aws/lib/athena-workgroup/index.js';
import { BudgetsBudget } from '@cdktf/provider-aws/lib/budgets-budget/index.js';
import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail/index.js';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter/index.js';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm/index.js';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity/index.js';
import {
  DataAwsIamPolicyDocument,
  type DataAwsIamPolicyDocumentStatement,
} from '@cdktf/provider-aws/lib/data-aws-iam-policy-document/index.js';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition/index.js';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance/index.js';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group/index.js';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group/index.js';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group/index.js';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log/index.js';
import { GlueCatalogDatabase } from '@cdktf/provider-aws/lib/glue-catalog-database/index.js';
import { GlueCatalogTable } from '@cdktf/provider-aws/lib/glue-catalog-table/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias/index.js';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key/index.js';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function/index.js';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { S3AccountPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-account-public-access-block/index.js';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration/index.js';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging/index.js';
import { S3BucketNotification } from '@cdktf/provider-aws/lib/s3-bucket-notification/index.js';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls/index.js';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy/index.js';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block/index.js';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration/index.js';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning/index.js';
import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule/index.js';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret/index.js';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group/index.js';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic/index.js';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription/index.js';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue/index.js';
import { Subnet } from '@cdktf/provider-aws/lib/subnet/index.js';
import { Vpc } from '@cdktf/provider-aws/lib/vpc/index.js';

/** Lake prefixes the pipeline may touch (PRODUCT.md "Data lake layout") plus its state. */
export const AWS_PIPELINE_PREFIXES = ['raw/', 'clean/', 'quarantine/', 'runs/', 'state/'] as const;
/** Prefixes the collector writes: it only extracts, so it never sees clean/ or quarantine/. */
const COLLECTOR_PREFIXES = ['raw/', 'runs/', 'state/'] as const;
/** PostgreSQL role the pipeline signs in as with an IAM token (`GRANT rds_iam TO …`). */
export const AWS_DB_IAM_USER = 'jobbench_pipeline';
const NAME = 'jobbench';

/** Hive types of the canonical posting (PRODUCT.md), for the Glue table over clean/. */
const POSTING_COLUMNS: ReadonlyArray<readonly [string, string]> = [
  ['id', 'string'],
  ['source', 'string'],
  ['sourceid', 'string'],
  ['url', 'string'],
  ['title', 'string'],
  ['company', 'string'],
  ['description', 'string'],
  [
    'location',
    'struct<raw:string,city:string,postalcode:string,departement:string,region:string,country:string,lat:double,lon:double>',
  ],
  ['contracttype', 'string'],
  ['workingtime', 'string'],
  ['remote', 'string'],
  ['seniority', 'string'],
  ['salary', 'struct<mineuryear:double,maxeuryear:double,predicted:boolean,raw:string>'],
  ['skills', 'array<string>'],
  ['postedat', 'string'],
  ['collectedat', 'string'],
  ['rawkey', 'string'],
  ['duplicates', 'array<struct<source:string,sourceid:string,url:string>>'],
];

type Statement = DataAwsIamPolicyDocumentStatement;

interface BucketSpec {
  /** Logical id and name prefix part: `jobbench-<id>-`. */
  id: string;
  /** KMS key ARN for SSE-KMS; null means SSE-S3 (only for the access-log bucket, see below). */
  kmsKeyArn: string | null;
  /** Statements added to the bucket policy next to the TLS-only deny. */
  extraStatements?: (bucket: S3Bucket) => Statement[];
  /** Access-log destination; omitted only for the log bucket itself. */
  logTo?: { bucket: S3Bucket; prefix: string };
}

/** The AWS stack; `new AwsStack(app, 'aws')` synthesizes to `stacks/aws/cdk.tf.json`. */
export class AwsStack extends TerraformStack {
  private readonly region: TerraformVariable;
  private readonly teardown: TerraformVariable;
  private readonly allowedCidr: TerraformVariable;
  private readonly keyPrefix: TerraformVariable;
  private readonly account: DataAwsCallerIdentity;
  private readonly partition: DataAwsPartition;
  private readonly key: KmsKey;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.region = new TerraformVariable(this, 'region', {
      type: 'string',
      default: 'eu-west-3',
      description: 'AWS region for every regional resource (Paris by default, near the French job market).',
    });
    const budgetAmount = new TerraformVariable(this, 'budget_amount', {
      type: 'number',
      default: 10,
      description: 'Monthly AWS Budgets limit in USD; alerts at 80 % actual and 100 % forecast.',
    });
    const alertEmail = new TerraformVariable(this, 'alert_email', {
      type: 'string',
      description: 'Address that receives budget alerts and pipeline failure alarms (SNS asks to confirm).',
    });
    this.allowedCidr = new TerraformVariable(this, 'allowed_cidr', {
      type: 'string',
      default: '10.42.0.0/16',
      description: 'CIDR allowed to reach PostgreSQL on 5432 (the VPC itself by default; the database is never public).',
    });
    this.teardown = new TerraformVariable(this, 'teardown', {
      type: 'bool',
      default: false,
      description:
        'Set to true and apply once before `terraform destroy`: lifts RDS deletion protection, skips the final snapshot and lets Terraform empty the buckets.',
    });
    const collectorPackage = new TerraformVariable(this, 'collector_package', {
      type: 'string',
      default: 'collector-lambda.zip',
      description: 'Path of the collector Lambda zip (Node.js 22 handler `index.handler`), relative to this stack directory.',
    });
    this.keyPrefix = new TerraformVariable(this, 'key_prefix', {
      type: 'string',
      default: '',
      description: 'Same as JOBBENCH_AWS_KEY_PREFIX (e.g. "team-a/"): the pipeline role is limited to <key_prefix>raw/, clean/, … .',
    });
    const backupDays = new TerraformVariable(this, 'db_backup_retention_days', {
      type: 'number',
      default: 7,
      description: 'RDS automated backup retention; accounts on the AWS Free plan may have to lower it to 1.',
    });

    new AwsProvider(this, 'aws', {
      region: this.region.stringValue,
      // Tags every resource that supports tags, including ones added later.
      defaultTags: [{ tags: { project: NAME } }],
    });
    this.account = new DataAwsCallerIdentity(this, 'current');
    this.partition = new DataAwsPartition(this, 'partition');
    this.key = this.kmsKey();

    // Account-wide guard: no bucket of the account can be made public by ACL or policy.
    new S3AccountPublicAccessBlock(this, 'account_public_access_block', {
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });

    const { logs, lake, trailBucket } = this.buckets();
    const catalog = this.catalog(lake);
    const { topic, pipelineLogGroup } = this.monitoring(alertEmail);
    const db = this.database(logs, backupDays);
    const pipelineRole = this.pipelineRole(lake, db);
    this.trail(trailBucket, lake);
    const collector = this.collector(lake, pipelineLogGroup, topic, collectorPackage);
    this.budget(budgetAmount, alertEmail);

    const outputs: Record<string, { value: string | number; description: string }> = {
      jobbench_cloud: { value: 'aws', description: 'Which cloud these outputs describe (read by jobbench run --stack-outputs).' },
      region: { value: this.region.stringValue, description: 'Region of every regional resource.' },
      lake_bucket: { value: lake.bucket, description: 'S3 bucket holding raw/, clean/, quarantine/, runs/.' },
      kms_key_arn: { value: this.key.arn, description: 'Customer-managed key encrypting the lake, logs and database.' },
      db_host: { value: db.address, description: 'RDS PostgreSQL host name (reachable from inside the VPC only).' },
      db_port: { value: db.port, description: 'RDS PostgreSQL port.' },
      db_name: { value: db.dbName, description: 'Warehouse database name.' },
      db_iam_user: { value: AWS_DB_IAM_USER, description: 'Database role the pipeline signs in as with an IAM auth token.' },
      db_master_secret_arn: {
        value: db.masterUserSecret.get(0).secretArn,
        description: 'ARN (not the value) of the RDS-managed master password secret, for administrators.',
      },
      pipeline_role_arn: { value: pipelineRole.arn, description: 'Role the pipeline assumes (lake prefixes + rds-db:connect).' },
      collector_function: { value: collector.functionName, description: 'Scheduled collector Lambda function name.' },
      glue_database: { value: catalog.database, description: 'Glue Data Catalog database for Athena.' },
      glue_table: { value: catalog.table, description: 'Glue table over clean/ (partitions dt, run).' },
      athena_workgroup: { value: catalog.workgroup, description: 'Athena workgroup with encrypted results.' },
      alerts_topic_arn: { value: topic.arn, description: 'SNS topic receiving pipeline failure alarms.' },
      log_group: { value: pipelineLogGroup.name, description: 'CloudWatch log group of the pipeline and collector.' },
    };
    for (const [name, output] of Object.entries(outputs)) {
      // Construct ids must differ from the variables'; Terraform itself allows `output.region` next to `var.region`.
      new TerraformOutput(this, `output_${name}`, output).overrideLogicalId(name);
    }
  }

  private arn(service: string, resource: string, region = ''): string {
    return `arn:${this.partition.partition}:${service}:${region}:${this.account.accountId}:${resource}`;
  }

  private policy(id: string, statements: Statement[]): DataAwsIamPolicyDocument {
    return new DataAwsIamPolicyDocument(this, id, { statement: statements });
  }

  /** One customer-managed key (1 USD/month) rather than one per service: same protection, lower cost. */
  private kmsKey(): KmsKey {
    const region = this.region.stringValue;
    const service = (name: string) => ({ Service: name });
    // Written as JSON on the key rather than as an IAM policy document: in a key policy
    // "Resource": "*" means "this key" (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html).
    const statement = [
      {
        Sid: 'AccountAdministersKey',
        Effect: 'Allow',
        Principal: { AWS: this.arn('iam', 'root') },
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
        Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': this.arn('logs', 'log-group:*', region) } },
      },
      {
        // https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html
        Sid: 'CloudTrailEncryptLogs',
        Effect: 'Allow',
        Principal: service('cloudtrail.amazonaws.com'),
        Action: ['kms:GenerateDataKey*', 'kms:DescribeKey'],
        Resource: '*',
        Condition: {
          StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': this.arn('cloudtrail', 'trail/*', '*') },
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
    const key = new KmsKey(this, 'kms_key', {
      description: 'jobbench: lake, logs, trail, database, queues',
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: JSON.stringify({ Version: '2012-10-17', Statement: statement }),
    });
    new KmsAlias(this, 'kms_alias', { name: `alias/${NAME}`, targetKeyId: key.keyId });
    return key;
  }

  /** A bucket with versioning, default encryption, no public access, owner-only objects, a TLS-only policy. */
  private secureBucket(spec: BucketSpec): S3Bucket {
    const bucket = new S3Bucket(this, `${spec.id}_bucket`, {
      bucketPrefix: `${NAME}-${spec.id.replace(/_/g, '-')}-`,
      forceDestroy: this.teardown.booleanValue,
    });
    new S3BucketPublicAccessBlock(this, `${spec.id}_public_access_block`, {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, `${spec.id}_ownership`, {
      bucket: bucket.id,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    new S3BucketVersioningA(this, `${spec.id}_versioning`, {
      bucket: bucket.id,
      versioningConfiguration: { status: 'Enabled' },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, `${spec.id}_encryption`, {
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
    const doc = this.policy(`${spec.id}_policy_document`, [
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
    new S3BucketPolicy(this, `${spec.id}_policy`, { bucket: bucket.id, policy: doc.json });
    if (spec.logTo !== undefined) {
      new S3BucketLoggingA(this, `${spec.id}_logging`, {
        bucket: bucket.id,
        targetBucket: spec.logTo.bucket.id,
        targetPrefix: spec.logTo.prefix,
      });
    }
    // Object events go to EventBridge (free for S3 events) so a later stage can react to new raw/ files.
    new S3BucketNotification(this, `${spec.id}_notification`, { bucket: bucket.id, eventbridge: true });
    return bucket;
  }

  private buckets(): { logs: S3Bucket; lake: S3Bucket; trailBucket: S3Bucket } {
    const account = this.account.accountId;
    // Server access logs can only be delivered to an SSE-S3 bucket, not SSE-KMS:
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
    const logs = this.secureBucket({
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
    new S3BucketLifecycleConfiguration(this, 'access_logs_lifecycle', {
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

    const lake = this.secureBucket({
      id: 'lake',
      kmsKeyArn: this.key.arn,
      logTo: { bucket: logs, prefix: 's3/lake/' },
    });
    new S3BucketLifecycleConfiguration(this, 'lake_lifecycle', {
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

    const trailArn = this.arn('cloudtrail', `trail/${NAME}-trail`, this.region.stringValue);
    const trailBucket = this.secureBucket({
      id: 'trail',
      kmsKeyArn: this.key.arn,
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
    new S3BucketLifecycleConfiguration(this, 'trail_lifecycle', {
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

  /** Private VPC for the database: two subnets in two AZs (RDS requires it), no internet gateway. */
  private network(logs: S3Bucket): { subnetIds: string[]; dbSecurityGroup: SecurityGroup } {
    const vpc = new Vpc(this, 'vpc', {
      cidrBlock: '10.42.0.0/16',
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: `${NAME}-vpc` },
    });
    // The default security group of a VPC allows all traffic between its members; empty it.
    new DefaultSecurityGroup(this, 'vpc_default_security_group', { vpcId: vpc.id });
    new FlowLog(this, 'vpc_flow_log', {
      vpcId: vpc.id,
      trafficType: 'ALL',
      logDestinationType: 's3',
      logDestination: `${logs.arn}/vpc-flow/`,
    });
    const subnetIds = [0, 1].map(
      (index) =>
        new Subnet(this, `db_subnet_${index}`, {
          vpcId: vpc.id,
          cidrBlock: `10.42.${index + 1}.0/24`,
          // Zones named outright (a, b): the set never grows behind our back when AWS adds a zone.
          availabilityZone: `${this.region.stringValue}${'ab'[index]}`,
          mapPublicIpOnLaunch: false,
          tags: { Name: `${NAME}-db-${index}` },
        }).id,
    );
    const dbSecurityGroup = new SecurityGroup(this, 'db_security_group', {
      name: `${NAME}-db`,
      description: 'PostgreSQL from the allowed CIDR only; no egress',
      vpcId: vpc.id,
      ingress: [
        {
          description: 'PostgreSQL from the allowed CIDR',
          protocol: 'tcp',
          fromPort: 5432,
          toPort: 5432,
          cidrBlocks: [this.allowedCidr.stringValue],
        },
      ],
      egress: [],
    });
    return { subnetIds, dbSecurityGroup };
  }

  private database(logs: S3Bucket, backupDays: TerraformVariable): DbInstance {
    const { subnetIds, dbSecurityGroup } = this.network(logs);
    const subnets = new DbSubnetGroup(this, 'db_subnet_group', { name: `${NAME}-db`, subnetIds });
    const parameters = new DbParameterGroup(this, 'db_parameter_group', {
      name: `${NAME}-postgres16`,
      family: 'postgres16',
      description: 'jobbench: TLS only, slow and DDL statements logged',
      parameter: [
        // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html
        { name: 'rds.force_ssl', value: '1' },
        { name: 'log_statement', value: 'ddl' },
        { name: 'log_min_duration_statement', value: '1000' },
        { name: 'log_connections', value: '1' },
        { name: 'log_disconnections', value: '1' },
      ],
    });
    const monitoringRole = new IamRole(this, 'db_monitoring_role', {
      name: `${NAME}-rds-monitoring`,
      assumeRolePolicy: this.policy('db_monitoring_trust', [
        {
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['monitoring.rds.amazonaws.com'] }],
        },
      ]).json,
    });
    new IamRolePolicyAttachment(this, 'db_monitoring_policy', {
      role: monitoringRole.name,
      policyArn: `arn:${this.partition.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole`,
    });
    return new DbInstance(this, 'db', {
      identifier: `${NAME}-warehouse`,
      engine: 'postgres',
      engineVersion: '16',
      // Free tier: 750 h/month of a micro instance and 20 GB of gp2/gp3 storage.
      instanceClass: 'db.t4g.micro',
      allocatedStorage: 20,
      storageType: 'gp3',
      storageEncrypted: true,
      kmsKeyId: this.key.arn,
      dbName: NAME,
      username: 'jobbench_admin',
      // RDS generates the password and keeps it in Secrets Manager: it never enters Terraform state or JSON.
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: this.key.arn,
      iamDatabaseAuthenticationEnabled: true,
      parameterGroupName: parameters.name,
      dbSubnetGroupName: subnets.name,
      vpcSecurityGroupIds: [dbSecurityGroup.id],
      publiclyAccessible: false,
      multiAz: false,
      backupRetentionPeriod: backupDays.numberValue,
      copyTagsToSnapshot: true,
      deletionProtection: Op.not(this.teardown.booleanValue) as unknown as boolean,
      skipFinalSnapshot: this.teardown.booleanValue,
      finalSnapshotIdentifier: `${NAME}-warehouse-final`,
      autoMinorVersionUpgrade: true,
      // Performance Insights: 7 days of retention are free.
      performanceInsightsEnabled: true,
      performanceInsightsRetentionPeriod: 7,
      performanceInsightsKmsKeyId: this.key.arn,
      monitoringInterval: 60,
      monitoringRoleArn: monitoringRole.arn,
      enabledCloudwatchLogsExports: ['postgresql', 'upgrade'],
    });
  }

  /** The pipeline's role: its lake prefixes, the key that encrypts them, and one database user. */
  private pipelineRole(lake: S3Bucket, db: DbInstance): IamRole {
    const role = new IamRole(this, 'pipeline_role', {
      name: `${NAME}-pipeline`,
      description: 'Assumed by whoever runs jobbench run --provider aws in this account',
      maxSessionDuration: 3600,
      assumeRolePolicy: this.policy('pipeline_trust', [
        {
          // Principals of this account that are themselves allowed sts:AssumeRole on it (IAM users, SSO roles).
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'AWS', identifiers: [this.arn('iam', 'root')] }],
        },
      ]).json,
    });
    const statements: Statement[] = [
      ...this.lakeStatements(
        lake,
        AWS_PIPELINE_PREFIXES.map((p) => `${this.keyPrefix.stringValue}${p}`),
        true,
      ),
      {
        sid: 'ConnectAsPipelineUser',
        actions: ['rds-db:connect'],
        resources: [this.arn('rds-db', `dbuser:${db.resourceId}/${AWS_DB_IAM_USER}`, this.region.stringValue)],
      },
    ];
    new IamRolePolicy(this, 'pipeline_policy', {
      name: `${NAME}-pipeline`,
      role: role.id,
      policy: this.policy('pipeline_policy_document', statements).json,
    });
    return role;
  }

  private lakeStatements(lake: S3Bucket, prefixes: readonly string[], canDelete: boolean): Statement[] {
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
        resources: [this.key.arn],
      },
    ];
  }

  private trail(trailBucket: S3Bucket, lake: S3Bucket): void {
    const group = new CloudwatchLogGroup(this, 'trail_log_group', {
      name: `/${NAME}/cloudtrail`,
      retentionInDays: 365,
      kmsKeyId: this.key.arn,
    });
    const role = new IamRole(this, 'trail_logs_role', {
      name: `${NAME}-cloudtrail-logs`,
      assumeRolePolicy: this.policy('trail_logs_trust', [
        { actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['cloudtrail.amazonaws.com'] }] },
      ]).json,
    });
    new IamRolePolicy(this, 'trail_logs_policy', {
      name: `${NAME}-cloudtrail-logs`,
      role: role.id,
      policy: this.policy('trail_logs_policy_document', [
        { actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [`${group.arn}:*`] },
      ]).json,
    });
    new Cloudtrail(this, 'trail', {
      name: `${NAME}-trail`,
      s3BucketName: trailBucket.id,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      kmsKeyId: this.key.arn,
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

  private monitoring(alertEmail: TerraformVariable): { topic: SnsTopic; pipelineLogGroup: CloudwatchLogGroup } {
    const topic = new SnsTopic(this, 'alerts_topic', { name: `${NAME}-alerts`, kmsMasterKeyId: this.key.id });
    new SnsTopicSubscription(this, 'alerts_email', {
      topicArn: topic.arn,
      protocol: 'email',
      endpoint: alertEmail.stringValue,
    });
    const pipelineLogGroup = new CloudwatchLogGroup(this, 'pipeline_log_group', {
      name: `/${NAME}/pipeline`,
      retentionInDays: 365,
      kmsKeyId: this.key.arn,
    });
    // Lambda's JSON log format writes console.error lines with "level": "ERROR".
    new CloudwatchLogMetricFilter(this, 'pipeline_errors_filter', {
      name: `${NAME}-pipeline-errors`,
      logGroupName: pipelineLogGroup.name,
      pattern: '{ $.level = "ERROR" }',
      metricTransformation: { name: 'PipelineErrors', namespace: 'Jobbench', value: '1', defaultValue: '0' },
    });
    new CloudwatchLogMetricFilter(this, 'run_failed_filter', {
      name: `${NAME}-run-failed`,
      logGroupName: pipelineLogGroup.name,
      pattern: '{ $.event = "run.failed" }',
      metricTransformation: { name: 'RunFailures', namespace: 'Jobbench', value: '1', defaultValue: '0' },
    });
    for (const [id, metric, description] of [
      ['pipeline_errors_alarm', 'PipelineErrors', 'The pipeline or the collector logged an error'],
      ['run_failed_alarm', 'RunFailures', 'A jobbench run ended in failure'],
    ] as const) {
      new CloudwatchMetricAlarm(this, id, {
        alarmName: `${NAME}-${metric}`,
        alarmDescription: description,
        namespace: 'Jobbench',
        metricName: metric,
        statistic: 'Sum',
        period: 3600,
        evaluationPeriods: 1,
        threshold: 1,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        treatMissingData: 'notBreaching',
        actionsEnabled: true,
        alarmActions: [topic.arn],
      });
    }
    return { topic, pipelineLogGroup };
  }

  /**
   * The daily collector. It runs outside a VPC on purpose: it must reach job sites on the
   * internet, and a NAT gateway (~33 USD/month) would dwarf the rest of the bill; it only
   * talks to S3 and the sources over TLS, never to the database.
   */
  private collector(
    lake: S3Bucket,
    logGroup: CloudwatchLogGroup,
    topic: SnsTopic,
    collectorPackage: TerraformVariable,
  ): LambdaFunction {
    const dlq = new SqsQueue(this, 'collector_dlq', {
      name: `${NAME}-collector-dlq`,
      kmsMasterKeyId: this.key.id,
      messageRetentionSeconds: 1_209_600,
    });
    // Source API keys (Adzuna, France Travail) live here; the value is set outside Terraform:
    // `aws secretsmanager put-secret-value --secret-id jobbench/source-api-keys --secret-string file://keys.json`.
    const sourceSecret = new SecretsmanagerSecret(this, 'source_api_keys', {
      name: `${NAME}/source-api-keys`,
      description: 'JSON with ADZUNA_APP_ID, ADZUNA_APP_KEY, FRANCE_TRAVAIL_CLIENT_ID, FRANCE_TRAVAIL_CLIENT_SECRET',
      kmsKeyId: this.key.arn,
      recoveryWindowInDays: 7,
    });
    const role = new IamRole(this, 'collector_role', {
      name: `${NAME}-collector`,
      assumeRolePolicy: this.policy('collector_trust', [
        { actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['lambda.amazonaws.com'] }] },
      ]).json,
    });
    new IamRolePolicy(this, 'collector_policy', {
      name: `${NAME}-collector`,
      role: role.id,
      policy: this.policy('collector_policy_document', [
        ...this.lakeStatements(lake, COLLECTOR_PREFIXES, false),
        { sid: 'WriteLogs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [`${logGroup.arn}:*`] },
        { sid: 'DeadLetters', actions: ['sqs:SendMessage'], resources: [dlq.arn] },
        { sid: 'ReadSourceKeys', actions: ['secretsmanager:GetSecretValue'], resources: [sourceSecret.arn] },
      ]).json,
    });
    new IamRolePolicyAttachment(this, 'collector_xray', {
      role: role.name,
      policyArn: `arn:${this.partition.partition}:iam::aws:policy/AWSXRayDaemonWriteAccess`,
    });
    const fn = new LambdaFunction(this, 'collector', {
      functionName: `${NAME}-collector`,
      description: 'Collects job postings into raw/ once a day',
      role: role.arn,
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      filename: collectorPackage.stringValue,
      architectures: ['arm64'],
      memorySize: 512,
      timeout: 900,
      // One collection at a time: sources are rate limited, and a retry must not overlap a slow run.
      reservedConcurrentExecutions: 1,
      kmsKeyArn: this.key.arn,
      tracingConfig: { mode: 'Active' },
      deadLetterConfig: { targetArn: dlq.arn },
      loggingConfig: { logFormat: 'JSON', logGroup: logGroup.name },
      environment: {
        variables: {
          JOBBENCH_AWS_BUCKET: lake.bucket,
          JOBBENCH_AWS_REGION: this.region.stringValue,
          JOBBENCH_SOURCE_SECRET_ID: sourceSecret.arn,
        },
      },
    });
    new CloudwatchMetricAlarm(this, 'collector_errors_alarm', {
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
    new CloudwatchMetricAlarm(this, 'collector_dlq_alarm', {
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

    const schedulerRole = new IamRole(this, 'scheduler_role', {
      name: `${NAME}-scheduler`,
      assumeRolePolicy: this.policy('scheduler_trust', [
        {
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['scheduler.amazonaws.com'] }],
          condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [this.account.accountId] }],
        },
      ]).json,
    });
    new IamRolePolicy(this, 'scheduler_policy', {
      name: `${NAME}-scheduler`,
      role: schedulerRole.id,
      policy: this.policy('scheduler_policy_document', [
        { sid: 'InvokeCollector', actions: ['lambda:InvokeFunction'], resources: [fn.arn] },
        { sid: 'DeadLetters', actions: ['sqs:SendMessage'], resources: [dlq.arn] },
        { sid: 'UseKey', actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [this.key.arn] },
      ]).json,
    });
    new SchedulerSchedule(this, 'collector_schedule', {
      name: `${NAME}-collector-daily`,
      description: 'Runs the collector every morning, Paris time',
      scheduleExpression: 'cron(0 6 * * ? *)',
      scheduleExpressionTimezone: 'Europe/Paris',
      flexibleTimeWindow: { mode: 'FLEXIBLE', maximumWindowInMinutes: 15 },
      kmsKeyArn: this.key.arn,
      target: {
        arn: fn.arn,
        roleArn: schedulerRole.arn,
        retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3600 },
        deadLetterConfig: { arn: dlq.arn },
      },
    });
    return fn;
  }

  /** Glue table over clean/ NDJSON so Athena can query the lake without loading it. */
  private catalog(lake: S3Bucket): { database: string; table: string; workgroup: string } {
    const database = new GlueCatalogDatabase(this, 'glue_database', {
      name: `${NAME}_lake`,
      description: 'jobbench data lake (clean/ canonical postings)',
    });
    const table = new GlueCatalogTable(this, 'glue_clean_postings', {
      name: 'clean_postings',
      databaseName: database.name,
      tableType: 'EXTERNAL_TABLE',
      description: 'Canonical postings, NDJSON under clean/dt=YYYY-MM-DD/run=ID/ (run MSCK REPAIR TABLE after new runs)',
      parameters: { classification: 'json', EXTERNAL: 'TRUE', compressionType: 'none' },
      partitionKeys: [
        { name: 'dt', type: 'string', comment: 'collection date, YYYY-MM-DD' },
        { name: 'run', type: 'string', comment: 'pipeline run id' },
      ],
      storageDescriptor: {
        location: `s3://${lake.bucket}/clean/`,
        inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
        outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
        serDeInfo: {
          name: 'ndjson',
          serializationLibrary: 'org.openx.data.jsonserde.JsonSerDe',
          // The OpenX SerDe matches keys case-insensitively (sourceId ↔ sourceid) and tolerates bad lines.
          parameters: { 'ignore.malformed.json': 'true', 'case.insensitive': 'true' },
        },
        columns: POSTING_COLUMNS.map(([name, type]) => ({ name, type })),
      },
    });
    const workgroup = new AthenaWorkgroup(this, 'athena_workgroup', {
      name: NAME,
      description: 'Queries over the jobbench lake; results encrypted with the jobbench key',
      forceDestroy: this.teardown.booleanValue,
      configuration: {
        enforceWorkgroupConfiguration: true,
        publishCloudwatchMetricsEnabled: true,
        // Caps a runaway query at 1 GB scanned (Athena bills 5 USD per TB scanned).
        bytesScannedCutoffPerQuery: 1_073_741_824,
        resultConfiguration: {
          outputLocation: `s3://${lake.bucket}/athena-results/`,
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKeyArn: this.key.arn },
        },
      },
    });
    return { database: database.name, table: table.name, workgroup: workgroup.name };
  }

  private budget(amount: TerraformVariable, email: TerraformVariable): void {
    new BudgetsBudget(this, 'budget', {
      name: `${NAME}-monthly`,
      budgetType: 'COST',
      limitAmount: Fn.tostring(amount.numberValue),
      limitUnit: 'USD',
      timeUnit: 'MONTHLY',
      notification: [
        {
          comparisonOperator: 'GREATER_THAN',
          threshold: 80,
          thresholdType: 'PERCENTAGE',
          notificationType: 'ACTUAL',
          subscriberEmailAddresses: [email.stringValue],
        },
        {
          comparisonOperator: 'GREATER_THAN',
          threshold: 100,
          thresholdType: 'PERCENTAGE',
          notificationType: 'FORECASTED',
          subscriberEmailAddresses: [email.stringValue],
        },
      ],
    });
  }
}
