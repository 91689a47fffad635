/**
 * The security and wiring properties of the three CDKTF stacks, read from their
 * synthesized Terraform JSON (CDKTF's Testing helpers, plain assertions where a
 * property spans several resources).
 */
import assert from 'node:assert/strict';
import { Testing } from 'cdktf';
import { AwsStack } from './aws/stack.ts';
import { AzureStack } from './azure/stack.ts';
import { GcpStack } from './gcp/stack.ts';
import { parseStackOutputs } from './stack-outputs.ts';

// biome-ignore lint/suspicious/noExplicitAny: untyped synthesized Terraform JSON, read by deep paths
type Body = Record<string, any>;
interface Doc {
  resource: Record<string, Record<string, Body>>;
  provider: Record<string, Body[]>;
  output: Record<string, Body>;
  variable: Record<string, Body>;
  data?: Record<string, Record<string, Body>>;
}

function synth(make: (app: ReturnType<typeof Testing.app>) => import('cdktf').TerraformStack): {
  text: string;
  doc: Doc;
} {
  const text = Testing.synth(make(Testing.app()));
  return { text, doc: JSON.parse(text) as Doc };
}

const one = (doc: Doc, type: string, name: string): Body => {
  const body = doc.resource[type]?.[name];
  assert.ok(body, `${type}.${name} exists`);
  return body;
};
/** What `terraform output -json` would print after apply: literal outputs kept, computed ones faked. */
const fakeOutputs = (doc: Doc) =>
  Object.fromEntries(
    Object.entries(doc.output).map(([name, o]) => {
      // What a deployment prints: a port is a number, an endpoint an https origin; parseStackOutputs refuses anything else.
      const deployed =
        name === 'db_port'
          ? 5432
          : name === 'blob_endpoint'
            ? 'https://stdeployed.blob.core.windows.net/'
            : `deployed-${name}`;
      const value = typeof o.value === 'string' && o.value.includes('${') ? deployed : o.value;
      return [name, { sensitive: false, type: 'string', value }];
    }),
  );
const all = (doc: Doc, type: string): Array<[string, Body]> => Object.entries(doc.resource[type] ?? {});

