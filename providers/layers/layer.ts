/**
 * One mechanism for every cross-cutting provider layer (metering, retries, injected faults,
 * deadlines, the crash hook): a layer intercepts each operation of a provider's store and
 * warehouse, and `applyLayers` builds the wrapped provider. The interface methods are listed
 * once, in the tables below, typed so that a method added to an interface and not to its
 * table is a type error: no layer can silently drop a method (a spread of a class instance
 * copies none of them).
 */
import type { ObjectInfo, ObjectStore, Provider, Warehouse } from '../core/index.ts';
import type { OperationDeadlines } from '../core/operation-deadlines.ts';

/** How an operation answers, which decides what a layer may do around it. */
export type OperationShape =
  /** One promise: may be timed, retried, faulted and bounded. */
  | 'request'
  /** One promise that consumes its postings: it cannot be replayed, only resumed. */
  | 'load'
  /** Yields as it goes: wrapped by `Layer.aroundListing`. */
  | 'listing'
  /** Releases connections: bounded, but not metered, retried or faulted. */
  | 'close';

type LayeredSpec = { shape: OperationShape; deadline: keyof OperationDeadlines };
/** In-memory figures, no request: forwarded past every layer (`Warehouse.billing`). */
type BookkeepingSpec = { shape: 'bookkeeping' };
type OperationSpec = LayeredSpec | BookkeepingSpec;

type MethodOf<T> = { [K in keyof T]-?: NonNullable<T[K]> extends (...args: never[]) => unknown ? K : never }[keyof T];

export const STORE_OPERATIONS = {
  put: { shape: 'request', deadline: 'storePutMs' },
  get: { shape: 'request', deadline: 'storeGetMs' },
  head: { shape: 'request', deadline: 'storeHeadMs' },
  delete: { shape: 'request', deadline: 'storeDeleteMs' },
  list: { shape: 'listing', deadline: 'storeListPageMs' },
} as const satisfies Record<keyof ObjectStore, OperationSpec>;

export const WAREHOUSE_OPERATIONS = {
  migrate: { shape: 'request', deadline: 'warehouseMigrateMs' },
  load: { shape: 'load', deadline: 'warehouseLoadIdleMs' },
  query: { shape: 'request', deadline: 'warehouseQueryMs' },
  fingerprints: { shape: 'request', deadline: 'warehouseFingerprintsMs' },
  close: { shape: 'close', deadline: 'closeMs' },
  billing: { shape: 'bookkeeping' },
} as const satisfies Record<keyof Warehouse, OperationSpec>;

/** The provider's own methods; its other members (name, capabilities, prices…) are copied. */
export const PROVIDER_OPERATIONS = {
  close: { shape: 'close', deadline: 'closeMs' },
} as const satisfies Record<MethodOf<Provider>, OperationSpec>;

type Tables = {
  store: typeof STORE_OPERATIONS;
  warehouse: typeof WAREHOUSE_OPERATIONS;
  provider: typeof PROVIDER_OPERATIONS;
};
type Interfaces = { store: ObjectStore; warehouse: Warehouse; provider: Provider };
export type OperationTarget = keyof Tables;

type ArgsOf<F> = F extends (...args: infer A) => unknown ? Readonly<A> : never;
type LayeredMethod<T extends OperationTarget> = {
  [M in keyof Tables[T]]: Tables[T][M] extends LayeredSpec ? M : never;
}[keyof Tables[T]];
type CallOn<T extends OperationTarget> = {
  [M in LayeredMethod<T>]: { target: T; method: M; args: ArgsOf<NonNullable<Interfaces[T][M & keyof Interfaces[T]]>> };
}[LayeredMethod<T>];

/** One call of an interface method, as a layer sees it. */
export type Operation = (CallOn<'store'> | CallOn<'warehouse'> | CallOn<'provider'>) & {
  /**
   * What metering, retry and fault counts and error messages call it: `store.put`,
   * `warehouse.query.top_skills`, `close`.
   */
  name: string;
  shape: OperationShape;
  /** The deadline of this kind of operation (providers/core/operation-deadlines.ts). */
  deadline: keyof OperationDeadlines;
};

