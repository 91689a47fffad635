/**
 * What the Azure stack bills while it stands, from its synthesized Terraform JSON: the
 * PostgreSQL flexible server's compute and storage, Key Vault operations, the logs the
 * diagnostic settings and the Container Apps environment send to Log Analytics, private
 * endpoints (hours and data processed) and private DNS zones (zone-months and queries).
 * Log volume, vault operations, endpoint traffic and DNS queries cannot be read from
 * Terraform; they are small assumptions, stated in each line's `basis` and marked
 * `assumed`, and the workspace's daily cap (read from Terraform) bounds the logs. Pure: no cdktf.
 */
import type { PlatformInventory, PlatformLine } from '../core/platform-inventory.ts';
import {
  blocksOf,
  buildInventory,
  numberArgument,
  PLATFORM_HOURS_PER_MONTH,
  referencesResource,
  resourcesOf,
  roundQuantity,
  stringArgument,
  type InventoryRules,
  type TerraformDocument,
  type TerraformResource,
} from '../core/terraform-inventory.ts';

/** Assumed monthly volumes, kept small and labelled: a daily collector job and a few runs a month. */
export const AZURE_ASSUMPTIONS = {
  /** GB/month a diagnostic setting sends per category group: `allLogs` of PostgreSQL (connections, slow statements), `audit` of a vault or the blob service. */
  diagnosticGb: { allLogs: 1, audit: 0.2 } as Readonly<Record<string, number>>,
  /** GB/month of a diagnostic setting's metrics (AzureMetrics rows). */
  metricsGb: 0.05,
  /** GB/month of console and system logs from the Container Apps environment (one daily job). */
  containerAppsGb: 0.05,
  /** Key Vault operations a month besides the jobs' secret references: deployments and the operator setting the keys. */
  vaultOperations: 100,
  /** GB/month through a private endpoint, both directions: the in-region runner's queries and merges, a few runs a month. */
  privateEndpointGb: 1,
  /** Queries a month a private DNS zone answers: the runner resolving the server's name at each connection, cached by TTL. */
  privateDnsQueries: 10_000,
} as const;

/**
 * Container Apps re-reads a Key Vault reference that names no secret version to pick up a
 * new one "within 30 minutes" (https://learn.microsoft.com/azure/container-apps/manage-secrets,
 * as quoted by a secondary page read 2026-12-05), so each such reference is counted as one
 * read every 30 minutes: an upper bound, as a job may read only when an execution starts.
 */
const VAULT_REFERENCE_READS_PER_DAY = 48;

const DAYS_PER_MONTH = PLATFORM_HOURS_PER_MONTH / 24;

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

function postgres(resources: readonly TerraformResource[], doc: TerraformDocument): PlatformLine[] {
  return resources.flatMap((server) => {
    const sku = stringArgument(server, 'sku_name');
    // Zone-redundant or same-zone high availability runs a standby with the same compute and storage.
    const ha = blocksOf(server.body.high_availability)[0];
    const servers = ha !== undefined ? 2 : 1;
    const haText =
      ha === undefined ? 'no high_availability' : `high_availability ${String(ha.mode ?? 'on')}: primary + standby`;
    const storage = numberArgument(doc, server, 'storage_mb');
    const geo =
      server.body.geo_redundant_backup_enabled === true
        ? '; geo-redundant backup storage is billed apart and not priced here'
        : '';
    return [
      line(
        'postgres.compute',
        PLATFORM_HOURS_PER_MONTH * servers,
        'instance-hour',
        server,
        `${PLATFORM_HOURS_PER_MONTH} h × ${servers} server (sku_name = ${sku}, ${haText})`,
      ),
      line(
        'postgres.storage',
        (storage.value / 1024) * servers,
        'gb-month',
        server,
        `${storage.text} / 1024 × ${servers} server${geo}`,
      ),
    ];
  });
}

