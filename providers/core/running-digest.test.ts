import assert from 'node:assert/strict';
import { RunningDigest } from './running-digest.ts';

describe('RunningDigest', function () {
  it('is the same whatever the order of the pairs', function () {
    const a = new RunningDigest();
    const b = new RunningDigest();
    for (const [id, hash] of [
      ['1', 'x'],
      ['2', 'y'],
      ['3', 'z'],
    ] as const)
      a.add(id, hash);
    for (const [id, hash] of [
      ['3', 'z'],
      ['1', 'x'],
      ['2', 'y'],
    ] as const)
      b.add(id, hash);
    assert.equal(a.hex(), b.hex());
  });

  it('takes back a pair with remove, continuing from a stored hex', function () {
    const all = new RunningDigest();
    all.add('1', 'x');
    all.add('2', 'y');
    const updated = RunningDigest.fromHex(all.hex());
    updated.remove('2', 'y');
    updated.add('2', 'y2');
    const expected = new RunningDigest();
    expected.add('1', 'x');
    expected.add('2', 'y2');
    assert.equal(updated.hex(), expected.hex());
    assert.notEqual(updated.hex(), all.hex());
  });

  it('wraps below zero: removing from an empty digest and adding back gives the empty digest', function () {
    const digest = new RunningDigest();
    digest.remove('1', 'x');
    assert.equal(digest.hex().length, 64);
    digest.add('1', 'x');
    assert.equal(digest.hex(), new RunningDigest().hex());
  });
});
