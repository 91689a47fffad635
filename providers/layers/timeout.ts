/**
 * The timeout layer: every provider operation gets a deadline
 * (providers/core/operation-deadlines.ts, chosen per operation in layer.ts): past it the
 * caller gets a retryable ProviderError `timeout`, so a hung service fails one operation
 * instead of hanging the run. The interface has no cancellation, so this bounds
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
  ProviderError,
  type LoadInfo,
  type LoadRun,
  type ObjectInfo,
  type ObjectStore,
  type Posting,
  type Warehouse,
} from '../core/index.ts';
import {
  DEADLINE_PREFIX,
  DEADLINE_VARIABLES,
  DEFAULT_DEADLINES,
  type OperationDeadlines,
} from '../core/operation-deadlines.ts';
import { layerStore, layerWarehouse, type Layer, type Next, type Operation } from './layer.ts';

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

function timeoutError(
  provider: string,
  operation: string,
  ms: number,
  setting: keyof OperationDeadlines,
  subject?: string,
): ProviderError {
  const what = setting === 'warehouseLoadIdleMs' ? 'no progress' : 'no answer';
  return ProviderError.because(
    provider,
    operation,
    'timeout',
    `${what} within ${seconds(ms)} (${DEADLINE_PREFIX}${DEADLINE_VARIABLES[setting]})`,
    subject === undefined ? {} : { subject },
  );
}

/** `fn()`, or a `timeout` ProviderError once `ms` have passed without an answer. */
async function withDeadline<T>(fn: () => Promise<T>, ms: number, fail: () => ProviderError): Promise<T> {
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

/** Each step of a listing (one page at most on every backend) is bounded, not the whole. */
async function* timeoutListing(
  provider: string,
  ms: number,
  operation: Operation,
  call: Next<AsyncIterable<ObjectInfo>>,
) {
  const fail = () => timeoutError(provider, operation.name, ms, operation.deadline, subjectOf(operation));
  const iterator = call()[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await withDeadline(() => iterator.next(), ms, fail);
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
function loadWithProgressDeadline(
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

/** What a timeout names besides the setting: a store operation's key or prefix, a load's run. */
function subjectOf(operation: Operation): string | undefined {
  if (operation.target === 'store') return operation.args[0];
  return operation.target === 'warehouse' && operation.method === 'load' ? operation.args[1].runId : undefined;
}

/** A deadline on every store, warehouse and provider operation (a load's is on its progress). */
export function timeoutLayer(provider: string, deadlines: OperationDeadlines = DEFAULT_DEADLINES): Layer {
  return {
    name: 'timeout',
    around(operation, call) {
      const ms = deadlines[operation.deadline];
      if (operation.target === 'warehouse' && operation.method === 'load') {
        const [postings, run] = operation.args;
        return loadWithProgressDeadline((p, r) => call([p, r]) as Promise<LoadInfo>, postings, run, provider, ms);
      }
      const fail = () => timeoutError(provider, operation.name, ms, operation.deadline, subjectOf(operation));
      return withDeadline(() => call(), ms, fail);
    },
    aroundListing: (operation, call) => timeoutListing(provider, deadlines[operation.deadline], operation, call),
  };
}

export function timeoutStore(store: ObjectStore, provider: string, deadlines?: OperationDeadlines): ObjectStore {
  return layerStore(store, [timeoutLayer(provider, deadlines)]);
}

export function timeoutWarehouse(warehouse: Warehouse, provider: string, deadlines?: OperationDeadlines): Warehouse {
  return layerWarehouse(warehouse, [timeoutLayer(provider, deadlines)]);
}
