/**
 * Metering decorators: the same interface in and out, recording every operation's
 * latency, bytes and outcome into an OperationLog. They wrap a provider from outside,
 * so the benchmark measures exactly what the pipeline does and providers stay free of
 * timing code.
 */
import { billingPassThrough, type LoadInfo, type LoadRun, type ObjectStore, type Posting, type Provider, type Warehouse } from '../core/index.ts';
import type { OperationLog } from './operation-log.ts';

function codeOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : 'unknown';
}

async function timed<T>(log: OperationLog, operation: string, bytesOf: (result: T) => number, fn: () => Promise<T>): Promise<T> {
  const start = log.now();
  try {
    const result = await fn();
    log.record(operation, start, log.now() - start, bytesOf(result), true);
    return result;
  } catch (error) {
    log.record(operation, start, log.now() - start, 0, false, codeOf(error));
    throw error;
  }
}

export function meteredStore(store: ObjectStore, log: OperationLog): ObjectStore {
  return {
    put: (key, body, options) =>
      timed(log, 'store.put', () => (typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength), () => store.put(key, body, options)),
    get: (key) => timed(log, 'store.get', (bytes) => bytes.byteLength, () => store.get(key)),
    head: (key) => timed(log, 'store.head', () => 0, () => store.head(key)),
    delete: (key) => timed(log, 'store.delete', () => 0, () => store.delete(key)),
    list: (prefix) => meteredList(store, log, prefix),
  };
}

/** A listing is timed from the call to its last item, as one operation. */
async function* meteredList(store: ObjectStore, log: OperationLog, prefix: string) {
  const start = log.now();
  try {
    for await (const info of store.list(prefix)) yield info;
    log.record('store.list', start, log.now() - start, 0, true);
  } catch (error) {
    log.record('store.list', start, log.now() - start, 0, false, codeOf(error));
    throw error;
  }
}

export function meteredWarehouse(warehouse: Warehouse, log: OperationLog): Warehouse {
  return {
    migrate: () => timed(log, 'warehouse.migrate', () => 0, () => warehouse.migrate()),
    load: (postings: AsyncIterable<Posting>, run: LoadRun): Promise<LoadInfo> =>
      timed(log, 'warehouse.load', () => 0, () => warehouse.load(postings, run)),
    query: (name, params) => timed(log, `warehouse.query.${name}`, () => 0, () => warehouse.query(name, params)),
    fingerprints: (ids) => timed(log, 'warehouse.fingerprints', () => 0, () => warehouse.fingerprints(ids)),
    close: () => warehouse.close(),
    // Reads counters kept in memory: nothing to time.
    ...billingPassThrough(warehouse),
  };
}

/** The provider with its store and warehouse metered; everything else passes through. */
export function meteredProvider(provider: Provider, log: OperationLog): Provider {
  return { ...provider, store: meteredStore(provider.store, log), warehouse: meteredWarehouse(provider.warehouse, log), close: () => provider.close() };
}
