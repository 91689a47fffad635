import assert from 'node:assert/strict';
import { azurePgError, blobError } from './errors.ts';

/**
 * RestError shapes from @azure/storage-blob 12.32: the first five recorded against
 * Azurite 3.35, ServerBusy and AuthenticationFailed built from the documented codes
 * (https://learn.microsoft.com/rest/api/storageservices/common-rest-api-error-codes).
 */
const RECORDED = {
  downloadMissing: {
    name: 'RestError',
    code: 'BlobNotFound',
    statusCode: 404,
    details: { errorCode: 'BlobNotFound' },
    message: 'The specified blob does not exist.',
  },
  propertiesMissing: { name: 'RestError', statusCode: 404, details: { errorCode: 'BlobNotFound' }, message: '' },
  missingContainer: {
    name: 'RestError',
    code: 'ContainerNotFound',
    statusCode: 404,
    details: { errorCode: 'ContainerNotFound' },
    message: 'The specified container does not exist.',
  },
  wrongKey: {
    name: 'RestError',
    code: 'AuthorizationFailure',
    statusCode: 403,
    details: { errorCode: 'AuthorizationFailure' },
    message: 'Server failed to authenticate the request.',
  },
  refused: { name: 'RestError', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' },
  busy: {
    name: 'RestError',
    code: 'ServerBusy',
    statusCode: 503,
    details: { errorCode: 'ServerBusy' },
    message: 'The server is busy.',
  },
  expiredSas: {
    name: 'RestError',
    code: 'AuthenticationFailed',
    statusCode: 403,
    details: { errorCode: 'AuthenticationFailed' },
    message: 'Signed expiry time has to be after signed start time',
  },
  bareStatus: { name: 'RestError', statusCode: 500, message: '' },
};

describe('azure errors', function () {
  const cases: Array<[keyof typeof RECORDED, string, boolean]> = [
    ['downloadMissing', 'not-found', false],
    ['propertiesMissing', 'not-found', false],
    ['missingContainer', 'invalid-config', false],
    ['wrongKey', 'forbidden', false],
    ['refused', 'connection', true],
    ['busy', 'throttled', true],
    ['expiredSas', 'unauthenticated', false],
    ['bareStatus', 'unavailable', true],
  ];
  for (const [name, code, retryable] of cases) {
    it(`maps ${name} to ${code}${retryable ? ' (retryable)' : ''}`, function () {
      const error = blobError(
        Object.assign(new Error(RECORDED[name].message), RECORDED[name]),
        'store.get',
        'raw/x.json',
      );
      assert.equal(error.code, code);
      assert.equal(error.retryable, retryable);
      assert.equal(error.provider, 'azure');
      assert.doesNotMatch(error.message, /127\.0\.0\.1/);
    });
  }

  it('maps flexible-server errors through the shared SQLSTATE table', function () {
    // What a flexible server with require_secure_transport=ON answers a plain TCP client.
    const noTls = azurePgError(
      Object.assign(
        new Error('no pg_hba.conf entry for host "10.0.0.4", user "jobbench", database "jobbench", no encryption'),
        { code: '28000' },
      ),
      'warehouse.load',
    );
    assert.equal(noTls.code, 'unauthenticated');
    assert.doesNotMatch(noTls.message, /10\.0\.0\.4|jobbench/, 'no address or user name in the message');
    const cancelled = azurePgError(
      Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }),
      'warehouse.query',
    );
    assert.deepEqual([cancelled.code, cancelled.retryable], ['timeout', true]);
  });
});
