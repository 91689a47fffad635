import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import os from 'node:os';
import { makePostings } from '../../../providers/testing/posting-fixtures.ts';
import { CandidateSet, LineStore } from './cross-chunk-candidates.ts';

describe('CandidateSet', function () {
  it('gives each posting back from its chunk buffer, whatever the chunk', function () {
    const postings = makePostings(9);
    const set = new CandidateSet();
    postings.forEach((p, i) => {
      set.add(Math.floor(i / 4), i % 4, Buffer.from(JSON.stringify(p)), [1000 + i]);
    });
    set.batches(100); // seals the last chunk
    postings.forEach((p, i) => {
      assert.deepEqual(set.posting(i), p);
      assert.equal(set.chunk(i), Math.floor(i / 4));
      assert.equal(set.line(i), i % 4);
    });
    set.close();
  });

  it('keeps postings joined by shared keys, even transitively, in one batch, and batches small groups up to the size', function () {
    const postings = makePostings(7);
    const set = new CandidateSet();
    // 0–2 joined through key 1 then key 2; 3 and 4 share key 3; 5 and 6 are alone.
    const keys = [[1], [1, 2], [2], [3], [3], [4], [5]];
    postings.forEach((p, i) => {
      set.add(i, 0, Buffer.from(JSON.stringify(p)), keys[i]!);
    });
    const batches = set.batches(3);
    const batchOf = (i: number) => batches.findIndex((b) => b.includes(i));
    assert.equal(batchOf(0), batchOf(1));
    assert.equal(batchOf(1), batchOf(2));
    assert.equal(batchOf(3), batchOf(4));
    assert.notEqual(batchOf(0), batchOf(3)); // 3 + 2 would exceed 3
    assert.deepEqual(
      batches.flat().sort((a, b) => a - b),
      [0, 1, 2, 3, 4, 5, 6],
    );
    for (const batch of batches) {
      assert.ok(batch.length <= 3, `batch of ${batch.length}`);
      assert.deepEqual(
        batch,
        [...batch].sort((a, b) => a - b),
      );
    }
  });

  it('lets one group larger than the batch size stay whole', function () {
    const postings = makePostings(5);
    const set = new CandidateSet();
    postings.forEach((p, i) => {
      set.add(0, i, Buffer.from(JSON.stringify(p)), [7]);
    });
    assert.deepEqual(set.batches(2), [[0, 1, 2, 3, 4]]);
  });
});

describe('LineStore', function () {
  it('returns each line by index, before and after its bytes reach the scratch file, and removes the file on close', function () {
    const store = new LineStore();
    const a = store.add(Buffer.from('{"a":1}\n'));
    const big = store.add(Buffer.alloc(1024 * 1024 + 3, 0x78)); // past one write block: flushed
    const c = store.add(Buffer.from('{"c":"é"}\n')); // still pending when read
    assert.equal(store.line(c).toString('utf8'), '{"c":"é"}\n');
    assert.equal(store.line(a).toString('utf8'), '{"a":1}\n');
    assert.equal(store.line(big).length, 1024 * 1024 + 3);
    assert.ok(store.line(big).every((byte) => byte === 0x78));
    const before = readdirSync(os.tmpdir()).filter((name) => name.startsWith('jobbench-cross-chunk-')).length;
    store.close();
    const after = readdirSync(os.tmpdir()).filter((name) => name.startsWith('jobbench-cross-chunk-')).length;
    assert.equal(after, before - 1, 'the scratch directory is gone');
  });
});
