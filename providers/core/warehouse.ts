/**
 * The warehouse interface: a star schema (docs/lake-and-warehouse.md) that every backend holds with the
 * same logical model, loaded idempotently and read through named analytic queries.
 */
import { postingContentHash, type Posting } from './posting.ts';

/** Identifies the run a load belongs to; written to `load_audit`. */
export interface LoadRun {
  runId: string;
  /** Lake keys of the clean objects being loaded, for the audit trail. */
  sourceKeys?: readonly string[];
  /** Data-quality figures of the run (before/after cleaning), kept in `load_audit`. */
  quality?: Record<string, unknown>;
  /**
   * The content hash the caller already computed for this very posting object, if any
   * (the load stage verifies each clean chunk with them before handing its postings over):
   * the warehouse then does not hash it a second time. Undefined: the warehouse computes
   * it (`postingContentHash`). Only for objects nobody changes between the two.
   */
  contentHashOf?: (posting: Posting) => string | undefined;
}

/** The posting's content hash as `run` already knows it, else computed. */
export function loadContentHash(run: LoadRun, posting: Posting): string {
  return run.contentHashOf?.(posting) ?? postingContentHash(posting);
}

/** What one load did (dlt's load info idea): counts are after the merge. */
export interface LoadInfo {
  runId: string;
  /** Postings received by `load`. */
  received: number;
  /** New rows in fact_posting. */
  inserted: number;
  /** Existing rows whose content changed. */
  updated: number;
  /** Existing rows already identical (an idempotent rerun lands here). */
  unchanged: number;
  /** Batches sent to the backend. */
  batches: number;
  /** Order-independent digest of the loaded postings: sum mod 2^256 of sha256(id:contentHash), hex. */
  checksum: string;
  durationMs: number;
}

/** The analytic queries the dashboards and benchmarks run; same names on every backend. */
export const ANALYTIC_QUERIES = [
  'table_counts',
  'posting_count',
  'top_skills',
  'salary_by_seniority',
  'salary_by_region',
  'postings_by_departement',
  'postings_over_time',
  'top_companies',
  'remote_share',
  'contract_mix',
  'market_postings',
] as const;
export type AnalyticQuery = (typeof ANALYTIC_QUERIES)[number];

/**
 * A query's row limit when the caller gives none: ranked queries return their top 20, the
 * ones a dashboard needs whole (postings over time, the market postings) far more. Part of
 * the query contract, so every backend answers the same rows.
 */
export function effectiveLimit(name: AnalyticQuery, limit: number | undefined): number {
  if (name === 'postings_over_time') return limit ?? 10_000;
  if (name === 'market_postings') return limit ?? 50_000;
  return limit ?? 20;
}

export interface QueryParams {
  /** Row limit for ranked queries (default 20). */
  limit?: number;
}

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

export interface Warehouse {
  /** Creates or upgrades the schema; running it twice changes nothing. */
  migrate(): Promise<void>;
  /** Merges postings on `id`; reloading the same postings changes no counts. */
  load(postings: AsyncIterable<Posting>, run: LoadRun): Promise<LoadInfo>;
  /** Runs a named analytic query. Numbers come back as JS numbers on every backend. */
  query(name: AnalyticQuery, params?: QueryParams): Promise<Row[]>;
  /**
   * The content hashes stored for these posting ids: one entry per stored row, so an id
   * held twice (a backend without a primary key) lists two hashes and an id not stored is
   * absent. Callers ask in batches (`FINGERPRINT_BATCH`), so checking a run of any size
   * holds one batch in memory, never the whole fact table.
   */
  fingerprints(ids: readonly string[]): Promise<Map<string, string[]>>;
  /** Releases connections; the warehouse is unusable afterwards. */
  close(): Promise<void>;
  /**
   * What the backend itself reported about the jobs this warehouse ran, cumulative since
   * the warehouse object was created (never reset). Only backends that bill per job and
   * report it per job implement it (BigQuery, from each job's statistics); the PostgreSQL
   * backends (local, aws, azure) do not: they bill instance hours, not work. It resolves
   * once the statistics of the jobs that already answered have been read (the read runs
   * after each job, outside the time its caller measures). Provider layers forward it
   * unchanged, and only when the inner warehouse has it (providers/layers/layer.ts).
   */
  billing?(): Promise<WarehouseBilling>;
}

