import assert from 'node:assert/strict';
import { ndjsonRecords, toNdjson } from './ndjson.ts';

describe('NDJSON bodies', function () {
  it('round-trips records with accents, quotes and newlines inside strings', function () {
    const records = [{ a: 'Île-de-France ✓' }, { b: 'two\nlines, "quoted"' }, { c: null }];
    const body = toNdjson(records);
    assert.equal(body.toString('utf8').split('\n').length, 4); // three lines and a final newline
    assert.deepEqual([...ndjsonRecords(body)], records);
  });

  it('reads a last line without a newline, skips blank lines, and gives nothing for an empty body', function () {
    assert.deepEqual([...ndjsonRecords(Buffer.from('{"n":1}\n\n{"n":2}'))], [{ n: 1 }, { n: 2 }]);
    assert.deepEqual([...ndjsonRecords(new Uint8Array(0))], []);
    assert.equal(toNdjson([]).length, 0);
  });

  it('reads a view into a larger buffer from its own offset', function () {
    const whole = Buffer.from('xxxx{"n":1}\n');
    assert.deepEqual([...ndjsonRecords(whole.subarray(4))], [{ n: 1 }]);
  });

  it('fails loudly on a corrupt line instead of skipping it', function () {
    assert.throws(() => [...ndjsonRecords(Buffer.from('{"n":1}\n{oops\n'))], SyntaxError);
  });
});
