/**
 * AWS provider settings, all under `JOBBENCH_AWS_`. Credentials are not settings: the
 * SDK's default chain finds them (AWS_PROFILE, AWS_ACCESS_KEY_ID/SECRET, SSO, instance
 * role — https://docs.aws.amazon.com/sdkref/latest/guide/standardized-credentials.html).
 */
import { ProviderError, readConfig, settingIsOn, type Env } from '../core/index.ts';
import { checkPgSettings, PG_TLS_MODES, type PgTlsMode } from '../postgres/pg-client.ts';

/** The region of a run and of the stack when none is set (Paris: near the French job market). */
export const DEFAULT_AWS_REGION = 'eu-west-3';

export const AWS_CONFIG = [
  /** S3 bucket holding the lake (created by the Terraform stack; on an emulator, on first use). */
  { key: 'BUCKET' },
  /** Region of the bucket and the RDS instance. */
  { key: 'REGION', fallbacks: ['AWS_REGION', 'AWS_DEFAULT_REGION'], default: DEFAULT_AWS_REGION },
  /**
   * S3 endpoint override, for an emulator (moto) or a VPC endpoint. The SDK's own
   * service-specific variable is honoured (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html).
   */
  { key: 'S3_ENDPOINT', fallbacks: ['AWS_ENDPOINT_URL_S3', 'AWS_ENDPOINT_URL'], default: '' },
  /**
   * RDS PostgreSQL URL (`postgres://user@host:5432/db`; a password may be in it or in
   * PGPASSWORD, or come from IAM with PG_IAM_AUTH). Empty: the standard PG* variables;
   * with neither, the run stops naming this setting (`jobbench emulators env` sets it for the emulators).
   */
  { key: 'DATABASE_URL', default: '', secret: true },
  /**
   * `true`: the password is a fresh RDS IAM authentication token per connection, signed with
   * the SDK's default credentials for the URL's host, port and user (the user needs `rds_iam`).
   */
  { key: 'PG_IAM_AUTH', default: 'false' },
  /**
   * `host[:port]` of the RDS endpoint the IAM token is signed for, when the URL's is not it:
   * through an SSM tunnel the URL says 127.0.0.1 and a local port, and RDS accepts only tokens
   * signed for its own endpoint. The port defaults to the URL's.
   */
  { key: 'PG_IAM_ENDPOINT', default: '' },
  /** Postgres schema of the warehouse tables. */
  { key: 'PG_SCHEMA', default: 'jobbench' },
  /** TLS to RDS: auto (verify-full unless loopback), verify-full, require or disable. */
  { key: 'PG_TLS', default: 'auto' },
  /**
   * Path of the RDS CA bundle (PEM), needed for verify-full against RDS
   * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html).
   */
  { key: 'RDS_CA_BUNDLE', default: '' },
  /** Prefix put before every lake key (e.g. `team-a/`); the session's own prefix follows it. */
  { key: 'KEY_PREFIX', default: '' },
  /**
   * `true` when the endpoints are the project's emulators: `jobbench emulators env` sets it.
   * A loopback address alone proves nothing (an SSM tunnel to RDS listens on 127.0.0.1).
   */
  { key: 'EMULATED', default: 'false' },
  /** `on` runs the opt-in tests against the real account (test-only switch). */
  { key: 'TEST', default: 'off' },
] as const;

export interface AwsConfig {
  bucket: string;
  region: string;
  /** '' when the SDK's default endpoint is used. */
  s3Endpoint: string;
  /** undefined: the driver reads PG* variables. */
  databaseUrl: string | undefined;
  pgSchema: string;
  pgTls: PgTlsMode;
  /** The pg password is an RDS IAM token, signed per connection. */
  pgIamAuth: boolean;
  /** The endpoint the token is signed for; undefined: the URL's host and port. */
  pgIamEndpoint: { hostname: string; port?: number } | undefined;
  rdsCaBundle: string;
  keyPrefix: string;
  /** The endpoints are the project's emulators (results are labelled so). */
  emulated: boolean;
}

export function readAwsConfig(env: Env): AwsConfig {
  const raw = readConfig('aws', 'JOBBENCH_AWS_', AWS_CONFIG, env);
  if (!(PG_TLS_MODES as readonly string[]).includes(raw.PG_TLS)) {
    throw ProviderError.because(
      'aws',
      'config',
      'invalid-config',
      `JOBBENCH_AWS_PG_TLS must be one of ${PG_TLS_MODES.join(', ')}`,
    );
  }
  const databaseUrl = raw.DATABASE_URL || undefined;
  // Where the driver will connect (a host= parameter, PGHOST…) decides TLS; refuse now what would go there unverified.
  checkPgSettings('aws', 'JOBBENCH_AWS_', databaseUrl, raw.PG_TLS as PgTlsMode, env);
  return {
    bucket: raw.BUCKET,
    region: raw.REGION,
    s3Endpoint: raw.S3_ENDPOINT,
    databaseUrl,
    pgSchema: raw.PG_SCHEMA,
    pgTls: raw.PG_TLS as PgTlsMode,
    pgIamAuth: settingIsOn('aws', 'JOBBENCH_AWS_PG_IAM_AUTH', raw.PG_IAM_AUTH),
    pgIamEndpoint: iamEndpoint(raw.PG_IAM_ENDPOINT),
    rdsCaBundle: raw.RDS_CA_BUNDLE,
    keyPrefix: raw.KEY_PREFIX,
    emulated: settingIsOn('aws', 'JOBBENCH_AWS_EMULATED', raw.EMULATED),
  };
}

/** `host[:port]` → its parts; '' → undefined. */
function iamEndpoint(value: string): { hostname: string; port?: number } | undefined {
  if (!value) return undefined;
  const match = /^([A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(value);
  const port = match?.[2] === undefined ? undefined : Number(match[2]);
  if (!match || (port !== undefined && (port < 1 || port > 65535))) {
    throw ProviderError.because(
      'aws',
      'config',
      'invalid-config',
      'JOBBENCH_AWS_PG_IAM_ENDPOINT must be host or host:port (the RDS endpoint)',
    );
  }
  return { hostname: match[1]!, ...(port === undefined ? {} : { port }) };
}
