/**
 * The emulated RDS and Azure Database for PostgreSQL are databases on the machine's own
 * PostgreSQL (127.0.0.1:5432, user postgres, or `DATABASE_URL`): one database per
 * provider, created when missing, so the two providers never see each other's tables.
 */
import pg from 'pg';

export const PROVIDER_DATABASES = { aws: 'jobbench_aws', azure: 'jobbench_azure' } as const;

/** The server to create them on: `DATABASE_URL`, else the local trust-auth default. */
export function basePostgresUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Creates the per-provider databases if missing and returns their URLs. */
export async function ensureProviderDatabases(baseUrl: string): Promise<{ aws: string; azure: string }> {
  const client = new pg.Client({ connectionString: baseUrl, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (cause) {
    const where = new URL(baseUrl);
    throw new Error(
      `PostgreSQL is not reachable at ${where.hostname}:${where.port || 5432} (set DATABASE_URL, or start the machine's PostgreSQL)`,
      { cause },
    );
  }
  try {
    for (const database of Object.values(PROVIDER_DATABASES)) {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (found.rowCount === 0) {
        try {
          await client.query(`CREATE DATABASE "${database}"`);
        } catch (error) {
          // 42P04 duplicate_database: another process created it in between.
          if ((error as { code?: string }).code !== '42P04') throw error;
        }
      }
    }
  } finally {
    await client.end();
  }
  return { aws: withDatabase(baseUrl, PROVIDER_DATABASES.aws), azure: withDatabase(baseUrl, PROVIDER_DATABASES.azure) };
}