describe('infrastructure stacks', function () {
  this.timeout(60_000);

  describe('AWS', () => {
    const { text, doc } = synth((app) => new AwsStack(app, 'aws'));
    const lakeRef = '${aws_s3_bucket.lake_bucket';

    it('tags every resource project=jobbench through the provider default tags', () => {
      assert.ok(
        Testing.toHaveProviderWithProperties(text, 'aws', { default_tags: [{ tags: { project: 'jobbench' } }] }),
      );
    });

    it('encrypts the lake with a rotating customer-managed key and versions and blocks every bucket', () => {
      assert.ok(Testing.toHaveResourceWithProperties(text, 'aws_kms_key', { enable_key_rotation: true }));
      const lakeEncryption = one(doc, 'aws_s3_bucket_server_side_encryption_configuration', 'lake_encryption');
      assert.deepEqual(lakeEncryption.rule[0].apply_server_side_encryption_by_default, {
        sse_algorithm: 'aws:kms',
        kms_master_key_id: '${aws_kms_key.kms_key.arn}',
      });
      const buckets = all(doc, 'aws_s3_bucket').map(([name]) => name);
      assert.deepEqual(buckets.sort(), ['access_logs_bucket', 'lake_bucket', 'trail_bucket']);
      for (const name of buckets) {
        const ref = `\${aws_s3_bucket.${name}.id}`;
        const block = all(doc, 'aws_s3_bucket_public_access_block').find(([, b]) => b.bucket === ref)?.[1];
        assert.deepEqual(
          [
            block?.block_public_acls,
            block?.block_public_policy,
            block?.ignore_public_acls,
            block?.restrict_public_buckets,
          ],
          [true, true, true, true],
          `${name} blocks public access`,
        );
        const versioning = all(doc, 'aws_s3_bucket_versioning').find(([, b]) => b.bucket === ref)?.[1];
        assert.equal(versioning?.versioning_configuration.status, 'Enabled', `${name} is versioned`);
      }
      assert.ok(Testing.toHaveResource(text, 'aws_s3_account_public_access_block'));
    });

    it('logs lake access to the log bucket and moves raw/ to STANDARD_IA then GLACIER', () => {
      assert.equal(
        one(doc, 'aws_s3_bucket_logging', 'lake_logging').target_bucket,
        '${aws_s3_bucket.access_logs_bucket.id}',
      );
      const raw = one(doc, 'aws_s3_bucket_lifecycle_configuration', 'lake_lifecycle').rule.find(
        (r: Body) => r.id === 'raw-to-cold',
      );
      assert.deepEqual(raw.filter, [{ prefix: 'raw/' }]);
      assert.deepEqual(
        raw.transition.map((t: Body) => t.storage_class),
        ['STANDARD_IA', 'GLACIER'],
      );
    });

    it('runs a private, encrypted, IAM-authenticated free-tier PostgreSQL with TLS forced and no password in the JSON', () => {
      const db = one(doc, 'aws_db_instance', 'db');
      assert.ok(['db.t4g.micro', 'db.t3.micro'].includes(db.instance_class));
      assert.equal(db.allocated_storage, 20);
      assert.equal(db.storage_encrypted, true);
      assert.equal(db.publicly_accessible, false);
      assert.equal(db.iam_database_authentication_enabled, true);
      assert.equal(db.manage_master_user_password, true);
      assert.equal(db.password, undefined);
      assert.equal(db.auto_minor_version_upgrade, true);
      assert.equal(db.performance_insights_enabled, true);
      assert.deepEqual(db.enabled_cloudwatch_logs_exports, ['postgresql', 'upgrade']);
      assert.equal(db.deletion_protection, '${!var.teardown}');
      assert.equal(doc.variable.teardown?.default, false);
      assert.equal(db.backup_retention_period, '${var.db_backup_retention_days}');
      assert.ok(doc.variable.db_backup_retention_days?.default >= 7);
      const group = one(doc, 'aws_db_parameter_group', 'db_parameter_group');
      assert.ok(group.parameter.some((p: Body) => p.name === 'rds.force_ssl' && p.value === '1'));
      assert.equal(db.parameter_group_name, '${aws_db_parameter_group.db_parameter_group.name}');
    });

    it('gives the pipeline only its lake prefixes, its key and rds-db:connect as its own user', () => {
      const policy = doc.data?.aws_iam_policy_document?.pipeline_policy_document?.statement as Body[];
      const resources = policy.flatMap((s) => s.resources as string[]);
      assert.ok(!resources.includes('*'), 'no wildcard resource');
      assert.ok(!policy.some((s) => (s.actions as string[]).some((a) => a.endsWith(':*'))), 'no wildcard action');
      const written = policy.find((s) => s.sid === 'WriteOwnPrefixes');
      assert.deepEqual(written?.actions, ['s3:PutObject', 's3:AbortMultipartUpload']);
      assert.deepEqual(
        written?.resources,
        ['raw/', 'clean/', 'quarantine/', 'runs/', 'state/', 'bench/'].map(
          (p) => `${lakeRef}.arn}/\${var.key_prefix}${p}*`,
        ),
      );
      const connect = policy.find((s) => s.sid === 'ConnectAsPipelineUser');
      assert.deepEqual(connect?.actions, ['rds-db:connect']);
      assert.match(connect?.resources[0], /:dbuser:\$\{aws_db_instance\.db\.resource_id\}\/jobbench_pipeline$/);
    });

    it('records a multi-region, validated, encrypted trail with data events on the lake', () => {
      const trail = one(doc, 'aws_cloudtrail', 'trail');
      assert.equal(trail.is_multi_region_trail, true);
      assert.equal(trail.enable_log_file_validation, true);
      assert.equal(trail.kms_key_id, '${aws_kms_key.kms_key.arn}');
      assert.equal(trail.s3_bucket_name, '${aws_s3_bucket.trail_bucket.id}');
      assert.deepEqual(trail.event_selector[0].data_resource, [
        { type: 'AWS::S3::Object', values: [`${lakeRef}.arn}/`] },
      ]);
    });

    it('alarms on pipeline failures through an encrypted topic, with encrypted log groups and a budget', () => {
      for (const [name, group] of all(doc, 'aws_cloudwatch_log_group')) {
        assert.equal(group.kms_key_id, '${aws_kms_key.kms_key.arn}', name);
        assert.ok(group.retention_in_days >= 365, name);
      }
      assert.ok(one(doc, 'aws_sns_topic', 'alerts_topic').kms_master_key_id);
      assert.ok(all(doc, 'aws_cloudwatch_log_metric_filter').length >= 1);
      const alarms = all(doc, 'aws_cloudwatch_metric_alarm');
      assert.ok(alarms.length >= 3);
      for (const [name, alarm] of alarms)
        assert.deepEqual(alarm.alarm_actions, ['${aws_sns_topic.alerts_topic.arn}'], name);
      const budget = one(doc, 'aws_budgets_budget', 'budget');
      assert.equal(budget.limit_amount, '${tostring(var.budget_amount)}');
      assert.deepEqual(budget.notification[0].subscriber_email_addresses, ['${var.alert_email}']);
    });

    it('schedules a traced collector with a dead-letter queue and no reserved concurrency (quota 10 on new accounts)', () => {
      const fn = one(doc, 'aws_lambda_function', 'collector');
      assert.deepEqual(fn.tracing_config, { mode: 'Active' });
      assert.equal(fn.reserved_concurrent_executions, undefined);
      assert.equal(fn.dead_letter_config.target_arn, '${aws_sqs_queue.collector_dlq.arn}');
      assert.equal(fn.filename, '${var.collector_package}');
      const schedule = one(doc, 'aws_scheduler_schedule', 'collector_schedule');
      assert.equal(schedule.target.arn, '${aws_lambda_function.collector.arn}');
      assert.match(schedule.schedule_expression, /^cron\(0 6 \* \* \? \*\)$/);
    });

    it('catalogs clean/ NDJSON for Athena with the canonical columns and dt/run partitions', () => {
      const table = one(doc, 'aws_glue_catalog_table', 'glue_clean_postings');
      assert.equal(table.storage_descriptor.ser_de_info.serialization_library, 'org.openx.data.jsonserde.JsonSerDe');
      assert.equal(table.storage_descriptor.location, `s3://${lakeRef}.bucket}/clean/`);
      assert.deepEqual(
        table.partition_keys.map((k: Body) => k.name),
        ['dt', 'run'],
      );
      const columns = table.storage_descriptor.columns.map((c: Body) => c.name);
      for (const column of [
        'id',
        'source',
        'sourceid',
        'title',
        'company',
        'location',
        'salary',
        'skills',
        'postedat',
        'rawkey',
      ]) {
        assert.ok(columns.includes(column), column);
      }
    });

    it('outputs what jobbench run needs, none of it sensitive', () => {
      for (const name of [
        'jobbench_cloud',
        'region',
        'lake_bucket',
        'db_host',
        'db_port',
        'db_name',
        'db_iam_user',
        'pipeline_role_arn',
      ]) {
        assert.ok(doc.output[name], name);
      }
      assert.equal(doc.output.jobbench_cloud?.value, 'aws');
      assert.deepEqual(Object.keys(parseStackOutputs(fakeOutputs(doc)).env).sort(), [
        'JOBBENCH_AWS_BUCKET',
        'JOBBENCH_AWS_DATABASE_URL',
        'JOBBENCH_AWS_KEY_PREFIX',
        'JOBBENCH_AWS_REGION',
      ]);
      assert.ok(Object.values(doc.output).every((o) => o.sensitive !== true));
    });
  });

  describe('GCP', () => {
    const { text, doc } = synth((app) => new GcpStack(app, 'gcp'));

    it('labels every resource project=jobbench through the provider default labels', () => {
      assert.ok(Testing.toHaveProviderWithProperties(text, 'google', { default_labels: { project: 'jobbench' } }));
    });

    it('keeps every bucket private, versioned and CMEK-encrypted with a rotating key; the lake logs its access', () => {
      assert.ok(Testing.toHaveResourceWithProperties(text, 'google_kms_crypto_key', { rotation_period: '7776000s' }));
      for (const [name, bucket] of all(doc, 'google_storage_bucket')) {
        assert.equal(bucket.uniform_bucket_level_access, true, name);
        assert.equal(bucket.public_access_prevention, 'enforced', name);
        assert.deepEqual(bucket.versioning, { enabled: true }, name);
        assert.equal(bucket.encryption.default_kms_key_name, '${google_kms_crypto_key.data_key.id}', name);
      }
      const lake = one(doc, 'google_storage_bucket', 'lake_bucket');
      assert.equal(lake.logging.log_bucket, '${google_storage_bucket.access_logs_bucket.name}');
      assert.ok(lake.lifecycle_rule.some((r: Body) => r.condition.matches_prefix?.includes('raw/')));
    });

    it('encrypts the datasets with the key and expires staging tables', () => {
      for (const [name, dataset] of all(doc, 'google_bigquery_dataset')) {
        assert.equal(
          dataset.default_encryption_configuration.kms_key_name,
          '${google_kms_crypto_key.data_key.id}',
          name,
        );
        assert.equal(dataset.access, undefined, `${name} keeps the default (non-public) access`);
      }
      assert.equal(
        one(doc, 'google_bigquery_dataset', 'jobbench_staging_dataset').default_table_expiration_ms,
        172_800_000,
      );
    });

    it('grants the pipeline conditional lake roles, dataset-level dataEditor and project-level jobUser only', () => {
      // Which prefixes each lake grant covers is held to the recorded requests by infra/checks/permissions-gcp.test.ts.
      const pipeline = '${google_service_account.jobbench_pipeline_account.email}';
      const mine = (grants: Array<[string, Body]>) =>
        grants.filter(([, g]) => g.member === `serviceAccount:${pipeline}`);
      const lake = mine(all(doc, 'google_storage_bucket_iam_member'));
      assert.ok(lake.length > 0);
      for (const [id, grant] of lake) {
        assert.ok(grant.condition?.expression, `${id} is narrowed by an IAM condition`);
        assert.notEqual(grant.role, 'roles/storage.objectAdmin', id);
      }
      assert.deepEqual(
        [...mine(all(doc, 'google_bigquery_dataset_iam_member')), ...mine(all(doc, 'google_project_iam_member'))]
          .map(([, g]) => g.role)
          .sort(),
        ['roles/bigquery.dataEditor', 'roles/bigquery.dataEditor', 'roles/bigquery.jobUser'],
      );
      for (const [, grant] of all(doc, 'google_project_iam_member')) {
        assert.ok(
          !['roles/owner', 'roles/editor', 'roles/storage.admin', 'roles/storage.objectAdmin'].includes(grant.role),
        );
      }
    });

    it('turns on data access audit logs for storage and BigQuery', () => {
      for (const service of ['storage', 'bigquery']) {
        const config = one(doc, 'google_project_iam_audit_config', `audit_${service}`);
        const types = config.audit_log_config.map((c: Body) => c.log_type);
        assert.ok(types.includes('DATA_READ') && types.includes('DATA_WRITE'), service);
      }
    });

    it('outputs every name the GCP provider settings need', () => {
      assert.deepEqual(Object.keys(parseStackOutputs(fakeOutputs(doc)).env).sort(), [
        'JOBBENCH_GCP_BUCKET',
        'JOBBENCH_GCP_DATASET',
        'JOBBENCH_GCP_KEY_PREFIX',
        'JOBBENCH_GCP_LOCATION',
        'JOBBENCH_GCP_PROJECT',
      ]);
    });

    it('watches the bill and runs the collector daily through Cloud Scheduler', () => {
      const budget = one(doc, 'google_billing_budget', 'budget');
      assert.ok(budget.threshold_rules.length >= 2);
      const schedule = one(doc, 'google_cloud_scheduler_job', 'collector_schedule');
      assert.match(schedule.http_target.uri, /\/jobs\/\$\{google_cloud_run_v2_job\.collector_job\.name\}:run$/);
      assert.ok(schedule.http_target.oauth_token.service_account_email);
    });
  });

  describe('Azure', () => {
    const { doc } = synth((app) => new AzureStack(app, 'azure'));

    it('locks the storage account down', () => {
      const storage = one(doc, 'azurerm_storage_account', 'storage');
      assert.equal(storage.https_traffic_only_enabled, true);
      assert.equal(storage.min_tls_version, 'TLS1_2');
      assert.equal(storage.allow_nested_items_to_be_public, false);
      assert.equal(storage.shared_access_key_enabled, false);
      assert.equal(storage.infrastructure_encryption_enabled, true);
      assert.equal(storage.network_rules.default_action, 'Deny');
      assert.equal(storage.blob_properties.versioning_enabled, true);
      assert.ok(storage.blob_properties.delete_retention_policy.days >= 7);
      assert.ok(storage.blob_properties.container_delete_retention_policy.days >= 7);
      assert.equal(one(doc, 'azurerm_storage_container', 'lake_container').container_access_type, 'private');
    });

    it('runs a free-tier PostgreSQL flexible server with TLS required and Entra ID sign-in only', () => {
      const server = one(doc, 'azurerm_postgresql_flexible_server', 'postgres');
      assert.equal(server.sku_name, 'B_Standard_B1ms');
      assert.equal(server.storage_mb, 32768);
      assert.equal(server.geo_redundant_backup_enabled, true);
      assert.deepEqual(
        [server.authentication.active_directory_auth_enabled, server.authentication.password_auth_enabled],
        [true, false],
      );
      assert.equal(server.administrator_password, undefined);
      assert.equal(
        one(doc, 'azurerm_postgresql_flexible_server_configuration', 'postgres_require_secure_transport').value,
        'on',
      );
    });

    it('scopes the managed identity to the lake container', () => {
      const assignment = one(doc, 'azurerm_role_assignment', 'pipeline_blob_contributor');
      assert.equal(assignment.role_definition_name, 'Storage Blob Data Contributor');
      assert.match(
        assignment.scope,
        /\/blobServices\/default\/containers\/\$\{azurerm_storage_container\.lake_container\.name\}$/,
      );
      assert.equal(assignment.principal_id, '${azurerm_user_assigned_identity.pipeline_identity.principal_id}');
    });

    it('sends storage and database logs to Log Analytics, budgets the group and schedules the collector', () => {
      const targets = all(doc, 'azurerm_monitor_diagnostic_setting').map(([, d]) => d.target_resource_id);
      assert.ok(targets.includes('${azurerm_storage_account.storage.id}/blobServices/default'));
      assert.ok(targets.includes('${azurerm_postgresql_flexible_server.postgres.id}'));
      assert.ok(one(doc, 'azurerm_consumption_budget_resource_group', 'budget').notification.length >= 2);
      assert.ok(one(doc, 'azurerm_container_app_job', 'collector_job').schedule_trigger_config.cron_expression);
      const vault = one(doc, 'azurerm_key_vault', 'key_vault');
      assert.deepEqual([vault.purge_protection_enabled, vault.rbac_authorization_enabled], [true, true]);
    });

    it('outputs every name the Azure provider settings need', () => {
      assert.deepEqual(Object.keys(parseStackOutputs(fakeOutputs(doc)).env).sort(), [
        'JOBBENCH_AZURE_ACCOUNT_URL',
        'JOBBENCH_AZURE_CONTAINER',
        'JOBBENCH_AZURE_DATABASE_URL',
        'JOBBENCH_AZURE_REGION',
      ]);
    });

    it('tags every resource that takes tags with project=jobbench', () => {
      let tagged = 0;
      for (const [type, resources] of Object.entries(doc.resource)) {
        for (const [name, body] of Object.entries(resources)) {
          if (!('location' in body)) continue; // ARM tags live on located resources
          assert.deepEqual(body.tags, { project: 'jobbench' }, `${type}.${name}`);
          tagged += 1;
        }
      }
      assert.ok(tagged >= 8);
    });
  });
});
