/**
 * How the in-region runner reaches PostgreSQL privately: a private endpoint for the server
 * in the stack's VNet, and the `privatelink.postgres.database.azure.com` private DNS zone
 * linked to the VNet, so the server's usual host name resolves to the endpoint's private
 * address inside the VNet (and TLS still verifies that name).
 *
 * Why a private endpoint and not VNet integration. Flexible server offers two mutually
 * exclusive networking modes: public access (firewall rules), which may be completed with
 * Private Link endpoints, or private access by VNet integration (a delegated subnet, no
 * public endpoint at all)
 * (https://learn.microsoft.com/azure/postgresql/flexible-server/how-to-manage-virtual-network-private-endpoint-portal,
 * https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-networking-private-link,
 * read 2026-12-05; the second calls Private Link the recommended alternative). VNet
 * integration would be free, but it takes the server off the internet for everyone: the
 * operator, its Entra administrator, could no longer create the runner's database role
 * (`pgaadauth_create_principal` runs from outside), run `jobbench run` from outside (the
 * external vantage the results compare with in-region) or migrate, without a VPN or a
 * bastion, neither free; and switching modes recreates the server. The endpoint keeps the
 * operator's firewall rule and adds the private path. It costs about 7.30 USD a month
 * (0.01 USD an hour, plus 0.01 USD per GB processed each way) and the DNS zone 0.50 USD a
 * month (https://azure.microsoft.com/pricing/details/private-link/ and
 * https://azure.microsoft.com/pricing/details/dns/, figures as quoted by secondary pages
 * read 2026-12-05, not read on Microsoft's pages themselves).
 *
 * The DNS names: https://learn.microsoft.com/azure/private-link/private-endpoint-dns
 * (sub-resource `postgresqlServer`, zone `privatelink.postgres.database.azure.com`, read 2026-12-05).
 */
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone/index.js';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link/index.js';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint/index.js';
import { type AzureStackContext, NAME } from './context.ts';
import type { AzureDatabase } from './database.ts';
import type { AzureNetwork } from './network.ts';

export function addDatabasePrivateAccess(
  ctx: AzureStackContext,
  network: AzureNetwork,
  db: AzureDatabase,
): PrivateEndpoint {
  const zone = new PrivateDnsZone(ctx.scope, 'postgres_dns_zone', {
    name: 'privatelink.postgres.database.azure.com',
    resourceGroupName: ctx.group.name,
    tags: ctx.where.tags,
  });
  new PrivateDnsZoneVirtualNetworkLink(ctx.scope, 'postgres_dns_link', {
    name: `link-${NAME}`,
    resourceGroupName: ctx.group.name,
    privateDnsZoneName: zone.name,
    virtualNetworkId: network.vnet.id,
    registrationEnabled: false,
    tags: ctx.where.tags,
  });
  return new PrivateEndpoint(ctx.scope, 'postgres_private_endpoint', {
    ...ctx.where,
    name: `pe-${NAME}-postgres`,
    subnetId: network.endpointsSubnet.id,
    privateServiceConnection: {
      name: `psc-${NAME}-postgres`,
      privateConnectionResourceId: db.server.id,
      subresourceNames: ['postgresqlServer'],
      isManualConnection: false,
    },
    privateDnsZoneGroup: { name: 'postgres', privateDnsZoneIds: [zone.id] },
  });
}
