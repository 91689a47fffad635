/**
 * The little a Postgres-dialect warehouse needs from a connection, so one warehouse
 * serves PGlite (local), RDS (aws) and Azure Database for PostgreSQL (azure).
 */
export interface SqlResult<T> {
  rows: T[];
  /** Rows affected by INSERT/UPDATE/DELETE, when the driver reports it. */
  affectedRows?: number;
}

export interface SqlClient {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<SqlResult<T>>;
  /** Runs several `;`-separated statements without parameters (DDL). */
  exec(sql: string): Promise<void>;
  /**
   * Bulk-loads CSV into a table with `COPY … FROM STDIN (FORMAT csv)` or its equivalent.
   * The CSV may come as pieces (UTF-8 bytes), sent as they are, so a large batch never
   * has to be joined into one string first.
   */
  copyCsv(table: string, columns: readonly string[], csv: string | readonly Uint8Array[]): Promise<void>;
  /** Runs `fn` on one connection inside BEGIN/COMMIT, rolling back if it throws. */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Double-quotes an identifier (schema or table name) for safe interpolation. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** One CSV field: quoted, inner quotes doubled (RFC 4180, what COPY's csv format reads). */
export function csvField(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}
