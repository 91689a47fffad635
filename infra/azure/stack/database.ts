/**
 * The warehouse: a PostgreSQL 16 flexible server on the free-tier B1ms, Entra ID sign-in
 * only (no password exists anywhere), TLS required, the operator as Entra administrator and
 * admitted through the firewall from `allowed_cidr`. The in-region runner reaches it through
 * a private endpoint (./database-private-access.ts).
 */
import { PostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server/index.js';
import { PostgresqlFlexibleServerActiveDirectoryAdministrator } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-active-directory-administrator/index.js';
import { PostgresqlFlexibleServerConfiguration } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-configuration/index.js';
import { PostgresqlFlexibleServerDatabase } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-database/index.js';
import { PostgresqlFlexibleServerFirewallRule } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-firewall-rule/index.js';
import { Fn } from 'cdktf';
import { type AzureStackContext, NAME } from './context.ts';

export interface AzureDatabase {
  server: PostgresqlFlexibleServer;
  database: PostgresqlFlexibleServerDatabase;
}

export function addDatabase(ctx: AzureStackContext): AzureDatabase {
  const server = new PostgresqlFlexibleServer(ctx.scope, 'postgres', {
    ...ctx.where,
    name: `psql-${NAME}-${ctx.suffix}`,
    version: '16',
    // Free for 12 months: 750 h of B1ms, 32 GB storage, 32 GB backup.
    skuName: 'B_Standard_B1ms',
    storageMb: 32768,
    autoGrowEnabled: false,
    backupRetentionDays: 7,
    geoRedundantBackupEnabled: true,
    // Public access stays on for the operator's firewall rule; a private endpoint can only be
    // added to a server created with public access (see ./database-private-access.ts).
    publicNetworkAccessEnabled: true,
    // Entra ID only: no administrator password exists, in Terraform or anywhere else.
    authentication: { activeDirectoryAuthEnabled: true, passwordAuthEnabled: false, tenantId: ctx.client.tenantId },
    // Azure picks the zone; do not fight it on every apply.
    lifecycle: { ignoreChanges: ['zone'] },
  });
  new PostgresqlFlexibleServerActiveDirectoryAdministrator(ctx.scope, 'postgres_admin', {
    serverName: server.name,
    resourceGroupName: ctx.group.name,
    tenantId: ctx.client.tenantId,
    objectId: ctx.client.objectId,
    principalName: ctx.vars.operatorName.stringValue,
    principalType: ctx.vars.operatorType.stringValue,
  });
  const database = new PostgresqlFlexibleServerDatabase(ctx.scope, 'postgres_database', {
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
    previous = new PostgresqlFlexibleServerConfiguration(ctx.scope, `postgres_${name}`, {
      name,
      serverId: server.id,
      value,
      ...(previous === undefined ? {} : { dependsOn: [previous] }),
    });
  }
  new PostgresqlFlexibleServerFirewallRule(ctx.scope, 'postgres_allowed_cidr', {
    name: 'allowed-cidr',
    serverId: server.id,
    startIpAddress: Fn.cidrhost(ctx.vars.allowedCidr.stringValue, 0),
    endIpAddress: Fn.cidrhost(ctx.vars.allowedCidr.stringValue, -1),
  });
  return { server, database };
}
