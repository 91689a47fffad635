/**
 * The star-schema warehouse on BigQuery, one dataset per namespace. Each batch goes in
 * through a batch load job (NDJSON into a fresh staging table: free, unlike streaming
 * inserts — https://cloud.google.com/bigquery/docs/batch-loading-data), then a classify
 * query and one multi-statement transaction of MERGEs
 * (https://cloud.google.com/bigquery/docs/transactions), so a failed batch leaves nothing
 * half-merged and a reloaded batch changes nothing.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BigQuery, Job } from '@google-cloud/bigquery';
import {
  ANALYTIC_QUERIES,
  effectiveLimit,
  groupFingerprints,
  loadContentHash,
  ProviderError,
  type AnalyticQuery,
  type Cell,
  type LoadInfo,
  type LoadRun,
  type Posting,
  type QueryParams,
  type Row,
  type Warehouse,
  type WarehouseBilling,
} from '../core/index.ts';
import { RunningDigest } from '../core/running-digest.ts';
import { queryRunner, type QueryRunner } from './bigquery-client.ts';
import { auditSql, classifySql, mergeStatements } from './bigquery-merge.ts';
import { analyticSql, FINGERPRINTS_SQL } from './bigquery-queries.ts';
import { schemaStatements, stageSchema } from './bigquery-schema.ts';
import type { GcpConfig } from './config.ts';
import { googleError } from './errors.ts';
import { JobStatisticsMeter, type JobResource } from './job-statistics.ts';
import { stageRow } from './stage-row.ts';

/** Lifetime of a staging table if the load that made it never dropped it. */
const STAGE_TTL_MS = 24 * 3600 * 1000;

export interface BigQueryWarehouseOptions {
  bigquery: BigQuery;
  config: GcpConfig;
  /** Dataset holding the tables (tests use a fresh one). */
  dataset: string;
  /** Postings per load job + merge (BigQuery caps load jobs per table per day: keep batches large). */
  batchSize?: number;
  /** Deletes the dataset with its tables when the warehouse closes (test namespaces). */
  dropDatasetOnClose?: boolean;
}

export class BigQueryWarehouse implements Warehouse {
  private readonly runner: QueryRunner;
  private readonly batchSize: number;
  private readonly meter = new JobStatisticsMeter();

  constructor(private readonly options: BigQueryWarehouseOptions) {
    this.runner = queryRunner(options.bigquery, options.config, options.dataset, this.meter);
    this.batchSize = options.batchSize ?? 20_000;
  }

  private get dataset() {
    return this.options.bigquery.dataset(this.options.dataset, { location: this.options.config.location });
  }

  async migrate(): Promise<void> {
    await this.guard('warehouse.migrate', async () => {
      const [exists] = await this.dataset.exists();
      if (!exists) {
        try {
          await this.dataset.create({ location: this.options.config.location });
        } catch (error) {
          if (googleError(error, 'warehouse.migrate').code !== 'already-exists') throw error;
        }
      }
      await this.runner.run(`${schemaStatements().join(';\n')};`);
    });
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
    let batch: Posting[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const counts = await this.guard('warehouse.load', () => this.mergeBatch(batch, run, digest));
      info.inserted += counts.inserted;
      info.updated += counts.updated;
      info.unchanged += counts.unchanged;
      info.batches += 1;
      batch = [];
    };
    for await (const posting of postings) {
      info.received += 1;
      batch.push(posting);
      if (batch.length >= this.batchSize) await flush();
    }
    await flush();
    info.checksum = digest.hex();
    info.durationMs = performance.now() - started;
    await this.guard('warehouse.load', () =>
      this.runner.run(auditSql(), {
        run_id: run.runId,
        received: info.received,
        inserted: info.inserted,
        updated: info.updated,
        unchanged: info.unchanged,
        batches: info.batches,
        checksum: info.checksum,
        source_keys: JSON.stringify(run.sourceKeys ?? []),
        duration_ms: info.durationMs,
      }),
    );
    return info;
  }

