/**
 * The Azure stack's jobs and the runner's private path to the database, read from the
 * synthesized Terraform JSON: what infra/stacks.test.ts does not cover (the lake grants are
 * infra/checks/permissions-azure.test.ts's).
 */
import assert from 'node:assert/strict';
import { Testing } from 'cdktf';
import { readAzureConfig } from '../../providers/azure/config.ts';
import { AzureStack } from './stack.ts';
import { RUNNER_ARGS, RUNNER_PG_SCHEMA } from './stack/runner.ts';

// biome-ignore lint/suspicious/noExplicitAny: untyped synthesized Terraform JSON, read by deep paths
type Body = Record<string, any>;
interface Doc {
  resource: Record<string, Record<string, Body>>;
  output: Record<string, Body>;
  variable: Record<string, Body>;
}

const doc = JSON.parse(Testing.synth(new AzureStack(Testing.app(), 'azure'))) as Doc;
const one = (type: string, name: string): Body => {
  const body = doc.resource[type]?.[name];
  assert.ok(body, `${type}.${name} exists`);
  return body;
};
const container = (job: Body): Body => job.template.container[0];
const env = (job: Body): Record<string, Body> =>
  Object.fromEntries((container(job).env as Body[]).map((e) => [e.name as string, e]));

describe('Azure stack: jobs and private database access', () => {
  it('asks for the image, with no placeholder to fall back to', () => {
    assert.equal(doc.variable.collector_image, undefined);
    assert.equal(doc.variable.jobbench_image?.default, undefined);
    assert.match(doc.variable.jobbench_image?.description, /docker build.*Dockerfile/);
    for (const job of ['collector_job', 'runner_job'])
      assert.equal(container(one('azurerm_container_app_job', job)).image, '${var.jobbench_image}');
  });

  it('runs the benchmark in-region by hand: one replica, an hour, no retry, 2 vCPU and 4 GiB, in the VNet', () => {
    const runner = one('azurerm_container_app_job', 'runner_job');
    assert.deepEqual(runner.manual_trigger_config, { parallelism: 1, replica_completion_count: 1 });
    assert.equal(runner.schedule_trigger_config, undefined);
    assert.equal(runner.replica_timeout_in_seconds, 3600);
    assert.equal(runner.replica_retry_limit, 0);
    assert.deepEqual([container(runner).cpu, container(runner).memory], [2, '4Gi']);
    assert.deepEqual(container(runner).args, RUNNER_ARGS);
    assert.deepEqual(RUNNER_ARGS.slice(0, 3), ['run', '--provider', 'azure']);
    assert.ok(RUNNER_ARGS.includes('--publish'));
    assert.equal(RUNNER_ARGS[RUNNER_ARGS.indexOf('--vantage') + 1], 'in-region');
    assert.equal(runner.container_app_environment_id, '${azurerm_container_app_environment.apps_environment.id}');
    assert.equal(
      one('azurerm_container_app_environment', 'apps_environment').infrastructure_subnet_id,
      '${azurerm_subnet.apps_subnet.id}',
    );
    assert.deepEqual(runner.identity.identity_ids, ['${azurerm_user_assigned_identity.runner_identity.id}']);
  });

  it('signs the runner in as its own identity: Blob through AZURE_CLIENT_ID, PostgreSQL with an Entra token as its role', () => {
    const vars = env(one('azurerm_container_app_job', 'runner_job'));
    assert.equal(vars.AZURE_CLIENT_ID?.value, '${azurerm_user_assigned_identity.runner_identity.client_id}');
    assert.equal(vars.JOBBENCH_AZURE_PG_ENTRA_AUTH?.value, 'true');
    assert.equal(vars.JOBBENCH_AZURE_PG_SCHEMA?.value, RUNNER_PG_SCHEMA);
    const url = new URL(vars.JOBBENCH_AZURE_DATABASE_URL?.value);
    assert.equal(decodeURIComponent(url.username), '${azurerm_user_assigned_identity.runner_identity.name}');
    assert.equal(url.password, '', 'no password: the token is asked for per connection');
    assert.equal(doc.output.runner_db_user?.value, '${azurerm_user_assigned_identity.runner_identity.name}');
    assert.equal(doc.output.runner_job?.value, '${azurerm_container_app_job.runner_job.name}');
    // The settings the job is given are ones the Azure provider reads as a whole.
    const settings = Object.fromEntries(
      Object.entries(vars)
        .filter(([name]) => name.startsWith('JOBBENCH_AZURE_'))
        .map(([name]) => [name, name.endsWith('DATABASE_URL') ? 'postgres://r@db.example.org:5432/jobbench' : 'x']),
    );
    const config = readAzureConfig({
      ...settings,
      JOBBENCH_AZURE_ACCOUNT: 'stjobbench',
      JOBBENCH_AZURE_PG_ENTRA_AUTH: 'true',
    });
    assert.equal(config.pgEntraAuth, true);
  });

  it('reaches the server through a private endpoint whose DNS zone the VNet resolves', () => {
    const endpoint = one('azurerm_private_endpoint', 'postgres_private_endpoint');
    assert.equal(endpoint.subnet_id, '${azurerm_subnet.endpoints_subnet.id}');
    assert.deepEqual(endpoint.private_service_connection.subresource_names, ['postgresqlServer']);
    assert.equal(
      endpoint.private_service_connection.private_connection_resource_id,
      '${azurerm_postgresql_flexible_server.postgres.id}',
    );
    assert.deepEqual(endpoint.private_dns_zone_group.private_dns_zone_ids, [
      '${azurerm_private_dns_zone.postgres_dns_zone.id}',
    ]);
    assert.equal(one('azurerm_private_dns_zone', 'postgres_dns_zone').name, 'privatelink.postgres.database.azure.com');
    assert.equal(
      one('azurerm_private_dns_zone_virtual_network_link', 'postgres_dns_link').virtual_network_id,
      '${azurerm_virtual_network.vnet.id}',
    );
    // The endpoint lives outside the subnet delegated to Container Apps, behind its own NSG.
    assert.equal(one('azurerm_subnet', 'endpoints_subnet').delegation, undefined);
    assert.ok(
      Object.values(doc.resource.azurerm_subnet_network_security_group_association ?? {}).some(
        (a) => a.subnet_id === '${azurerm_subnet.endpoints_subnet.id}',
      ),
    );
    // The operator keeps the firewall path for runs from outside.
    assert.equal(one('azurerm_postgresql_flexible_server', 'postgres').public_network_access_enabled, true);
    assert.ok(one('azurerm_postgresql_flexible_server_firewall_rule', 'postgres_allowed_cidr'));
  });

  it('gives the collector its source keys from Key Vault, by reference, and no secret id', () => {
    const collector = one('azurerm_container_app_job', 'collector_job');
    assert.deepEqual(container(collector).args, [
      'collect',
      '--provider',
      'azure',
      '--sources',
      'adzuna,francetravail',
    ]);
    const vars = env(collector);
    assert.equal(vars.JOBBENCH_SOURCE_SECRET_ID, undefined);
    assert.equal(vars.AZURE_CLIENT_ID?.value, '${azurerm_user_assigned_identity.collector_identity.client_id}');
    const secrets = new Map((collector.secret as Body[]).map((s) => [s.name as string, s]));
    for (const [variable, secret] of [
      ['ADZUNA_APP_ID', 'adzuna-app-id'],
      ['ADZUNA_APP_KEY', 'adzuna-app-key'],
      ['FRANCE_TRAVAIL_CLIENT_ID', 'france-travail-client-id'],
      ['FRANCE_TRAVAIL_CLIENT_SECRET', 'france-travail-client-secret'],
    ] as const) {
      assert.deepEqual(vars[variable], { name: variable, secret_name: secret });
      const reference = secrets.get(secret);
      assert.equal(reference?.key_vault_secret_id, `\${azurerm_key_vault.key_vault.vault_uri}secrets/${secret}`);
      assert.equal(reference?.identity, '${azurerm_user_assigned_identity.collector_identity.id}');
      assert.equal(reference?.value, undefined, 'no value in the job definition');
    }
    // Only the collector reads the vault; the job waits for that grant.
    const readers = Object.entries(doc.resource.azurerm_role_assignment ?? {}).filter(
      ([, a]) => a.scope === '${azurerm_key_vault.key_vault.id}' && a.role_definition_name === 'Key Vault Secrets User',
    );
    assert.deepEqual(
      readers.map(([, a]) => a.principal_id),
      ['${azurerm_user_assigned_identity.collector_identity.principal_id}'],
    );
    assert.ok((collector.depends_on as string[]).includes(`azurerm_role_assignment.${readers[0]![0]}`));
  });
});
