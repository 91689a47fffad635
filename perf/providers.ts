/**
 * The bench reaches concrete providers through the registry only (docs/architecture.md):
 * the local provider gives the FsObjectStore lake (and the PGlite warehouse), the aws
 * provider — pointed at the machine's PostgreSQL and, for lake uploads, at moto — gives
 * the PostgresWarehouse over pg-client and the S3ObjectStore.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Env, Provider } from '../providers/core/index.ts';
import { loadProvider } from '../providers/registry.ts';

const run = promisify(execFile);

export const DEFAULT_DSN = 'postgres://postgres@127.0.0.1:5432/postgres';

/** FsObjectStore lake and PGlite warehouse under `dataDir`. */
export async function localProvider(dataDir: string): Promise<Provider> {
  return (await loadProvider('local')).create({ dataDir, env: { JOBBENCH_LOCAL_DATA_DIR: dataDir } });
}

/**
 * The aws provider on this machine: its warehouse is PostgresWarehouse over pg-client on
 * `dsn` in `schema`; its store is S3 on `s3` (moto) when given, else unused.
 */
export async function postgresProvider(
  dsn: string,
  schema: string,
  s3?: { endpoint: string; bucket: string; keyPrefix: string },
): Promise<Provider> {
  const env: Env = {
    JOBBENCH_AWS_DATABASE_URL: dsn,
    JOBBENCH_AWS_PG_SCHEMA: schema,
    JOBBENCH_AWS_PG_TLS: 'disable',
    // Without an endpoint the S3 client is built but never used (no request is sent).
    JOBBENCH_AWS_BUCKET: s3?.bucket ?? 'jobbench-perf-unused',
    JOBBENCH_AWS_REGION: 'us-east-1',
    // With moto the provider is emulated, so it makes the bucket on first use. Without it
    // the store is never used, and flagging it emulated would send that bucket request to
    // AWS itself (the e2e and load rounds need only the database).
    ...(s3
      ? { JOBBENCH_AWS_EMULATED: 'true', JOBBENCH_AWS_S3_ENDPOINT: s3.endpoint, JOBBENCH_AWS_KEY_PREFIX: s3.keyPrefix }
      : {}),
  };
  return (await loadProvider('aws')).create({ env });
}

export async function psql(dsn: string, command: string): Promise<string> {
  const { stdout } = await run('psql', [dsn, '-v', 'ON_ERROR_STOP=1', '-X', '-q', '-c', command], {
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

export async function dropSchema(dsn: string, schema: string): Promise<void> {
  await psql(dsn, `DROP SCHEMA IF EXISTS "${schema.replaceAll('"', '""')}" CASCADE`);
}
