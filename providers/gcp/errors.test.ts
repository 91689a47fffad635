import assert from 'node:assert/strict';
import { googleError } from './errors.ts';

/**
 * ApiError shapes from the client libraries: the first four recorded against
 * fake-gcs-server 1.54 (@google-cloud/storage 7.22) and bqemulator 1.4
 * (@google-cloud/bigquery 8.3), the others built from the documented reasons
 * (https://cloud.google.com/bigquery/docs/error-messages,
 * https://cloud.google.com/storage/docs/json_api/v1/status-codes).
 */
const RECORDED = {
  gcsMissingObject: { code: 404, errors: [], message: 'Not Found\n' },
  bqSyntax: {
    errors: [
      { reason: 'invalidQuery', message: 'Syntax error: Unexpected identifier "SELEC" at [1:7]', location: 'query' },
    ],
    message: 'Syntax error: Unexpected identifier "SELEC" at [1:7]',
  },
  bqMissingDataset: {
    errors: [
      { reason: 'notFound', message: 'Not found: Dataset jobbench-emulated:nope_ds was not found in location US' },
    ],
    message: 'Not found: Dataset jobbench-emulated:nope_ds',
  },
  bqDuplicate: {
    code: 409,
    errors: [{ domain: 'global', reason: 'duplicate', message: 'Already Exists: dataset:jobbench-emulated.dup' }],
    message: 'Already Exists: dataset:jobbench-emulated.dup',
  },
  bqRateLimit: {
    code: 403,
    errors: [
      {
        domain: 'global',
        reason: 'rateLimitExceeded',
        message: 'Exceeded rate limits: too many table update operations for this table.',
      },
    ],
    message: 'Exceeded rate limits',
  },
  bqBackend: {
    code: 503,
    errors: [
      {
        domain: 'global',
        reason: 'backendError',
        message: 'Error encountered during execution. Retrying may solve the problem.',
      },
    ],
    message: 'Error encountered during execution.',
  },
  bqBytesBilled: {
    code: 400,
    errors: [
      {
        domain: 'global',
        reason: 'bytesBilledLimitExceeded',
        message: 'Query exceeded limit for bytes billed: 1000. 10485760 or higher required.',
      },
    ],
    message: 'Query exceeded limit for bytes billed',
  },
  gcsThrottled: {
    code: 429,
    errors: [{ domain: 'usageLimits', reason: 'rateLimitExceeded', message: 'The project exceeded the rate limit.' }],
    message: 'The project exceeded the rate limit.',
  },
  fetchReset: {
    name: 'FetchError',
    code: 'ECONNRESET',
    message: 'request to http://127.0.0.1:44867/upload/storage/v1/b/x/o failed, reason: read ECONNRESET',
  },
};

describe('gcp errors', function () {
  const cases: Array<[keyof typeof RECORDED, string, boolean]> = [
    ['gcsMissingObject', 'not-found', false],
    ['bqSyntax', 'invalid-request', false],
    ['bqMissingDataset', 'not-found', false],
    ['bqDuplicate', 'already-exists', false],
    ['bqRateLimit', 'throttled', true],
    ['bqBackend', 'unavailable', true],
    ['bqBytesBilled', 'quota-exceeded', false],
    ['gcsThrottled', 'throttled', true],
    ['fetchReset', 'connection', true],
  ];
  for (const [name, code, retryable] of cases) {
    it(`maps ${name} to ${code}${retryable ? ' (retryable)' : ''}`, function () {
      const error = googleError(
        Object.assign(new Error(RECORDED[name].message), RECORDED[name]),
        'store.get',
        'raw/x.json',
      );
      assert.equal(error.code, code);
      assert.equal(error.retryable, retryable);
      assert.equal(error.provider, 'gcp');
      assert.doesNotMatch(error.message, /127\.0\.0\.1/);
    });
  }

  it("keeps BigQuery's SQL message for invalid queries of the warehouse", function () {
    const error = googleError(
      Object.assign(new Error(RECORDED.bqSyntax.message), RECORDED.bqSyntax),
      'warehouse.query',
    );
    assert.match(error.message, /Unexpected identifier "SELEC"/);
  });
});
