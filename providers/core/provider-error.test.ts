/** `hasErrorCode` answers for the error it is given, never for a ProviderError wrapped inside another error. */
import assert from 'node:assert/strict';
import { hasErrorCode, ProviderError } from './provider-error.ts';

describe('hasErrorCode', function () {
  const notFound = ProviderError.because('local', 'store.get', 'not-found', 'no object at raw/x.json');

  it('is true for a ProviderError with that code, false for another code', function () {
    assert.equal(hasErrorCode(notFound, 'not-found'), true);
    assert.equal(hasErrorCode(notFound, 'timeout'), false);
  });

  it('does not look into causes: a wrapped not-found is another failure', function () {
    const wrapped = new Error('load failed for run r1', { cause: notFound });
    assert.equal(hasErrorCode(wrapped, 'not-found'), false);
  });

  it('is false for values that are not ProviderErrors', function () {
    for (const value of [null, undefined, 'not-found', { code: 'not-found' }, new Error('not-found')]) {
      assert.equal(hasErrorCode(value, 'not-found'), false, String(value));
    }
  });
});
