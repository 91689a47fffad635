/**
 * The warehouse: RDS PostgreSQL 16 on a free-tier micro instance in the private VPC,
 * TLS only, encrypted with the stack's key, IAM sign-in for the pipeline, enhanced
 * monitoring, and deletion protection unless `teardown` is set.
 */
import { Op } from 'cdktf';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance/index.js';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group/index.js';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js';
import type { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import { NAME, type AwsStackContext } from './context.ts';
import { addDbNetwork, type DbNetwork } from './network.ts';

/** Adds the network, parameter group, monitoring role and the database instance. */
export function addDatabase(ctx: AwsStackContext, logs: S3Bucket): { db: DbInstance; network: DbNetwork } {
  const { scope, vars } = ctx;
  const network = addDbNetwork(ctx, logs);
  const { subnetIds, dbSecurityGroup } = network;
  const subnets = new DbSubnetGroup(scope, 'db_subnet_group', { name: `${NAME}-db`, subnetIds });
  const parameters = new DbParameterGroup(scope, 'db_parameter_group', {
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
  const monitoringRole = new IamRole(scope, 'db_monitoring_role', {
    name: `${NAME}-rds-monitoring`,
    assumeRolePolicy: ctx.policy('db_monitoring_trust', [
      {
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'Service', identifiers: ['monitoring.rds.amazonaws.com'] }],
      },
    ]).json,
  });
  new IamRolePolicyAttachment(scope, 'db_monitoring_policy', {
    role: monitoringRole.name,
    policyArn: `arn:${ctx.partition.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole`,
  });
  const db = new DbInstance(scope, 'db', {
    identifier: `${NAME}-warehouse`,
    engine: 'postgres',
    engineVersion: '16',
    // Free tier: 750 h/month of a micro instance and 20 GB of gp2/gp3 storage.
    instanceClass: 'db.t4g.micro',
    allocatedStorage: 20,
    storageType: 'gp3',
    storageEncrypted: true,
    kmsKeyId: ctx.key.arn,
    dbName: NAME,
    username: 'jobbench_admin',
    // RDS generates the password and keeps it in Secrets Manager: it never enters Terraform state or JSON.
    manageMasterUserPassword: true,
    masterUserSecretKmsKeyId: ctx.key.arn,
    iamDatabaseAuthenticationEnabled: true,
    parameterGroupName: parameters.name,
    dbSubnetGroupName: subnets.name,
    vpcSecurityGroupIds: [dbSecurityGroup.id],
    publiclyAccessible: false,
    multiAz: false,
    backupRetentionPeriod: vars.backupDays.numberValue,
    copyTagsToSnapshot: true,
    deletionProtection: Op.not(vars.teardown.booleanValue) as unknown as boolean,
    skipFinalSnapshot: vars.teardown.booleanValue,
    finalSnapshotIdentifier: `${NAME}-warehouse-final`,
    autoMinorVersionUpgrade: true,
    // Performance Insights: 7 days of retention are free.
    performanceInsightsEnabled: true,
    performanceInsightsRetentionPeriod: 7,
    performanceInsightsKmsKeyId: ctx.key.arn,
    monitoringInterval: 60,
    monitoringRoleArn: monitoringRole.arn,
    enabledCloudwatchLogsExports: ['postgresql', 'upgrade'],
  });
  return { db, network };
}
