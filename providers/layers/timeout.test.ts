import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  FINGERPRINT_BATCH,
  isProviderError,
  type LoadInfo,
  type ObjectStore,
  type Posting,
  type Provider,
  type Warehouse,
} from '../core/index.ts';
import { DEFAULT_DEADLINES, readDeadlines, type OperationDeadlines } from '../core/operation-deadlines.ts';
import { localProvider } from '../local/index.ts';
import { asAsync, makePostings } from '../testing/posting-fixtures.ts';
import { DEFAULT_RETRY_POLICY, RetryCounter, retryingStore, retryingWarehouse } from './retrying.ts';
import { timeoutStore, timeoutWarehouse } from './timeout.ts';

/** Every deadline `ms`: unit timings stay loose (a deadline of 150 ms, checked against 2 s). */
const all = (ms: number): OperationDeadlines =>
  Object.fromEntries(Object.keys(DEFAULT_DEADLINES).map((k) => [k, ms])) as unknown as OperationDeadlines;
const never = <T>(): Promise<T> => new Promise<T>(() => undefined);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Rejects with a `timeout` ProviderError naming `variable`, in less than `withinMs`. */
async function timesOut(promise: Promise<unknown>, variable: string, withinMs = 2000): Promise<void> {
  const started = performance.now();
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(isProviderError(e), String(e));
    assert.equal(e.code, 'timeout');
    assert.equal(e.retryable, true);
    assert.match(e.message, new RegExp(`JOBBENCH_TIMEOUT_${variable}\\b`));
    return true;
  });
  assert.ok(performance.now() - started < withinMs, `took ${Math.round(performance.now() - started)} ms`);
}

describe('operation deadlines read from JOBBENCH_TIMEOUT_*', function () {
  it('defaults to the documented figures, and reads each kind with its unit', function () {
    assert.deepEqual(readDeadlines({}), DEFAULT_DEADLINES);
    const read = readDeadlines({
      JOBBENCH_TIMEOUT_STORE_PUT: '2s',
      JOBBENCH_TIMEOUT_STORE_HEAD: '500ms',
      JOBBENCH_TIMEOUT_WAREHOUSE_LOAD_IDLE: '10m',
    });
    assert.equal(read.storePutMs, 2000);
    assert.equal(read.storeHeadMs, 500);
    assert.equal(read.warehouseLoadIdleMs, 600_000);
    assert.equal(read.storeGetMs, DEFAULT_DEADLINES.storeGetMs);
  });

  it('refuses a typo, a bare number, zero and more than a day, as invalid-config naming the setting', function () {
    const refused = (env: Record<string, string>, pattern: RegExp) =>
      assert.throws(
        () => readDeadlines(env),
        (e: unknown) => isProviderError(e) && e.code === 'invalid-config' && pattern.test(e.message),
      );
    refused({ JOBBENCH_TIMEOUT_STORE_PUTS: '1s' }, /unknown setting JOBBENCH_TIMEOUT_STORE_PUTS/);
    refused({ JOBBENCH_TIMEOUT_STORE_GET: '30' }, /JOBBENCH_TIMEOUT_STORE_GET must be a duration/);
    refused({ JOBBENCH_TIMEOUT_STORE_GET: '0ms' }, /JOBBENCH_TIMEOUT_STORE_GET/);
    refused({ JOBBENCH_TIMEOUT_CLOSE: '25h' }, /JOBBENCH_TIMEOUT_CLOSE/);
    refused({ JOBBENCH_TIMEOUT_CLOSE: '-1s' }, /JOBBENCH_TIMEOUT_CLOSE/);
  });
});

