/**
 * Bounds every operation's duration: past the limit the caller gets a retryable
 * ProviderError `timeout` (the underlying request may still finish; the interface has
 * no cancellation, so this bounds the wait, not the work).
 */
import { billingPassThrough, ProviderError, type ObjectStore, type Provider, type Warehouse } from '../core/index.ts';

export async function withTimeout<T>(provider: string, operation: string, ms: number, fn: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(ProviderError.because(provider, operation, 'timeout', `no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([fn(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export interface TimeoutLimits {
  /** Store operations (default 30 s). */
  storeMs: number;
  /** Queries and migrations (default 120 s); loads are not bounded (their size varies by run). */
  warehouseMs: number;
}

export const DEFAULT_TIMEOUTS: TimeoutLimits = { storeMs: 30_000, warehouseMs: 120_000 };

export function timeoutStore(store: ObjectStore, provider: string, limits: TimeoutLimits = DEFAULT_TIMEOUTS): ObjectStore {
  return {
    put: (key, body, options) => withTimeout(provider, 'store.put', limits.storeMs, () => store.put(key, body, options)),
    get: (key) => withTimeout(provider, 'store.get', limits.storeMs, () => store.get(key)),
    head: (key) => withTimeout(provider, 'store.head', limits.storeMs, () => store.head(key)),
    delete: (key) => withTimeout(provider, 'store.delete', limits.storeMs, () => store.delete(key)),
    list: (prefix) => store.list(prefix),
  };
}

export function timeoutWarehouse(warehouse: Warehouse, provider: string, limits: TimeoutLimits = DEFAULT_TIMEOUTS): Warehouse {
  return {
    migrate: () => withTimeout(provider, 'warehouse.migrate', limits.warehouseMs, () => warehouse.migrate()),
    load: (postings, run) => warehouse.load(postings, run),
    query: (name, params) => withTimeout(provider, `warehouse.query.${name}`, limits.warehouseMs, () => warehouse.query(name, params)),
    fingerprints: (ids) => withTimeout(provider, 'warehouse.fingerprints', limits.warehouseMs, () => warehouse.fingerprints(ids)),
    close: () => warehouse.close(),
    ...billingPassThrough(warehouse),
  };
}

export function timeoutProvider(provider: Provider, limits: TimeoutLimits = DEFAULT_TIMEOUTS): Provider {
  return { ...provider, store: timeoutStore(provider.store, provider.name, limits), warehouse: timeoutWarehouse(provider.warehouse, provider.name, limits), close: () => provider.close() };
}
