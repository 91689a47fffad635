/**
 * The BigQuery warehouse (fact_posting, dimensions, load_audit) and an expiring staging
 * dataset, both encrypted with the stack's key, with the default (non-public) access; and the
 * grants a service account needs to run the pipeline's queries and loads there.
 */
import { BigqueryDataset } from '@cdktf/provider-google/lib/bigquery-dataset/index.js';
import { BigqueryDatasetIamMember } from '@cdktf/provider-google/lib/bigquery-dataset-iam-member/index.js';
import type { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member/index.js';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member/index.js';
import { type GcpStackContext, NAME } from './context.ts';

export interface GcpWarehouse {
  warehouse: BigqueryDataset;
  staging: BigqueryDataset;
}

export function addWarehouse(ctx: GcpStackContext, keyUsers: KmsCryptoKeyIamMember[]): GcpWarehouse {
  const dataset = (datasetId: string, description: string, tableExpirationMs?: number) =>
    new BigqueryDataset(ctx.scope, `${datasetId}_dataset`, {
      datasetId,
      friendlyName: datasetId,
      description,
      location: ctx.location,
      defaultEncryptionConfiguration: { kmsKeyName: ctx.key.id },
      deleteContentsOnDestroy: ctx.vars.teardown.booleanValue,
      ...(tableExpirationMs === undefined ? {} : { defaultTableExpirationMs: tableExpirationMs }),
      dependsOn: keyUsers,
    });
  const warehouse = dataset(NAME, 'jobbench warehouse: fact_posting, dimensions, load_audit');
  // Staging tables are recreated by every load; two days is enough to debug a failed merge.
  const staging = dataset(`${NAME}_staging`, 'jobbench load staging (tables expire after two days)', 2 * 86_400_000);
  return { warehouse, staging };
}

/**
 * What the pipeline's warehouse needs (providers/gcp/bigquery-warehouse.ts): tables created,
 * loaded, merged and read inside the two datasets — roles/bigquery.dataEditor on each dataset,
 * not on the project — and query and load jobs, which are project resources:
 * roles/bigquery.jobUser, which runs jobs but reads no data by itself
 * (https://cloud.google.com/bigquery/docs/access-control#bigquery.jobUser, read 2026-12-05).
 * Construct ids: `<id>_warehouse_editor`, `<id>_staging_editor`, `<id>_job_user`.
 */
export function grantWarehouse(ctx: GcpStackContext, id: string, member: string, datasets: GcpWarehouse): void {
  for (const [suffix, ds] of [
    ['warehouse_editor', datasets.warehouse],
    ['staging_editor', datasets.staging],
  ] as const) {
    new BigqueryDatasetIamMember(ctx.scope, `${id}_${suffix}`, {
      datasetId: ds.datasetId,
      role: 'roles/bigquery.dataEditor',
      member,
    });
  }
  new ProjectIamMember(ctx.scope, `${id}_job_user`, { project: ctx.project, role: 'roles/bigquery.jobUser', member });
}