describe('timeout wrapper', function () {
  const hungStore: ObjectStore = {
    put: () => never(),
    get: () => never(),
    head: () => never(),
    delete: () => never(),
    list: () =>
      (async function* () {
        yield { key: 'first', size: 1 };
        await never();
      })(),
  };

  it('a store operation that never answers fails with a retryable timeout within its deadline', async function () {
    const store = timeoutStore(hungStore, 'aws', all(150));
    await timesOut(store.put('k', 'v'), 'STORE_PUT');
    await timesOut(store.get('k'), 'STORE_GET');
    await timesOut(store.head('k'), 'STORE_HEAD');
    await timesOut(store.delete('k'), 'STORE_DELETE');
    const seen: string[] = [];
    await timesOut(
      (async () => {
        for await (const info of store.list('')) seen.push(info.key);
      })(),
      'STORE_LIST_PAGE',
    );
    assert.deepEqual(seen, ['first'], 'what was listed before the hang is kept');
  });

  it('each kind has its own deadline', async function () {
    const store = timeoutStore(hungStore, 'aws', { ...all(60_000), storeHeadMs: 100 });
    await timesOut(store.head('k'), 'STORE_HEAD', 1000);
  });

  it('the retrying wrapper retries a timed-out attempt and counts it', async function () {
    let calls = 0;
    const slowThenFine: ObjectStore = {
      ...hungStore,
      get: async () => (++calls === 1 ? never() : new TextEncoder().encode('ok')),
    };
    const counter = new RetryCounter();
    const store = retryingStore(timeoutStore(slowThenFine, 'gcp', all(100)), counter, {
      ...DEFAULT_RETRY_POLICY,
      minTimeoutMs: 1,
      maxTimeoutMs: 2,
      randomize: false,
    });
    assert.equal(Buffer.from(await store.get('k')).toString(), 'ok');
    assert.equal(counter.byOperation.get('store.get'), 1);
    assert.equal(counter.timedOutByOperation.get('store.get'), 1);
  });

  describe('warehouse', function () {
    const hungWarehouse: Warehouse = {
      migrate: () => never(),
      load: () => never(),
      query: () => never(),
      fingerprints: () => never(),
      close: () => never(),
    };

    it('migrate, query, fingerprints and close that never answer time out', async function () {
      const warehouse = timeoutWarehouse(hungWarehouse, 'azure', all(150));
      await timesOut(warehouse.migrate(), 'WAREHOUSE_MIGRATE');
      await timesOut(warehouse.query('posting_count'), 'WAREHOUSE_QUERY');
      await timesOut(warehouse.fingerprints(['a']), 'WAREHOUSE_FINGERPRINTS');
      await timesOut(warehouse.close(), 'CLOSE');
    });

    it('a load is bounded by progress: a slow load that keeps taking postings finishes', async function () {
      // 12 postings, 40 ms apart: 480 ms in all, past a 200 ms deadline, never 200 ms idle.
      const slow: Warehouse = {
        ...hungWarehouse,
        load: async (postings, run) => {
          let received = 0;
          for await (const _ of postings) {
            received++;
            await sleep(40);
          }
          return {
            runId: run.runId,
            received,
            inserted: received,
            updated: 0,
            unchanged: 0,
            batches: 1,
            checksum: '',
            durationMs: 0,
          };
        },
      };
      const info = await timeoutWarehouse(slow, 'local', all(200)).load(asAsync(makePostings(12)), { runId: 'r' });
      assert.equal(info.received, 12);
    });

    it('a load that stops taking postings times out, and is given no posting after that', async function () {
      let taken = 0;
      let afterDeadline: unknown = null;
      let settle!: () => void;
      const stalled = new Promise<void>((resolve) => (settle = resolve));
      const stalls: Warehouse = {
        ...hungWarehouse,
        load: async (postings) => {
          const it = postings[Symbol.asyncIterator]();
          await it.next();
          taken++;
          await stalled; // hangs until the test lets it go, after the deadline
          try {
            await it.next();
            taken++;
          } catch (error) {
            afterDeadline = error;
          }
          return never();
        },
      };
      // Pulling the source has side effects in a run (reading and quarantining the next chunk): counted here.
      let pulled = 0;
      async function* source(): AsyncGenerator<Posting> {
        for (const posting of makePostings(5)) {
          pulled++;
          yield posting;
        }
      }
      await timesOut(timeoutWarehouse(stalls, 'aws', all(150)).load(source(), { runId: 'r' }), 'WAREHOUSE_LOAD_IDLE');
      settle();
      await sleep(20);
      assert.equal(taken, 1, 'the abandoned load got no posting after its deadline');
      assert.equal(pulled, 1, 'the source was not pulled again after the deadline');
      assert.ok(isProviderError(afterDeadline) && afterDeadline.code === 'timeout', String(afterDeadline));
    });
  });
});

// A real warehouse (the local provider's PGlite) whose load commits, then answers after the
// deadline: the run sees a timeout, the load stage is resumed (loaded again), and every
// posting is stored exactly once.
describe('a load that commits after its deadline (local provider, PGlite)', function () {
  this.timeout(60_000);
  let dir = '';
  let provider: Provider | null = null;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-late-load-'));
    provider = await localProvider.create({ dataDir: dir, env: {} });
  });
  after(async () => {
    await provider?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('times out, then loading again (resume) leaves 0 lost and 0 duplicated', async function () {
    const real = provider!.warehouse;
    await real.migrate();
    let committed: Promise<LoadInfo> | null = null;
    const answersLate: Warehouse = {
      migrate: () => real.migrate(),
      query: (name, params) => real.query(name, params),
      fingerprints: (ids) => real.fingerprints(ids),
      close: () => real.close(),
      load: async (postings, run) => {
        const load = real.load(postings, run);
        committed = load;
        const info = await load;
        await sleep(1000); // the answer is lost on the way back
        return info;
      },
    };
    const postings: Posting[] = makePostings(120);
    const counter = new RetryCounter();
    const late = retryingWarehouse(
      timeoutWarehouse(answersLate, 'local', { ...DEFAULT_DEADLINES, warehouseLoadIdleMs: 300 }),
      counter,
    );
    await timesOut(late.load(asAsync(postings), { runId: 'late-run' }), 'WAREHOUSE_LOAD_IDLE', 5000);
    assert.equal(counter.timedOutByOperation.get('warehouse.load'), 1, 'the timed-out load is counted');
    assert.ok(committed, 'the load was sent');
    await committed; // it did commit, after the run gave up on it

    const resumed = await timeoutWarehouse(real, 'local').load(asAsync(postings), { runId: 'late-run' });
    assert.equal(resumed.inserted, 0, 'nothing inserted twice');
    assert.equal(resumed.unchanged, postings.length);
    assert.ok(postings.length <= FINGERPRINT_BATCH);
    const stored = await real.fingerprints(postings.map((p) => p.id));
    const lost = postings.filter((p) => !stored.has(p.id)).length;
    const duplicated = [...stored.values()].filter((hashes) => hashes.length > 1).length;
    assert.equal(lost, 0);
    assert.equal(duplicated, 0);
    const [count] = await real.query('posting_count');
    assert.equal(Number(count?.postings), postings.length);
  });
});
