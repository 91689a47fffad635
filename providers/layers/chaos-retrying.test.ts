import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { hasErrorCode, isProviderError, type ObjectStore } from '../core/index.ts';
import { FsObjectStore } from '../local/fs-object-store.ts';
import { chaosObjectStore, FaultCounter } from './chaos.ts';
import { FaultSpecError, hasHttpFaults, hasInterfaceFaults, parseFaults } from './parse-faults.ts';
import { DEFAULT_RETRY_POLICY, RetryCounter, retryingStore } from './retrying.ts';

const FAST = { ...DEFAULT_RETRY_POLICY, minTimeoutMs: 1, maxTimeoutMs: 2, randomize: false };

describe('parseFaults', function () {
  it('reads the documented example', function () {
    const spec = parseFaults('reset=0.05,latency=50ms,http503=0.02');
    assert.equal(spec.http.reset, 0.05);
    assert.equal(spec.http.http503, 0.02);
    assert.equal(spec.latencyMs, 50);
    assert.ok(hasHttpFaults(spec));
    assert.ok(hasInterfaceFaults(spec), 'latency applies to the interface too');
  });

  it('reads error codes, durations, bandwidth and the seed', function () {
    const spec = parseFaults('unavailable=0.1, throttled=0.05, jitter=1.5s, retry-after=2s, throttle=1mbps, seed=9');
    assert.deepEqual(spec.errors, { unavailable: 0.1, throttled: 0.05 });
    assert.equal(spec.jitterMs, 1500);
    assert.equal(spec.http.retryAfterS, 2);
    assert.equal(spec.http.throttleBytesPerSec, 125_000);
    assert.equal(spec.seed, 9);
    assert.equal(hasHttpFaults(parseFaults('unavailable=0.5')), false);
  });

  it('rejects what it cannot read, with the reason', function () {
    assert.throws(() => parseFaults('reset=2'), FaultSpecError);
    assert.throws(() => parseFaults('latency=fast'), /duration/);
    assert.throws(() => parseFaults('explode=0.1'), /unknown fault "explode"/);
    assert.throws(() => parseFaults('unavailable=0.7,throttled=0.6'), /more than 1/);
    assert.throws(() => parseFaults('reset'), /key=value/);
  });
});

describe('chaos and retrying wrappers on the filesystem store', function () {
  let dir: string;
  let store: ObjectStore;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-chaos-'));
    store = new FsObjectStore(dir);
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('injects the requested code with its default retryability, reproducibly for a seed', async function () {
    const outcomes = async () => {
      const counter = new FaultCounter();
      const chaos = chaosObjectStore(store, 'local', { spec: parseFaults('unavailable=0.3,seed=5') }, counter);
      const out: string[] = [];
      for (let i = 0; i < 40; i++) {
        out.push(
          await chaos.put(`k/${i}`, 'x').then(
            () => 'ok',
            (e: unknown) => (isProviderError(e) ? `${e.code}:${e.retryable}` : 'other'),
          ),
        );
      }
      return { out, counter };
    };
    const first = await outcomes();
    const second = await outcomes();
    assert.deepEqual(first.out, second.out);
    const failures = first.out.filter((o) => o !== 'ok');
    assert.ok(failures.length > 3 && failures.length < 25, `${failures.length} of 40 failed`);
    assert.ok(failures.every((f) => f === 'unavailable:true'));
    assert.equal(first.counter.byKind.get('chaos:unavailable'), failures.length);
  });

  it('the retrying wrapper recovers injected retryable faults and counts each retry', async function () {
    const faults = new FaultCounter();
    const retries = new RetryCounter();
    const chaos = chaosObjectStore(store, 'local', { spec: parseFaults('unavailable=0.3,seed=11') }, faults);
    const retrying = retryingStore(chaos, retries, { ...FAST, retries: 10 });
    for (let i = 0; i < 30; i++) await retrying.put(`r/${i}`, `v${i}`);
    for (let i = 0; i < 30; i++) assert.equal(Buffer.from(await retrying.get(`r/${i}`)).toString(), `v${i}`);
    assert.ok(faults.total > 0);
    assert.equal(retries.total, faults.total, 'one retry per injected fault');
    assert.equal(retries.failed, 0);
  });

  it('does not retry what retrying cannot fix, and gives up after the budget', async function () {
    const retries = new RetryCounter();
    const retrying = retryingStore(store, retries, FAST);
    await assert.rejects(retrying.get('missing'), (e: unknown) => hasErrorCode(e, 'not-found'));
    assert.equal(retries.total, 0);
    const always = retryingStore(chaosObjectStore(store, 'local', { spec: parseFaults('throttled=1') }), retries, {
      ...FAST,
      retries: 2,
    });
    await assert.rejects(always.put('x', 'y'), (e: unknown) => hasErrorCode(e, 'throttled'));
    assert.equal(retries.total, 2);
    assert.equal(retries.failedByOperation.get('store.put'), 1);
  });

  it('adds the configured latency to every eligible operation', async function () {
    const slept: number[] = [];
    const chaos = chaosObjectStore(store, 'local', {
      spec: parseFaults('latency=20ms'),
      sleep: async (ms) => void slept.push(ms),
    });
    await chaos.put('a', 'b');
    await chaos.get('a');
    assert.deepEqual(slept, [20, 20]);
  });

  it('a listing is retried as a whole only before its first item', async function () {
    await store.put('l/1', 'a');
    await store.put('l/2', 'b');
    const retries = new RetryCounter();
    const chaos = chaosObjectStore(store, 'local', { spec: parseFaults('unavailable=0.5,seed=2') });
    const keys: string[] = [];
    for await (const info of retryingStore(chaos, retries, { ...FAST, retries: 10 }).list('l/')) keys.push(info.key);
    assert.deepEqual(keys, ['l/1', 'l/2']);
  });
});
