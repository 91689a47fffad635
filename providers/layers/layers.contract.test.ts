/**
 * The layer contract: whatever a layer does around an operation, the provider it builds
 * forwards every interface method (enumerated from the one table in layer.ts) to the
 * provider beneath, once, with its arguments, hands back its result, lets its errors
 * through unchanged, and keeps the provider's other members. A recording provider stands
 * in for the backend: this tests the layers, not a service. Its methods live on a
 * prototype, as on the class instances every real store and warehouse is, so a layer that
 * spreads them (and so copies none) fails here.
 */
import assert from 'node:assert/strict';
import { crashHookLayer } from './crash-hook.ts';
import {
  ProviderError,
  type LoadInfo,
  type ObjectStore,
  type Posting,
  type Provider,
  type Warehouse,
  type WarehouseBilling,
} from '../core/index.ts';
import { LOCAL_CAPABILITIES } from '../local/capabilities.ts';
import { asAsync, makePostings } from '../testing/posting-fixtures.ts';
import { chaosLayer } from './chaos.ts';
import {
  applyLayers,
  PROVIDER_OPERATIONS,
  STORE_OPERATIONS,
  WAREHOUSE_OPERATIONS,
  type Layer,
  type OperationTarget,
} from './layer.ts';
import { meteredLayer } from './metered.ts';
import { OperationLog } from './operation-log.ts';
import { NO_FAULTS } from './parse-faults.ts';
import { RetryCounter, retryingLayer } from './retrying.ts';
import { timeoutLayer } from './timeout.ts';

type Args<F> = F extends (...args: infer A) => unknown ? A : never;
type SampleArgs<T> = { [M in keyof T]-?: () => Args<NonNullable<T[M]>> };

const POSTINGS = makePostings(3);

/** Arguments of each method, typed by the interfaces: a new method needs its sample here too. */
const SAMPLE_ARGS: {
  store: SampleArgs<ObjectStore>;
  warehouse: SampleArgs<Warehouse>;
  provider: SampleArgs<Pick<Provider, 'close'>>;
} = {
  store: {
    put: () => ['k/1.json', 'body', { contentType: 'text/plain' }],
    get: () => ['k/1.json'],
    head: () => ['k/1.json'],
    list: () => ['k/'],
    delete: () => ['k/1.json'],
  },
  warehouse: {
    migrate: () => [],
    load: () => [asAsync(POSTINGS), { runId: 'contract-run' }],
    query: () => ['top_skills', { limit: 5 }],
    fingerprints: () => [['a', 'b']],
    close: () => [],
    billing: () => [],
  },
  provider: { close: () => [] },
};

function sampleArgs(target: OperationTarget, method: string): readonly unknown[] {
  return (SAMPLE_ARGS[target] as Record<string, () => readonly unknown[]>)[method]!();
}

const LOAD_INFO: LoadInfo = {
  runId: 'contract-run',
  received: 3,
  inserted: 3,
  updated: 0,
  unchanged: 0,
  batches: 1,
  checksum: 'c',
  durationMs: 1,
};
const BILLING: WarehouseBilling = {
  source: 'recording',
  queryJobs: 1,
  bytesProcessed: 1,
  bytesBilled: 1,
  cacheHits: 0,
  jobsWithoutStatistics: 0,
  statementTypes: {},
  analytic: { queryJobs: 1, bytesBilled: 1, jobsWithoutStatistics: 0 },
  loadJobs: 0,
  loadInputBytes: 0,
  loadOutputBytes: 0,
  loadJobsWithoutStatistics: 0,
};

/** What the recording backend answers, compared by identity (`undefined` for the methods that answer nothing). */
const ANSWERS: Record<OperationTarget, Record<string, unknown>> = {
  store: {
    put: { key: 'k/1.json', size: 4 },
    get: new Uint8Array([1, 2, 3]),
    head: { key: 'k/1.json', size: 4 },
    list: [
      { key: 'k/1.json', size: 4 },
      { key: 'k/2.json', size: 5 },
    ],
    delete: undefined,
  },
  warehouse: {
    migrate: undefined,
    load: LOAD_INFO,
    query: [{ skill: 'python', postings: 3 }],
    fingerprints: new Map([['a', ['h']]]),
    close: undefined,
    billing: BILLING,
  },
  provider: { close: undefined },
};

