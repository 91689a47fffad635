/**
 * BigQueryWarehouse.billing() on the figures BigQuery reports: a local server answers the
 * load, the classify query, the merge script, the audit MERGE, a query and a fingerprints
 * call in the documented REST shapes, with job statistics as real BigQuery fills them
 * (the emulator reports none: see bigquery-requests.test.ts).
 */
import assert from 'node:assert/strict';
import { startBigQueryReplay, type BigQueryReplay, type JobStatisticsJson } from '../testing/bigquery-replay-server.ts';
import { asAsync, makePostings } from '../testing/posting-fixtures.ts';
import { makeBigQuery } from './bigquery-client.ts';
import { BigQueryWarehouse } from './bigquery-warehouse.ts';
import { readGcpConfig } from './config.ts';

const MIB = 1024 * 1024;

/** JobStatistics of a done query job: job-level total and JobStatistics2 (int64 as strings). */
function queryStatistics(statementType: string, processed: number, billed: number | null): JobStatisticsJson {
  return {
    creationTime: '1796400000000',
    startTime: '1796400000100',
    endTime: '1796400000900',
    totalBytesProcessed: String(processed),
    query: {
      statementType,
      totalBytesProcessed: String(processed),
      ...(billed === null ? {} : { totalBytesBilled: String(billed) }),
      cacheHit: false,
      totalSlotMs: '42',
    },
  };
}

/** What each statement "scanned": distinct per type so a misattributed job shows in the sums. */
function byStatement(sql: string): JobStatisticsJson {
  const text = sql.trim();
  // A script's parent job: its totals already include the child statements.
  if (text.startsWith('BEGIN TRANSACTION'))
    return { ...queryStatistics('SCRIPT', 3 * MIB, 30 * MIB), numChildJobs: '10' };
  if (text.startsWith('MERGE')) return queryStatistics('MERGE', 4096, 10 * MIB);
  return queryStatistics('SELECT', 1_234_567, 12 * MIB);
}

function warehouseOn(replay: BigQueryReplay): BigQueryWarehouse {
  const config = readGcpConfig({
    JOBBENCH_GCP_PROJECT: 'replay-project',
    JOBBENCH_GCP_BUCKET: 'unused',
    JOBBENCH_GCP_BIGQUERY_API_ENDPOINT: replay.endpoint,
  });
  return new BigQueryWarehouse({ bigquery: makeBigQuery(config), config, dataset: 'replayed' });
}

describe('gcp BigQuery billing from job statistics', function () {
  this.timeout(30_000);
  const replays: BigQueryReplay[] = [];
  after(async function () {
    for (const replay of replays) await replay.close();
  });

  it('reports the jobs run and the bytes their statistics said, the script once', async function () {
    const replay = await startBigQueryReplay({
      queryStatistics: byStatement,
      loadStatistics: () => ({
        creationTime: '1796400000000',
        load: { inputFiles: '1', inputFileBytes: '2345', outputBytes: '3456', outputRows: '3', badRecords: '0' },
      }),
    });
    replays.push(replay);
    const warehouse = warehouseOn(replay);
    assert.deepEqual((await warehouse.billing()).queryJobs, 0, 'nothing before the first job');

    await warehouse.load(asAsync(makePostings(3)), { runId: 'billing-run' });
    await warehouse.query('posting_count');
    await warehouse.fingerprints(['a', 'b']);

    const billing = await warehouse.billing();
    // load: classify (SELECT), merge script (SCRIPT), audit (MERGE); then a query and fingerprints (SELECT).
    assert.deepEqual(billing.statementTypes, { MERGE: 1, SCRIPT: 1, SELECT: 3 });
    assert.equal(billing.queryJobs, 5);
    assert.equal(billing.bytesBilled, 3 * 12 * MIB + 30 * MIB + 10 * MIB);
    assert.equal(billing.bytesProcessed, 3 * 1_234_567 + 3 * MIB + 4096);
    assert.equal(billing.jobsWithoutStatistics, 0);
    assert.equal(billing.cacheHits, 0);
    assert.equal(billing.loadJobs, 1);
    assert.equal(billing.loadInputBytes, 2345);
    assert.equal(billing.loadOutputBytes, 3456);
    assert.equal(billing.loadJobsWithoutStatistics, 0);
    // Only the analytic query (posting_count) is summed apart: not the load's jobs, not fingerprints.
    assert.equal(billing.analytic.queryJobs, 1);
    assert.equal(billing.analytic.bytesBilled, 12 * MIB);
    assert.equal(billing.analytic.jobsWithoutStatistics, 0);

    // The figures came from jobs.get (jobs.insert answered without statistics), once per job at least.
    for (const job of replay.jobs)
      assert.ok((replay.jobGets.get(job.jobId) ?? 0) >= 1, `jobs.get for ${job.kind} job ${job.jobId}`);
    const queries = replay.jobs.filter((job) => job.kind === 'query');
    assert.equal(queries.length, billing.queryJobs);
    for (const job of queries)
      assert.equal((job.configuration.query as { useQueryCache?: unknown }).useQueryCache, false);
  });

  it('counts jobs whose statistics carry no bytes billed apart, adding no figure for them', async function () {
    const replay = await startBigQueryReplay({
      queryStatistics: (sql) =>
        sql.trim().startsWith('SELECT COUNT(*) AS postings FROM')
          ? queryStatistics('SELECT', 0, null)
          : queryStatistics('SELECT', 100, 10 * MIB),
      loadStatistics: () => ({}),
    });
    replays.push(replay);
    const warehouse = warehouseOn(replay);
    await warehouse.query('posting_count');
    await warehouse.query('top_companies');
    const billing = await warehouse.billing();
    assert.equal(billing.queryJobs, 2);
    assert.equal(billing.jobsWithoutStatistics, 1);
    assert.equal(billing.bytesBilled, 10 * MIB);
    assert.equal(billing.bytesProcessed, 100);
    assert.deepEqual(billing.analytic, { queryJobs: 2, bytesBilled: 10 * MIB, jobsWithoutStatistics: 1 });
  });
});
