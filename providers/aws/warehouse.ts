/**
 * The AWS warehouse: the shared Postgres star schema on RDS for PostgreSQL. RDS signs its
 * server certificates with its own CA, which is not in Node's trust store, so verify-full
 * needs the RDS bundle (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html);
 * `rds.force_ssl=1` on the instance (the Terraform stack sets it) refuses plain TCP.
 * A loopback host is the emulated database: plain TCP. With IAM database authentication the
 * password is a token signed per connection (rds-iam-token.ts).
 */
import { readFile } from 'node:fs/promises';
import { ProviderError, type Env } from '../core/index.ts';
import { openPgClient, pgHost, requireDatabaseSetting, resolvePgTls } from '../postgres/pg-client.ts';
import { PostgresWarehouse } from '../postgres/postgres-warehouse.ts';
import { quoteIdent } from '../postgres/sql-client.ts';
import type { AwsConfig } from './config.ts';
import { rdsError } from './errors.ts';
import { rdsIamPassword, type RdsIamTokenOptions } from './rds-iam-token.ts';

export interface RdsWarehouseOptions {
  /** Overrides the configured schema (tests use a fresh one). */
  schema?: string;
  batchSize?: number;
  /** Drops the schema when the warehouse closes (test namespaces). */
  dropSchemaOnClose?: boolean;
  /** Fixed credentials for the IAM token (tests); omitted: the SDK's default chain. */
  iamCredentials?: RdsIamTokenOptions['credentials'];
}

export async function openRdsWarehouse(
  config: AwsConfig,
  env: Env,
  options: RdsWarehouseOptions = {},
): Promise<PostgresWarehouse> {
  requireDatabaseSetting('aws', 'JOBBENCH_AWS_', config.databaseUrl, env);
  const host = pgHost(config.databaseUrl, env);
  let ca: string | undefined;
  if (config.rdsCaBundle) {
    try {
      ca = await readFile(config.rdsCaBundle, 'utf8');
    } catch (cause) {
      throw ProviderError.because('aws', 'warehouse.open', 'invalid-config', 'cannot read JOBBENCH_AWS_RDS_CA_BUNDLE', {
        cause,
      });
    }
  }
  const tls = resolvePgTls(config.pgTls, host, ca, 'aws');
  if (tls !== false && tls.verify && !ca) {
    throw ProviderError.because(
      'aws',
      'warehouse.open',
      'invalid-config',
      'verify-full TLS to RDS needs the RDS CA bundle: set JOBBENCH_AWS_RDS_CA_BUNDLE to the path of global-bundle.pem',
    );
  }
  const client = openPgClient({
    ...(config.databaseUrl ? { connectionString: config.databaseUrl } : {}),
    env,
    tls,
    applicationName: 'jobbench-aws',
    ...(config.pgIamAuth
      ? {
          password: rdsIamPassword({
            databaseUrl: config.databaseUrl,
            env,
            region: config.region,
            endpoint: config.pgIamEndpoint,
            ...(options.iamCredentials ? { credentials: options.iamCredentials } : {}),
          }),
        }
      : {}),
  });
  const schema = options.schema ?? config.pgSchema;
  return new PostgresWarehouse({
    provider: 'aws',
    client,
    schema,
    mapError: rdsError,
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    ...(options.dropSchemaOnClose
      ? { onClose: () => client.exec(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`) }
      : {}),
  });
}
