/**
 * The star-schema warehouse on any Postgres: PGlite locally, RDS on AWS, Azure Database
 * for PostgreSQL. Loads stream postings in batches; each batch is COPYed into a staging
 * table and merged in one transaction, so a failed batch leaves nothing half-loaded.
 */
import {
  ANALYTIC_QUERIES,
  effectiveLimit,
  groupFingerprints,
  isProviderError,
  loadContentHash,
  ProviderError,
  type AnalyticQuery,
  type LoadInfo,
  type LoadRun,
  type Posting,
  type QueryParams,
  type Row,
  type Warehouse,
} from '../core/index.ts';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { RunningDigest } from '../core/running-digest.ts';
import { analyticSql } from './analytic-queries.ts';
import {
  classifySql,
  createStageRawSql,
  createStageSql,
  fingerprintsSql,
  mergeStatements,
  STAGE_RAW,
  storedMatchesSql,
  upsertAuditSql,
} from './merge-sql.ts';
import {
  directMerge,
  isUniqueViolation,
  loadDimensions,
  type LoadDimensions,
  type MergeCounts,
} from './direct-merge.ts';
import { directShape } from './direct-rows.ts';
import { schemaDdl } from './schema.ts';
import { csvField, type SqlClient } from './sql-client.ts';

export interface PostgresWarehouseOptions {
  /** Provider name for errors (`local`, `aws`, `azure`). */
  provider: string;
  client: SqlClient;
  /** Postgres schema holding the tables (tests use a random one). */
  schema: string;
  /** Postings per COPY + merge transaction. */
  batchSize?: number;
  /**
   * Batch merges in flight at once, each on its own connection (default 2). Batches that
   * share a posting id never merge at the same time, so the newest copy still wins.
   */
  mergeConcurrency?: number;
  /**
   * New postings COPYed straight into the final tables when the client can type them
   * (default true); false sends every batch through the staging merge, the reference the
   * direct path is tested against.
   */
  direct?: boolean;
  /** Maps a driver error to a ProviderError (each cloud knows its own codes). */
  mapError?: (error: unknown, operation: string) => ProviderError;
  /** Called when `close()` runs, e.g. to drop a test schema. */
  onClose?: () => Promise<void>;
}

export class PostgresWarehouse implements Warehouse {
  private readonly batchSize: number;
  private readonly mergeConcurrency: number;

  constructor(private readonly options: PostgresWarehouseOptions) {
    this.batchSize = options.batchSize ?? 5000;
    this.mergeConcurrency = Math.max(1, options.mergeConcurrency ?? 2);
  }

  async migrate(): Promise<void> {
    await this.guard('warehouse.migrate', () => this.options.client.exec(schemaDdl(this.options.schema)));
  }

  async load(postings: AsyncIterable<Posting>, run: LoadRun): Promise<LoadInfo> {
    const started = performance.now();
    const info: LoadInfo = {
      runId: run.runId,
      received: 0,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      batches: 0,
      checksum: '',
      durationMs: 0,
    };
    const digest = new RunningDigest();
    const known = loadDimensions();
    let batch = newBatch();
    // Batches merge in the database while the next one is parsed, hashed and serialized
    // here, and up to `mergeConcurrency` merge at once: PostgreSQL runs each transaction on
    // one core, and its foreign-key checks, not the COPY, bound a merge. Two merges never
    // share a posting id (one waits for the other), so a batch's rows are only its own; the
    // dimension upserts take their keys in sorted order, so concurrent merges cannot deadlock.
    const merges = new Set<{ ids: ReadonlyMap<string, string>; settled: Promise<void> }>();
    let failure: { error: unknown } | null = null;
    const settledAll = () => Promise.all([...merges].map((m) => m.settled));
    const overlaps = (ids: ReadonlyMap<string, string>) => {
      for (const merge of merges) for (const id of ids.keys()) if (merge.ids.has(id)) return true;
      return false;
    };
    const flush = async () => {
      if (batch.postings.length === 0) return;
      const ready = batch;
      batch = newBatch();
      while (merges.size > 0 && (merges.size >= this.mergeConcurrency || overlaps(ready.byId))) {
        await Promise.race([...merges].map((m) => m.settled));
      }
      if (failure) throw failure.error;
      const merge = { ids: ready.byId, settled: Promise.resolve() };
      merge.settled = this.guard('warehouse.load', () => this.mergeBatch(ready, run.runId, known))
        .then(
          (counts) => {
            info.inserted += counts.inserted;
            info.updated += counts.updated;
            info.unchanged += counts.unchanged;
            info.batches += 1;
          },
          (error: unknown) => {
            failure ??= { error }; // the first failure is the one reported
          },
        )
        .finally(() => merges.delete(merge));
      merges.add(merge);
    };
    try {
      for await (const posting of postings) {
        info.received += 1;
        const hash = loadContentHash(run, posting);
        digest.add(posting.id, hash);
        batch.add(posting, hash);
        if (batch.postings.length >= this.batchSize) await flush();
        // Parsing and hashing only await microtasks: let the event loop run now and then
        // so the in-flight merges can send their next statements meanwhile.
        else if (merges.size > 0 && info.received % 200 === 0) await yieldToEventLoop();
      }
      await flush();
      await settledAll();
      if (failure) throw (failure as { error: unknown }).error;
    } catch (error) {
      // Never leave a merge running behind a failure: wait for them, keep the first error.
      await settledAll();
      throw error;
    }
    info.checksum = digest.hex();
    info.durationMs = performance.now() - started;
    await this.guard('warehouse.load', () =>
      this.options.client.query(upsertAuditSql(this.options.schema), [
        run.runId,
        info.received,
        info.inserted,
        info.updated,
        info.unchanged,
        info.batches,
        info.checksum,
        JSON.stringify(run.sourceKeys ?? []),
        info.durationMs,
        run.quality ? JSON.stringify(run.quality) : null,
      ]),
    );
    return info;
  }