  private async mergeBatch(batch: readonly Posting[], run: LoadRun, digest: RunningDigest) {
    const runId = run.runId;
    // One row per id, the newest copy winning, as the Postgres merge does with DISTINCT ON.
    const newest = new Map<string, { posting: Posting; hash: string }>();
    for (const posting of batch) {
      const hash = loadContentHash(run, posting);
      digest.add(posting.id, hash);
      const seen = newest.get(posting.id);
      if (!seen || seen.posting.collectedAt <= posting.collectedAt) newest.set(posting.id, { posting, hash });
    }
    const ndjson = [...newest.values()]
      .map(({ posting, hash }) => `${JSON.stringify(stageRow(posting, hash))}\n`)
      .join('');
    const stage = `stage_${randomUUID().replaceAll('-', '')}`;
    try {
      await this.loadStage(stage, ndjson);
      const states = await this.runner.run<{ state: string; n: number }>(classifySql(stage));
      const script = ['BEGIN TRANSACTION', ...mergeStatements(stage, runId), 'COMMIT TRANSACTION'].join(';\n');
      await this.runner.run(`${script};`);
      const count = (state: string) => Number(states.find((r) => r.state === state)?.n ?? 0);
      return { inserted: count('inserted'), updated: count('updated'), unchanged: count('unchanged') };
    } finally {
      await this.dataset
        .table(stage)
        .delete({ ignoreNotFound: true })
        .catch(() => undefined);
    }
  }

  /** A batch load job: NDJSON streamed to the upload endpoint into a new staging table. */
  private async loadStage(stage: string, ndjson: string): Promise<void> {
    // Created first with an expiry, so a crash between load and drop leaves nothing for long.
    await this.dataset.createTable(stage, { schema: stageSchema(), expirationTime: String(Date.now() + STAGE_TTL_MS) });
    const stream = this.dataset.table(stage).createWriteStream({
      sourceFormat: 'NEWLINE_DELIMITED_JSON',
      schema: stageSchema(),
      createDisposition: 'CREATE_NEVER',
      writeDisposition: 'WRITE_TRUNCATE',
    });
    const jobCreated = new Promise<Job>((resolve, reject) => {
      stream.once('job', resolve);
      stream.once('error', reject);
    });
    await pipeline(Readable.from([ndjson]), stream);
    this.meter.recordLoadJob(await waitForJob(await jobCreated));
  }

  async query(name: AnalyticQuery, params: QueryParams = {}): Promise<Row[]> {
    if (!(ANALYTIC_QUERIES as readonly string[]).includes(name)) {
      throw ProviderError.because('gcp', 'warehouse.query', 'invalid-request', `unknown analytic query "${name}"`);
    }
    const limit = effectiveLimit(name, params.limit);
    if (!Number.isSafeInteger(limit) || limit < 0) {
      throw ProviderError.because(
        'gcp',
        'warehouse.query',
        'invalid-request',
        `limit must be a whole number ≥ 0, got ${limit}`,
      );
    }
    const rows = await this.guard('warehouse.query', () =>
      this.runner.run<Record<string, unknown>>(analyticSql(name, limit), undefined, true),
    );
    return rows.map(plainRow);
  }

  async fingerprints(ids: readonly string[]): Promise<Map<string, string[]>> {
    if (ids.length === 0) return new Map();
    const rows = await this.guard('warehouse.fingerprints', () =>
      this.runner.run<{ id: string; content_hash: string }>(FINGERPRINTS_SQL, { ids: [...ids] }),
    );
    return groupFingerprints(rows.map((row) => ({ id: String(row.id), contentHash: String(row.content_hash) })));
  }

  /**
   * Jobs run since this warehouse was created, with the bytes BigQuery reported for them
   * in each job's statistics (providers/gcp/job-statistics.ts), once the statistics still
   * being read have arrived.
   */
  async billing(): Promise<WarehouseBilling> {
    await this.meter.settled();
    return this.meter.billing();
  }

  async close(): Promise<void> {
    if (this.options.dropDatasetOnClose) {
      await this.guard('warehouse.close', () => this.dataset.delete({ force: true }).then(() => undefined));
    }
  }

  private async guard<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw googleError(error, operation);
    }
  }
}

/**
 * Polls a job until its state is DONE (https://cloud.google.com/bigquery/docs/reference/rest/v2/Job#JobStatus),
 * backing off up to 2 s, and fails with its errorResult if it has one. Returns the done
 * job resource, statistics included.
 */
async function waitForJob(job: Job): Promise<JobResource> {
  let delay = 100;
  for (;;) {
    const [metadata] = await job.getMetadata();
    const status = (metadata as { status?: { state?: string; errorResult?: { reason?: string; message?: string } } })
      .status;
    if (status?.state === 'DONE') {
      if (status.errorResult) {
        throw Object.assign(new Error(status.errorResult.message ?? 'load job failed'), {
          errors: [status.errorResult],
        });
      }
      return metadata as JobResource;
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 2000);
  }
}

/** BigQuery's DATE/TIMESTAMP wrappers and big integers as plain JS values. */
function plainRow(row: Record<string, unknown>): Row {
  const out: Row = {};
  for (const [column, value] of Object.entries(row)) out[column] = plainCell(value);
  return out;
}

function plainCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'object' && 'value' in value) return String((value as { value: unknown }).value);
  return String(value);
}
