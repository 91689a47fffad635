/**
 * What every part of the Azure stack shares: the stack as construct scope, its variables,
 * the provider, the signed-in client, the resource group and the naming helpers. All parts
 * create their constructs directly on the stack with the ids the single-file stack used, so
 * logical ids (and thus deployed state) never move.
 */
import { Fn } from 'cdktf';
import type { Construct } from 'constructs';
import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config/index.js';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider/index.js';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group/index.js';
import type { AzureVariables } from './variables.ts';

/** Name (and name part) of every named resource. */
export const NAME = 'jobbench';
export const TAGS = { project: NAME };

export interface AzureStackContext {
  /** The stack: every construct of every part is created directly on it. */
  scope: Construct;
  vars: AzureVariables;
  /** Whoever runs Terraform: tenant, object id. */
  client: DataAzurermClientConfig;
  group: ResourceGroup;
  /** Resource group, location and tags, spread into every located resource. */
  where: { resourceGroupName: string; location: string; tags: typeof TAGS };
  /** A stable 8-character hash of the subscription for globally unique names (no random provider). */
  suffix: string;
  /** `allowed_cidr` as storage IP rules take it: a single address for a /32. */
  allowedIpRule: string;
}

/** Adds the provider, the client look-up and the resource group, and returns the shared context. */
export function addAzureStackBase(scope: Construct, vars: AzureVariables): AzureStackContext {
  new AzurermProvider(scope, 'azurerm', {
    subscriptionId: vars.subscriptionId.stringValue,
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
  const client = new DataAzurermClientConfig(scope, 'client');
  const group = new ResourceGroup(scope, 'resource_group', {
    name: `rg-${NAME}`,
    location: vars.region.stringValue,
    tags: TAGS,
  });
  const allowedCidr = vars.allowedCidr.stringValue;
  return {
    scope,
    vars,
    client,
    group,
    where: { resourceGroupName: group.name, location: group.location, tags: TAGS },
    suffix: Fn.substr(Fn.sha1(vars.subscriptionId.stringValue), 0, 8),
    // Storage IP rules take single addresses, not /32 (or /31) prefixes:
    // https://learn.microsoft.com/azure/storage/common/storage-network-security#grant-access-from-an-internet-ip-range
    allowedIpRule: Fn.conditional(Fn.endswith(allowedCidr, '/32'), Fn.cidrhost(allowedCidr, 0), allowedCidr) as string,
  };
}
