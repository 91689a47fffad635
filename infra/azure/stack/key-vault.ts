/**
 * The Key Vault holding the sources' API keys, one secret per key. Key Vault secret names
 * take letters, digits and `-` only
 * (https://learn.microsoft.com/azure/key-vault/general/about-keys-secrets-certificates#object-identifiers,
 * read 2026-12-05), so each is named in kebab case and mapped back to the environment
 * variable the sources read. The operator sets the values (`az keyvault secret set`); they
 * never pass through Terraform, so no key reaches its state or the synthesized JSON.
 */
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault/index.js';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment/index.js';
import { type AzureStackContext, NAME } from './context.ts';
import type { AzureNetwork } from './network.ts';

/** Key Vault secret name → the environment variable the collector reads it as. */
export const SOURCE_KEY_SECRETS = {
  'adzuna-app-id': 'ADZUNA_APP_ID',
  'adzuna-app-key': 'ADZUNA_APP_KEY',
  'france-travail-client-id': 'FRANCE_TRAVAIL_CLIENT_ID',
  'france-travail-client-secret': 'FRANCE_TRAVAIL_CLIENT_SECRET',
} as const;

export interface AzureKeyVault {
  vault: KeyVault;
  /** The collector's read access, which must exist before the job resolves its secrets. */
  collectorReads: RoleAssignment;
}

export function addKeyVault(
  ctx: AzureStackContext,
  network: AzureNetwork,
  collectorPrincipalId: string,
): AzureKeyVault {
  const vault = new KeyVault(ctx.scope, 'key_vault', {
    ...ctx.where,
    name: `kv-${NAME}-${ctx.suffix}`,
    tenantId: ctx.client.tenantId,
    skuName: 'standard',
    rbacAuthorizationEnabled: true,
    purgeProtectionEnabled: true,
    softDeleteRetentionDays: 7,
    publicNetworkAccessEnabled: true,
    networkAcls: {
      defaultAction: 'Deny',
      bypass: 'AzureServices',
      ipRules: [ctx.vars.allowedCidr.stringValue],
      virtualNetworkSubnetIds: [network.appsSubnet.id],
    },
  });
  // The collector job reads the four secrets (the vault holds nothing else); the runner reads none.
  const collectorReads = new RoleAssignment(ctx.scope, 'collector_reads_secrets', {
    scope: vault.id,
    roleDefinitionName: 'Key Vault Secrets User',
    principalId: collectorPrincipalId,
    principalType: 'ServicePrincipal',
  });
  // With RBAC authorization even the subscription's Owner cannot write a secret without a data role.
  new RoleAssignment(ctx.scope, 'operator_sets_secrets', {
    scope: vault.id,
    roleDefinitionName: 'Key Vault Secrets Officer',
    principalId: ctx.client.objectId,
    principalType: ctx.vars.operatorType.stringValue,
  });
  return { vault, collectorReads };
}
