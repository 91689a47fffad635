import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { hasErrorCode, listAll } from '../core/index.ts';
import { FsObjectStore } from '../local/fs-object-store.ts';
import { objectStoreContract } from '../testing/object-store-contract.ts';
import { meteredStore } from './metered.ts';
import { OperationLog } from './operation-log.ts';

describe('meteredStore', function () {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-metered-'));
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('records one sample per operation with bytes and outcome', async function () {
    const log = new OperationLog();
    const store = meteredStore(new FsObjectStore(dir), log);
    await store.put('a/1.json', 'hello');
    await store.put('a/2.json', new Uint8Array(10));
    await store.get('a/1.json');
    await assert.rejects(store.get('a/missing.json'), (e: unknown) => hasErrorCode(e, 'not-found'));
    assert.equal((await listAll(store, 'a/')).length, 2);

    const puts = log.snapshot('store.put');
    assert.equal(puts?.count, 2);
    assert.deepEqual([...puts!.bytes], [5, 10]);
    assert.deepEqual([...puts!.ok], [1, 1]);
    const gets = log.snapshot('store.get');
    assert.equal(gets?.count, 2);
    assert.deepEqual([...gets!.ok], [1, 0]);
    assert.deepEqual(gets!.errors, { 'not-found': 1 });
    assert.equal(log.snapshot('store.list')?.count, 1);
    for (const d of puts!.durationMs) assert.ok(d >= 0);
    assert.ok(puts!.startMs[1]! >= puts!.startMs[0]!, 'start times are monotonic');
  });

  it('keeps samples beyond its initial capacity', async function () {
    const log = new OperationLog();
    for (let i = 0; i < 1000; i++) log.record('op', i, i / 10, i, i % 2 === 0);
    const s = log.snapshot('op')!;
    assert.equal(s.count, 1000);
    assert.equal(s.durationMs[999], 99.9);
    assert.equal(
      s.ok.reduce((a, b) => a + b, 0),
      500,
    );
  });
});

// The decorator must not change behaviour: the whole contract passes through it.
objectStoreContract({
  name: 'local filesystem, metered',
  make: async () =>
    meteredStore(
      new FsObjectStore(await mkdtemp(path.join(os.tmpdir(), 'jobbench-metered-contract-'))),
      new OperationLog(),
    ),
});
