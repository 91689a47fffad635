import assert from 'node:assert/strict';
import { isProviderError } from '../core/index.ts';
import { rdsError, s3Error } from './errors.ts';

/**
 * Error shapes as the SDK v3 raises them: the first four recorded from moto 5.2.5 through
 * @aws-sdk/client-s3 3.1175 (name, $fault, $metadata), the others built from the S3 error
 * code list (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html).
 */
const RECORDED = {
  getMissingKey: {
    name: 'NoSuchKey',
    message: 'The specified key does not exist.',
    $fault: 'client',
    $metadata: { httpStatusCode: 404 },
    Code: 'NoSuchKey',
  },
  headMissingKey: { name: 'NotFound', message: 'UnknownError', $fault: 'client', $metadata: { httpStatusCode: 404 } },
  missingBucket: {
    name: 'NoSuchBucket',
    message: 'The specified bucket does not exist',
    $fault: 'client',
    $metadata: { httpStatusCode: 404 },
    Code: 'NoSuchBucket',
    BucketName: 'jobbench-emulated',
  },
  refused: {
    name: 'Error',
    code: 'ECONNREFUSED',
    message: 'connect ECONNREFUSED 127.0.0.1:1',
    $metadata: { attempts: 1, totalRetryDelay: 0 },
  },
  slowDown: {
    name: 'SlowDown',
    message: 'Please reduce your request rate.',
    $fault: 'server',
    $metadata: { httpStatusCode: 503 },
    $retryable: { throttling: true },
  },
  accessDenied: {
    name: 'AccessDenied',
    message: 'Access Denied',
    $fault: 'client',
    $metadata: { httpStatusCode: 403 },
  },
  internal: {
    name: 'InternalError',
    message: 'We encountered an internal error. Please try again.',
    $fault: 'server',
    $metadata: { httpStatusCode: 500 },
  },
  unknownTeapot: { name: 'SomethingNew', message: 'n/a', $fault: 'server', $metadata: { httpStatusCode: 502 } },
  badSignature: {
    name: 'SignatureDoesNotMatch',
    message: 'The request signature we calculated does not match',
    $fault: 'client',
    $metadata: { httpStatusCode: 403 },
  },
  // Recorded through the fault proxy's `reset` (the socket destroyed under the request): the SDK calls it a TimeoutError.
  socketHangUp: {
    name: 'TimeoutError',
    code: 'ECONNRESET',
    message: 'socket hang up',
    $metadata: { attempts: 1, totalRetryDelay: 0 },
  },
  requestTimeout: {
    name: 'TimeoutError',
    code: 'ETIMEDOUT',
    message: 'Connection timed out after 10000 ms',
    $metadata: { attempts: 1, totalRetryDelay: 0 },
  },
};

describe('aws errors', function () {
  const cases: Array<[keyof typeof RECORDED, string, boolean]> = [
    ['getMissingKey', 'not-found', false],
    ['headMissingKey', 'not-found', false],
    ['missingBucket', 'invalid-config', false],
    ['refused', 'connection', true],
    ['slowDown', 'throttled', true],
    ['accessDenied', 'forbidden', false],
    ['internal', 'unavailable', true],
    ['unknownTeapot', 'unavailable', true],
    ['badSignature', 'unauthenticated', false],
    ['socketHangUp', 'connection', true],
    ['requestTimeout', 'timeout', true],
  ];
  for (const [name, code, retryable] of cases) {
    it(`maps ${name} to ${code}${retryable ? ' (retryable)' : ''}`, function () {
      const error = s3Error(
        Object.assign(new Error(RECORDED[name].message), RECORDED[name]),
        'store.get',
        'raw/x.json',
      );
      assert.ok(isProviderError(error));
      assert.equal(error.code, code);
      assert.equal(error.retryable, retryable);
      assert.equal(error.provider, 'aws');
      assert.equal(error.subject, 'raw/x.json');
    });
  }

  it('never puts the endpoint host in the message', function () {
    const error = s3Error(Object.assign(new Error(RECORDED.refused.message), RECORDED.refused), 'store.put');
    assert.doesNotMatch(error.message, /127\.0\.0\.1/);
    assert.match(error.message, /ECONNREFUSED/);
  });

  it('maps RDS SQLSTATEs through the shared Postgres table', function () {
    // Shapes of pg's DatabaseError: `code` is the SQLSTATE (https://www.postgresql.org/docs/current/errcodes-appendix.html).
    const tooMany = rdsError(
      Object.assign(new Error('sorry, too many clients already'), { code: '53300', severity: 'FATAL' }),
      'warehouse.load',
    );
    assert.equal(tooMany.code, 'throttled');
    assert.equal(tooMany.retryable, true);
    const password = rdsError(
      Object.assign(new Error('password authentication failed for user "jobbench"'), { code: '28P01' }),
      'warehouse.open',
    );
    assert.equal(password.code, 'unauthenticated');
    assert.equal(password.retryable, false);
    const serialization = rdsError(
      Object.assign(new Error('could not serialize access'), { code: '40001' }),
      'warehouse.load',
    );
    assert.deepEqual([serialization.code, serialization.retryable], ['conflict', true]);
  });
});
