/**
 * Gives every provider operation a deadline (providers/core/operation-deadlines.ts): past
 * it the caller gets a retryable ProviderError `timeout`, so a hung service fails one
 * operation instead of hanging the run. The interface has no cancellation, so this bounds
 * the wait; the work itself is ended by the SDK's own request timeout, set from the same
 * deadlines by each cloud provider (the socket closes), or finishes unseen.
 *
 * A late finish stores nothing twice: loads merge on posting id, and a retried put writes
 * the same bytes. It is not harmless for a key written again with new content (the run
 * manifest at each checkpoint): a late first put could land after the second. So the S3
 * and Blob stores abort each request at its own operation's deadline and the Cloud
 * Storage client at the longest store deadline (providers/<cloud>/object-store.ts); the
 * local store writes to disk, which does not hang the way a network does.
 *
 * A load is not bounded as a whole (its size varies by run) but by progress: it fails
 * when the warehouse takes no posting for `warehouseLoadIdleMs`, and once failed its
 * source is not pulled again, so no further batch of an abandoned load can commit and no
 * further chunk is read or quarantined.
 */
import {
  billingPassThrough,
  ProviderError,
  type LoadInfo,
  type LoadRun,
  type ObjectStore,
  type Posting,
  type Provider,
  type Warehouse,
} from '../core/index.ts';
import { DEADLINE_PREFIX, DEADLINE_VARIABLES, DEFAULT_DEADLINES, type OperationDeadlines } from '../core/operation-deadlines.ts';

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

function timeoutError(provider: string, operation: string, ms: number, setting: keyof OperationDeadlines, subject?: string): ProviderError {
  const what = setting === 'warehouseLoadIdleMs' ? 'no progress' : 'no answer';
  return ProviderError.because(provider, operation, 'timeout', `${what} within ${seconds(ms)} (${DEADLINE_PREFIX}${DEADLINE_VARIABLES[setting]})`,
    subject === undefined ? {} : { subject });
}

/** `fn()`, or a `timeout` ProviderError once `ms` have passed without an answer. */
export async function withDeadline<T>(fn: () => Promise<T>, ms: number, fail: () => ProviderError): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  // Not unref'd: an operation that never settles must still end in an error, not in a
  // process that exits with nothing left to wait for.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(fail()), ms);
  });
  try {
    return await Promise.race([fn(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export function timeoutStore(store: ObjectStore, provider: string, deadlines: OperationDeadlines = DEFAULT_DEADLINES): ObjectStore {
  const bound = <T>(operation: string, setting: keyof OperationDeadlines, key: string, fn: () => Promise<T>) =>
    withDeadline(fn, deadlines[setting], () => timeoutError(provider, operation, deadlines[setting], setting, key));
  return {
    put: (key, body, options) => bound('store.put', 'storePutMs', key, () => store.put(key, body, options)),
    get: (key) => bound('store.get', 'storeGetMs', key, () => store.get(key)),
    head: (key) => bound('store.head', 'storeHeadMs', key, () => store.head(key)),
    delete: (key) => bound('store.delete', 'storeDeleteMs', key, () => store.delete(key)),
    list: (prefix) => timeoutList(store, provider, deadlines, prefix),
  };
}

/** Each step of a listing (one page at most on every backend) is bounded, not the whole. */
async function* timeoutList(store: ObjectStore, provider: string, deadlines: OperationDeadlines, prefix: string) {
  const ms = deadlines.storeListPageMs;
  const iterator = store.list(prefix)[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await withDeadline(() => iterator.next(), ms, () => timeoutError(provider, 'store.list', ms, 'storeListPageMs', prefix));
      if (next.done) return;
      yield next.value;
    }
  } finally {
    // Stop the inner listing when the caller stops or a step timed out (not awaited: a
    // hung inner step would hang the return as well).
    void iterator.return?.().catch(() => undefined);
  }
}

/**
 * A load bounded by progress: it fails when the warehouse takes no posting for
 * `idleMs` (and, after the last posting, when the final merge and audit take longer).
 * After that the postings iterable throws instead of yielding, so the abandoned load
 * stops at its next read and merges no further batch.
 */
export function loadWithProgressDeadline(
  load: (postings: AsyncIterable<Posting>, run: LoadRun) => Promise<LoadInfo>,
  postings: AsyncIterable<Posting>,
  run: LoadRun,
  provider: string,
  idleMs: number,
): Promise<LoadInfo> {
  return new Promise<LoadInfo>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    let expired: ProviderError | null = null;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        expired = timeoutError(provider, 'warehouse.load', idleMs, 'warehouseLoadIdleMs', run.runId);
        reject(expired);
      }, idleMs);
    };
    // Checked before each pull, not after: pulling runs the source's own side effects
    // (reading the next chunk, quarantining what it cannot load), which an abandoned load must not.
    async function* watched(): AsyncGenerator<Posting> {
      const iterator = postings[Symbol.asyncIterator]();
      try {
        for (;;) {
          if (expired) throw expired;
          const next = await iterator.next();
          if (expired) throw expired;
          if (next.done) break;
          arm();
          yield next.value;
        }
      } finally {
        await iterator.return?.();
      }
      if (expired) throw expired;
      arm(); // the final merge and the audit row get one more window
    }
    arm();
    load(watched(), run).then(
      (info) => {
        clearTimeout(timer);
        resolve(info); // ignored when the deadline already rejected
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

export function timeoutWarehouse(warehouse: Warehouse, provider: string, deadlines: OperationDeadlines = DEFAULT_DEADLINES): Warehouse {
  const bound = <T>(operation: string, setting: keyof OperationDeadlines, fn: () => Promise<T>) =>
    withDeadline(fn, deadlines[setting], () => timeoutError(provider, operation, deadlines[setting], setting));
  return {
    migrate: () => bound('warehouse.migrate', 'warehouseMigrateMs', () => warehouse.migrate()),
    load: (postings, run) => loadWithProgressDeadline((p, r) => warehouse.load(p, r), postings, run, provider, deadlines.warehouseLoadIdleMs),
    query: (name, params) => bound(`warehouse.query.${name}`, 'warehouseQueryMs', () => warehouse.query(name, params)),
    fingerprints: (ids) => bound('warehouse.fingerprints', 'warehouseFingerprintsMs', () => warehouse.fingerprints(ids)),
    close: () => bound('warehouse.close', 'closeMs', () => warehouse.close()),
    // In-memory bookkeeping, no request: nothing to bound.
    ...billingPassThrough(warehouse),
  };
}

/** The provider with a deadline on every store and warehouse operation, and on close. */
export function timeoutProvider(provider: Provider, deadlines: OperationDeadlines = DEFAULT_DEADLINES): Provider {
  return {
    ...provider,
    store: timeoutStore(provider.store, provider.name, deadlines),
    warehouse: timeoutWarehouse(provider.warehouse, provider.name, deadlines),
    close: () => withDeadline(() => provider.close(), deadlines.closeMs, () => timeoutError(provider.name, 'close', deadlines.closeMs, 'closeMs')),
  };
}