function vaults(resources: readonly TerraformResource[], doc: TerraformDocument): PlatformLine[] {
  const base = AZURE_ASSUMPTIONS.vaultOperations;
  const consumers = [...resourcesOf(doc, 'azurerm_container_app_job'), ...resourcesOf(doc, 'azurerm_container_app')];
  return resources.map((vault) => {
    const references = consumers.flatMap((c) =>
      blocksOf(c.body.secret).filter(
        (s) => typeof s.key_vault_secret_id === 'string' && referencesResource(s.key_vault_secret_id, vault),
      ),
    );
    // A reference ending in /secrets/<name>, with no /<version> after it, follows the latest version.
    const unversioned = references.filter((s) => /secrets\/[^/]+\/?$/.test(String(s.key_vault_secret_id))).length;
    const refreshes = unversioned * VAULT_REFERENCE_READS_PER_DAY * DAYS_PER_MONTH;
    const refreshText =
      unversioned === 0
        ? ''
        : ` + ${unversioned} Key Vault reference(s) without a version, each re-read every 30 minutes by Container Apps: ${roundQuantity(refreshes)} (an upper bound)`;
    return line(
      'keyvault.operation',
      base + refreshes,
      'request',
      vault,
      `assumed ${base} operations/month for deployments and setting the keys${refreshText}`,
      true,
    );
  });
}

function diagnostics(resources: readonly TerraformResource[]): PlatformLine[] {
  return resources
    .filter((setting) => typeof setting.body.log_analytics_workspace_id === 'string')
    .map((setting) => {
      const groups = blocksOf(setting.body.enabled_log).map((b) => String(b.category_group ?? b.category ?? 'logs'));
      const metrics = blocksOf(setting.body.enabled_metric).length > 0;
      const gb =
        groups.reduce(
          (sum, g) => sum + (AZURE_ASSUMPTIONS.diagnosticGb[g] ?? AZURE_ASSUMPTIONS.diagnosticGb.audit!),
          0,
        ) + (metrics ? AZURE_ASSUMPTIONS.metricsGb : 0);
      const what = [...groups.map((g) => `${g} logs`), ...(metrics ? ['metrics'] : [])].join(' + ');
      return line(
        'loganalytics.ingestion',
        gb,
        'gb-ingested',
        setting,
        `${what} to the workspace: assumed ${roundQuantity(gb)} GB/month`,
        true,
      );
    });
}

function appEnvironments(resources: readonly TerraformResource[]): PlatformLine[] {
  const gb = AZURE_ASSUMPTIONS.containerAppsGb;
  return resources
    .filter((env) => typeof env.body.log_analytics_workspace_id === 'string')
    .map((env) =>
      line(
        'loganalytics.ingestion',
        gb,
        'gb-ingested',
        env,
        `Container Apps console and system logs to the workspace: assumed ${gb} GB/month`,
        true,
      ),
    );
}

/**
 * A workspace with `daily_quota_gb` stops ingesting for the day at the cap
 * (https://learn.microsoft.com/azure/azure-monitor/logs/daily-cap, not re-read), so the
 * lines that feed it never exceed cap × days in the month: scale them down if they would.
 */
function capToWorkspaces(lines: PlatformLine[], doc: TerraformDocument): PlatformLine[] {
  const bodies = new Map<string, unknown>();
  for (const type of Object.keys(doc.resource ?? {}))
    for (const r of resourcesOf(doc, type)) bodies.set(r.address, r.body);
  for (const workspace of resourcesOf(doc, 'azurerm_log_analytics_workspace')) {
    const quota =
      typeof workspace.body.daily_quota_gb === 'number' && workspace.body.daily_quota_gb > 0
        ? workspace.body.daily_quota_gb
        : null;
    if (quota === null) continue;
    const cap = quota * DAYS_PER_MONTH;
    const feeding = lines.filter(
      (l) => l.item === 'loganalytics.ingestion' && referencesResource(bodies.get(l.resource), workspace),
    );
    const total = feeding.reduce((sum, l) => sum + l.quantity, 0);
    if (total <= cap) continue;
    for (const l of feeding) {
      l.quantity = roundQuantity((l.quantity * cap) / total);
      l.basis += `; scaled to ${workspace.address}'s cap (daily_quota_gb = ${quota} → at most ${roundQuantity(cap)} GB/month)`;
    }
  }
  return lines;
}

