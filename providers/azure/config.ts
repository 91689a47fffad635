/**
 * Azure provider settings, all under `JOBBENCH_AZURE_`. Blob Storage is reached with a
 * connection string (Azurite's well-known development account works), an account URL plus
 * a SAS token, or — with neither a connection string nor a SAS — the account (URL or name)
 * signed in through Microsoft Entra ID by DefaultAzureCredential (the job's managed identity,
 * `az login`, AZURE_CLIENT_ID…: https://learn.microsoft.com/azure/developer/javascript/sdk/authentication/credential-chains),
 * which is what the Terraform stack expects: it disables shared keys.
 */
import { ProviderError, readConfig, settingIsOn, type Env } from '../core/index.ts';
import { checkPgSettings, PG_TLS_MODES, type PgTlsMode } from '../postgres/pg-client.ts';
import { checkAccountUrl, checkConnectionString } from './blob-endpoint.ts';

/** The region of a run and of the stack when none is set (France Central: near the French job market). */
export const DEFAULT_AZURE_REGION = 'francecentral';

export const AZURE_CONFIG = [
  /** Storage connection string (https://learn.microsoft.com/azure/storage/common/storage-configure-connection-string). */
  { key: 'CONNECTION_STRING', fallbacks: ['AZURE_STORAGE_CONNECTION_STRING'], default: '', secret: true },
  /**
   * `https://<account>.blob.core.windows.net`, used when no connection string is set: with
   * SAS_TOKEN, or else signed in with DefaultAzureCredential.
   */
  { key: 'ACCOUNT_URL', default: '' },
  /** The storage account name, for `https://<account>.blob.core.windows.net` when ACCOUNT_URL is not set. */
  { key: 'ACCOUNT', default: '' },
  /** Shared access signature for ACCOUNT_URL (without the leading `?`). */
  { key: 'SAS_TOKEN', default: '', secret: true },
  /** Blob container holding the lake (created by the Terraform stack; on Azurite, on first use). */
  { key: 'CONTAINER' },
  /** Azure region of the storage account and the database, for results and prices. */
  { key: 'REGION', default: DEFAULT_AZURE_REGION },
  /**
   * Azure Database for PostgreSQL flexible server URL (`postgres://user@host:5432/db`; the
   * plain user name: flexible server needs no `user@server` form). Empty: the PG*
   * variables; with neither, the run stops naming this setting.
   */
  { key: 'DATABASE_URL', default: '', secret: true },
  /**
   * `true`: the password is a Microsoft Entra token asked of DefaultAzureCredential for each
   * new connection (the URL's user is the Entra principal's name on the server).
   */
  { key: 'PG_ENTRA_AUTH', default: 'false' },
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
  /**
   * `true` when the endpoints are the project's emulators: `jobbench emulators env` sets it.
   * A loopback address alone proves nothing (it may be a tunnel to the real service).
   */
  { key: 'EMULATED', default: 'false' },
  /** `on` runs the opt-in tests against the real account (test-only switch). */
  { key: 'TEST', default: 'off' },
] as const;

export interface AzureConfig {
  connectionString: string;
  /** From ACCOUNT_URL, else built from ACCOUNT; '' with a connection string. */
  accountUrl: string;
  /** '' with an account URL: sign in with DefaultAzureCredential. */
  sasToken: string;
  container: string;
  region: string;
  databaseUrl: string | undefined;
  pgSchema: string;
  pgTls: PgTlsMode;
  pgCaBundle: string;
  /** The pg password is an Entra token, asked for per connection. */
  pgEntraAuth: boolean;
  keyPrefix: string;
  /** The endpoints are the project's emulators (results are labelled so). */
  emulated: boolean;
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
  const databaseUrl = raw.DATABASE_URL || undefined;
  // Where the driver will connect (a host= parameter, PGHOST…) decides TLS; refuse now what would go there unverified.
  checkPgSettings('azure', 'JOBBENCH_AZURE_', databaseUrl, raw.PG_TLS as PgTlsMode, env);
  const accountUrl = raw.ACCOUNT_URL || accountUrlOf(raw.ACCOUNT);
  if (!raw.CONNECTION_STRING && !accountUrl) {
    throw ProviderError.because(
      'azure',
      'config',
      'invalid-config',
      'missing setting: set one of JOBBENCH_AZURE_CONNECTION_STRING, AZURE_STORAGE_CONNECTION_STRING, JOBBENCH_AZURE_ACCOUNT_URL or JOBBENCH_AZURE_ACCOUNT',
    );
  }
  if (raw.CONNECTION_STRING) checkConnectionString('JOBBENCH_AZURE_CONNECTION_STRING', raw.CONNECTION_STRING);
  else checkAccountUrl(raw.ACCOUNT_URL ? 'JOBBENCH_AZURE_ACCOUNT_URL' : 'JOBBENCH_AZURE_ACCOUNT', accountUrl);
  return {
    connectionString: raw.CONNECTION_STRING,
    accountUrl: raw.CONNECTION_STRING ? '' : accountUrl,
    sasToken: raw.SAS_TOKEN.replace(/^\?/, ''),
    container: raw.CONTAINER,
    region: raw.REGION,
    databaseUrl,
    pgSchema: raw.PG_SCHEMA,
    pgTls: raw.PG_TLS as PgTlsMode,
    pgCaBundle: raw.PG_CA_BUNDLE,
    pgEntraAuth: settingIsOn('azure', 'JOBBENCH_AZURE_PG_ENTRA_AUTH', raw.PG_ENTRA_AUTH),
    keyPrefix: raw.KEY_PREFIX,
    emulated: settingIsOn('azure', 'JOBBENCH_AZURE_EMULATED', raw.EMULATED),
  };
}

/**
 * A storage account name (3-24 lower-case letters and digits,
 * https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftstorage)
 * → its blob endpoint in the public cloud; '' for no name.
 */
function accountUrlOf(account: string): string {
  if (!account) return '';
  if (!/^[a-z0-9]{3,24}$/.test(account)) {
    throw ProviderError.because(
      'azure',
      'config',
      'invalid-config',
      'JOBBENCH_AZURE_ACCOUNT must be a storage account name: 3 to 24 lower-case letters and digits',
    );
  }
  return `https://${account}.blob.core.windows.net`;
}
