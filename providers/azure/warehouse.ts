/**
 * The Azure warehouse: the shared Postgres star schema on Azure Database for PostgreSQL
 * flexible server. The server enforces TLS (`require_secure_transport=ON` by default,
 * https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-networking-ssl-tls);
 * verify-full checks its certificate against Azure's roots taken from Node's store
 * (DigiCert Global Root G2, Microsoft RSA Root CA 2017, DigiCert Global Root CA) or the
 * configured bundle, and its host name. User names are plain: the
 * `user@server` form was only for the retired single server. A loopback host is the
 * emulated database: plain TCP. With Entra authentication the password is a token asked
 * for per connection (entra-credential.ts).
 */
import { readFile } from 'node:fs/promises';
import { ProviderError, type Env } from '../core/index.ts';
import { openPgClient, pgHost, requireDatabaseSetting, resolvePgTls } from '../postgres/pg-client.ts';
import { PostgresWarehouse } from '../postgres/postgres-warehouse.ts';
import { quoteIdent } from '../postgres/sql-client.ts';
import type { AzureConfig } from './config.ts';
import { defaultAzureCredential, entraPassword, type TokenCredential } from './entra-credential.ts';
import { azurePgError } from './errors.ts';
import { azurePostgresRoots } from './postgres-roots.ts';

export interface AzurePgWarehouseOptions {
  /** Overrides the configured schema (tests use a fresh one). */
  schema?: string;
  batchSize?: number;
  /** Drops the schema when the warehouse closes (test namespaces). */
  dropSchemaOnClose?: boolean;
  /** The Entra credential for PG_ENTRA_AUTH (default: DefaultAzureCredential, built only when needed). */
  credential?: () => TokenCredential;
}

export async function openAzurePgWarehouse(
  config: AzureConfig,
  env: Env,
  options: AzurePgWarehouseOptions = {},
): Promise<PostgresWarehouse> {
  requireDatabaseSetting('azure', 'JOBBENCH_AZURE_', config.databaseUrl, env);
  let ca: string | undefined;
  if (config.pgCaBundle) {
    try {
      ca = await readFile(config.pgCaBundle, 'utf8');
    } catch (cause) {
      throw ProviderError.because(
        'azure',
        'warehouse.open',
        'invalid-config',
        'cannot read JOBBENCH_AZURE_PG_CA_BUNDLE',
        { cause },
      );
    }
  }
  // verify-full trusts Azure's own roots only (postgres-roots.ts), unless a bundle is configured.
  const tls = resolvePgTls(config.pgTls, pgHost(config.databaseUrl, env), ca ?? azurePostgresRoots(), 'azure');
  const client = openPgClient({
    ...(config.databaseUrl ? { connectionString: config.databaseUrl } : {}),
    env,
    tls,
    applicationName: 'jobbench-azure',
    // Flexible server may take a moment to accept connections after a scale or restart.
    connectTimeoutMs: 30_000,
    ...(config.pgEntraAuth ? { password: entraPassword((options.credential ?? defaultAzureCredential)()) } : {}),
  });
  const schema = options.schema ?? config.pgSchema;
  return new PostgresWarehouse({
    provider: 'azure',
    client,
    schema,
    mapError: azurePgError,
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    ...(options.dropSchemaOnClose
      ? { onClose: () => client.exec(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`) }
      : {}),
  });
}