const TABLES: Record<OperationTarget, Record<string, unknown>> = {
  store: STORE_OPERATIONS,
  warehouse: WAREHOUSE_OPERATIONS,
  provider: PROVIDER_OPERATIONS,
};
const EVERY_OPERATION = (Object.keys(TABLES) as OperationTarget[]).flatMap((target) =>
  Object.keys(TABLES[target]).map((method) => ({ target, method })),
);

interface Call {
  operation: string;
  args: readonly unknown[];
  /** Ids of the postings a load consumed (a layer may hand it its own iterable over them). */
  consumed?: string[];
}

/** An object whose methods, one per table entry, sit on its prototype and record each call. */
function recordingTarget(
  target: OperationTarget,
  methods: readonly string[],
  failure: Error | null,
  calls: Call[],
): object {
  const prototype: Record<string, unknown> = {};
  for (const method of methods) {
    const answer = ANSWERS[target][method];
    prototype[method] =
      method === 'list'
        ? function (this: { calls: Call[] }, ...args: unknown[]) {
            this.calls.push({ operation: `${target}.${method}`, args });
            return (async function* () {
              if (failure) throw failure;
              yield* answer as unknown[];
            })();
          }
        : async function (this: { calls: Call[] }, ...args: unknown[]) {
            const call: Call = { operation: `${target}.${method}`, args };
            this.calls.push(call);
            if (method === 'load') {
              call.consumed = [];
              for await (const posting of args[0] as AsyncIterable<Posting>) call.consumed.push(posting.id);
            }
            if (failure) throw failure;
            return answer;
          };
  }
  return Object.assign(Object.create(prototype) as object, { calls });
}

/** A provider on the recording store and warehouse; `billing: false` leaves the optional method out. */
function recordingProvider(options: { failure?: Error; billing?: boolean } = {}) {
  const calls: Call[] = [];
  const failure = options.failure ?? null;
  const warehouseMethods = Object.keys(WAREHOUSE_OPERATIONS).filter(
    (method) => method !== 'billing' || options.billing !== false,
  );
  const provider: Provider = {
    name: 'aws',
    region: 'eu-west-3',
    emulated: true,
    endpointFingerprint: 'recording',
    capabilities: LOCAL_CAPABILITIES,
    store: recordingTarget('store', Object.keys(STORE_OPERATIONS), failure, calls) as ObjectStore,
    warehouse: recordingTarget('warehouse', warehouseMethods, failure, calls) as Warehouse,
    prices: null,
    platform: null,
    close: async (...args: unknown[]) => {
      calls.push({ operation: 'provider.close', args });
      if (failure) throw failure;
    },
  };
  return { provider, calls };
}

/** Calls `target.method` on `provider` with `args`; a listing is read to its end. */
async function invoke(provider: Provider, target: OperationTarget, method: string, args: readonly unknown[]) {
  type Methods = Record<string, (...a: unknown[]) => unknown>;
  const holder = (target === 'provider' ? provider : provider[target]) as unknown as Methods;
  const answer = holder[method]!(...args);
  if (method !== 'list') return answer;
  const items: unknown[] = [];
  for await (const item of answer as AsyncIterable<unknown>) items.push(item);
  return items;
}

const kills: string[] = [];
const STACKS: Array<[string, () => Layer[]]> = [
  ['metered', () => [meteredLayer(new OperationLog())]],
  ['retrying', () => [retryingLayer(new RetryCounter())]],
  ['chaos', () => [chaosLayer('aws', { spec: NO_FAULTS })]],
  ['timeout', () => [timeoutLayer('aws')]],
  ['crash hook (extract)', () => [crashHookLayer('extract', () => kills.push('extract'))]],
  ['crash hook (load-commit)', () => [crashHookLayer('load-commit', () => kills.push('load-commit'))]],
  [
    'the benchmark stack over the timeout layer',
    () => [
      meteredLayer(new OperationLog()),
      retryingLayer(new RetryCounter()),
      chaosLayer('aws', { spec: NO_FAULTS }),
      crashHookLayer('extract-page:1', () => kills.push('page')),
      timeoutLayer('aws'),
    ],
  ],
];

