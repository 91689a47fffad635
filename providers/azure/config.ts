/**
 * Azure provider settings, all under `JOBBENCH_AZURE_`. Blob Storage is reached with a
 * connection string (Azurite's well-known development account works) or an account URL
 * plus a SAS token. `@azure/identity` is not a dependency of jobbench, so Microsoft Entra
 * sign-in (DefaultAzureCredential) is not offered: use a SAS token scoped to the container.
 */
import { ProviderError, readConfig, type Env } from '../core/index.ts';
import { checkPgSettings, PG_TLS_MODES, type PgTlsMode } from '../postgres/pg-client.ts';
import { checkAccountUrl, checkConnectionString } from './blob-endpoint.ts';

/** The region of a run and of the stack when none is set (France Central: near the French job market). */
export const DEFAULT_AZURE_REGION = 'francecentral';

export const AZURE_CONFIG = [
  /** Storage connection string (https://learn.microsoft.com/azure/storage/common/storage-configure-connection-string). */
  { key: 'CONNECTION_STRING', fallbacks: ['AZURE_STORAGE_CONNECTION_STRING'], default: '', secret: true },
  /** `https://<account>.blob.core.windows.net`, used with SAS_TOKEN when no connection string is set. */
  { key: 'ACCOUNT_URL', default: '' },
  /** Shared access signature for ACCOUNT_URL (without the leading `?`). */
  { key: 'SAS_TOKEN', default: '', secret: true },
  /** Blob container holding the lake (created by the Terraform stack; on Azurite, on first use). */
  { key: 'CONTAINER' },
  /** Azure region of the storage account and the database, for results and prices. */
  { key: 'REGION', default: DEFAULT_AZURE_REGION },
  /**
   * Azure Database for PostgreSQL flexible server URL (`postgres://user@host:5432/db`; the
   * plain user name: flexible server needs no `user@server` form). Empty: the PG*
   * variables, else the emulator default `postgres://postgres@127.0.0.1:5432/jobbench_azure`.
   */
  { key: 'DATABASE_URL', default: '', secret: true },
  /** Postgres schema of the warehouse tables. */
  { key: 'PG_SCHEMA', default: 'jobbench' },
  /** TLS to the server: auto (verify-full unless loopback), verify-full, require or disable. */
  { key: 'PG_TLS', default: 'auto' },
  /**
   * Optional PEM bundle for verify-full. Without it Node's own roots are used, which hold
   * the DigiCert Global Root G2 and Microsoft RSA Root CA 2017 that sign flexible servers
   * (https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-networking-ssl-tls).
   */
  { key: 'PG_CA_BUNDLE', default: '' },
  /** Prefix put before every lake key; the session's own prefix follows it. */
  { key: 'KEY_PREFIX', default: '' },
  /** `on` runs the opt-in tests against the real account (test-only switch). */
  { key: 'TEST', default: 'off' },
] as const;

export const EMULATOR_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/jobbench_azure';

export interface AzureConfig {
  connectionString: string;
  accountUrl: string;
  sasToken: string;
  container: string;
  region: string;
  databaseUrl: string | undefined;
  pgSchema: string;
  pgTls: PgTlsMode;
  pgCaBundle: string;
  keyPrefix: string;
}

export function readAzureConfig(env: Env): AzureConfig {
  const raw = readConfig('azure', 'JOBBENCH_AZURE_', AZURE_CONFIG, env);
  if (!(PG_TLS_MODES as readonly string[]).includes(raw.PG_TLS)) {
    throw ProviderError.because(
      'azure',
      'config',
      'invalid-config',
      `JOBBENCH_AZURE_PG_TLS must be one of ${PG_TLS_MODES.join(', ')}`,
    );
  }
  const databaseUrl = raw.DATABASE_URL || (env.PGHOST ? undefined : EMULATOR_DATABASE_URL);
  // Where the driver will connect (a host= parameter, PGHOST…) decides TLS; refuse now what would go there unverified.
  checkPgSettings('azure', 'JOBBENCH_AZURE_', databaseUrl, raw.PG_TLS as PgTlsMode, env);
  if (!raw.CONNECTION_STRING && !raw.ACCOUNT_URL) {
    throw ProviderError.because(
      'azure',
      'config',
      'invalid-config',
      'missing setting: set one of JOBBENCH_AZURE_CONNECTION_STRING, AZURE_STORAGE_CONNECTION_STRING, or JOBBENCH_AZURE_ACCOUNT_URL with JOBBENCH_AZURE_SAS_TOKEN',
    );
  }
  if (raw.CONNECTION_STRING) checkConnectionString('JOBBENCH_AZURE_CONNECTION_STRING', raw.CONNECTION_STRING);
  else checkAccountUrl('JOBBENCH_AZURE_ACCOUNT_URL', raw.ACCOUNT_URL);
  return {
    connectionString: raw.CONNECTION_STRING,
    accountUrl: raw.ACCOUNT_URL,
    sasToken: raw.SAS_TOKEN.replace(/^\?/, ''),
    container: raw.CONTAINER,
    region: raw.REGION,
    databaseUrl,
    pgSchema: raw.PG_SCHEMA,
    pgTls: raw.PG_TLS as PgTlsMode,
    pgCaBundle: raw.PG_CA_BUNDLE,
    keyPrefix: raw.KEY_PREFIX,
  };
}
