/**
 * SqlClient over PGlite (Postgres compiled to WASM, persisted to a directory): the
 * local warehouse speaks the same SQL as RDS and Azure Database for PostgreSQL.
 * `COPY … FROM '/dev/blob'` is PGlite's way of streaming a file into COPY.
 *
 * Private files: PGlite's Emscripten file system chmods every file it creates to the mode
 * Postgres asked for through its own layer — 0666 for most of them — so a process umask
 * has no effect on them (measured: 968 files 0666 under umask 022 and under 077 alike),
 * and PGlite 0.5 has no mode option. The warehouse directory is 0700 (local/index.ts),
 * so no other user reaches those files while the database is open; on opening and on
 * closing, every file is set to 0600 and every directory to 0700, so it rests private.
 */
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { makeTreePrivate } from './make-directory.ts';
import { extractTemplate, isNewDataDir, saveTemplate, templateFile } from './pglite-template.ts';
import { quoteIdent, type SqlClient, type SqlResult } from '../postgres/sql-client.ts';

type Queryable = Pick<PGlite, 'query' | 'exec'> | Transaction;

class PgliteSession implements SqlClient {
  constructor(
    protected readonly db: Queryable,
    private readonly root: PGlite | null,
    /** Directory of the database files, made private again on close; null in memory. */
    private readonly dataDir: string | null = null,
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
      blob: new Blob(
        typeof csv === 'string'
          ? [csv]
          : (csv as unknown as BlobPart[]) /* Buffers over ArrayBuffer: valid Blob parts */,
      ),
    });
  }

  async transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    if (!this.root) return fn(this); // already inside one: PGlite has a single connection
    return this.root.transaction((tx) => fn(new PgliteSession(tx, null)));
  }

  async close(): Promise<void> {
    if (!this.root || this.root.closed) return;
    await this.root.close();
    if (this.dataDir) await makeTreePrivate(this.dataDir);
  }
}

/**
 * PostgreSQL's buffer pool inside PGlite. PGlite starts PostgreSQL with its compiled-in 128 MB
 * (PGlite 0.5.17, `SHOW shared_buffers` = 16384 × 8 kB, read 2026-12-06), and the whole pool
 * is resident from the moment the database opens, in WebAssembly memory that is never given
 * back: 152 MB of the instance's 189 MB right after opening. With 16 MB, opening an existing
 * warehouse took 162 MB RSS instead of 285 MB (this project's machine, 2026-12-06). The pages
 * the pool no longer holds are read back through the operating system's file cache.
 */
export const PGLITE_SHARED_BUFFERS = '16MB';

/** PGlite's own start parameters (its `defaultStartParams`, which `startParams` replaces) plus the buffer pool's size. */
const START_PARAMS = [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`];

/**
 * Opens (creating if needed) a PGlite database persisted in `dataDir`; `memory://` for none.
 * A new directory is written from the initialised template when there is one, and otherwise
 * initialised and then dumped as the template for the next one (pglite-template.ts).
 */
export async function openPglite(dataDir: string, template = templateFile()): Promise<SqlClient> {
  const onDisk = !dataDir.includes('://');
  const isNew = onDisk && isNewDataDir(dataDir);
  const fromTemplate = isNew && (await extractTemplate(dataDir, template));
  const db = await PGlite.create(dataDir, { startParams: START_PARAMS });
  // Best effort: without a template the next new warehouse only initialises again.
  if (isNew && !fromTemplate) await saveTemplate(db, template).catch(() => {});
  if (onDisk) await makeTreePrivate(dataDir);
  return new PgliteSession(db, db, onDisk ? dataDir : null);
}
