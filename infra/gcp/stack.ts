/**
 * The GCP side of jobbench as CDK for Terraform: a Cloud Storage lake and its access-log
 * bucket, BigQuery datasets (warehouse + expiring staging), service accounts with only the
 * lake prefixes and roles their code uses, Data Access audit logs, a billing budget, the daily
 * collector (Cloud Run job started by Cloud Scheduler, source keys from Secret Manager) and the
 * in-region runner (Cloud Run job started by hand). Everything at rest is encrypted with one
 * customer-managed Cloud KMS key that rotates every 90 days; buckets are never public; no
 * secret appears in the synthesized JSON (BigQuery and Cloud Storage use IAM, not passwords).
 *
 * This file only composes the parts in ./stack/, one concern per file. Every part adds its
 * constructs directly on this stack with fixed construct ids, so the logical ids in the
 * Terraform JSON (and thus deployed state) do not depend on how the code is split. Only the
 * stack files and infra/app.ts import cdktf (docs/architecture.md); docs/infrastructure.md
 * has the diagram, costs and the deploy / run / teardown runbook.
 */
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { addAuditLogs } from './stack/audit.ts';
import { addBudget } from './stack/budget.ts';
import { addCollector } from './stack/collector.ts';
import { addGcpStackBase, type GcpStackContext } from './stack/context.ts';
import { addKmsKey } from './stack/kms.ts';
import { addLakeDeleterRole } from './stack/lake-access.ts';
import { addLakeBuckets } from './stack/lake-buckets.ts';
import { addGcpOutputs } from './stack/outputs.ts';
import { addPipelineAccount } from './stack/pipeline-iam.ts';
import { addRunner } from './stack/runner.ts';
import { addSourceSecrets } from './stack/source-secrets.ts';
import { addGcpVariables } from './stack/variables.ts';
import { addWarehouse } from './stack/warehouse.ts';

/** The GCP stack; `new GcpStack(app, 'gcp')` synthesizes to `stacks/gcp/cdk.tf.json`. */
export class GcpStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const base = addGcpStackBase(this, addGcpVariables(this));
    const { key, keyUsers } = addKmsKey(base);
    const ctx: GcpStackContext = { ...base, key };

    const { lake } = addLakeBuckets(ctx, keyUsers);
    const datasets = addWarehouse(ctx, keyUsers);
    const deleter = addLakeDeleterRole(ctx);
    const pipeline = addPipelineAccount(ctx, lake, deleter, datasets);
    addAuditLogs(ctx);
    addBudget(ctx);
    const secrets = addSourceSecrets(ctx);
    const collector = addCollector(ctx, lake, deleter, secrets);
    const runner = addRunner(ctx, lake, deleter, datasets);
    addGcpOutputs(ctx, { lake, datasets, pipeline, collector, runner, secrets });
  }
}