/**
 * Usage a warehouse backend reported for its own jobs (`Warehouse.billing`). Every figure
 * is copied from the backend's job statistics, never estimated: a job whose statistics
 * lack a figure adds nothing to it and is counted as without statistics instead.
 */
export interface WarehouseBilling {
  /** Where the figures come from, e.g. `bigquery-job-statistics`. */
  source: string;
  /** Query jobs that completed: queries, DML, scripts (one per script, not per statement), DDL. */
  queryJobs: number;
  /** Sum of the query jobs' reported bytes processed. */
  bytesProcessed: number;
  /** Sum of the query jobs' reported bytes billed: the quantity on-demand analysis is priced by. */
  bytesBilled: number;
  /** Query jobs answered from the backend's result cache (billed nothing). */
  cacheHits: number;
  /**
   * Query jobs whose statistics did not report bytes billed (or could not be read). When it
   * is above 0, `bytesBilled` undercounts and is not a measurement of the whole run.
   */
  jobsWithoutStatistics: number;
  /** Query jobs by the statement type the backend reported (`SELECT`, `MERGE`, `SCRIPT`…; `unknown` when absent). */
  statementTypes: Record<string, number>;
  /**
   * The analytic queries among `queryJobs` (`Warehouse.query`: what a dashboard runs), with
   * their own bytes billed and missing statistics, so a projection of dashboard use is not
   * charged the loads' classify and MERGE jobs.
   */
  analytic: { queryJobs: number; bytesBilled: number; jobsWithoutStatistics: number };
  /** Load jobs that completed (free on BigQuery; counted for the record). */
  loadJobs: number;
  /** Sum of the load jobs' reported source bytes. */
  loadInputBytes: number;
  /** Sum of the load jobs' reported loaded bytes. */
  loadOutputBytes: number;
  /** Load jobs whose statistics reported neither input nor output bytes. */
  loadJobsWithoutStatistics: number;
}

/** Ids per `fingerprints` call that callers should send (one query each on every backend). */
export const FINGERPRINT_BATCH = 5000;

/** Groups (id, content hash) rows as `Warehouse.fingerprints` answers them. */
export function groupFingerprints(rows: Iterable<{ id: string; contentHash: string }>): Map<string, string[]> {
  const byId = new Map<string, string[]>();
  for (const { id, contentHash } of rows) {
    const hashes = byId.get(id);
    if (hashes) hashes.push(contentHash);
    else byId.set(id, [contentHash]);
  }
  return byId;
}

/** Tables of the star schema, as `table_counts` reports them. */
export const WAREHOUSE_TABLES = [
  'fact_posting',
  'dim_company',
  'dim_location',
  'dim_date',
  'dim_source',
  'dim_skill',
  'bridge_posting_skill',
  'load_audit',
] as const;

/**
 * The columns of `fact_posting`, in the order both dialects write them (the PostgreSQL COPY of
 * new rows, BigQuery's MERGE); each dialect's schema declares their types.
 */
export const FACT_POSTING_COLUMNS = [
  'posting_id',
  'source_key',
  'source_id',
  'company_key',
  'location_key',
  'posted_date_key',
  'url',
  'title',
  'description',
  'contract_type',
  'working_time',
  'remote',
  'seniority',
  'salary_min_eur_year',
  'salary_max_eur_year',
  'salary_predicted',
  'salary_raw',
  'location_raw',
  'posted_at',
  'collected_at',
  'raw_key',
  'duplicates',
  'content_hash',
  'first_run_id',
  'last_run_id',
] as const;
