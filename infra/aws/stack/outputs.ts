/**
 * The stack's Terraform outputs: the deployed names `jobbench run --stack-outputs` reads
 * (infra/stack-outputs.ts). Never a secret: the master password appears only as the
 * ARN of the secret RDS keeps it in.
 */
import { TerraformOutput } from 'cdktf';
import type { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import type { DbInstance } from '@cdktf/provider-aws/lib/db-instance/index.js';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import type { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function/index.js';
import type { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import type { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic/index.js';
import type { AwsStackContext } from './context.ts';
import type { GlueCatalog } from './glue-catalog.ts';
import { AWS_DB_IAM_USER } from './pipeline-iam.ts';

/** The resources whose names and addresses the outputs publish. */
export interface AwsOutputSources {
  lake: S3Bucket;
  db: DbInstance;
  pipelineRole: IamRole;
  collector: LambdaFunction;
  runner: LambdaFunction;
  catalog: GlueCatalog;
  topic: SnsTopic;
  pipelineLogGroup: CloudwatchLogGroup;
}

/** Adds one output per deployed name, with the bare name as its logical id. */
export function addAwsOutputs(ctx: AwsStackContext, from: AwsOutputSources): void {
  const { lake, db, pipelineRole, collector, runner, catalog, topic, pipelineLogGroup } = from;
  const outputs: Record<string, { value: string | number; description: string }> = {
    jobbench_cloud: {
      value: 'aws',
      description: 'Which cloud these outputs describe (read by jobbench run --stack-outputs).',
    },
    region: { value: ctx.vars.region.stringValue, description: 'Region of every regional resource.' },
    lake_bucket: { value: lake.bucket, description: 'S3 bucket holding raw/, clean/, quarantine/, runs/.' },
    key_prefix: {
      value: ctx.vars.keyPrefix.stringValue,
      description: 'Prefix of every lake key (JOBBENCH_AWS_KEY_PREFIX); the roles are granted under it only.',
    },
    kms_key_arn: { value: ctx.key.arn, description: 'Customer-managed key encrypting the lake, logs and database.' },
    db_host: { value: db.address, description: 'RDS PostgreSQL host name (reachable from inside the VPC only).' },
    db_port: { value: db.port, description: 'RDS PostgreSQL port.' },
    db_name: { value: db.dbName, description: 'Warehouse database name.' },
    db_iam_user: {
      value: AWS_DB_IAM_USER,
      description: 'Database role the pipeline signs in as with an IAM auth token.',
    },
    db_master_secret_arn: {
      value: db.masterUserSecret.get(0).secretArn,
      description: 'ARN (not the value) of the RDS-managed master password secret, for administrators.',
    },
    pipeline_role_arn: {
      value: pipelineRole.arn,
      description: 'Role the pipeline assumes (lake prefixes + rds-db:connect).',
    },
    collector_function: { value: collector.functionName, description: 'Scheduled collector Lambda function name.' },
    runner_function: {
      value: runner.functionName,
      description: 'In-region runner Lambda function name (aws lambda invoke; then jobbench results pull).',
    },
    glue_database: { value: catalog.database, description: 'Glue Data Catalog database for Athena.' },
    glue_table: { value: catalog.table, description: 'Glue table over clean/ (partitions dt, run).' },
    athena_workgroup: { value: catalog.workgroup, description: 'Athena workgroup with encrypted results.' },
    alerts_topic_arn: { value: topic.arn, description: 'SNS topic receiving pipeline failure alarms.' },
    log_group: { value: pipelineLogGroup.name, description: 'CloudWatch log group of the pipeline and collector.' },
  };
  for (const [name, output] of Object.entries(outputs)) {
    // Construct ids must differ from the variables'; Terraform itself allows `output.region` next to `var.region`.
    new TerraformOutput(ctx.scope, `output_${name}`, output).overrideLogicalId(name);
  }
}
