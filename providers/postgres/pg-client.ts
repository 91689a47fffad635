/**
 * SqlClient over the `pg` driver's Pool: what RDS (aws) and Azure Database for
 * PostgreSQL (azure) run on. Bulk loads use `COPY … FROM STDIN WITH (FORMAT csv)` through
 * pg-copy-streams; a transaction checks one connection out of the pool and keeps it until
 * COMMIT or ROLLBACK, since BEGIN only means something on the connection that sent it.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { ProviderError, type Env, type ProviderErrorCode } from '../core/index.ts';
import { isLoopbackHost } from '../core/index.ts';
import { resolvePgConnection, type PgDestination } from './pg-destination.ts';
import { quoteIdent, type SqlClient, type SqlResult } from './sql-client.ts';

/** TLS settings handed to the driver; `false` means plain TCP (loopback emulators only). */
export type PgTls =
  | false
  | {
      /** PEM bundle of the CA(s) that sign the server certificate (RDS bundle, DigiCert/Microsoft roots). */
      ca?: string;
      /** true = `sslmode=verify-full` semantics (chain and host name checked); false = `sslmode=require`. */
      verify: boolean;
    };

export interface PgClientOptions {
  /**
   * `postgres://user@host:port/db` (a password, if any, stays inside and is never logged).
   * Omitted: the standard PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE of `env`.
   * Its `ssl*` parameters are dropped: TLS is `tls` below, so a URL cannot weaken it; a
   * `host=` or `port=` parameter is followed, as the driver would (pg-destination.ts).
   */
  connectionString?: string;
  /** Where PG* fallbacks are read (default: process.env); pass the one the TLS was decided from. */
  env?: Env;
  /** Plain TCP (`false`) and unchecked certificates are refused unless the destination is this machine. */
  tls: PgTls;
  /** Pool size (default 4: the loads are sequential, queries are few). */
  maxConnections?: number;
  /** Shown in `pg_stat_activity`, so a DBA can tell jobbench sessions apart. */
  applicationName?: string;
  /** Milliseconds before a connection attempt gives up (default 15 s). */
  connectTimeoutMs?: number;
  /**
   * Asked for a fresh password on every new connection, instead of one fixed in the URL or
   * PGPASSWORD: short-lived tokens (an RDS IAM token lasts 15 minutes, an Entra token about
   * an hour) outlive no pool. The driver calls it per connection (pg `password` option).
   */
  password?: () => Promise<string>;
}

type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

class PgSession implements SqlClient {
  constructor(
    private readonly db: Queryable,
    private readonly pool: pg.Pool | null,
  ) {}

  async query<T>(sql: string, params: readonly unknown[] = []): Promise<SqlResult<T>> {
    const result = await this.db.query(sql, [...params]);
    return { rows: result.rows as T[], affectedRows: result.rowCount ?? 0 };
  }

  async exec(sql: string): Promise<void> {
    // Without parameters pg uses the simple query protocol, which accepts several statements.
    await this.db.query(sql);
  }

  async copyCsv(table: string, columns: readonly string[], csv: string | readonly Uint8Array[]): Promise<void> {
    const pieces = typeof csv === 'string' ? [csv] : csv;
    const statement = `COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) FROM STDIN WITH (FORMAT csv)`;
    if (this.pool) {
      // Outside a transaction: COPY still needs one connection for its whole stream.
      const client = await this.pool.connect();
      try {
        await pipeline(Readable.from(pieces), client.query(copyFrom(statement)));
      } finally {
        client.release();
      }
      return;
    }
    await pipeline(Readable.from(pieces), (this.db as pg.PoolClient).query(copyFrom(statement)));
  }

  async transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    if (!this.pool) return fn(this); // already on the transaction's connection
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await fn(new PgSession(client, null));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true; // the connection is unusable: drop it rather than return it to the pool
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    if (this.pool && !this.pool.ended) await this.pool.end();
  }
}

/**
 * Opens a pool; connections are made lazily, on the first query. Throws `invalid-config`
 * before any connection when the URL is refused or the TLS does not fit the destination.
 */
