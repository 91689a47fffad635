/**
 * The AWS side of jobbench as CDK for Terraform: the S3 lake, the RDS PostgreSQL
 * warehouse, the pipeline's IAM role, audit (CloudTrail), monitoring (CloudWatch + SNS),
 * a budget, the daily collector (Lambda + EventBridge Scheduler), the in-region runner
 * (Lambda in the VPC, S3 through a gateway endpoint) and a Glue/Athena catalog over `clean/`. Secure by default: one customer-managed KMS key with rotation
 * encrypts everything that accepts a key; every bucket blocks public access and refuses
 * plain HTTP; no secret is ever part of the synthesized JSON (RDS keeps its master
 * password in Secrets Manager itself, the pipeline signs in with IAM).
 *
 * This file only composes the parts in ./stack/, one concern per file. Every part adds
 * its constructs directly on this stack with fixed construct ids, so the logical ids in
 * the Terraform JSON (and thus deployed state) do not depend on how the code is split;
 * the call order below is also the order of the resources in the JSON. Only the stack
 * files and infra/app.ts import cdktf (docs/architecture.md). docs/infrastructure.md
 * has the diagram, the free-tier reasoning and the deploy / teardown runbook.
 */
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { addAuditTrail } from './stack/audit-trail.ts';
import { addBudget } from './stack/budget.ts';
import { addCollector } from './stack/collector.ts';
import { addAwsStackBase, type AwsStackContext } from './stack/context.ts';
import { addDatabase } from './stack/database.ts';
import { addGlueCatalog } from './stack/glue-catalog.ts';
import { addKmsKey } from './stack/kms.ts';
import { addLakeBuckets } from './stack/lake-buckets.ts';
import { addMonitoring } from './stack/monitoring.ts';
import { addAwsOutputs } from './stack/outputs.ts';
import { addPipelineRole } from './stack/pipeline-iam.ts';
import { addRunner } from './stack/runner.ts';
import { addAwsVariables } from './stack/variables.ts';

export { AWS_DB_IAM_USER } from './stack/pipeline-iam.ts';

/** The AWS stack; `new AwsStack(app, 'aws')` synthesizes to `stacks/aws/cdk.tf.json`. */
export class AwsStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const base = addAwsStackBase(this, addAwsVariables(this));
    const ctx: AwsStackContext = { ...base, key: addKmsKey(base) };

    const { logs, lake, trailBucket } = addLakeBuckets(ctx);
    const catalog = addGlueCatalog(ctx, lake);
    const { topic, pipelineLogGroup } = addMonitoring(ctx);
    const { db, network } = addDatabase(ctx, logs);
    const pipelineRole = addPipelineRole(ctx, lake, db);
    addAuditTrail(ctx, trailBucket, lake);
    const collector = addCollector(ctx, lake, pipelineLogGroup, topic);
    const runner = addRunner(ctx, lake, db, network, pipelineLogGroup);
    addBudget(ctx);
    addAwsOutputs(ctx, { lake, db, pipelineRole, collector, runner, catalog, topic, pipelineLogGroup });
  }
}
