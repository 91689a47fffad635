/**
 * The stack's Terraform outputs: the deployed names `jobbench run --stack-outputs` and
 * `jobbench results pull --stack-outputs` read (infra/stack-outputs.ts), and the jobs and
 * secrets the runbook names. Never a secret value: the source secrets appear by id only.
 */
import { TerraformOutput } from 'cdktf';
import type { CloudRunV2Job } from '@cdktf/provider-google/lib/cloud-run-v2-job/index.js';
import type { ServiceAccount } from '@cdktf/provider-google/lib/service-account/index.js';
import type { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket/index.js';
import type { GcpStackContext } from './context.ts';
import type { SourceSecrets } from './source-secrets.ts';
import type { GcpWarehouse } from './warehouse.ts';

/** The resources whose names the outputs publish. */
export interface GcpOutputSources {
  lake: StorageBucket;
  datasets: GcpWarehouse;
  pipeline: ServiceAccount;
  collector: CloudRunV2Job;
  runner: CloudRunV2Job;
  secrets: SourceSecrets;
}

/** Adds one output per deployed name, with the bare name as its logical id. */
export function addGcpOutputs(ctx: GcpStackContext, from: GcpOutputSources): void {
  const { lake, datasets, pipeline, collector, runner, secrets } = from;
  const outputs: Record<string, { value: unknown; description: string }> = {
    jobbench_cloud: {
      value: 'gcp',
      description: 'Which cloud these outputs describe (read by jobbench run --stack-outputs).',
    },
    project_id: { value: ctx.project, description: 'GCP project.' },
    region: { value: ctx.location, description: 'Region of the buckets, datasets and jobs.' },
    lake_bucket: {
      value: lake.name,
      description: 'Cloud Storage bucket holding raw/, clean/, quarantine/, runs/, state/, bench/, results/.',
    },
    key_prefix: {
      value: ctx.vars.keyPrefix.stringValue,
      description: 'Prefix of every lake key (JOBBENCH_GCP_KEY_PREFIX); the grants are conditioned on it.',
    },
    dataset: { value: datasets.warehouse.datasetId, description: 'BigQuery warehouse dataset.' },
    staging_dataset: { value: datasets.staging.datasetId, description: 'BigQuery staging dataset (tables expire).' },
    pipeline_service_account: {
      value: pipeline.email,
      description: 'Service account to impersonate for jobbench run and jobbench results pull.',
    },
    collector_job: { value: collector.name, description: 'Cloud Run job of the daily collector.' },
    runner_job: {
      value: runner.name,
      description: 'Cloud Run job of the in-region runner (gcloud run jobs execute <it> --region <region>).',
    },
    kms_key: { value: ctx.key.id, description: 'Customer-managed key of the buckets and datasets.' },
    source_secrets: {
      value: Object.values(secrets).map((secret) => secret.secretId),
      description: 'Secret Manager secrets (ids) holding the source API keys, one per variable.',
    },
  };
  for (const [name, output] of Object.entries(outputs)) {
    // Construct ids must differ from the variables'; Terraform itself allows `output.region` next to `var.region`.
    new TerraformOutput(ctx.scope, `output_${name}`, output).overrideLogicalId(name);
  }
}
