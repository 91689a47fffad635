/**
 * Summing job statistics, on job resources in the shape jobs.get documents
 * (https://cloud.google.com/bigquery/docs/reference/rest/v2/Job#JobStatistics, read 2026-12-04).
 */
import assert from 'node:assert/strict';
import { BIGQUERY_BILLING_SOURCE, JobStatisticsMeter } from './job-statistics.ts';

describe('JobStatisticsMeter', function () {
  it('sums bytes processed and billed of query jobs, by statement type, and counts cache hits', function () {
    const meter = new JobStatisticsMeter();
    meter.recordQueryJob({
      statistics: {
        totalBytesProcessed: '1200',
        query: { statementType: 'SELECT', totalBytesProcessed: '1200', totalBytesBilled: '10485760', cacheHit: false },
      },
    });
    meter.recordQueryJob({
      statistics: {
        totalBytesProcessed: '7340032',
        query: { statementType: 'SCRIPT', totalBytesProcessed: '7340032', totalBytesBilled: '31457280' },
      },
    });
    meter.recordQueryJob({
      statistics: {
        query: { statementType: 'SELECT', totalBytesProcessed: '0', totalBytesBilled: '0', cacheHit: true },
      },
    });
    const billing = meter.billing();
    assert.equal(billing.source, BIGQUERY_BILLING_SOURCE);
    assert.equal(billing.queryJobs, 3);
    assert.equal(billing.bytesProcessed, 1200 + 7340032);
    assert.equal(billing.bytesBilled, 10485760 + 31457280);
    assert.equal(billing.cacheHits, 1);
    assert.equal(billing.jobsWithoutStatistics, 0);
    assert.deepEqual(billing.statementTypes, { SCRIPT: 1, SELECT: 2 });
  });

  it('counts a job without bytes billed, or whose resource was not read, and invents no figure for it', function () {
    const meter = new JobStatisticsMeter();
    // bqemulator 1.4.0's answer: bytes processed "0", no bytes billed.
    meter.recordQueryJob({
      statistics: { query: { statementType: 'MERGE', totalBytesProcessed: '0', cacheHit: false } },
    });
    meter.recordQueryJob(null);
    // Only the job-level total: still processed bytes, still no billed figure.
    meter.recordQueryJob({
      statistics: { totalBytesProcessed: '500', query: { statementType: 'SELECT', totalBytesBilled: 'not-a-number' } },
    });
    const billing = meter.billing();
    assert.equal(billing.queryJobs, 3);
    assert.equal(billing.jobsWithoutStatistics, 3);
    assert.equal(billing.bytesBilled, 0);
    assert.equal(billing.bytesProcessed, 500);
    assert.deepEqual(billing.statementTypes, { MERGE: 1, SELECT: 1, unknown: 1 });
  });

  it('sums load jobs input and output bytes, and counts those that report neither', function () {
    const meter = new JobStatisticsMeter();
    meter.recordLoadJob({ statistics: { load: { inputFileBytes: '2048', outputBytes: '4096' } } });
    meter.recordLoadJob({ statistics: { load: {} } });
    meter.recordLoadJob(null);
    const billing = meter.billing();
    assert.equal(billing.loadJobs, 3);
    assert.equal(billing.loadInputBytes, 2048);
    assert.equal(billing.loadOutputBytes, 4096);
    assert.equal(billing.loadJobsWithoutStatistics, 2);
    assert.equal(billing.queryJobs, 0, 'load jobs are not query jobs');
  });

  it('hands out a copy: later jobs do not change an earlier answer', function () {
    const meter = new JobStatisticsMeter();
    meter.recordQueryJob({ statistics: { query: { statementType: 'SELECT', totalBytesBilled: '10' } } });
    const before = meter.billing();
    meter.recordQueryJob({ statistics: { query: { statementType: 'SELECT', totalBytesBilled: '20' } } });
    assert.equal(before.bytesBilled, 10);
    assert.deepEqual(before.statementTypes, { SELECT: 1 });
    assert.equal(meter.billing().bytesBilled, 30, 'cumulative');
  });
});
