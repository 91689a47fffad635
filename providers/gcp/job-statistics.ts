/**
 * What BigQuery reports about each job the warehouse ran, summed per warehouse: the bytes
 * a query job processed and billed, cache hits and statement types, and what load jobs
 * read and wrote. The figures are copied from the job resource BigQuery returns
 * (jobs.get), never estimated: on-demand analysis is priced by `totalBytesBilled`
 * (https://cloud.google.com/bigquery/pricing#on_demand_pricing, read 2026-12-04).
 *
 * A script (the merge transaction) is one parent job whose statistics already sum its
 * child jobs ("the SCRIPT row includes summary values for all child jobs",
 * https://cloud.google.com/bigquery/docs/information-schema-jobs, read 2026-12-04), so only
 * the parent is counted, never its children. A job that fails is not counted: "you aren't
 * charged for queries that return an error"
 * (https://cloud.google.com/bigquery/docs/information-schema-jobs, read 2026-12-04).
 */
import type { WarehouseBilling } from '../core/index.ts';

/**
 * The fields of a Job resource read here
 * (https://cloud.google.com/bigquery/docs/reference/rest/v2/Job, read 2026-12-04). Int64
 * values travel as JSON strings.
 */
export interface JobResource {
  statistics?: {
    /** JobStatistics.totalBytesProcessed: the job's total, also set on query jobs. */
    totalBytesProcessed?: string;
    /** JobStatistics2, for query jobs. */
    query?: {
      totalBytesProcessed?: string;
      totalBytesBilled?: string;
      cacheHit?: boolean;
      statementType?: string;
    };
    /** JobStatistics3, for load jobs. */
    load?: {
      inputFileBytes?: string;
      outputBytes?: string;
    };
  };
}

/** The place `WarehouseBilling.source` names for these figures. */
export const BIGQUERY_BILLING_SOURCE = 'bigquery-job-statistics';

/** An int64 carried as a decimal string (or a number), or null when absent or malformed. */
function int64(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : null;
  if (typeof value !== 'string' || !/^[0-9]+$/.test(value)) return null;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : null;
}

export class JobStatisticsMeter {
  private queryJobs = 0;
  private bytesProcessed = 0;
  private bytesBilled = 0;
  private cacheHits = 0;
  private jobsWithoutStatistics = 0;
  private readonly statementTypes = new Map<string, number>();
  private loadJobs = 0;
  private loadInputBytes = 0;
  private loadOutputBytes = 0;
  private loadJobsWithoutStatistics = 0;
  private readonly analytic = { queryJobs: 0, bytesBilled: 0, jobsWithoutStatistics: 0 };
  /** Statistics reads still under way (started after their job answered). */
  private readonly pending = new Set<Promise<void>>();

  /** Keeps `read` until it settles, so `settled()` can wait for it. */
  track(read: Promise<void>): void {
    const held = read.finally(() => this.pending.delete(held));
    this.pending.add(held);
  }

  /** Resolves once every tracked statistics read has been recorded. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /**
   * A completed query job; `null` when its job resource could not be read. `analytic`: a
   * named analytic query (`Warehouse.query`), also summed apart.
   */
  recordQueryJob(job: JobResource | null, analytic = false): void {
    this.queryJobs += 1;
    const query = job?.statistics?.query;
    const type =
      typeof query?.statementType === 'string' && query.statementType !== '' ? query.statementType : 'unknown';
    this.statementTypes.set(type, (this.statementTypes.get(type) ?? 0) + 1);
    if (query?.cacheHit === true) this.cacheHits += 1;
    const processed = int64(query?.totalBytesProcessed) ?? int64(job?.statistics?.totalBytesProcessed);
    if (processed !== null) this.bytesProcessed += processed;
    const billed = int64(query?.totalBytesBilled);
    if (billed === null) this.jobsWithoutStatistics += 1;
    else this.bytesBilled += billed;
    if (analytic) {
      this.analytic.queryJobs += 1;
      if (billed === null) this.analytic.jobsWithoutStatistics += 1;
      else this.analytic.bytesBilled += billed;
    }
  }

  /** A completed load job; `null` when its job resource could not be read. */
  recordLoadJob(job: JobResource | null): void {
    this.loadJobs += 1;
    const input = int64(job?.statistics?.load?.inputFileBytes);
    const output = int64(job?.statistics?.load?.outputBytes);
    if (input !== null) this.loadInputBytes += input;
    if (output !== null) this.loadOutputBytes += output;
    if (input === null && output === null) this.loadJobsWithoutStatistics += 1;
  }

  /** The sums so far (a copy: later jobs do not change it). */
  billing(): WarehouseBilling {
    return {
      source: BIGQUERY_BILLING_SOURCE,
      queryJobs: this.queryJobs,
      bytesProcessed: this.bytesProcessed,
      bytesBilled: this.bytesBilled,
      cacheHits: this.cacheHits,
      jobsWithoutStatistics: this.jobsWithoutStatistics,
      statementTypes: Object.fromEntries([...this.statementTypes].sort(([a], [b]) => a.localeCompare(b))),
      analytic: { ...this.analytic },
      loadJobs: this.loadJobs,
      loadInputBytes: this.loadInputBytes,
      loadOutputBytes: this.loadOutputBytes,
      loadJobsWithoutStatistics: this.loadJobsWithoutStatistics,
    };
  }
}