/** Runs the next layer (then the method itself); `args` replace the operation's own when given. */
export type Next<Result> = (args?: readonly unknown[]) => Result;

/** An interceptor around every store, warehouse and provider operation. */
export interface Layer {
  /** Names the layer in tests and messages. */
  readonly name: string;
  /** Around every operation answered by one promise: requests, loads and closes. */
  around(operation: Operation, call: Next<Promise<unknown>>): Promise<unknown>;
  /**
   * Around a listing, which yields as it goes: each layer says what it does with its
   * steps (time the whole, retry before the first key, bound each page, fault at the start).
   */
  aroundListing(operation: Operation, call: Next<AsyncIterable<ObjectInfo>>): AsyncIterable<ObjectInfo>;
}

/** Queries are counted and faulted per named query; a provider's own close is plain `close`. */
function operationName(target: OperationTarget, method: string, args: readonly unknown[]): string {
  if (target === 'provider') return method;
  return target === 'warehouse' && method === 'query' ? `warehouse.query.${String(args[0])}` : `${target}.${method}`;
}

type AnyMethod = (...args: readonly unknown[]) => unknown;

/**
 * The methods of `inner` listed in `table`, each through `layers` (first = outermost). A
 * method `inner` does not have (an optional one) stays absent.
 */
function layeredMethods(
  target: OperationTarget,
  inner: object,
  table: Record<string, OperationSpec>,
  layers: readonly Layer[],
): Record<string, AnyMethod> {
  const methods: Record<string, AnyMethod> = {};
  const innerMethods = inner as Record<string, AnyMethod | undefined>;
  for (const [method, spec] of Object.entries(table)) {
    if (typeof innerMethods[method] !== 'function') continue;
    // Called on `inner` itself, looked up at each call as a direct call would: a class method keeps its `this`.
    const innermost = (args: readonly unknown[]) => innerMethods[method]!(...args);
    if (spec.shape === 'bookkeeping') {
      methods[method] = (...args) => innermost(args);
      continue;
    }
    const { shape, deadline } = spec;
    methods[method] = (...args) => {
      const name = operationName(target, method, args);
      const step = (index: number, current: readonly unknown[]): unknown => {
        const layer = layers[index];
        if (!layer) return innermost(current);
        const operation = { target, method, args: current, name, shape, deadline } as Operation;
        const next = (replaced: readonly unknown[] = current) => step(index + 1, replaced);
        return shape === 'listing'
          ? layer.aroundListing(operation, next as Next<AsyncIterable<ObjectInfo>>)
          : layer.around(operation, next as Next<Promise<unknown>>);
      };
      return step(0, args);
    };
  }
  return methods;
}

/** The store with every method through `layers`, first = outermost. */
export function layerStore(store: ObjectStore, layers: readonly Layer[]): ObjectStore {
  return layeredMethods('store', store, STORE_OPERATIONS, layers) as unknown as ObjectStore;
}

/** The warehouse with every method through `layers`, first = outermost; `billing` only when it has one. */
export function layerWarehouse(warehouse: Warehouse, layers: readonly Layer[]): Warehouse {
  return layeredMethods('warehouse', warehouse, WAREHOUSE_OPERATIONS, layers) as unknown as Warehouse;
}

type ProviderMethods = Pick<Provider, MethodOf<Provider>>;

/** The provider with its store, warehouse and close through `layers`, first = outermost; the rest copied. */
export function applyLayers(provider: Provider, layers: readonly Layer[]): Provider {
  return {
    ...provider,
    store: layerStore(provider.store, layers),
    warehouse: layerWarehouse(provider.warehouse, layers),
    ...(layeredMethods('provider', provider, PROVIDER_OPERATIONS, layers) as unknown as ProviderMethods),
  };
}