describe('layer contract: every interface method forwarded through every layer', function () {
  for (const [name, layers] of STACKS) {
    describe(name, function () {
      for (const { target, method } of EVERY_OPERATION) {
        it(`${target}.${method}: its arguments in, its result out, once; its error out unchanged`, async function () {
          const { provider, calls } = recordingProvider();
          const args = sampleArgs(target, method);
          const answer = await invoke(applyLayers(provider, layers()), target, method, args);
          assert.equal(calls.length, 1, `calls: ${calls.map((c) => c.operation).join(', ')}`);
          const [call] = calls;
          assert.equal(call!.operation, `${target}.${method}`);
          if (method === 'load') {
            assert.deepEqual(
              call!.consumed,
              POSTINGS.map((p) => p.id),
              'the load got every posting',
            );
            assert.equal(call!.args[1], args[1], 'the load got its run');
          } else {
            assert.equal(call!.args.length, args.length);
            args.forEach((arg, i) => {
              assert.equal(call!.args[i], arg, `argument ${i}`);
            });
          }
          const expected = ANSWERS[target][method];
          if (method !== 'list') assert.equal(answer, expected);
          else {
            (expected as unknown[]).forEach((item, i) => {
              assert.equal((answer as unknown[])[i], item, `item ${i}`);
            });
          }

          const failure = ProviderError.because('aws', `${target}.${method}`, 'invalid-request', 'refused');
          const failing = recordingProvider({ failure });
          const refused = invoke(applyLayers(failing.provider, layers()), target, method, sampleArgs(target, method));
          await assert.rejects(refused, (e: unknown) => e === failure);
          assert.equal(failing.calls.length, 1, 'a refused request is not repeated');
        });
      }

      it("keeps the provider's other members", function () {
        const { provider } = recordingProvider();
        const layered = applyLayers(provider, layers());
        const members: ReadonlyArray<keyof Provider> = [
          'name',
          'region',
          'emulated',
          'endpointFingerprint',
          'capabilities',
          'prices',
          'platform',
        ];
        for (const member of members) assert.equal(layered[member], provider[member], member);
      });

      it('leaves billing absent when the warehouse has none', function () {
        const { provider } = recordingProvider({ billing: false });
        assert.equal('billing' in applyLayers(provider, layers()).warehouse, false);
      });
    });
  }
});

describe('applyLayers', function () {
  /** A layer that notes when an operation enters it and may hand the next layer other arguments. */
  function noting(name: string, seen: string[], replace?: (args: readonly unknown[]) => readonly unknown[]): Layer {
    return {
      name,
      around: (operation, call) => {
        seen.push(`${name} ${operation.name}`);
        return call(replace?.(operation.args));
      },
      aroundListing: (operation, call) => {
        seen.push(`${name} ${operation.name}`);
        return call();
      },
    };
  }

  it('runs the layers in the order given, the first outermost, and names queries by query', async function () {
    const seen: string[] = [];
    const { provider } = recordingProvider();
    const layered = applyLayers(provider, [noting('outer', seen), noting('inner', seen)]);
    await layered.warehouse.query('top_skills');
    for await (const _ of layered.store.list('k/'));
    await layered.close();
    assert.deepEqual(seen, [
      'outer warehouse.query.top_skills',
      'inner warehouse.query.top_skills',
      'outer store.list',
      'inner store.list',
      'outer close',
      'inner close',
    ]);
  });

  it('hands the inner layers, then the method, the arguments an outer layer replaced', async function () {
    const seen: string[] = [];
    const { provider, calls } = recordingProvider();
    const innerSaw: unknown[] = [];
    const inner: Layer = {
      ...noting('inner', seen),
      around: (operation, call) => {
        innerSaw.push(...operation.args);
        return call();
      },
    };
    const rewrite = noting('rewrite', seen, ([key, ...rest]) => [`moved/${String(key)}`, ...rest]);
    const layered = applyLayers(provider, [rewrite, inner]);
    await layered.store.get('k/1.json');
    assert.deepEqual(innerSaw, ['moved/k/1.json']);
    assert.deepEqual(calls[0]?.args, ['moved/k/1.json']);
  });
});