export function openPgClient(options: PgClientOptions): SqlClient {
  const { destination, settings } = resolvePgConnection(options.connectionString, options.env ?? process.env);
  checkTlsFitsDestination(options.tls, destination);
  // Explicit settings, no connection string: pg would re-parse it and let its parameters
  // override `ssl`, and would fall back on process.env.PGHOST for an empty host.
  const pool = new pg.Pool({
    ...settings,
    ...(options.password ? { password: options.password } : {}),
    ssl: options.tls === false ? false : { ca: options.tls.ca, rejectUnauthorized: options.tls.verify },
    max: options.maxConnections ?? 4,
    application_name: settings.application_name ?? options.applicationName ?? 'jobbench',
    connectionTimeoutMillis: options.connectTimeoutMs ?? 15_000,
  });
  // An idle connection dropped by the server emits 'error' on the pool; without a listener
  // Node would crash the process. The next query reconnects.
  pool.on('error', () => undefined);
  return new PgSession(pool, pool);
}

/** The last line of defence: whatever the caller decided, no password crosses a network in clear. */
function checkTlsFitsDestination(tls: PgTls, destination: PgDestination): void {
  if (destination.local || (tls !== false && tls.verify)) return;
  throw ProviderError.because(
    'postgres',
    'config',
    'invalid-config',
    `refusing ${tls === false ? 'plain TCP' : 'TLS without certificate checks'} to a database that is not on this machine: use verify-full`,
  );
}

/**
 * For a cloud provider: the database must be named, by its `<prefix>DATABASE_URL` or by
 * PGHOST. Without either the driver would try localhost, which on a machine with the
 * emulators is the emulated database: a run meant for the cloud must stop instead.
 */
export function requireDatabaseSetting(
  provider: string,
  prefix: string,
  connectionString: string | undefined,
  env: Env,
): void {
  if (connectionString || env.PGHOST) return;
  throw ProviderError.because(
    provider,
    'config',
    'invalid-config',
    `missing setting: set ${prefix}DATABASE_URL (or PGHOST and the other PG* variables)`,
  );
}

/** The host the driver connects to: a `host=` parameter, else the URL's host, else PGHOST, else localhost. */
export function pgHost(connectionString: string | undefined, env: Env): string {
  return resolvePgConnection(connectionString, env).destination.host;
}

/**
 * How a provider asks for TLS:
 * - `verify-full`: encrypted, server certificate checked against `ca` (or Node's roots) and its host name;
 * - `require`: encrypted, certificate not checked (libpq's `sslmode=require`): loopback only;
 * - `disable`: plain TCP: loopback only;
 * - `auto`: `disable` for a loopback host (the emulated database), `verify-full` otherwise.
 * A database off this machine is only ever reached with verify-full: `require` and
 * `disable` are refused for it rather than quietly upgraded, so a setting never lies.
 */
export type PgTlsMode = 'auto' | 'verify-full' | 'require' | 'disable';
export const PG_TLS_MODES: readonly PgTlsMode[] = ['auto', 'verify-full', 'require', 'disable'];

export function resolvePgTls(mode: PgTlsMode, host: string, ca: string | undefined, provider = 'postgres'): PgTls {
  const effective = mode === 'auto' ? (isLoopbackHost(host) ? 'disable' : 'verify-full') : mode;
  if (effective !== 'verify-full' && !isLoopbackHost(host)) {
    throw ProviderError.because(
      provider,
      'config',
      'invalid-config',
      `PG_TLS=${mode} would reach a database that is not on this machine ${effective === 'disable' ? 'in clear' : 'without checking its certificate'}: use auto or verify-full`,
    );
  }
  if (effective === 'disable') return false;
  return { verify: effective === 'verify-full', ...(ca ? { ca } : {}) };
}

/**
 * For a provider's config reader, so a bad setting stops the run before it starts: refuses
 * a database URL the driver would route somewhere unchecked, and a `<prefix>PG_TLS` that
 * would reach a database off this machine with less than verify-full.
 */
export function checkPgSettings(
  provider: string,
  prefix: string,
  connectionString: string | undefined,
  mode: PgTlsMode,
  env: Env,
): void {
  const { destination } = resolvePgConnection(connectionString, env, provider);
  if (destination.local || mode === 'auto' || mode === 'verify-full') return;
  throw ProviderError.because(
    provider,
    'config',
    'invalid-config',
    `${prefix}PG_TLS=${mode} would reach a database that is not on this machine ${mode === 'disable' ? 'in clear' : 'without checking its certificate'}: use auto or verify-full`,
  );
}

/**
 * SQLSTATE classes → ProviderError codes. Class meanings from the PostgreSQL manual,
 * Appendix A "PostgreSQL Error Codes" (https://www.postgresql.org/docs/current/errcodes-appendix.html).
 */
