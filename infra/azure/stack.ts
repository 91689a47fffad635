/**
 * The Azure side of jobbench as CDK for Terraform: a resource group holding the Blob
 * Storage lake, a PostgreSQL flexible server (free-tier B1ms), a user-assigned managed
 * identity with only the roles it uses, Log Analytics with diagnostic settings, a
 * consumption budget, a Key Vault for source API keys and the daily collector
 * (Container Apps job on a schedule). Secure by default: HTTPS/TLS 1.2 only, no shared
 * keys, no anonymous blobs, network default deny, Entra ID authentication everywhere, so
 * no password exists at all — nothing secret can reach the synthesized JSON.
 *
 * Only this file and infra/app.ts import cdktf (docs/architecture.md); see
 * docs/infrastructure.md for the diagram, costs and the deploy / teardown runbook.
 */
import { Fn, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import { ConsumptionBudgetResourceGroup } from '@cdktf/provider-azurerm/lib/consumption-budget-resource-group/index.js';
import { ContainerAppEnvironment } from '@cdktf/provider-azurerm/lib/container-app-environment/index.js';
import { ContainerAppJob } from '@cdktf/provider-azurerm/lib/container-app-job/index.js';
import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config/index.js';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault/index.js';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace/index.js';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting/index.js';
import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group/index.js';
import { PostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server/index.js';
import { PostgresqlFlexibleServerActiveDirectoryAdministrator } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-active-directory-administrator/index.js';
import { PostgresqlFlexibleServerConfiguration } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-configuration/index.js';
import { PostgresqlFlexibleServerDatabase } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-database/index.js';
import { PostgresqlFlexibleServerFirewallRule } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-firewall-rule/index.js';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider/index.js';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group/index.js';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment/index.js';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account/index.js';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container/index.js';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet/index.js';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association/index.js';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity/index.js';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network/index.js';
import { AZURE_CONFIG, DEFAULT_AZURE_REGION } from '../../providers/azure/config.ts';
import { jobEnvironment } from '../job-environment.ts';

const NAME = 'jobbench';
const TAGS = { project: NAME };
/** Container of the lake; the pipeline's keys (raw/, clean/, …) live inside it. */
export const AZURE_LAKE_CONTAINER = 'lake';

/** The Azure stack; `new AzureStack(app, 'azure')` synthesizes to `stacks/azure/cdk.tf.json`. */
export class AzureStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const subscriptionId = new TerraformVariable(this, 'subscription_id', {
      type: 'string',
      description: 'Azure subscription receiving the resources (azurerm 4.x requires it explicitly).',
    });
    const region = new TerraformVariable(this, 'region', {
      type: 'string',
      default: DEFAULT_AZURE_REGION,
      description:
        'Azure region (France Central: close to the French job market, paired with France South for geo-backups).',
    });
    const budgetAmount = new TerraformVariable(this, 'budget_amount', {
      type: 'number',
      default: 10,
      description:
        'Monthly budget of the resource group in the billing currency; alerts at 80 % actual and 100 % forecast.',
    });
    const alertEmail = new TerraformVariable(this, 'alert_email', {
      type: 'string',
      description: 'Address receiving budget alerts.',
    });
    const allowedCidr = new TerraformVariable(this, 'allowed_cidr', {
      type: 'string',
      description:
        'Public CIDR of the operator (e.g. 203.0.113.7/32) allowed through the storage, Key Vault and PostgreSQL firewalls. Private ranges are refused by Azure.',
    });
    const operatorName = new TerraformVariable(this, 'operator_principal_name', {
      type: 'string',
      description:
        'Entra ID user principal name (or app display name) of whoever runs Terraform: PostgreSQL Entra administrator and container data contributor.',
    });
    const operatorType = new TerraformVariable(this, 'operator_principal_type', {
      type: 'string',
      default: 'User',
      description: 'User, Group or ServicePrincipal: the kind of principal running Terraform.',
    });
    const collectorImage = new TerraformVariable(this, 'collector_image', {
      type: 'string',
      default: 'mcr.microsoft.com/k8se/quickstart-jobs:latest',
      description: 'Container image of the collector (a placeholder job image until the collector is published).',
    });

    new AzurermProvider(this, 'azurerm', {
      subscriptionId: subscriptionId.stringValue,
      // Shared keys are disabled on the account: data-plane calls must use Entra ID.
      storageUseAzuread: true,
      // Register what the stack uses (Container Apps is not in the provider's default set on every subscription).
      resourceProviderRegistrations: 'core',
      resourceProvidersToRegister: [
        'Microsoft.App',
        'Microsoft.Consumption',
        'Microsoft.DBforPostgreSQL',
        'Microsoft.Insights',
        'Microsoft.KeyVault',
        'Microsoft.ManagedIdentity',
        'Microsoft.Network',
        'Microsoft.OperationalInsights',
        'Microsoft.Storage',
      ],
      features: [
        {
          // The storage firewall denies the operator's Terraform on the data plane; manage through ARM only.
          storage: [{ dataPlaneAvailable: false }],
          keyVault: [{ purgeSoftDeleteOnDestroy: false, recoverSoftDeletedKeyVaults: true }],
          resourceGroup: [{ preventDeletionIfContainsResources: true }],
        },
      ],
    });
    const client = new DataAzurermClientConfig(this, 'client');
    const group = new ResourceGroup(this, 'resource_group', {
      name: `rg-${NAME}`,
      location: region.stringValue,
      tags: TAGS,
    });
    const where = { resourceGroupName: group.name, location: group.location, tags: TAGS };
    // Globally unique names without a random provider: a stable hash of the subscription.
    const suffix = Fn.substr(Fn.sha1(subscriptionId.stringValue), 0, 8);
    // Storage IP rules take single addresses, not /32 (or /31) prefixes:
    // https://learn.microsoft.com/azure/storage/common/storage-network-security#grant-access-from-an-internet-ip-range
    const allowedIpRule = Fn.conditional(
      Fn.endswith(allowedCidr.stringValue, '/32'),
      Fn.cidrhost(allowedCidr.stringValue, 0),
      allowedCidr.stringValue,
    ) as string;

    const workspace = new LogAnalyticsWorkspace(this, 'log_analytics', {
      ...where,
      name: `log-${NAME}`,
      sku: 'PerGB2018',
      retentionInDays: 30,
      // ~5 GB a month, the free ingestion allowance; logging pauses for the day beyond it.
      dailyQuotaGb: 0.16,
    });

    // A small VNet for the collector: its subnet reaches storage and Key Vault through service endpoints.
    const network = new VirtualNetwork(this, 'vnet', {
      ...where,
      name: `vnet-${NAME}`,
      addressSpace: ['10.43.0.0/16'],
    });
    const subnet = new Subnet(this, 'apps_subnet', {
      name: 'snet-apps',
      resourceGroupName: group.name,
      virtualNetworkName: network.name,
      addressPrefixes: ['10.43.0.0/27'],
      serviceEndpoints: ['Microsoft.Storage', 'Microsoft.KeyVault'],
      delegation: [
        {
          name: 'container-apps',
          serviceDelegation: {
            name: 'Microsoft.App/environments',
            actions: ['Microsoft.Network/virtualNetworks/subnets/join/action'],
          },
        },
      ],
    });
    const nsg = new NetworkSecurityGroup(this, 'apps_nsg', { ...where, name: `nsg-${NAME}-apps` });
    new SubnetNetworkSecurityGroupAssociation(this, 'apps_nsg_association', {
      subnetId: subnet.id,
      networkSecurityGroupId: nsg.id,
    });

    const storage = new StorageAccount(this, 'storage', {
      ...where,
      name: `st${NAME}${suffix}`,
      accountKind: 'StorageV2',
      accountTier: 'Standard',
      // LRS: the 12-month free offer covers 5 GB of LRS hot blob storage.
      accountReplicationType: 'LRS',
      httpsTrafficOnlyEnabled: true,
      minTlsVersion: 'TLS1_2',
      allowNestedItemsToBePublic: false,
      sharedAccessKeyEnabled: false,
      defaultToOauthAuthentication: true,
      infrastructureEncryptionEnabled: true,
      crossTenantReplicationEnabled: false,
      localUserEnabled: false,
      sftpEnabled: false,
      publicNetworkAccessEnabled: true,
      networkRules: {
        defaultAction: 'Deny',
        bypass: ['AzureServices', 'Logging', 'Metrics'],
        ipRules: [allowedIpRule],
        virtualNetworkSubnetIds: [subnet.id],
      },
      // No SAS may outlive a week, the longest a user-delegation SAS (signed with Entra ID, the
      // only kind left once shared keys are off) can be valid anyway.
      sasPolicy: { expirationPeriod: '7.00:00:00', expirationAction: 'Block' },
      blobProperties: {
        versioningEnabled: true,
        changeFeedEnabled: true,
        changeFeedRetentionInDays: 30,
        deleteRetentionPolicy: { days: 14 },
        containerDeleteRetentionPolicy: { days: 14 },
      },
    });
    const container = new StorageContainer(this, 'lake_container', {
      name: AZURE_LAKE_CONTAINER,
      storageAccountId: storage.id,
      containerAccessType: 'private',
    });

    const identity = new UserAssignedIdentity(this, 'pipeline_identity', { ...where, name: `id-${NAME}-pipeline` });
    // Scoped to the one container, not the account: https://learn.microsoft.com/azure/storage/blobs/assign-azure-role-data-access
    const containerScope = `${storage.id}/blobServices/default/containers/${container.name}`;
    new RoleAssignment(this, 'pipeline_blob_contributor', {
      scope: containerScope,
      roleDefinitionName: 'Storage Blob Data Contributor',
      principalId: identity.principalId,
      principalType: 'ServicePrincipal',
    });
    // The operator running `jobbench run` from a laptop signs user-delegation SAS tokens for the
    // container; such a token can only grant what its signer holds.
    new RoleAssignment(this, 'operator_blob_contributor', {
      scope: containerScope,
      roleDefinitionName: 'Storage Blob Data Contributor',
      principalId: client.objectId,
      principalType: operatorType.stringValue,
    });

    const vault = new KeyVault(this, 'key_vault', {
      ...where,
      name: `kv-${NAME}-${suffix}`,
      tenantId: client.tenantId,
      skuName: 'standard',
      rbacAuthorizationEnabled: true,
      purgeProtectionEnabled: true,
      softDeleteRetentionDays: 7,
      publicNetworkAccessEnabled: true,
      networkAcls: {
        defaultAction: 'Deny',
        bypass: 'AzureServices',
        ipRules: [allowedCidr.stringValue],
        virtualNetworkSubnetIds: [subnet.id],
      },
    });
    new RoleAssignment(this, 'pipeline_reads_secrets', {
      scope: vault.id,
      roleDefinitionName: 'Key Vault Secrets User',
      principalId: identity.principalId,
      principalType: 'ServicePrincipal',
    });

    const server = new PostgresqlFlexibleServer(this, 'postgres', {
      ...where,
      name: `psql-${NAME}-${suffix}`,
      version: '16',
      // Free for 12 months: 750 h of B1ms, 32 GB storage, 32 GB backup.
      skuName: 'B_Standard_B1ms',
      storageMb: 32768,
      autoGrowEnabled: false,
      backupRetentionDays: 7,
      geoRedundantBackupEnabled: true,
      publicNetworkAccessEnabled: true,
      // Entra ID only: no administrator password exists, in Terraform or anywhere else.
      authentication: { activeDirectoryAuthEnabled: true, passwordAuthEnabled: false, tenantId: client.tenantId },
      // Azure picks the zone; do not fight it on every apply.
      lifecycle: { ignoreChanges: ['zone'] },
    });
    new PostgresqlFlexibleServerActiveDirectoryAdministrator(this, 'postgres_admin', {
      serverName: server.name,
      resourceGroupName: group.name,
      tenantId: client.tenantId,
      objectId: client.objectId,
      principalName: operatorName.stringValue,
      principalType: operatorType.stringValue,
    });
    const database = new PostgresqlFlexibleServerDatabase(this, 'postgres_database', {
      name: NAME,
      serverId: server.id,
      charset: 'UTF8',
      collation: 'en_US.utf8',
    });
    const serverSettings: Record<string, string> = {
      // https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-networking-ssl-tls
      require_secure_transport: 'on',
      ssl_min_protocol_version: 'TLSv1.2',
      log_connections: 'on',
      log_disconnections: 'on',
      log_min_duration_statement: '1000',
    };
    // One after the other: the server refuses concurrent parameter updates ("ServerIsBusy").
    let previous: PostgresqlFlexibleServerConfiguration | undefined;
    for (const [name, value] of Object.entries(serverSettings)) {
      previous = new PostgresqlFlexibleServerConfiguration(this, `postgres_${name}`, {
        name,
        serverId: server.id,
        value,
        ...(previous === undefined ? {} : { dependsOn: [previous] }),
      });
    }
    new PostgresqlFlexibleServerFirewallRule(this, 'postgres_allowed_cidr', {
      name: 'allowed-cidr',
      serverId: server.id,
      startIpAddress: Fn.cidrhost(allowedCidr.stringValue, 0),
      endIpAddress: Fn.cidrhost(allowedCidr.stringValue, -1),
    });

    // Audit trail of data access, kept in the workspace (category groups: https://learn.microsoft.com/azure/azure-monitor/essentials/diagnostic-settings#category-groups).
    // Metric categories differ: the blob service has only "Transaction".
    for (const [diagnosticId, target, categoryGroup, metrics] of [
      ['storage_blob_diagnostics', `${storage.id}/blobServices/default`, 'audit', 'Transaction'],
      ['postgres_diagnostics', server.id, 'allLogs', 'AllMetrics'],
      ['key_vault_diagnostics', vault.id, 'audit', 'AllMetrics'],
    ] as const) {
      new MonitorDiagnosticSetting(this, diagnosticId, {
        name: `diag-${NAME}`,
        targetResourceId: target,
        logAnalyticsWorkspaceId: workspace.id,
        enabledLog: [{ categoryGroup }],
        enabledMetric: [{ category: metrics }],
      });
    }

    new ConsumptionBudgetResourceGroup(this, 'budget', {
      name: `budget-${NAME}`,
      resourceGroupId: group.id,
      amount: budgetAmount.numberValue,
      timeGrain: 'Monthly',
      // A budget starts on the first of a month; the start is fixed at creation, then ignored.
      timePeriod: { startDate: Fn.formatdate("YYYY-MM-01'T'00:00:00Z", Fn.timestamp()) },
      notification: [
        {
          enabled: true,
          threshold: 80,
          operator: 'GreaterThan',
          thresholdType: 'Actual',
          contactEmails: [alertEmail.stringValue],
        },
        {
          enabled: true,
          threshold: 100,
          operator: 'GreaterThan',
          thresholdType: 'Forecasted',
          contactEmails: [alertEmail.stringValue],
        },
      ],
      lifecycle: { ignoreChanges: ['time_period'] },
    });

    const environment = new ContainerAppEnvironment(this, 'apps_environment', {
      ...where,
      name: `cae-${NAME}`,
      logAnalyticsWorkspaceId: workspace.id,
      infrastructureSubnetId: subnet.id,
      // The Consumption profile has no base charge; the monthly free grant covers a daily collector.
      workloadProfile: [{ name: 'Consumption', workloadProfileType: 'Consumption' }],
    });
    const job = new ContainerAppJob(this, 'collector_job', {
      ...where,
      name: `caj-${NAME}-collector`,
      containerAppEnvironmentId: environment.id,
      workloadProfileName: 'Consumption',
      replicaTimeoutInSeconds: 1800,
      replicaRetryLimit: 1,
      scheduleTriggerConfig: { cronExpression: '0 5 * * *', parallelism: 1, replicaCompletionCount: 1 },
      identity: { type: 'UserAssigned', identityIds: [identity.id] },
      template: {
        container: [
          {
            name: 'collector',
            image: collectorImage.stringValue,
            cpu: 0.25,
            memory: '0.5Gi',
            env: [
              // DefaultAzureCredential picks the user-assigned identity by its client id.
              { name: 'AZURE_CLIENT_ID', value: identity.clientId },
              ...Object.entries(
                jobEnvironment('JOBBENCH_AZURE_', AZURE_CONFIG, {
                  ACCOUNT: storage.name,
                  CONTAINER: container.name,
                  REGION: region.stringValue,
                }),
              ).map(([name, value]) => ({ name, value })),
              { name: 'JOBBENCH_SOURCE_SECRET_ID', value: `${vault.vaultUri}secrets/${NAME}-source-api-keys` },
            ],
          },
        ],
      },
    });

    const outputs: Record<string, { value: string | number; description: string }> = {
      jobbench_cloud: {
        value: 'azure',
        description: 'Which cloud these outputs describe (read by jobbench run --stack-outputs).',
      },
      region: { value: group.location, description: 'Azure region.' },
      resource_group: { value: group.name, description: 'Resource group holding every resource.' },
      storage_account: { value: storage.name, description: 'Storage account of the lake.' },
      lake_container: {
        value: container.name,
        description: 'Blob container holding raw/, clean/, quarantine/, runs/.',
      },
      blob_endpoint: { value: storage.primaryBlobEndpoint, description: 'Blob service endpoint.' },
      db_host: { value: server.fqdn, description: 'PostgreSQL flexible server host name.' },
      db_port: { value: 5432, description: 'PostgreSQL port.' },
      db_name: { value: database.name, description: 'Warehouse database name.' },
      db_user: {
        value: operatorName.stringValue,
        description: 'Entra principal that signs in to PostgreSQL (token as password).',
      },
      pipeline_identity_client_id: {
        value: identity.clientId,
        description: 'Client id of the pipeline managed identity.',
      },
      key_vault_uri: { value: vault.vaultUri, description: 'Key Vault holding the source API keys.' },
      collector_job: { value: job.name, description: 'Container Apps job of the collector.' },
      log_analytics_workspace_id: { value: workspace.id, description: 'Workspace receiving the diagnostic logs.' },
    };
    for (const [name, output] of Object.entries(outputs)) {
      new TerraformOutput(this, `output_${name}`, output).overrideLogicalId(name);
    }
  }
}
