/**
 * RDS IAM database authentication: the password is an authentication token, a SigV4
 * presigned `rds-db:connect` URL for one host, port and user, valid 15 minutes
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDSandIAMDBAuth.Connecting.html).
 * A token fixed at start-up (PGPASSWORD) breaks every connection the pool opens after it
 * expires, so the driver asks for a fresh one per connection. Credentials come from the
 * SDK's default chain (the runner's role, AWS_PROFILE, SSO…), never from a setting.
 */
import { Signer, type SignerConfig } from '@aws-sdk/rds-signer';
import { ProviderError, type Env } from '../core/index.ts';
import { resolvePgConnection } from '../postgres/pg-destination.ts';

export interface RdsIamTokenOptions {
  /** The database URL (undefined: the PG* variables), which names the host, port and user the token is for. */
  databaseUrl: string | undefined;
  env: Env;
  region: string;
  /** The endpoint the token is for, when the URL names a tunnel (JOBBENCH_AWS_PG_IAM_ENDPOINT). */
  endpoint?: { hostname: string; port?: number } | undefined;
  /** Fixed credentials (tests); omitted: the SDK's default credential chain. */
  credentials?: SignerConfig['credentials'];
}

/** A password callback for the pg pool: each call signs a new token (signing is local, no request). */
export function rdsIamPassword(options: RdsIamTokenOptions): () => Promise<string> {
  const { destination, settings } = resolvePgConnection(options.databaseUrl, options.env, 'aws');
  if (!settings.user) {
    throw ProviderError.because(
      'aws',
      'config',
      'invalid-config',
      'JOBBENCH_AWS_PG_IAM_AUTH=true needs the database user: put it in JOBBENCH_AWS_DATABASE_URL or PGUSER',
    );
  }
  const signer = new Signer({
    hostname: options.endpoint?.hostname ?? destination.host,
    port: options.endpoint?.port ?? destination.port,
    username: settings.user,
    region: options.region,
    ...(options.credentials ? { credentials: options.credentials } : {}),
  });
  return () => signer.getAuthToken();
}
