/**
 * One place that builds the BigQuery client and runs query jobs, so every query job
 * carries `maximumBytesBilled`, the job location and `useQueryCache: false`, and has its
 * statistics recorded once it is done.
 */
import { BigQuery, type Query } from '@google-cloud/bigquery';
import { DEFAULT_DEADLINES, warehouseRequestTimeoutMs, type OperationDeadlines } from '../core/operation-deadlines.ts';
import { isLoopbackHost } from '../core/index.ts';
import type { GcpConfig } from './config.ts';
import type { JobResource, JobStatisticsMeter } from './job-statistics.ts';

/**
 * Emulators accept any bearer token. The library only sends an Authorization header when
 * it has credentials, and its multipart upload (load jobs from a stream) fails without a
 * header object at all, so emulator runs get this fixed-token client instead of ADC.
 */
const EMULATOR_AUTH = { getRequestHeaders: async () => new Headers({ authorization: 'Bearer emulator' }) };

/**
 * Picks only the fixed token, which tells a loopback endpoint nothing secret; whether results
 * are labelled emulated is JOBBENCH_GCP_EMULATED's call (index.ts), not the address's.
 */
function isEmulatedEndpoint(endpoint: string): boolean {
  return endpoint !== '' && isLoopbackHost(new URL(endpoint).hostname);
}

export function makeBigQuery(config: GcpConfig, deadlines: OperationDeadlines = DEFAULT_DEADLINES): BigQuery {
  // Per HTTP request: the longest warehouse deadline (JOBBENCH_TIMEOUT_*), so no request
  // (a query poll, a load upload) outlives it. `timeout` is read by the common Service base
  // class (@google-cloud/common ServiceOptions) though BigQueryOptions does not declare it.
  const timeout = { timeout: warehouseRequestTimeoutMs(deadlines) } as Record<string, unknown>;
  if (!config.bigqueryEndpoint)
    return new BigQuery({ projectId: config.project, location: config.location, ...timeout });
  return new BigQuery({
    ...timeout,
    projectId: config.project,
    location: config.location,
    apiEndpoint: config.bigqueryEndpoint,
    ...(isEmulatedEndpoint(config.bigqueryEndpoint)
      ? { authClient: EMULATOR_AUTH as unknown as NonNullable<ConstructorParameters<typeof BigQuery>[0]>['authClient'] }
      : {}),
  });
}

export interface QueryRunner {
  /** Runs one query job (a statement or a script) and returns its rows. */
  /** `analytic`: a named analytic query (`Warehouse.query`), metered apart as well. */
  run<T = Record<string, unknown>>(sql: string, params?: Record<string, unknown>, analytic?: boolean): Promise<T[]>;
}

export function queryRunner(
  bigquery: BigQuery,
  config: GcpConfig,
  dataset: string,
  meter: JobStatisticsMeter,
): QueryRunner {
  return {
    async run<T>(sql: string, params?: Record<string, unknown>, analytic = false): Promise<T[]> {
      const options: Query = {
        query: sql,
        location: config.location,
        useLegacySql: false,
        // The job fails instead of billing more than this (a guard against a runaway query).
        maximumBytesBilled: config.maxBytesBilled,
        // Every repetition does the work again, as on PostgreSQL, and is billed for it: a
        // cached result bills nothing and measures a lookup, not the query
        // (https://cloud.google.com/bigquery/docs/cached-results, read 2026-12-04).
        useQueryCache: false,
        defaultDataset: { projectId: config.project, datasetId: dataset },
        jobPrefix: 'jobbench_',
        ...(params ? { params } : {}),
      };
      const [job] = await bigquery.createQueryJob(options);
      const [rows] = await job.getQueryResults({ autoPaginate: true });
      // getQueryResults answers without totalBytesBilled; the job resource (jobs.get) has it
      // (https://cloud.google.com/bigquery/docs/reference/rest/v2/Job#JobStatistics2, read 2026-12-04).
      // That read is one more round trip PostgreSQL never makes, so it runs after the query
      // has answered, outside the time the caller measures; `billing()` waits for it. A
      // failed read is counted as a job without statistics.
      meter.track(
        job
          .getMetadata()
          .then(
            ([resource]) => resource as JobResource,
            () => null,
          )
          .then((metadata) => meter.recordQueryJob(metadata, analytic)),
      );
      return rows as T[];
    },
  };
}