function privateEndpoints(resources: readonly TerraformResource[]): PlatformLine[] {
  const gb = AZURE_ASSUMPTIONS.privateEndpointGb;
  return resources.flatMap((endpoint) => {
    const target = blocksOf(endpoint.body.private_service_connection)[0]?.subresource_names;
    const to = Array.isArray(target) ? ` to ${target.join(', ')}` : '';
    return [
      line(
        'privatelink.endpoint-hour',
        PLATFORM_HOURS_PER_MONTH,
        'instance-hour',
        endpoint,
        `${PLATFORM_HOURS_PER_MONTH} h × 1 private endpoint${to}, billed while it exists`,
      ),
      line(
        'privatelink.data-gb',
        gb,
        'gb-ingested',
        endpoint,
        `data processed through the endpoint, both directions: assumed ${gb} GB/month (the in-region runner's database traffic)`,
        true,
      ),
    ];
  });
}

function privateDnsZones(resources: readonly TerraformResource[]): PlatformLine[] {
  const queries = AZURE_ASSUMPTIONS.privateDnsQueries;
  return resources.flatMap((zone) => {
    const name = typeof zone.body.name === 'string' ? zone.body.name : zone.name;
    return [
      line('dns.private-zone', 1, 'resource-month', zone, `1 private DNS zone (${name}) a month`),
      line(
        'dns.query',
        queries,
        'request',
        zone,
        `queries from the linked networks: assumed ${queries}/month (the runner resolving the server at each connection)`,
        true,
      ),
    ];
  });
}

const METERED_BY_RUN = 'lake storage and requests are metered by the run';
const FREE_CONFIG = 'configuration, no charge of its own';

export const AZURE_INVENTORY_RULES: InventoryRules = {
  cloud: 'azure',
  types: {
    azurerm_postgresql_flexible_server: { lines: postgres },
    azurerm_key_vault: { lines: vaults },
    azurerm_private_endpoint: { lines: privateEndpoints },
    azurerm_private_dns_zone: { lines: privateDnsZones },
    azurerm_private_dns_zone_virtual_network_link: {
      free: "a virtual network link has no charge of its own: private DNS bills hosted zones and queries only (https://azure.microsoft.com/pricing/details/dns/, its structure as read in a public copy on 2026-12-05); the linked network's queries are the zone's dns.query line",
    },
    azurerm_monitor_diagnostic_setting: {
      lines: diagnostics,
      otherwise: 'no diagnostic setting sends to a Log Analytics workspace',
    },
    azurerm_container_app_environment: {
      lines: appEnvironments,
      otherwise: 'no workspace logs; a Consumption environment has no standing charge',
    },
    azurerm_log_analytics_workspace: {
      free: 'billed by what it ingests (the loganalytics.ingestion lines, bounded by daily_quota_gb); retention up to 31 days is included with ingestion (https://azure.microsoft.com/pricing/details/monitor/, not re-read)',
    },
    azurerm_container_app_job: {
      free: 'billed per vCPU-second and GiB-second of its executions only (Consumption profile)',
    },
    azurerm_consumption_budget_resource_group: { free: 'Cost Management budgets have no charge' },
    azurerm_storage_account: {
      free: `${METERED_BY_RUN}; change feed and versioning add per-change storage with the run's writes`,
    },
    azurerm_storage_container: { free: METERED_BY_RUN },
    azurerm_resource_group: { free: 'a resource group has no charge' },
    azurerm_virtual_network: { free: 'a virtual network has no charge' },
    azurerm_subnet: { free: 'a subnet has no charge' },
    azurerm_network_security_group: { free: 'a network security group has no charge' },
    azurerm_subnet_network_security_group_association: { free: FREE_CONFIG },
    azurerm_user_assigned_identity: { free: 'a managed identity has no charge' },
    azurerm_role_assignment: { free: 'role assignments have no charge' },
  },
  patterns: [{ match: /^azurerm_postgresql_flexible_server_/, free: `server ${FREE_CONFIG}` }],
  finish: capToWorkspaces,
};

/** The Azure stack's platform inventory from its `cdk.tf.json`. */
export function azurePlatformInventory(doc: TerraformDocument): PlatformInventory {
  return buildInventory(doc, AZURE_INVENTORY_RULES);
}
