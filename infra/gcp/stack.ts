/**
 * The GCP side of jobbench as CDK for Terraform: a Cloud Storage lake and its access-log
 * bucket, BigQuery datasets (warehouse + expiring staging), service accounts with only the
 * roles they use, Data Access audit logs, a billing budget, and the daily collector
 * (Cloud Run job triggered by Cloud Scheduler). Everything at rest is encrypted with one
 * customer-managed Cloud KMS key that rotates every 90 days; buckets are never public;
 * no secret appears in the synthesized JSON (BigQuery and GCS use IAM, not passwords).
 *
 * Only this file and infra/app.ts import cdktf (docs/architecture.md); see
 * docs/infrastructure.md for the diagram, costs and the deploy / teardown runbook.
 */
import { Fn, Op, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import { BigqueryDataset } from '@cdktf/provider-google/lib/bigquery-dataset/index.js';
import { BigqueryDatasetIamMember } from '@cdktf/provider-google/lib/bigquery-dataset-iam-member/index.js';
import { BillingBudget } from '@cdktf/provider-google/lib/billing-budget/index.js';
import { CloudRunV2Job } from '@cdktf/provider-google/lib/cloud-run-v2-job/index.js';
import { CloudRunV2JobIamMember } from '@cdktf/provider-google/lib/cloud-run-v2-job-iam-member/index.js';
import { CloudSchedulerJob } from '@cdktf/provider-google/lib/cloud-scheduler-job/index.js';
import { DataGoogleBigqueryDefaultServiceAccount } from '@cdktf/provider-google/lib/data-google-bigquery-default-service-account/index.js';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project/index.js';
import { DataGoogleStorageProjectServiceAccount } from '@cdktf/provider-google/lib/data-google-storage-project-service-account/index.js';
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key/index.js';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member/index.js';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring/index.js';
import { MonitoringNotificationChannel } from '@cdktf/provider-google/lib/monitoring-notification-channel/index.js';
import { ProjectIamAuditConfig } from '@cdktf/provider-google/lib/project-iam-audit-config/index.js';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member/index.js';
import { ProjectService } from '@cdktf/provider-google/lib/project-service/index.js';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider/index.js';
import { SecretManagerSecret } from '@cdktf/provider-google/lib/secret-manager-secret/index.js';
import { SecretManagerSecretIamMember } from '@cdktf/provider-google/lib/secret-manager-secret-iam-member/index.js';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account/index.js';
import { StorageBucket, type StorageBucketLifecycleRule } from '@cdktf/provider-google/lib/storage-bucket/index.js';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member/index.js';
import { DEFAULT_GCP_LOCATION, GCP_CONFIG } from '../../providers/gcp/config.ts';
import { jobEnvironment } from '../job-environment.ts';

const NAME = 'jobbench';
/** Lake prefixes the collector may write (it only extracts). */
const COLLECTOR_PREFIXES = ['raw/', 'runs/', 'state/'] as const;
/** APIs the stack uses; left enabled on destroy because other workloads of the project may need them. */
const SERVICES = [
  'bigquery.googleapis.com',
  'billingbudgets.googleapis.com',
  'cloudkms.googleapis.com',
  'cloudscheduler.googleapis.com',
  'iam.googleapis.com',
  'monitoring.googleapis.com',
  'run.googleapis.com',
  'secretmanager.googleapis.com',
  'storage.googleapis.com',
] as const;

/** The GCP stack; `new GcpStack(app, 'gcp')` synthesizes to `stacks/gcp/cdk.tf.json`. */
export class GcpStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const projectId = new TerraformVariable(this, 'project_id', {
      type: 'string',
      description: 'GCP project that receives every resource.',
    });
    const region = new TerraformVariable(this, 'region', {
      type: 'string',
      default: DEFAULT_GCP_LOCATION,
      description:
        "Region of the buckets, datasets, key and jobs, the provider's default too (us-central1 would be inside the Cloud Storage free tier).",
    });
    const billingAccount = new TerraformVariable(this, 'billing_account', {
      type: 'string',
      description: 'Billing account id (XXXXXX-XXXXXX-XXXXXX) the budget watches.',
    });
    const budgetAmount = new TerraformVariable(this, 'budget_amount', {
      type: 'number',
      default: 10,
      description: 'Monthly budget, in the billing account currency; alerts at 50 %, 90 % and 100 % forecast.',
    });
    const budgetCurrency = new TerraformVariable(this, 'budget_currency', {
      type: 'string',
      default: 'USD',
      description: 'Currency of the billing account (a budget must use it).',
    });
    const alertEmail = new TerraformVariable(this, 'alert_email', {
      type: 'string',
      description: 'Address that receives budget alerts.',
    });
    const collectorImage = new TerraformVariable(this, 'collector_image', {
      type: 'string',
      default: 'us-docker.pkg.dev/cloudrun/container/job:latest',
      description: 'Container image of the collector (a placeholder job image until the collector is published).',
    });
    const teardown = new TerraformVariable(this, 'teardown', {
      type: 'bool',
      default: false,
      description:
        'Set to true and apply once before `terraform destroy`: lets Terraform empty the buckets and datasets and delete the job.',
    });
    const project = projectId.stringValue;
    const location = region.stringValue;

    new GoogleProvider(this, 'google', {
      project,
      region: location,
      // Every resource that takes labels gets project=jobbench.
      defaultLabels: { project: NAME },
      // Budgets API calls need a quota project when run with user credentials.
      userProjectOverride: true,
      billingProject: project,
    });
    const projectInfo = new DataGoogleProject(this, 'project', { projectId: project });
    const services = SERVICES.map(
      (service) =>
        new ProjectService(this, `service_${service.split('.')[0]}`, {
          service,
          disableOnDestroy: false,
          disableDependentServices: false,
        }),
    );

    // One key for buckets and datasets; GCS and BigQuery service agents encrypt with it on our behalf.
    const keyRing = new KmsKeyRing(this, 'key_ring', { name: NAME, location, dependsOn: services });
    const key = new KmsCryptoKey(this, 'data_key', {
      name: `${NAME}-data`,
      keyRing: keyRing.id,
      purpose: 'ENCRYPT_DECRYPT',
      rotationPeriod: '7776000s',
      // Key material cannot be deleted in GCP anyway (destroy only disables versions); this
      // makes a careless `terraform destroy` stop before the data becomes unreadable.
      lifecycle: { preventDestroy: true },
    });
    const gcsAgent = new DataGoogleStorageProjectServiceAccount(this, 'gcs_agent', { project });
    const bigqueryAgent = new DataGoogleBigqueryDefaultServiceAccount(this, 'bigquery_agent', { project });
    const keyUsers = [
      new KmsCryptoKeyIamMember(this, 'key_user_gcs', {
        cryptoKeyId: key.id,
        role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
        member: `serviceAccount:${gcsAgent.emailAddress}`,
      }),
      new KmsCryptoKeyIamMember(this, 'key_user_bigquery', {
        cryptoKeyId: key.id,
        role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
        member: `serviceAccount:${bigqueryAgent.email}`,
      }),
    ];

    const bucket = (bucketId: string, extra: { logTo?: StorageBucket; lifecycle: StorageBucketLifecycleRule[] }) =>
      new StorageBucket(this, `${bucketId}_bucket`, {
        name: `${project}-${NAME}-${bucketId.replace(/_/g, '-')}`,
        location,
        storageClass: 'STANDARD',
        forceDestroy: teardown.booleanValue,
        uniformBucketLevelAccess: true,
        publicAccessPrevention: 'enforced',
        versioning: { enabled: true },
        encryption: { defaultKmsKeyName: key.id },
        lifecycleRule: extra.lifecycle,
        ...(extra.logTo === undefined ? {} : { logging: { logBucket: extra.logTo.name, logObjectPrefix: 'lake/' } }),
        dependsOn: keyUsers,
      });
    const expireOldVersions: StorageBucketLifecycleRule = {
      action: { type: 'Delete' },
      condition: { daysSinceNoncurrentTime: 30, withState: 'ARCHIVED' },
    };
    const logs = bucket('access_logs', {
      lifecycle: [{ action: { type: 'Delete' }, condition: { age: 365 } }, expireOldVersions],
    });
    // Usage logs are written by this Google group: https://cloud.google.com/storage/docs/access-logs#delivery
    new StorageBucketIamMember(this, 'access_logs_writer', {
      bucket: logs.name,
      role: 'roles/storage.objectCreator',
      member: 'group:cloud-storage-analytics@google.com',
    });
    const lake = bucket('lake', {
      logTo: logs,
      lifecycle: [
        // Raw payloads stay for audit and replays but are rarely read after the first month.
        {
          action: { type: 'SetStorageClass', storageClass: 'NEARLINE' },
          condition: { age: 30, matchesPrefix: ['raw/'], matchesStorageClass: ['STANDARD'] },
        },
        {
          action: { type: 'SetStorageClass', storageClass: 'COLDLINE' },
          condition: { age: 180, matchesPrefix: ['raw/'], matchesStorageClass: ['NEARLINE'] },
        },
        expireOldVersions,
      ],
    });

    const dataset = (datasetId: string, description: string, tableExpirationMs?: number) =>
      new BigqueryDataset(this, `${datasetId}_dataset`, {
        datasetId,
        friendlyName: datasetId,
        description,
        location,
        defaultEncryptionConfiguration: { kmsKeyName: key.id },
        deleteContentsOnDestroy: teardown.booleanValue,
        ...(tableExpirationMs === undefined ? {} : { defaultTableExpirationMs: tableExpirationMs }),
        dependsOn: keyUsers,
      });
    const warehouse = dataset(NAME, 'jobbench warehouse: fact_posting, dimensions, load_audit');
    // Staging tables are recreated by every load; two days is enough to debug a failed merge.
    const staging = dataset(`${NAME}_staging`, 'jobbench load staging (tables expire after two days)', 2 * 86_400_000);

    const account = (accountId: string, displayName: string) =>
      new ServiceAccount(this, `${accountId.replace(/-/g, '_')}_account`, {
        accountId,
        displayName,
        dependsOn: services,
      });
    const pipeline = account(`${NAME}-pipeline`, 'jobbench pipeline (lake objects, warehouse tables, query jobs)');
    const pipelineMember = `serviceAccount:${pipeline.email}`;
    new StorageBucketIamMember(this, 'pipeline_lake_objects', {
      bucket: lake.name,
      role: 'roles/storage.objectAdmin',
      member: pipelineMember,
    });
    for (const [id, ds] of [
      ['pipeline_warehouse_editor', warehouse],
      ['pipeline_staging_editor', staging],
    ] as const) {
      new BigqueryDatasetIamMember(this, id, {
        datasetId: ds.datasetId,
        role: 'roles/bigquery.dataEditor',
        member: pipelineMember,
      });
    }
    new ProjectIamMember(this, 'pipeline_job_user', {
      project,
      role: 'roles/bigquery.jobUser',
      member: pipelineMember,
    });

    // Data Access audit logs (who read or wrote which object / table); ADMIN_READ rounds out the picture.
    for (const service of ['storage.googleapis.com', 'bigquery.googleapis.com']) {
      new ProjectIamAuditConfig(this, `audit_${service.split('.')[0]}`, {
        project,
        service,
        auditLogConfig: [{ logType: 'ADMIN_READ' }, { logType: 'DATA_READ' }, { logType: 'DATA_WRITE' }],
      });
    }

    const channel = new MonitoringNotificationChannel(this, 'alert_email_channel', {
      displayName: 'jobbench alerts',
      type: 'email',
      labels: { email_address: alertEmail.stringValue },
      dependsOn: services,
    });
    new BillingBudget(this, 'budget', {
      billingAccount: billingAccount.stringValue,
      displayName: `${NAME}-monthly`,
      budgetFilter: { projects: [`projects/${projectInfo.number}`] },
      amount: {
        specifiedAmount: { currencyCode: budgetCurrency.stringValue, units: Fn.tostring(budgetAmount.numberValue) },
      },
      thresholdRules: [
        { thresholdPercent: 0.5 },
        { thresholdPercent: 0.9 },
        { thresholdPercent: 1.0, spendBasis: 'FORECASTED_SPEND' },
      ],
      allUpdatesRule: { monitoringNotificationChannels: [channel.id], disableDefaultIamRecipients: false },
      dependsOn: services,
    });

    const collector = account(`${NAME}-collector`, 'jobbench collector (writes raw/, runs/, state/ only)');
    const collectorMember = `serviceAccount:${collector.email}`;
    const objectPrefix = (prefix: string) =>
      `resource.name.startsWith("projects/_/buckets/${lake.name}/objects/${prefix}")`;
    new StorageBucketIamMember(this, 'collector_lake_objects', {
      bucket: lake.name,
      role: 'roles/storage.objectAdmin',
      member: collectorMember,
      // IAM Conditions narrow the grant to the collector's prefixes (listing is a bucket-level check):
      // https://cloud.google.com/storage/docs/access-control/iam#conditions
      condition: {
        title: 'collector-prefixes',
        description: 'Only raw/, runs/ and state/ objects',
        expression: ['resource.type == "storage.googleapis.com/Bucket"', ...COLLECTOR_PREFIXES.map(objectPrefix)].join(
          ' || ',
        ),
      },
    });
    // Source API keys (Adzuna, France Travail); the value is added outside Terraform:
    // `gcloud secrets versions add jobbench-source-api-keys --data-file=keys.json`.
    const sourceSecret = new SecretManagerSecret(this, 'source_api_keys', {
      secretId: `${NAME}-source-api-keys`,
      replication: { auto: {} },
      dependsOn: services,
    });
    new SecretManagerSecretIamMember(this, 'collector_reads_source_keys', {
      secretId: sourceSecret.id,
      role: 'roles/secretmanager.secretAccessor',
      member: collectorMember,
    });
    const job = new CloudRunV2Job(this, 'collector_job', {
      name: `${NAME}-collector`,
      location,
      deletionProtection: Op.not(teardown.booleanValue) as unknown as boolean,
      template: {
        taskCount: 1,
        parallelism: 1,
        template: {
          serviceAccount: collector.email,
          maxRetries: 1,
          timeout: '1800s',
          containers: [
            {
              image: collectorImage.stringValue,
              resources: { limits: { cpu: '1', memory: '512Mi' } },
              env: [
                ...Object.entries(
                  jobEnvironment('JOBBENCH_GCP_', GCP_CONFIG, {
                    PROJECT: project,
                    BUCKET: lake.name,
                    LOCATION: location,
                  }),
                ).map(([name, value]) => ({ name, value })),
                { name: 'JOBBENCH_SOURCE_SECRET_ID', value: sourceSecret.id },
              ],
            },
          ],
        },
      },
      dependsOn: services,
    });
    const scheduler = account(`${NAME}-scheduler`, 'jobbench scheduler (starts the collector job)');
    new CloudRunV2JobIamMember(this, 'scheduler_runs_collector', {
      name: job.name,
      location,
      role: 'roles/run.invoker',
      member: `serviceAccount:${scheduler.email}`,
    });
    new CloudSchedulerJob(this, 'collector_schedule', {
      name: `${NAME}-collector-daily`,
      description: 'Runs the collector every morning, Paris time',
      region: location,
      schedule: '0 6 * * *',
      timeZone: 'Europe/Paris',
      attemptDeadline: '320s',
      retryConfig: { retryCount: 1 },
      // https://cloud.google.com/run/docs/execute/jobs-on-schedule
      httpTarget: {
        httpMethod: 'POST',
        uri: `https://run.googleapis.com/v2/projects/${project}/locations/${location}/jobs/${job.name}:run`,
        oauthToken: { serviceAccountEmail: scheduler.email, scope: 'https://www.googleapis.com/auth/cloud-platform' },
      },
      dependsOn: services,
    });

    const outputs: Record<string, { value: string; description: string }> = {
      jobbench_cloud: {
        value: 'gcp',
        description: 'Which cloud these outputs describe (read by jobbench run --stack-outputs).',
      },
      project_id: { value: project, description: 'GCP project.' },
      region: { value: location, description: 'Region of the buckets, datasets and jobs.' },
      lake_bucket: { value: lake.name, description: 'Cloud Storage bucket holding raw/, clean/, quarantine/, runs/.' },
      dataset: { value: warehouse.datasetId, description: 'BigQuery warehouse dataset.' },
      staging_dataset: { value: staging.datasetId, description: 'BigQuery staging dataset (tables expire).' },
      pipeline_service_account: {
        value: pipeline.email,
        description: 'Service account to impersonate for jobbench run.',
      },
      collector_job: { value: job.name, description: 'Cloud Run job of the collector.' },
      kms_key: { value: key.id, description: 'Customer-managed key of the buckets and datasets.' },
      source_secret: {
        value: sourceSecret.secretId,
        description: 'Secret Manager secret holding the source API keys.',
      },
    };
    for (const [name, output] of Object.entries(outputs)) {
      new TerraformOutput(this, `output_${name}`, output).overrideLogicalId(name);
    }
  }
}
