/** `oneLine` prints the first line of an error's own message and never its cause (a vendor error may name hosts). */
import assert from 'node:assert/strict';
import { oneLine } from './usage-error.ts';

describe('oneLine', function () {
  it('keeps the first line of the message only', function () {
    const error = new Error('aws store.put failed: throttled\n    at S3.send (x.js:1:1)');
    assert.equal(oneLine(error), 'aws store.put failed: throttled');
  });

  it('leaves the cause out', function () {
    const cause = new Error('connect ECONNREFUSED db.internal.example:5432');
    const error = new Error('aws warehouse.migrate failed: connection', { cause });
    assert.equal(oneLine(error), 'aws warehouse.migrate failed: connection');
  });

  it('prints a thrown non-error as text', function () {
    assert.equal(oneLine('plain reason'), 'plain reason');
  });
});