const SQLSTATE_CODES: ReadonlyArray<readonly [pattern: string, code: ProviderErrorCode, retryable?: boolean]> = [
  ['40001', 'conflict', true], // serialization_failure: retry the transaction (manual §13.2.3)
  ['40P01', 'conflict', true], // deadlock_detected
  ['53300', 'throttled', true], // too_many_connections
  ['53', 'quota-exceeded', false], // insufficient_resources (disk full, out of memory)
  ['57014', 'timeout', true], // query_canceled (statement_timeout)
  ['57P0', 'unavailable', true], // admin/crash shutdown, cannot_connect_now (server restarting, failover)
  ['08', 'connection', true], // connection_exception
  ['28P01', 'unauthenticated', false], // invalid_password
  ['28', 'unauthenticated', false], // invalid_authorization_specification (pg_hba rejects, no TLS)
  ['42501', 'forbidden', false], // insufficient_privilege
  ['3D000', 'not-found', false], // invalid_catalog_name: the database does not exist
  ['42P01', 'not-found', false], // undefined_table
  ['3F000', 'not-found', false], // invalid_schema_name
  ['23505', 'already-exists', false], // unique_violation
  ['23', 'invalid-request', false], // integrity_constraint_violation
  ['22', 'invalid-request', false], // data_exception (bad cast, bad date)
  ['42', 'invalid-request', false], // syntax_error_or_access_rule_violation
  ['0A', 'unsupported', false], // feature_not_supported
  ['XX', 'unknown', false], // internal_error
];

/**
 * Node socket errno names seen when the server cannot be reached
 * (https://nodejs.org/api/errors.html#common-system-errors).
 */
const SOCKET_CODES: Readonly<Record<string, ProviderErrorCode>> = {
  ECONNREFUSED: 'connection',
  ECONNRESET: 'connection',
  EPIPE: 'connection',
  ENOTFOUND: 'invalid-config', // host name does not resolve: a configuration mistake, not transient
  EAI_AGAIN: 'connection',
  ETIMEDOUT: 'timeout',
  // TLS verification failures: the configured CA bundle does not match the server.
  SELF_SIGNED_CERT_IN_CHAIN: 'invalid-config',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'invalid-config',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'invalid-config',
  ERR_TLS_CERT_ALTNAME_INVALID: 'invalid-config',
};

export interface PgErrorClass {
  code: ProviderErrorCode;
  retryable?: boolean;
  /** The SQLSTATE or errno that decided it, for the message. */
  reason: string;
}

/** Classifies a pg driver error (a DatabaseError with `code` = SQLSTATE, or a socket error). */
export function classifyPgError(error: unknown): PgErrorClass {
  const raw =
    typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  if (/^[0-9A-Z]{5}$/.test(raw) && !(raw in SOCKET_CODES)) {
    const hit = SQLSTATE_CODES.find(([pattern]) => raw.startsWith(pattern));
    if (hit) return { code: hit[1], retryable: hit[2], reason: `SQLSTATE ${raw}` };
    return { code: 'unknown', reason: `SQLSTATE ${raw}` };
  }
  if (raw in SOCKET_CODES) return { code: SOCKET_CODES[raw]!, reason: raw };
  const message = error instanceof Error ? error.message : '';
  // pg's own messages when a connection is lost or never made (pg/lib/client.js).
  if (/timeout expired|Connection terminated/i.test(message))
    return { code: 'connection', retryable: true, reason: 'connection lost' };
  if (/does not support SSL|SSL off|no pg_hba.conf entry/i.test(message))
    return { code: 'invalid-config', reason: 'TLS mismatch' };
  return { code: 'unknown', reason: raw || 'driver error' };
}

/**
 * Wraps a pg error as a ProviderError. The message names the SQLSTATE, plus the server's
 * own text for SQL-level errors (it speaks of tables and values); connection and
 * authentication errors and socket errors only name their code, since their text can
 * hold hosts and user names.
 */
export function pgProviderError(provider: string, error: unknown, operation: string): ProviderError {
  const found = classifyPgError(error);
  const sqlstate = found.reason.startsWith('SQLSTATE ') ? found.reason.slice(9) : '';
  // Only SQL-level classes (data, integrity, syntax, unsupported) quote the server: the
  // connection and authentication classes can name client addresses and user names.
  const quotable = ['22', '23', '42', '0A', '40', '57', '53'].some((c) => sqlstate.startsWith(c));
  const serverText = quotable && error instanceof Error ? `: ${error.message}` : '';
  return ProviderError.because(provider, operation, found.code, `${found.reason}${serverText}`, {
    cause: error,
    ...(found.retryable === undefined ? {} : { retryable: found.retryable }),
  });
}
