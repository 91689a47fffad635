/**
 * The in-region runner: a Lambda function inside the stack's VPC that runs the benchmark
 * beside RDS (deploy/aws-runner.ts) and publishes its results into the lake's `results/`,
 * so the figures measure the cloud and not the operator's internet path. It has no route to
 * the internet: PostgreSQL over TLS inside the VPC, S3 through the gateway endpoint, nothing
 * else. It is invoked by hand (`aws lambda invoke --function-name jobbench-runner …`), never
 * on a schedule: a benchmark is run when someone wants a figure.
 */
import type { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import type { DbInstance } from '@cdktf/provider-aws/lib/db-instance/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function/index.js';
import type { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule/index.js';
import { Fn } from 'cdktf';
import { AWS_CONFIG } from '../../../providers/aws/config.ts';
import { jobEnvironment } from '../../job-environment.ts';
import { NAME, type AwsStackContext } from './context.ts';
import { type LakeAccess, lakeStatements } from './lake-access.ts';
import type { DbNetwork } from './network.ts';
import { AWS_DB_IAM_USER, AWS_PIPELINE_ACCESS } from './pipeline-iam.ts';

/**
 * What the runner does in the lake: the whole pipeline and benchmark, and its publication
 * under `results/`, which it writes and never reads back (the operator's `results pull` does).
 * It never resumes a run, but its benchmark's pipeline reruns copy the clean output of an
 * earlier run made from the same pages, reading that run's manifest back from `runs/`.
 */
const AWS_RUNNER_ACCESS: LakeAccess = {
  list: AWS_PIPELINE_ACCESS.list.filter((p) => p !== 'results/'),
  read: AWS_PIPELINE_ACCESS.read.filter((p) => p !== 'results/'),
  write: [...AWS_PIPELINE_ACCESS.write, 'results/'],
  delete: AWS_PIPELINE_ACCESS.delete,
};

/**
 * The Amazon CA bundle the Node.js 20+ Lambda runtimes ship but do not load by default; it
 * holds the RDS certificate authorities, so the runner verifies RDS's certificate (verify-full)
 * with no file of its own (https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html,
 * "CA certificate loading", read 2026-12-05).
 */
const LAMBDA_CA_BUNDLE = '/var/runtime/ca-cert.pem';

/** Adds the runner's egress rules, role and function. */
export function addRunner(
  ctx: AwsStackContext,
  lake: S3Bucket,
  db: DbInstance,
  network: DbNetwork,
  logGroup: CloudwatchLogGroup,
): LambdaFunction {
  const { scope } = ctx;
  const group = network.runnerSecurityGroup;
  new VpcSecurityGroupEgressRule(scope, 'runner_to_db', {
    securityGroupId: group.id,
    description: 'PostgreSQL on the warehouse',
    ipProtocol: 'tcp',
    fromPort: 5432,
    toPort: 5432,
    referencedSecurityGroupId: network.dbSecurityGroup.id,
  });
  new VpcSecurityGroupEgressRule(scope, 'runner_to_s3', {
    securityGroupId: group.id,
    description: 'HTTPS to S3 through the gateway endpoint',
    ipProtocol: 'tcp',
    fromPort: 443,
    toPort: 443,
    prefixListId: network.s3Endpoint.prefixListId,
  });
  const role = new IamRole(scope, 'runner_role', {
    name: `${NAME}-runner`,
    assumeRolePolicy: ctx.policy('runner_trust', [
      { actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['lambda.amazonaws.com'] }] },
    ]).json,
  });
  new IamRolePolicy(scope, 'runner_policy', {
    name: `${NAME}-runner`,
    role: role.id,
    policy: ctx.policy('runner_policy_document', [
      ...lakeStatements(ctx, lake, ctx.vars.keyPrefix.stringValue, AWS_RUNNER_ACCESS),
      {
        sid: 'ConnectAsPipelineUser',
        actions: ['rds-db:connect'],
        resources: [ctx.arn('rds-db', `dbuser:${db.resourceId}/${AWS_DB_IAM_USER}`, ctx.vars.region.stringValue)],
      },
      { sid: 'WriteLogs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [`${logGroup.arn}:*`] },
    ]).json,
  });
  // The network interfaces a function in a VPC needs (AWS's managed policy for exactly that).
  new IamRolePolicyAttachment(scope, 'runner_vpc_access', {
    role: role.name,
    policyArn: `arn:${ctx.partition.partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole`,
  });
  const port = Fn.tostring(db.port);
  return new LambdaFunction(scope, 'runner', {
    functionName: `${NAME}-runner`,
    description: 'Runs the jobbench benchmark beside RDS and publishes its results under results/',
    role: role.arn,
    runtime: 'nodejs22.x',
    handler: 'index.handler',
    filename: ctx.vars.runnerPackage.stringValue,
    sourceCodeHash: Fn.filebase64sha256(ctx.vars.runnerPackage.stringValue),
    architectures: ['arm64'],
    // 1,769 MB is one full vCPU (https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html, read
    // 2026-12-05); 2,048 MB leaves the transform and the scenarios a little more. 15 minutes is Lambda's maximum.
    memorySize: 2048,
    timeout: 900,
    ephemeralStorage: { size: 2048 },
    kmsKeyArn: ctx.key.arn,
    vpcConfig: { subnetIds: network.subnetIds, securityGroupIds: [group.id] },
    loggingConfig: { logFormat: 'JSON', logGroup: logGroup.name },
    environment: {
      variables: jobEnvironment('JOBBENCH_AWS_', AWS_CONFIG, {
        BUCKET: lake.bucket,
        REGION: ctx.vars.region.stringValue,
        KEY_PREFIX: ctx.vars.keyPrefix.stringValue,
        // No password: each connection signs a fresh IAM token (PG_IAM_AUTH).
        DATABASE_URL: `postgres://${AWS_DB_IAM_USER}@${db.address}:${port}/${db.dbName}`,
        PG_IAM_AUTH: 'true',
        PG_TLS: 'verify-full',
        RDS_CA_BUNDLE: LAMBDA_CA_BUNDLE,
      }),
    },
  });
}