  /**
   * A batch of postings the client can type (direct-rows.ts) and that names each id once
   * goes straight into the final tables (direct-merge.ts); any other batch, or one whose
   * new ids another writer stored meanwhile, takes the staging merge.
   */
  private async mergeBatch(batch: Batch, runId: string, known: LoadDimensions): Promise<MergeCounts> {
    if (batch.direct && this.options.direct !== false) {
      try {
        return await directMerge(this.options.client, this.options.schema, batch, runId, known);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    }
    return this.stagedMerge(batch, runId);
  }

  /** The whole batch through the staging table and the set-based merge (merge-sql.ts). */
  private async stagedMerge(batch: Batch, runId: string): Promise<MergeCounts> {
    return this.options.client.transaction(async (tx) => {
      // A batch whose every (id, content hash) is already stored would merge to nothing
      // (the merge only writes rows whose hash differs): count it unchanged and skip the
      // COPY and the merge. An idempotent rerun then costs one indexed lookup per batch.
      if (batch.consistent) {
        const stored = await tx.query<{ n: number }>(storedMatchesSql(this.options.schema), [
          batch.ids(),
          batch.uniqueHashes(),
        ]);
        const distinct = batch.byId.size;
        if ((stored.rows[0]?.n ?? 0) === distinct) return { inserted: 0, updated: 0, unchanged: distinct };
      }
      await tx.query(createStageRawSql());
      await tx.copyCsv(STAGE_RAW, ['doc', 'content_hash'], batch.lines());
      await tx.query(createStageSql());
      const states = await tx.query<{ state: string; n: number }>(classifySql(this.options.schema));
      for (const statement of mergeStatements(this.options.schema)) {
        await tx.query(statement, statement.includes('$1') ? [runId] : []);
      }
      const count = (state: string) => states.rows.find((r) => r.state === state)?.n ?? 0;
      return { inserted: count('inserted'), updated: count('updated'), unchanged: count('unchanged') };
    });
  }

  async query(name: AnalyticQuery, params: QueryParams = {}): Promise<Row[]> {
    if (!(ANALYTIC_QUERIES as readonly string[]).includes(name)) {
      throw ProviderError.because(
        this.options.provider,
        'warehouse.query',
        'invalid-request',
        `unknown analytic query "${name}"`,
      );
    }
    const limit = effectiveLimit(name, params.limit);
    const result = await this.guard('warehouse.query', () =>
      this.options.client.query<Row>(analyticSql(this.options.schema, name), [limit]),
    );
    return result.rows;
  }

  async fingerprints(ids: readonly string[]): Promise<Map<string, string[]>> {
    const result = await this.guard('warehouse.fingerprints', () =>
      this.options.client.query<{ id: string; content_hash: string }>(fingerprintsSql(this.options.schema), [[...ids]]),
    );
    return groupFingerprints(result.rows.map((row) => ({ id: row.id, contentHash: row.content_hash })));
  }

  async close(): Promise<void> {
    try {
      await this.options.onClose?.();
    } finally {
      await this.options.client.close();
    }
  }

  private async guard<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (isProviderError(error)) throw error;
      throw (
        this.options.mapError?.(error, operation) ??
        ProviderError.because(this.options.provider, operation, 'unknown', describe(error), { cause: error })
      );
    }
  }
}

/** One batch of postings with their content hashes, serialized only for the path that needs it. */
interface Batch {
  postings: Posting[];
  hashes: string[];
  byId: Map<string, string>;
  /** False when the batch repeats an id with different content (then it always merges). */
  consistent: boolean;
  /** Every posting typed by the client and no id repeated: the direct path applies. */
  direct: boolean;
  add(posting: Posting, hash: string): void;
  ids(): string[];
  uniqueHashes(): string[];
  /** The postings as staging COPY lines (UTF-8 bytes): JSON document, content hash. */
  lines(): Buffer[];
}

function newBatch(): Batch {
  const batch: Batch = {
    postings: [],
    hashes: [],
    byId: new Map(),
    consistent: true,
    direct: true,
    add(posting, hash) {
      const prior = batch.byId.get(posting.id);
      if (prior !== undefined) {
        batch.direct = false; // the newest copy must win: the staging merge decides
        if (prior !== hash) batch.consistent = false;
      }
      if (batch.direct && !directShape(posting)) batch.direct = false;
      batch.byId.set(posting.id, hash);
      batch.postings.push(posting);
      batch.hashes.push(hash);
    },
    ids: () => [...batch.byId.keys()],
    uniqueHashes: () => [...batch.byId.values()],
    lines: () => batch.postings.map((p, i) => Buffer.from(`${csvField(JSON.stringify(p))},${batch.hashes[i]}\n`)),
  };
  return batch;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
