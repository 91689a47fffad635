/**
 * The retrying layer: retries `retryable` ProviderErrors with exponential backoff (p-retry), and counts
 * every retry. The cloud SDKs' own retries are switched off in each provider
 * (S3 `maxAttempts: 1`, Cloud Storage `autoRetry: false`, Blob `maxTries: 1`), so every
 * retry happens here, where it is visible in the results.
 */
import pRetry from 'p-retry';
import { isProviderError, type ObjectInfo, type ObjectStore, type Provider, type Warehouse } from '../core/index.ts';
import { layerStore, layerWarehouse, type Layer, type Next } from './layer.ts';

export interface RetryPolicy {
  /** Retries after the first attempt (default 3). */
  retries: number;
  /** First backoff in ms (default 50). */
  minTimeoutMs: number;
  /** Backoff cap in ms (default 2000). */
  maxTimeoutMs: number;
  /** Backoff growth per attempt (default 2). */
  factor: number;
  /** Random jitter on the backoff (default true; tests turn it off). */
  randomize: boolean;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  retries: 3,
  minTimeoutMs: 50,
  maxTimeoutMs: 2000,
  factor: 2,
  randomize: true,
};

export function describeRetryPolicy(policy: RetryPolicy): string {
  return `${policy.retries} retries of retryable ProviderErrors, backoff ${policy.minTimeoutMs}–${policy.maxTimeoutMs} ms ×${policy.factor}${policy.randomize ? ' with jitter' : ''}`;
}

/** Retry counts by operation; shared by the store and warehouse of one provider. */
export class RetryCounter {
  readonly byOperation = new Map<string, number>();
  /** Operations that failed after using every retry (or on a non-retryable error). */
  readonly failedByOperation = new Map<string, number>();
  /**
   * Attempts that ended in a `timeout` (a deadline of the timeout layer, or an SDK or
   * server timeout), retried or not, by operation: what a hung service cost the run.
   */
  readonly timedOutByOperation = new Map<string, number>();

  get total(): number {
    let n = 0;
    for (const v of this.byOperation.values()) n += v;
    return n;
  }

  get failed(): number {
    let n = 0;
    for (const v of this.failedByOperation.values()) n += v;
    return n;
  }

  get timedOut(): number {
    let n = 0;
    for (const v of this.timedOutByOperation.values()) n += v;
    return n;
  }

  noteAttemptError(operation: string, error: unknown): void {
    if (isProviderError(error) && error.code === 'timeout')
      this.timedOutByOperation.set(operation, (this.timedOutByOperation.get(operation) ?? 0) + 1);
  }
}

const isRetryable = (error: unknown) => isProviderError(error) && error.retryable;

async function withRetry<T>(
  counter: RetryCounter,
  operation: string,
  policy: RetryPolicy,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await pRetry(fn, {
      retries: policy.retries,
      minTimeout: policy.minTimeoutMs,
      maxTimeout: policy.maxTimeoutMs,
      factor: policy.factor,
      randomize: policy.randomize,
      shouldRetry: ({ error }) => isRetryable(error),
      onFailedAttempt: ({ error, retriesLeft }) => {
        counter.noteAttemptError(operation, error);
        if (isRetryable(error) && retriesLeft > 0)
          counter.byOperation.set(operation, (counter.byOperation.get(operation) ?? 0) + 1);
      },
    });
  } catch (error) {
    counter.failedByOperation.set(operation, (counter.failedByOperation.get(operation) ?? 0) + 1);
    throw error;
  }
}

/**
 * Opening a provider, retried like any operation: its first requests (the emulated bucket
 * check, a dataset lookup) meet the same transient faults as the rest, and a fault there
 * would otherwise fail the whole provider. Counted as `provider.create`.
 */
export function retryingCreate(
  create: () => Promise<Provider>,
  counter: RetryCounter,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<Provider> {
  return withRetry(counter, 'provider.create', policy, create);
}

/**
 * A listing is retried as a whole only while nothing was yielded yet; a failure
 * mid-listing propagates (restarting would hand the caller duplicates).
 */
async function* retryingListing(
  counter: RetryCounter,
  policy: RetryPolicy,
  operation: string,
  call: Next<AsyncIterable<ObjectInfo>>,
) {
  const started = await withRetry(counter, operation, policy, async () => {
    const it = call()[Symbol.asyncIterator]();
    const first = await it.next();
    return { it, first };
  });
  if (started.first.done) return;
  yield started.first.value;
  for (;;) {
    const next = await started.it.next();
    if (next.done) return;
    yield next.value;
  }
}

export function retryingLayer(counter: RetryCounter, policy: RetryPolicy = DEFAULT_RETRY_POLICY): Layer {
  return {
    name: 'retrying',
    around(operation, call) {
      if (operation.shape === 'close') return call();
      // A load consumes its iterable, so it cannot be replayed here: a failed load (a timed-out
      // one too) is retried by resuming the run (the load merges on id, so a load that still
      // committed after its deadline is not stored twice), not by this layer. Its timeouts
      // are counted all the same.
      if (operation.shape === 'load') {
        return call().catch((error: unknown) => {
          counter.noteAttemptError(operation.name, error);
          throw error;
        });
      }
      return withRetry(counter, operation.name, policy, () => call());
    },
    aroundListing: (operation, call) => retryingListing(counter, policy, operation.name, call),
  };
}

export function retryingStore(store: ObjectStore, counter: RetryCounter, policy?: RetryPolicy): ObjectStore {
  return layerStore(store, [retryingLayer(counter, policy)]);
}

export function retryingWarehouse(warehouse: Warehouse, counter: RetryCounter, policy?: RetryPolicy): Warehouse {
  return layerWarehouse(warehouse, [retryingLayer(counter, policy)]);
}
