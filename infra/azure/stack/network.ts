/**
 * The stack's VNet: the apps subnet holding the Container Apps environment (the collector
 * and the in-region runner), which reaches storage and Key Vault through service endpoints,
 * and an endpoints subnet holding the database's private endpoint (./database-private-access.ts).
 * A subnet delegated to Container Apps holds nothing else
 * (https://learn.microsoft.com/azure/container-apps/custom-virtual-networks, read 2026-12-05),
 * hence two.
 */
import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group/index.js';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet/index.js';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association/index.js';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network/index.js';
import { type AzureStackContext, NAME } from './context.ts';

export interface AzureNetwork {
  vnet: VirtualNetwork;
  /** Delegated to Microsoft.App/environments; service endpoints to Storage and Key Vault. */
  appsSubnet: Subnet;
  /** Private endpoints only. */
  endpointsSubnet: Subnet;
}

export function addNetwork(ctx: AzureStackContext): AzureNetwork {
  const vnet = new VirtualNetwork(ctx.scope, 'vnet', {
    ...ctx.where,
    name: `vnet-${NAME}`,
    addressSpace: ['10.43.0.0/16'],
  });
  // /27 is the smallest subnet a workload-profiles environment accepts.
  const appsSubnet = new Subnet(ctx.scope, 'apps_subnet', {
    name: 'snet-apps',
    resourceGroupName: ctx.group.name,
    virtualNetworkName: vnet.name,
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
  const appsNsg = new NetworkSecurityGroup(ctx.scope, 'apps_nsg', { ...ctx.where, name: `nsg-${NAME}-apps` });
  new SubnetNetworkSecurityGroupAssociation(ctx.scope, 'apps_nsg_association', {
    subnetId: appsSubnet.id,
    networkSecurityGroupId: appsNsg.id,
  });
  // The NSG's default rules admit traffic from inside the VNet only, which is all the endpoint takes.
  const endpointsSubnet = new Subnet(ctx.scope, 'endpoints_subnet', {
    name: 'snet-endpoints',
    resourceGroupName: ctx.group.name,
    virtualNetworkName: vnet.name,
    addressPrefixes: ['10.43.1.0/28'],
  });
  const endpointsNsg = new NetworkSecurityGroup(ctx.scope, 'endpoints_nsg', {
    ...ctx.where,
    name: `nsg-${NAME}-endpoints`,
  });
  new SubnetNetworkSecurityGroupAssociation(ctx.scope, 'endpoints_nsg_association', {
    subnetId: endpointsSubnet.id,
    networkSecurityGroupId: endpointsNsg.id,
  });
  return { vnet, appsSubnet, endpointsSubnet };
}
