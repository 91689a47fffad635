/**
 * The lake: a StorageV2 account locked down (HTTPS and TLS 1.2 only, no shared keys, no
 * anonymous blobs, firewall default deny) and one private container holding raw/, clean/,
 * quarantine/, runs/, state/, bench/ and results/.
 */
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account/index.js';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container/index.js';
import { type AzureStackContext, NAME } from './context.ts';
import type { AzureNetwork } from './network.ts';

/** Container of the lake; the pipeline's keys (raw/, clean/, …) live inside it. */
export const AZURE_LAKE_CONTAINER = 'lake';

export interface AzureLake {
  storage: StorageAccount;
  container: StorageContainer;
  /** The container as a role assignment scope: https://learn.microsoft.com/azure/storage/blobs/assign-azure-role-data-access */
  containerScope: string;
}

export function addLake(ctx: AzureStackContext, network: AzureNetwork): AzureLake {
  const storage = new StorageAccount(ctx.scope, 'storage', {
    ...ctx.where,
    name: `st${NAME}${ctx.suffix}`,
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
      ipRules: [ctx.allowedIpRule],
      virtualNetworkSubnetIds: [network.appsSubnet.id],
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
  const container = new StorageContainer(ctx.scope, 'lake_container', {
    name: AZURE_LAKE_CONTAINER,
    storageAccountId: storage.id,
    containerAccessType: 'private',
  });
  return {
    storage,
    container,
    containerScope: `${storage.id}/blobServices/default/containers/${container.name}`,
  };
}
