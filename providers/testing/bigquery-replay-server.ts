/**
 * A local server (127.0.0.1, port 0) answering the few BigQuery REST v2 calls the
 * warehouse makes for a load and its queries, in the documented JSON shapes, with job
 * statistics the test chooses: what real BigQuery reports and the emulator does not
 * (bqemulator 1.4.0 reports `totalBytesProcessed: "0"` and no `totalBytesBilled`).
 *
 * - jobs.insert (https://cloud.google.com/bigquery/docs/reference/rest/v2/jobs/insert) and
 *   its multipart upload form: answers the Job, DONE, without statistics, so figures can
 *   only come from jobs.get;
 * - jobs.getQueryResults (https://cloud.google.com/bigquery/docs/reference/rest/v2/jobs/getQueryResults):
 *   complete, no rows;
 * - jobs.get (https://cloud.google.com/bigquery/docs/reference/rest/v2/jobs/get): the Job with
 *   `statistics` (https://cloud.google.com/bigquery/docs/reference/rest/v2/Job#JobStatistics);
 * - tables.insert / tables.delete for the load's staging table.
 * All read 2026-12-04.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** `statistics` of a done job, as jobs.get returns it (int64 values are strings). */
export type JobStatisticsJson = Record<string, unknown>;

export interface BigQueryReplayOptions {
  /** Statistics jobs.get reports for a query job, chosen from its SQL. */
  queryStatistics: (sql: string) => JobStatisticsJson;
  /** Statistics jobs.get reports for a load job. */
  loadStatistics: () => JobStatisticsJson;
}

export interface ReplayedJob {
  jobId: string;
  kind: 'query' | 'load';
  configuration: Record<string, unknown>;
  statistics: JobStatisticsJson;
}

export interface BigQueryReplay {
  /** Pass as the BigQuery API endpoint (`JOBBENCH_GCP_BIGQUERY_API_ENDPOINT`). */
  endpoint: string;
  /** Jobs created, in order. */
  jobs: ReplayedJob[];
  /** jobs.get calls answered, by job id. */
  jobGets: Map<string, number>;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The Job JSON of a jobs.insert body: plain JSON, or the first part of a multipart/related upload. */
function jobOfBody(text: string): { jobReference?: { jobId?: string }; configuration: Record<string, unknown> } {
  const json = text.startsWith('{') ? text : text.slice(text.indexOf('{'), text.indexOf('\r\n--', text.indexOf('{')));
  return JSON.parse(json) as { jobReference?: { jobId?: string }; configuration: Record<string, unknown> };
}

function send(response: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    response.writeHead(status);
    response.end();
    return;
  }
  response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
  response.end(JSON.stringify(body));
}

export async function startBigQueryReplay(options: BigQueryReplayOptions): Promise<BigQueryReplay> {
  const jobs: ReplayedJob[] = [];
  const jobGets = new Map<string, number>();
  let counter = 0;
  const jobResource = (project: string, job: ReplayedJob, withStatistics: boolean) => ({
    kind: 'bigquery#job',
    id: `${project}:US.${job.jobId}`,
    jobReference: { projectId: project, jobId: job.jobId, location: 'US' },
    configuration: job.configuration,
    status: { state: 'DONE' },
    ...(withStatistics ? { statistics: job.statistics } : {}),
  });

  const server = createServer(async (request, response) => {
    const text = await readBody(request);
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    let match: RegExpExecArray | null;
    if (request.method === 'POST' && (match = /^(?:\/upload)?\/bigquery\/v2\/projects\/([^/]+)\/jobs$/.exec(path))) {
      const body = jobOfBody(text);
      const kind = 'load' in body.configuration ? 'load' : 'query';
      const sql = kind === 'query' ? String((body.configuration.query as { query?: unknown }).query ?? '') : '';
      const job: ReplayedJob = {
        jobId: body.jobReference?.jobId ?? `replay_${++counter}`,
        kind,
        configuration: body.configuration,
        statistics: kind === 'query' ? options.queryStatistics(sql) : options.loadStatistics(),
      };
      jobs.push(job);
      send(response, 200, jobResource(match[1]!, job, false));
      return;
    }
    if (request.method === 'GET' && (match = /^\/bigquery\/v2\/projects\/([^/]+)\/queries\/([^/]+)$/.exec(path))) {
      const job = jobs.find((j) => j.jobId === match![2]);
      if (!job)
        return send(response, 404, {
          error: { code: 404, message: `Not found: Job ${match[2]}`, errors: [{ reason: 'notFound' }] },
        });
      send(response, 200, {
        kind: 'bigquery#getQueryResultsResponse',
        jobReference: { projectId: match[1], jobId: job.jobId, location: 'US' },
        jobComplete: true,
        schema: { fields: [] },
        totalRows: '0',
      });
      return;
    }
    if (request.method === 'GET' && (match = /^\/bigquery\/v2\/projects\/([^/]+)\/jobs\/([^/]+)$/.exec(path))) {
      const job = jobs.find((j) => j.jobId === match![2]);
      if (!job)
        return send(response, 404, {
          error: { code: 404, message: `Not found: Job ${match[2]}`, errors: [{ reason: 'notFound' }] },
        });
      jobGets.set(job.jobId, (jobGets.get(job.jobId) ?? 0) + 1);
      send(response, 200, jobResource(match[1]!, job, true));
      return;
    }
    if (
      request.method === 'POST' &&
      (match = /^\/bigquery\/v2\/projects\/([^/]+)\/datasets\/([^/]+)\/tables$/.exec(path))
    ) {
      const table = JSON.parse(text) as { tableReference?: Record<string, string> };
      send(response, 200, { kind: 'bigquery#table', ...table });
      return;
    }
    if (request.method === 'DELETE' && /^\/bigquery\/v2\/projects\/[^/]+\/datasets\/[^/]+\/tables\/[^/]+$/.test(path)) {
      send(response, 204);
      return;
    }
    send(response, 404, {
      error: { code: 404, message: `not replayed: ${request.method} ${path}`, errors: [{ reason: 'notFound' }] },
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    jobs,
    jobGets,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
