import assert from 'node:assert/strict';
import fc from 'fast-check';
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

describe('toNdjson', function () {
  /** The bytes as they were first written: one Buffer per line, concatenated. */
  const reference = (records: readonly unknown[]) =>
    Buffer.concat(records.map((record) => Buffer.from(`${JSON.stringify(record)}\n`)));

  it('writes the same bytes as one buffer per line, for any records (astral, lone surrogates, long lines)', function () {
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme', maxLength: 2000 }));
    const records = fc.array(
      fc.oneof(
        fc.dictionary(fc.string(), fc.oneof(text, fc.integer(), fc.constant(null))),
        text,
        fc.constant(null),
        fc.constant(undefined),
      ),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(records, (list) => {
        assert.deepEqual(toNdjson(list), reference(list));
      }),
      { numRuns: 500 },
    );
  });

  it('grows past its first buffer without losing a byte at the seams', function () {
    // 3,000 lines of 1 to 3 bytes per character: several times the first 64 KiB.
    const list = Array.from({ length: 3000 }, (_, i) => ({ i, text: 'é✓𝄞a'.repeat(i % 40) }));
    const body = toNdjson(list);
    assert.ok(body.length > 1 << 17);
    assert.deepEqual(body, reference(list));
  });
});
