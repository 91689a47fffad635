/**
 * What the BigQuery warehouse sends, checked at the HTTP level: a recording proxy in
 * front of the emulator sees every job the warehouse creates (the emulator accepts
 * `maximumBytesBilled` and `useQueryCache` but bills nothing and caches nothing, so only
 * the request can show they are sent) and every job resource it reads back, and a local
 * server answering in the documented error format shows a job refused for its byte limit
 * surfaces as `quota-exceeded`.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hasErrorCode } from '../core/index.ts';
import { emulatorEnv } from '../../emulators/test-session.ts';
import { needs } from '../../test/support/needs.ts';
import { asAsync, makePostings } from '../testing/posting-fixtures.ts';
import { makeBigQuery } from './bigquery-client.ts';
import { BigQueryWarehouse } from './bigquery-warehouse.ts';
import { readGcpConfig } from './config.ts';

async function body(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The parts of a jobs.get answer this test reads. */
interface JobResourceSeen {
  configuration?: { query?: unknown; load?: unknown };
  statistics?: { totalBytesProcessed?: string; query?: { totalBytesProcessed?: string; totalBytesBilled?: string } };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('gcp BigQuery requests', function () {
  this.timeout(120_000);
  before(function () {
    needs(this, 'emulators');
  });
  const servers: Server[] = [];
  after(async function () {
    for (const server of servers) await new Promise((resolve) => server.close(resolve));
  });

  it('sends maximumBytesBilled and useQueryCache: false with every query job, loads through load jobs, and bills what the job resources said', async function () {
    const env = emulatorEnv('gcp');
    const target = readGcpConfig(env).bigqueryEndpoint;
    const jobs: Array<{ path: string; configuration: Record<string, unknown> }> = [];
    // jobs.get answers (https://cloud.google.com/bigquery/docs/reference/rest/v2/jobs/get), the last one per job id.
    const resources = new Map<string, JobResourceSeen>();
    const proxy = createServer(async (request, response) => {
      const payload = await body(request);
      const path = request.url ?? '/';
      if (request.method === 'POST' && /\/projects\/[^/]+\/jobs(\?|$)/.test(path)) {
        // jobs.insert: a JSON Job (https://cloud.google.com/bigquery/docs/reference/rest/v2/jobs/insert),
        // or for uploads a multipart/related body whose first part is that JSON.
        const text = payload.toString('utf8');
        const json = text.startsWith('{')
          ? text
          : text.slice(text.indexOf('{'), text.indexOf('\r\n--', text.indexOf('{')));
        jobs.push({
          path,
          configuration: (JSON.parse(json) as { configuration: Record<string, unknown> }).configuration,
        });
      }
      // Hop-by-hop headers stay here; fetch sets its own framing.
      const hop = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'keep-alive']);
      const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !hop.has(name))) as Record<
        string,
        string
      >;
      try {
        const upstream = await fetch(`${target}${path}`, {
          method: request.method ?? 'GET',
          headers,
          ...(payload.length > 0 ? { body: new Uint8Array(payload) } : {}),
        });
        const answer = Buffer.from(await upstream.arrayBuffer());
        const jobGet = /\/projects\/[^/]+\/jobs\/([^/?]+)/.exec(path);
        if (request.method === 'GET' && jobGet && upstream.ok)
          resources.set(jobGet[1]!, JSON.parse(answer.toString('utf8')) as JobResourceSeen);
        response.writeHead(upstream.status, {
          'content-type': upstream.headers.get('content-type') ?? 'application/json',
        });
        response.end(answer);
      } catch (error) {
        response.writeHead(502, { 'content-type': 'text/plain' });
        response.end(String(error));
      }
    });
    servers.push(proxy);
    const config = { ...readGcpConfig(env), bigqueryEndpoint: await listen(proxy), maxBytesBilled: '123456789' };
    const warehouse = new BigQueryWarehouse({
      bigquery: makeBigQuery(config),
      config,
      dataset: `requests_${randomUUID().replaceAll('-', '').slice(0, 12)}`,
      batchSize: 10,
      dropDatasetOnClose: true,
    });
    try {
      await warehouse.migrate();
      const info = await warehouse.load(asAsync(makePostings(25)), { runId: 'requests-run' });
      assert.equal(info.inserted, 25);
      await warehouse.query('top_skills');
    } finally {
      await warehouse.close();
    }
    const queries = jobs.filter((job) => 'query' in job.configuration);
    const loads = jobs.filter((job) => 'load' in job.configuration);
    assert.equal(loads.length, 3, 'one load job per batch of 10');
    for (const load of loads) {
      assert.match(load.path, /^\/upload\//);
      assert.equal((load.configuration.load as { sourceFormat: string }).sourceFormat, 'NEWLINE_DELIMITED_JSON');
    }
    assert.ok(queries.length >= 8, `migrate, 3 × (classify + merge), audit and a query: got ${queries.length}`);
    for (const query of queries) {
      assert.equal((query.configuration.query as { maximumBytesBilled?: string }).maximumBytesBilled, '123456789');
      assert.equal(
        (query.configuration.query as { useQueryCache?: unknown }).useQueryCache,
        false,
        'the result cache is off',
      );
    }
    assert.ok(queries.some((q) => /MERGE `fact_posting`/.test((q.configuration.query as { query: string }).query)));

    // billing() holds what the job resources said, no more: each job read back once done.
    const billing = await warehouse.billing();
    const queried = [...resources.values()].filter((job) => job.configuration?.query);
    const loaded = [...resources.values()].filter((job) => job.configuration?.load);
    assert.equal(billing.queryJobs, queries.length);
    assert.equal(queried.length, queries.length, 'a jobs.get for every query job');
    assert.equal(billing.loadJobs, 3);
    assert.equal(loaded.length, 3);
    const int = (value: string | undefined) => (value === undefined ? 0 : Number(value));
    assert.equal(
      billing.bytesProcessed,
      queried.reduce(
        (sum, job) => sum + int(job.statistics?.query?.totalBytesProcessed ?? job.statistics?.totalBytesProcessed),
        0,
      ),
    );
    assert.equal(
      billing.bytesBilled,
      queried.reduce((sum, job) => sum + int(job.statistics?.query?.totalBytesBilled), 0),
    );
    assert.equal(
      billing.jobsWithoutStatistics,
      queried.filter((job) => job.statistics?.query?.totalBytesBilled === undefined).length,
    );
    assert.equal(billing.cacheHits, 0, 'nothing answered from a cache');
    assert.equal(
      billing.statementTypes.SCRIPT,
      4,
      "migrate's DDL script and one merge script per batch, each counted once",
    );
    // What bqemulator 1.4.0 reports: "0" bytes processed and no bytes billed on every query
    // job, no bytes on load jobs. If a later emulator fills them in, these lines say so.
    assert.equal(billing.jobsWithoutStatistics, billing.queryJobs);
    assert.equal(billing.bytesProcessed, 0);
    assert.equal(billing.loadJobsWithoutStatistics, 3);
  });

  it('reports a job refused for its byte limit as quota-exceeded', async function () {
    const server = createServer(async (request, response) => {
      await body(request);
      // The documented error body of a refused request (https://cloud.google.com/bigquery/docs/error-messages).
      response.writeHead(400, { 'content-type': 'application/json; charset=UTF-8' });
      response.end(
        JSON.stringify({
          error: {
            code: 400,
            message: 'Query exceeded limit for bytes billed: 1000. 10485760 or higher required.',
            errors: [
              {
                message: 'Query exceeded limit for bytes billed: 1000. 10485760 or higher required.',
                domain: 'global',
                reason: 'bytesBilledLimitExceeded',
              },
            ],
            status: 'INVALID_ARGUMENT',
          },
        }),
      );
    });
    servers.push(server);
    const config = {
      ...readGcpConfig(emulatorEnv('gcp')),
      bigqueryEndpoint: await listen(server),
      maxBytesBilled: '1000',
    };
    const warehouse = new BigQueryWarehouse({ bigquery: makeBigQuery(config), config, dataset: 'unused' });
    await assert.rejects(warehouse.query('posting_count'), (error: unknown) => hasErrorCode(error, 'quota-exceeded'));
  });
});
