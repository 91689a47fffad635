/**
 * One place that builds the BigQuery client and runs query jobs, so every query job
 * carries `maximumBytesBilled` and the job location.
 */
import { BigQuery, type Query } from '@google-cloud/bigquery';
import { isLoopbackHost } from '../postgres/pg-client.ts';
import type { GcpConfig } from './config.ts';

/**
 * Emulators accept any bearer token. The library only sends an Authorization header when
 * it has credentials, and its multipart upload (load jobs from a stream) fails without a
 * header object at all, so emulator runs get this fixed-token client instead of ADC.
 */
const EMULATOR_AUTH = { getRequestHeaders: async () => new Headers({ authorization: 'Bearer emulator' }) };

export function isEmulatedEndpoint(endpoint: string): boolean {
  return endpoint !== '' && isLoopbackHost(new URL(endpoint).hostname);
}

export function makeBigQuery(config: GcpConfig): BigQuery {
  if (!config.bigqueryEndpoint) return new BigQuery({ projectId: config.project, location: config.location });
  return new BigQuery({
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
  run<T = Record<string, unknown>>(sql: string, params?: Record<string, unknown>): Promise<T[]>;
}

export function queryRunner(bigquery: BigQuery, config: GcpConfig, dataset: string): QueryRunner {
  return {
    async run<T>(sql: string, params?: Record<string, unknown>): Promise<T[]> {
      const options: Query = {
        query: sql,
        location: config.location,
        useLegacySql: false,
        // The job fails instead of billing more than this (a guard against a runaway query).
        maximumBytesBilled: config.maxBytesBilled,
        defaultDataset: { projectId: config.project, datasetId: dataset },
        jobPrefix: 'jobbench_',
        ...(params ? { params } : {}),
      };
      const [job] = await bigquery.createQueryJob(options);
      const [rows] = await job.getQueryResults({ autoPaginate: true });
      return rows as T[];
    },
  };
}
