/**
 * Each gap check on small hand-written stacks (one that breaks the rule, one that keeps
 * it), then all of them on the real synthesized stacks.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { synthStacks } from '../app.ts';
import { rdsForceSsl, s3AccountPublicAccessBlock, s3TlsOnlyBucketPolicy } from './aws-checks.ts';
import { diagnosticSettings, postgresSecureTransport, storageInfrastructureEncryption } from './azure-checks.ts';
import { gcsBucketCmek } from './gcp-checks.ts';
import { GAP_CHECKS, runGapChecks, type TfJson } from './index.ts';
import { noSecretLiterals } from './secret-checks.ts';

const bucket = { aws_s3_bucket: { lake: { bucket_prefix: 'jobbench-lake-' } } };
const tlsDenyStatement = {
  effect: 'Deny',
  actions: ['s3:*'],
  principals: [{ type: 'AWS', identifiers: ['*'] }],
  resources: ['${aws_s3_bucket.lake.arn}', '${aws_s3_bucket.lake.arn}/*'],
  condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
};

describe('gap checks', () => {
  describe(s3AccountPublicAccessBlock.id, () => {
    it('fails a stack with buckets but no account-level block, or a partial one', () => {
      assert.equal(s3AccountPublicAccessBlock.run({ resource: bucket }).length, 1);
      const partial = {
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: false,
      };
      assert.equal(
        s3AccountPublicAccessBlock.run({
          resource: { ...bucket, aws_s3_account_public_access_block: { account: partial } },
        }).length,
        1,
      );
    });
    it('passes with all four settings, and on a stack without buckets', () => {
      const full = {
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      };
      assert.deepEqual(
        s3AccountPublicAccessBlock.run({
          resource: { ...bucket, aws_s3_account_public_access_block: { account: full } },
        }),
        [],
      );
      assert.deepEqual(s3AccountPublicAccessBlock.run({ resource: {} }), []);
    });
  });

  describe(s3TlsOnlyBucketPolicy.id, () => {
    const withPolicy = (policy: string, data?: TfJson['data']): TfJson => ({
      resource: { ...bucket, aws_s3_bucket_policy: { lake: { bucket: '${aws_s3_bucket.lake.id}', policy } } },
      ...(data === undefined ? {} : { data }),
    });
    it('fails a bucket without a policy, or whose policy allows plain HTTP', () => {
      assert.match(s3TlsOnlyBucketPolicy.run({ resource: bucket })[0]?.message ?? '', /no aws_s3_bucket_policy/);
      const allowOnly = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
      assert.equal(s3TlsOnlyBucketPolicy.run(withPolicy(allowOnly)).length, 1);
      const wrongValue = {
        ...tlsDenyStatement,
        condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['true'] }],
      };
      const data = { aws_iam_policy_document: { lake: { statement: [wrongValue] } } };
      assert.equal(s3TlsOnlyBucketPolicy.run(withPolicy('${data.aws_iam_policy_document.lake.json}', data)).length, 1);
    });
    it('passes a Deny on aws:SecureTransport=false, as JSON text or as a policy document', () => {
      const json = JSON.stringify({
        Statement: [
          {
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: '*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      });
      assert.deepEqual(s3TlsOnlyBucketPolicy.run(withPolicy(json)), []);
      const data = { aws_iam_policy_document: { lake: { statement: [tlsDenyStatement] } } };
      assert.deepEqual(s3TlsOnlyBucketPolicy.run(withPolicy('${data.aws_iam_policy_document.lake.json}', data)), []);
    });
  });

  describe(rdsForceSsl.id, () => {
    const stack = (parameterGroup: unknown, parameters: unknown[]): TfJson => ({
      resource: {
        aws_db_instance: { db: { engine: 'postgres', parameter_group_name: parameterGroup } },
        aws_db_parameter_group: { pg: { family: 'postgres16', parameter: parameters } },
      },
    });
    it('fails a default parameter group, or one without rds.force_ssl=1', () => {
      assert.equal(rdsForceSsl.run(stack('default.postgres16', [{ name: 'rds.force_ssl', value: '1' }])).length, 1);
      assert.equal(
        rdsForceSsl.run(stack('${aws_db_parameter_group.pg.name}', [{ name: 'rds.force_ssl', value: '0' }])).length,
        1,
      );
    });
    it('passes when the attached group forces TLS', () => {
      assert.deepEqual(
        rdsForceSsl.run(stack('${aws_db_parameter_group.pg.name}', [{ name: 'rds.force_ssl', value: '1' }])),
        [],
      );
    });
  });

  describe(gcsBucketCmek.id, () => {
    it('fails a bucket without a default KMS key', () => {
      assert.equal(gcsBucketCmek.run({ resource: { google_storage_bucket: { lake: { name: 'x' } } } }).length, 1);
    });
    it('passes a bucket with encryption.default_kms_key_name', () => {
      const lake = { name: 'x', encryption: { default_kms_key_name: '${google_kms_crypto_key.k.id}' } };
      assert.deepEqual(gcsBucketCmek.run({ resource: { google_storage_bucket: { lake } } }), []);
    });
  });

  describe(storageInfrastructureEncryption.id, () => {
    it('fails an account without infrastructure encryption and passes one with it', () => {
      assert.equal(
        storageInfrastructureEncryption.run({ resource: { azurerm_storage_account: { st: {} } } }).length,
        1,
      );
      const st = { infrastructure_encryption_enabled: true };
      assert.deepEqual(storageInfrastructureEncryption.run({ resource: { azurerm_storage_account: { st } } }), []);
    });
  });

  describe(postgresSecureTransport.id, () => {
    const stack = (value: string): TfJson => ({
      resource: {
        azurerm_postgresql_flexible_server: { pg: {} },
        azurerm_postgresql_flexible_server_configuration: {
          tls: { name: 'require_secure_transport', server_id: '${azurerm_postgresql_flexible_server.pg.id}', value },
        },
      },
    });
    it('fails OFF or a missing setting, passes ON', () => {
      assert.equal(postgresSecureTransport.run(stack('off')).length, 1);
      assert.equal(
        postgresSecureTransport.run({ resource: { azurerm_postgresql_flexible_server: { pg: {} } } }).length,
        1,
      );
      assert.deepEqual(postgresSecureTransport.run(stack('ON')), []);
    });
  });

  describe(diagnosticSettings.id, () => {
    const setting = (target: string) => ({
      target_resource_id: target,
      log_analytics_workspace_id: '${azurerm_log_analytics_workspace.log.id}',
      enabled_log: [{ category_group: 'audit' }],
    });
    it('fails storage whose setting is not on the blob service, and a server without one', () => {
      const findings = diagnosticSettings.run({
        resource: {
          azurerm_storage_account: { st: {} },
          azurerm_postgresql_flexible_server: { pg: {} },
          azurerm_monitor_diagnostic_setting: { d: setting('${azurerm_storage_account.st.id}') },
        },
      });
      assert.deepEqual(
        findings.map((f) => f.resource),
        ['azurerm_storage_account.st', 'azurerm_postgresql_flexible_server.pg'],
      );
    });
    it('passes when blob service and server both log to a workspace', () => {
      const findings = diagnosticSettings.run({
        resource: {
          azurerm_storage_account: { st: {} },
          azurerm_postgresql_flexible_server: { pg: {} },
          azurerm_monitor_diagnostic_setting: {
            blob: setting('${azurerm_storage_account.st.id}/blobServices/default'),
            pg: setting('${azurerm_postgresql_flexible_server.pg.id}'),
          },
        },
      });
      assert.deepEqual(findings, []);
    });
  });

  describe(noSecretLiterals.id, () => {
    it('flags literal passwords, secret-named variables with defaults, env entries and credential shapes', () => {
      const findings = noSecretLiterals.run({
        variable: { db_password: { type: 'string', default: 'x' } },
        resource: {
          aws_db_instance: { db: { password: 'hunter2-hunter2' } },
          azurerm_container_app_job: {
            job: { template: { container: [{ env: [{ name: 'API_TOKEN', value: 'abc' }] }] } },
          },
          aws_lambda_function: { fn: { environment: { variables: { S3: 'AKIAABCDEFGHIJKLMNOP' } } } },
          google_cloud_run_v2_job: { job: { env: 'postgres://jobbench:s3cret@db.example:5432/jobbench' } },
        },
      });
      assert.deepEqual(
        findings.map((f) => f.resource),
        [
          'variable.db_password',
          'resource.aws_db_instance.db.password',
          'resource.azurerm_container_app_job.job.template.container[0].env[0].value',
          'resource.aws_lambda_function.fn.environment.variables.S3',
          'resource.google_cloud_run_v2_job.job.env',
        ],
      );
    });
    it('accepts references, flags that only enable a feature, and names of secrets', () => {
      const findings = noSecretLiterals.run({
        variable: { alert_email: { type: 'string' } },
        resource: {
          aws_db_instance: {
            db: { manage_master_user_password: true, master_user_secret_kms_key_id: '${aws_kms_key.k.arn}' },
          },
          aws_rds_cluster: { c: { master_password: '${var.db_password}' } },
          google_secret_manager_secret: { s: { secret_id: 'jobbench-source-api-keys' } },
          azurerm_postgresql_flexible_server: { pg: { authentication: { password_auth_enabled: false } } },
          azurerm_container_app_job: {
            job: { env: [{ name: 'JOBBENCH_SOURCE_SECRET_ID', value: 'https://kv/secrets/x' }] },
          },
        },
      });
      assert.deepEqual(findings, []);
    });
  });

  describe('on the synthesized stacks', function () {
    this.timeout(120_000);
    let outdir: string;
    before(async () => {
      outdir = await mkdtemp(path.join(tmpdir(), 'jobbench-gap-'));
    });
    after(async () => {
      await rm(outdir, { recursive: true, force: true });
    });

    it('every stack passes every gap check, and each check applies to some stack', async () => {
      const docs: TfJson[] = [];
      for (const stack of await synthStacks({ outdir })) {
        const doc = JSON.parse(await readFile(stack.file, 'utf8')) as TfJson;
        docs.push(doc);
        assert.deepEqual(runGapChecks(doc), [], `${stack.cloud} stack`);
      }
      // Applies = removing what it looks for would make it fail; proven here by the fixtures
      // above, and by each check's resources being present in at least one real stack.
      const types = new Set(docs.flatMap((doc) => Object.keys(doc.resource ?? {})));
      for (const type of [
        'aws_s3_bucket',
        'aws_db_instance',
        'google_storage_bucket',
        'azurerm_storage_account',
        'azurerm_postgresql_flexible_server',
      ]) {
        assert.ok(types.has(type), `${type} is in a stack`);
      }
      assert.equal(GAP_CHECKS.length, 8);
    });
  });
});
