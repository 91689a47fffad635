/**
 * SqlClient over PGlite (Postgres compiled to WASM, persisted to a directory): the
 * local warehouse speaks the same SQL as RDS and Azure Database for PostgreSQL.
 * `COPY … FROM '/dev/blob'` is PGlite's way of streaming a file into COPY.
 */
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { quoteIdent, type SqlClient, type SqlResult } from '../postgres/sql-client.ts';

type Queryable = Pick<PGlite, 'query' | 'exec'> | Transaction;

class PgliteSession implements SqlClient {
  constructor(
    protected readonly db: Queryable,
    private readonly root: PGlite | null,
  ) {}

  async query<T>(sql: string, params: readonly unknown[] = []): Promise<SqlResult<T>> {
    const result = await this.db.query<T>(sql, [...params]);
    return { rows: result.rows, affectedRows: result.affectedRows ?? 0 };
  }

  async exec(sql: string): Promise<void> {
    await this.db.exec(sql);
  }

  async copyCsv(table: string, columns: readonly string[], csv: string | readonly Uint8Array[]): Promise<void> {
    const cols = columns.map(quoteIdent).join(', ');
    await this.db.query(`COPY ${quoteIdent(table)} (${cols}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
      blob: new Blob(typeof csv === 'string' ? [csv] : (csv as unknown as BlobPart[]) /* Buffers over ArrayBuffer: valid Blob parts */),
    });
  }

  async transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    if (!this.root) return fn(this); // already inside one: PGlite has a single connection
    return this.root.transaction((tx) => fn(new PgliteSession(tx, null)));
  }

  async close(): Promise<void> {
    if (this.root && !this.root.closed) await this.root.close();
  }
}

/** Opens (creating if needed) a PGlite database persisted in `dataDir`; `memory://` for none. */
export async function openPglite(dataDir: string): Promise<SqlClient> {
  const db = await PGlite.create(dataDir);
  return new PgliteSession(db, db);
}
