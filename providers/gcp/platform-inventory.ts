/**
 * What the GCP stack bills while it stands, from its synthesized Terraform JSON: KMS key
 * versions, Secret Manager secret versions, Cloud Scheduler jobs and the Data Access
 * audit logs it turns on. Audit log volume cannot be read from Terraform; it is a small
 * assumption, stated in the line's `basis` and marked `assumed`. Pure: no cdktf.
 */
import type { PlatformInventory, PlatformLine } from '../core/platform-inventory.ts';
import {
  blocksOf,
  buildInventory,
  referencesResource,
  resourcesOf,
  roundQuantity,
  type InventoryRules,
  type TerraformDocument,
  type TerraformResource,
} from '../core/terraform-inventory.ts';

/** Assumed Data Access audit log volume per audited service and month (GB): a daily collector and a few runs a month. */
export const GCP_AUDIT_LOG_GB_PER_SERVICE = 0.5;

// Data Access audit logs (ADMIN_READ, DATA_READ, DATA_WRITE) are off by default and, once
// on, are ingested into the _Default bucket and billed as log ingestion; Admin Activity
// and System Event logs go to _Required at no charge.
// https://cloud.google.com/logging/docs/audit#data-access and https://cloud.google.com/stackdriver/pricing (not re-read).
const DATA_ACCESS_TYPES = new Set(['ADMIN_READ', 'DATA_READ', 'DATA_WRITE']);

function line(
  item: string,
  quantity: number,
  unit: PlatformLine['unit'],
  resource: TerraformResource,
  basis: string,
  assumed = false,
): PlatformLine {
  return { item, quantity: roundQuantity(quantity), unit, resource: resource.address, basis, assumed };
}

function cryptoKeys(resources: readonly TerraformResource[]): PlatformLine[] {
  return resources.map((key) => {
    const protection = blocksOf(key.body.version_template)[0]?.protection_level ?? 'SOFTWARE';
    const rotation = typeof key.body.rotation_period === 'string' ? key.body.rotation_period : null;
    const days = rotation === null ? null : Math.round(Number.parseInt(rotation, 10) / 86_400);
    // Cloud KMS bills each active key version (https://cloud.google.com/kms/pricing, read
    // 2026-12-04); a rotation adds a version and leaves the earlier ones enabled.
    const growth =
      days === null
        ? 'no rotation_period'
        : `rotation_period = ${rotation}: one more active version every ${days} days unless old ones are destroyed`;
    return line(
      'kms.key-version',
      1,
      'resource-month',
      key,
      `1 active ${protection} version at deployment (${growth})`,
    );
  });
}

// https://cloud.google.com/secret-manager/pricing (read 2026-12-05): active secret versions
// are billed "per location", and "a secret with an automatic replication policy is billed as
// a single location"; the first 6 active versions and 10,000 access operations a month are
// free per billing account. The free versions are the price item's allowance, applied once to
// the sum of these lines; access operations have no price item (a daily collector reading its
// source keys stays far below 10,000).
function secrets(resources: readonly TerraformResource[], doc: TerraformDocument): PlatformLine[] {
  const declared = Object.values(doc.resource?.google_secret_manager_secret_version ?? {});
  const jobs = resourcesOf(doc, 'google_cloud_run_v2_job');
  return resources.map((secret) => {
    const versions = declared.filter((v) =>
      JSON.stringify(v.secret ?? '').includes(`google_secret_manager_secret.${secret.name}.`),
    ).length;
    const replication = blocksOf(secret.body.replication)[0] ?? {};
    const replicas = blocksOf(blocksOf(replication.user_managed)[0]?.replicas);
    const locations = replicas.length > 0 ? replicas.length : 1;
    const where =
      replicas.length > 0
        ? `replication user_managed, ${locations} location(s)`
        : 'replication auto (billed as one location)';
    const readers = jobs.filter((job) => referencesResource(job.body, secret)).map((job) => job.address);
    const reads =
      readers.length > 0
        ? `; read at each execution of ${readers.join(', ')} (access operations inside the 10,000 free a month, not priced)`
        : '';
    const basis =
      versions > 0
        ? `${versions} version(s) declared`
        : '1 active version (the value is added once, outside Terraform)';
    return line(
      'secretmanager.secret-version',
      Math.max(1, versions) * locations,
      'resource-month',
      secret,
      `${basis}, ${where}${reads}`,
    );
  });
}

function schedulerJobs(resources: readonly TerraformResource[]): PlatformLine[] {
  return resources.map((job) =>
    line(
      'scheduler.job',
      1,
      'resource-month',
      job,
      `1 job (schedule = ${typeof job.body.schedule === 'string' ? job.body.schedule : 'set'})`,
    ),
  );
}

function auditConfigs(resources: readonly TerraformResource[]): PlatformLine[] {
  return resources.flatMap((config) => {
    const types = blocksOf(config.body.audit_log_config)
      .map((b) => b.log_type)
      .filter((t): t is string => typeof t === 'string' && DATA_ACCESS_TYPES.has(t));
    if (types.length === 0) return [];
    const gb = GCP_AUDIT_LOG_GB_PER_SERVICE;
    const service = typeof config.body.service === 'string' ? config.body.service : 'a service';
    return [
      line(
        'logging.ingestion',
        gb,
        'gb-ingested',
        config,
        `Data Access audit logs (${types.join(', ')}) of ${service}: assumed ${gb} GB/month`,
        true,
      ),
    ];
  });
}

const METERED_BY_RUN = 'storage, requests and queries are metered by the run';
const IAM_FREE = 'IAM has no charge';

export const GCP_INVENTORY_RULES: InventoryRules = {
  cloud: 'gcp',
  types: {
    google_kms_crypto_key: { lines: cryptoKeys },
    google_secret_manager_secret: { lines: secrets },
    google_cloud_scheduler_job: { lines: schedulerJobs },
    google_project_iam_audit_config: {
      lines: auditConfigs,
      otherwise: 'no Data Access log type enabled: nothing billable',
    },
    google_kms_key_ring: { free: 'a key ring has no charge; its keys are the lines' },
    google_billing_budget: { free: 'Cloud Billing budgets have no charge' },
    google_monitoring_notification_channel: { free: 'a notification channel has no charge' },
    google_cloud_run_v2_job: { free: 'billed per vCPU-second and GiB-second of its executions only' },
    google_bigquery_dataset: { free: METERED_BY_RUN },
    google_storage_bucket: { free: `${METERED_BY_RUN}; the access-log bucket holds small log objects not priced here` },
    google_project_service: { free: 'enabling an API has no charge' },
    google_service_account: { free: IAM_FREE },
    google_project_iam_member: { free: IAM_FREE },
    google_project_iam_custom_role: { free: `${IAM_FREE}: a custom role is a list of permissions` },
  },
  patterns: [{ match: /^google_.*_iam_(member|binding|policy)$/, free: IAM_FREE }],
};

/** The GCP stack's platform inventory from its `cdk.tf.json`. */
export function gcpPlatformInventory(doc: TerraformDocument): PlatformInventory {
  return buildInventory(doc, GCP_INVENTORY_RULES);
}
