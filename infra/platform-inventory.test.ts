/**
 * The platform inventories: each cloud's rules on small hand-written stacks (what they
 * read, what they refuse), then the committed providers/<cloud>/platform-inventory.json
 * against what synthesizing the stacks gives now, so the files never drift from the stacks.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { awsPlatformInventory } from '../providers/aws/platform-inventory.ts';
import { azurePlatformInventory } from '../providers/azure/platform-inventory.ts';
import { UNCLASSIFIED, type TerraformDocument } from '../providers/core/terraform-inventory.ts';
import { gcpPlatformInventory } from '../providers/gcp/platform-inventory.ts';
import { INFRA_CLOUDS } from './app.ts';
import { inventoryPath, inventoryText, synthPlatformInventories } from './write-platform-inventory.ts';

const db = (extra: Record<string, unknown> = {}) => ({
  instance_class: 'db.t4g.micro',
  allocated_storage: 20,
  multi_az: false,
  ...extra,
});

describe('platform inventory', function () {
  describe('aws', function () {
    it('bills the database for 730 hours and its allocated storage, a Multi-AZ standby twice', function () {
      const single = awsPlatformInventory({ resource: { aws_db_instance: { db: db() } } });
      const quantity = (inv: typeof single, item: string) =>
        inv.lines.filter((l) => l.item === item).reduce((s, l) => s + l.quantity, 0);
      assert.equal(quantity(single, 'rds.instance'), 730);
      assert.equal(quantity(single, 'rds.storage'), 20);
      assert.match(single.lines[0]!.basis, /instance_class = db\.t4g\.micro/);
      const multi = awsPlatformInventory({
        resource: { aws_db_instance: { db: db({ multi_az: true, allocated_storage: 50 }) } },
      });
      assert.equal(quantity(multi, 'rds.instance'), 1460);
      assert.equal(quantity(multi, 'rds.storage'), 100);
    });

    it('reads a variable default, and refuses an expression it cannot evaluate', function () {
      const doc: TerraformDocument = {
        resource: { aws_db_instance: { db: db({ allocated_storage: '${var.size}' }) } },
        variable: { size: { default: 40 } },
      };
      const storage = awsPlatformInventory(doc).lines.find((l) => l.item === 'rds.storage')!;
      assert.equal(storage.quantity, 40);
      assert.equal(storage.basis.startsWith('allocated_storage = var.size (default 40)'), true);
      assert.throws(
        () =>
          awsPlatformInventory({ resource: { aws_db_instance: { db: db({ allocated_storage: '${var.size * 2}' }) } } }),
        /expression/,
      );
    });

    it('counts the secret RDS manages, exported logs and Enhanced Monitoring as assumed log lines', function () {
      const lines = awsPlatformInventory({
        resource: {
          aws_db_instance: {
            db: db({
              manage_master_user_password: true,
              enabled_cloudwatch_logs_exports: ['postgresql'],
              monitoring_interval: 60,
            }),
          },
        },
      }).lines;
      assert.equal(lines.filter((l) => l.item === 'secretsmanager.secret').length, 1);
      const logs = lines.filter((l) => l.item.startsWith('cloudwatch.logs-'));
      assert.equal(logs.length, 4);
      assert.ok(logs.every((l) => l.assumed && /assumed/.test(l.basis)));
      assert.ok(lines.filter((l) => l.item.startsWith('rds.')).every((l) => !l.assumed));
    });

    it('keeps a log group for its retention: a year of ingestion at most, one month at 30 days', function () {
      const inv = awsPlatformInventory({
        resource: { aws_cloudwatch_log_group: { year: { retention_in_days: 365 }, month: { retention_in_days: 30 } } },
      });
      const stored = (address: string) =>
        inv.lines.find((l) => l.resource === address && l.item === 'cloudwatch.logs-storage')!.quantity;
      assert.equal(stored('aws_cloudwatch_log_group.year'), 1.2); // 0.1 GB/month × 12
      assert.ok(Math.abs(stored('aws_cloudwatch_log_group.month') - 0.1 * (30 / (365 / 12))) < 1e-6);
    });

    it('bills budgets beyond the first two only, and flags a type no rule knows', function () {
      const two = awsPlatformInventory({ resource: { aws_budgets_budget: { a: {}, b: {} } } });
      assert.deepEqual(two.lines, []);
      assert.equal(two.leftOut[0]?.count, 2);
      const three = awsPlatformInventory({ resource: { aws_budgets_budget: { a: {}, b: {}, c: {} } } });
      assert.deepEqual(
        three.lines.map((l) => [l.item, l.resource]),
        [['budgets.budget', 'aws_budgets_budget.c']],
      );
      const odd = awsPlatformInventory({ resource: { aws_nat_gateway: { nat: {} }, aws_iam_role: { r: {} } } });
      assert.deepEqual(
        odd.leftOut.map((e) => [e.type, e.reason === UNCLASSIFIED]),
        [
          ['aws_nat_gateway', true],
          ['aws_iam_role', false],
        ],
      );
    });
    it('leaves a gateway endpoint and security group rules out as free, and refuses an interface endpoint', function () {
      const endpoint = (extra: Record<string, unknown> = {}) => ({
        service_name: 'com.amazonaws.eu-west-3.s3',
        ...extra,
      });
      const inv = awsPlatformInventory({
        resource: {
          aws_vpc_endpoint: { s3: endpoint({ vpc_endpoint_type: 'Gateway' }), unset: endpoint() },
          aws_vpc_security_group_egress_rule: { out: {} },
        },
      });
      assert.deepEqual(inv.lines, []);
      const reasons = Object.fromEntries(inv.leftOut.map((e) => [e.type, e.reason]));
      assert.match(reasons.aws_vpc_endpoint!, /no additional charge for using gateway endpoints/);
      assert.notEqual(reasons.aws_vpc_security_group_egress_rule, UNCLASSIFIED);
      assert.throws(
        () =>
          awsPlatformInventory({
            resource: { aws_vpc_endpoint: { sm: endpoint({ vpc_endpoint_type: 'Interface' }) } },
          }),
        /aws_vpc_endpoint\.sm: vpc_endpoint_type "Interface" bills per endpoint-hour/,
      );
    });
  });

  describe('gcp', function () {
    it('counts one version per key and per secret, one job per schedule', function () {
      const inv = gcpPlatformInventory({
        resource: {
          google_kms_crypto_key: { k: { rotation_period: '7776000s' } },
          google_secret_manager_secret: { s: { replication: { auto: {} } } },
          google_cloud_scheduler_job: { j: { schedule: '0 6 * * *' } },
        },
      });
      assert.deepEqual(
        inv.lines.map((l) => [l.item, l.quantity, l.unit]),
        [
          ['kms.key-version', 1, 'resource-month'],
          ['secretmanager.secret-version', 1, 'resource-month'],
          ['scheduler.job', 1, 'resource-month'],
        ],
      );
      assert.match(inv.lines[0]!.basis, /every 90 days/);
    });

    it('counts each secret once per billed location: automatic replication is one, user-managed one per replica', function () {
      const auto = { replication: { auto: {} } };
      const inv = gcpPlatformInventory({
        resource: {
          google_secret_manager_secret: {
            a: auto,
            b: auto,
            c: auto,
            d: auto,
            pinned: {
              replication: { user_managed: { replicas: [{ location: 'europe-west9' }, { location: 'europe-west1' }] } },
            },
          },
          google_cloud_run_v2_job: {
            collector: {
              template: {
                template: {
                  containers: [
                    {
                      env: [
                        { value_source: { secret_key_ref: { secret: '${google_secret_manager_secret.a.secret_id}' } } },
                      ],
                    },
                  ],
                },
              },
            },
          },
          google_project_iam_custom_role: { deleter: { permissions: ['storage.objects.delete'] } },
        },
      });
      assert.deepEqual(
        inv.lines.map((l) => [l.resource, l.quantity]),
        [
          ['google_secret_manager_secret.a', 1],
          ['google_secret_manager_secret.b', 1],
          ['google_secret_manager_secret.c', 1],
          ['google_secret_manager_secret.d', 1],
          ['google_secret_manager_secret.pinned', 2],
        ],
      );
      assert.match(inv.lines[0]!.basis, /read at each execution of google_cloud_run_v2_job\.collector/);
      assert.doesNotMatch(inv.lines[1]!.basis, /read at each execution/);
      assert.deepEqual(
        inv.leftOut.map((e) => [e.type, e.reason === UNCLASSIFIED]),
        [
          ['google_cloud_run_v2_job', false],
          ['google_project_iam_custom_role', false],
        ],
      );
    });

    it('bills Data Access audit logs only when a Data Access type is on', function () {
      const inv = gcpPlatformInventory({
        resource: {
          google_project_iam_audit_config: {
            on: { service: 'storage.googleapis.com', audit_log_config: [{ log_type: 'DATA_WRITE' }] },
            off: { service: 'bigquery.googleapis.com', audit_log_config: [] },
          },
        },
      });
      assert.deepEqual(
        inv.lines.map((l) => [l.item, l.resource, l.assumed]),
        [['logging.ingestion', 'google_project_iam_audit_config.on', true]],
      );
    });
  });

  describe('azure', function () {
    const server = { sku_name: 'B_Standard_B1ms', storage_mb: 32768 };
    it('bills the server for 730 hours and storage_mb / 1024 GB, a high-availability standby twice', function () {
      const inv = azurePlatformInventory({ resource: { azurerm_postgresql_flexible_server: { pg: server } } });
      assert.deepEqual(
        inv.lines.map((l) => [l.item, l.quantity]),
        [
          ['postgres.compute', 730],
          ['postgres.storage', 32],
        ],
      );
      const ha = azurePlatformInventory({
        resource: {
          azurerm_postgresql_flexible_server: { pg: { ...server, high_availability: { mode: 'ZoneRedundant' } } },
        },
      });
      assert.deepEqual(
        ha.lines.map((l) => l.quantity),
        [1460, 64],
      );
    });

    it('scales the logs a workspace ingests down to its daily cap', function () {
      const setting = (n: number) => ({
        log_analytics_workspace_id: '${azurerm_log_analytics_workspace.logs.id}',
        target_resource_id: `x${n}`,
        enabled_log: [{ category_group: 'allLogs' }],
      });
      const doc = (quota: number): TerraformDocument => ({
        resource: {
          azurerm_log_analytics_workspace: { logs: { daily_quota_gb: quota } },
          azurerm_monitor_diagnostic_setting: { a: setting(1), b: setting(2) },
        },
      });
      const total = (quota: number) => azurePlatformInventory(doc(quota)).lines.reduce((s, l) => s + l.quantity, 0);
      assert.equal(total(1), 2); // 1 GB each, under 30.4 GB/month
      assert.ok(Math.abs(total(0.01) - 0.01 * (730 / 24)) < 1e-5);
      assert.match(
        azurePlatformInventory(doc(0.01)).lines[0]!.basis,
        /scaled to azurerm_log_analytics_workspace\.logs's cap/,
      );
    });
    it('bills a private endpoint for 730 hours and an assumed GB, a private DNS zone a month and assumed queries; its link is free', function () {
      const inv = azurePlatformInventory({
        resource: {
          azurerm_private_endpoint: {
            pe: { private_service_connection: { subresource_names: ['postgresqlServer'] } },
          },
          azurerm_private_dns_zone: { zone: { name: 'privatelink.postgres.database.azure.com' } },
          azurerm_private_dns_zone_virtual_network_link: { link: {} },
        },
      });
      assert.deepEqual(
        inv.lines.map((l) => [l.item, l.quantity, l.unit, l.assumed]),
        [
          ['privatelink.endpoint-hour', 730, 'instance-hour', false],
          ['privatelink.data-gb', 1, 'gb-ingested', true],
          ['dns.private-zone', 1, 'resource-month', false],
          ['dns.query', 10_000, 'request', true],
        ],
      );
      assert.ok(inv.lines.filter((l) => l.assumed).every((l) => /assumed/.test(l.basis)));
      assert.equal(inv.leftOut[0]?.type, 'azurerm_private_dns_zone_virtual_network_link');
      assert.notEqual(inv.leftOut[0]?.reason, UNCLASSIFIED);
    });

    it("counts a vault's reads by the jobs' Key Vault references that follow the latest version", function () {
      const reference = (name: string) => ({
        name,
        identity: 'x',
        key_vault_secret_id: `\${azurerm_key_vault.kv.vault_uri}secrets/${name}`,
      });
      const operations = (secret: unknown[]) =>
        azurePlatformInventory({
          resource: {
            azurerm_key_vault: { kv: {} },
            azurerm_container_app_job: { job: { secret } },
          },
        }).lines[0]!.quantity;
      assert.equal(operations([]), 100);
      const perReference = 48 * (730 / 24); // one read every 30 minutes
      assert.ok(Math.abs(operations([reference('a'), reference('b')]) - (100 + 2 * perReference)) < 1e-3);
      const pinned = { ...reference('c'), key_vault_secret_id: '${azurerm_key_vault.kv.vault_uri}secrets/c/0123abcd' };
      assert.equal(operations([pinned]), 100);
    });
  });

  describe('on the synthesized stacks', function () {
    this.timeout(120_000);
    it('every committed inventory equals what synth gives now, and every resource type is classified', async function () {
      const now = await synthPlatformInventories();
      for (const cloud of INFRA_CLOUDS) {
        const inventory = now[cloud];
        assert.deepEqual(
          inventory.leftOut.filter((e) => e.reason === UNCLASSIFIED),
          [],
          `${cloud}: classify these types`,
        );
        const committed = await readFile(inventoryPath(cloud), 'utf8');
        assert.equal(
          committed,
          inventoryText(inventory),
          `${cloud}: run npm run infra:inventory and commit the result`,
        );
      }
      // The lines the brief of each stack names are there.
      const items = (cloud: (typeof INFRA_CLOUDS)[number]) => new Set(now[cloud].lines.map((l) => l.item));
      for (const item of [
        'rds.instance',
        'rds.storage',
        'kms.key',
        'secretsmanager.secret',
        'cloudwatch.alarm',
        'cloudwatch.logs-ingestion',
        'cloudwatch.logs-storage',
      ])
        assert.ok(items('aws').has(item), item);
      for (const item of ['kms.key-version', 'secretmanager.secret-version', 'scheduler.job', 'logging.ingestion'])
        assert.ok(items('gcp').has(item), item);
      // One line per source key secret: four, inside Secret Manager's six free versions.
      assert.equal(now.gcp.lines.filter((l) => l.item === 'secretmanager.secret-version').length, 4);
      for (const item of [
        'postgres.compute',
        'postgres.storage',
        'keyvault.operation',
        'loganalytics.ingestion',
        'privatelink.endpoint-hour',
        'privatelink.data-gb',
        'dns.private-zone',
        'dns.query',
      ])
        assert.ok(items('azure').has(item), item);
    });
  });
});
