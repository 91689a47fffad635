/**
 * Fault injection through the interfaces (flystorage's chaos adapter idea): each
 * operation may fail with a ProviderError of a chosen code, with a given probability,
 * and may be delayed. Draws come from a seeded PRNG so a run with the same seed and the
 * same operation order injects the same faults. Loads and migrations are left alone
 * by default: a load consumes its input and cannot be replayed by the retrying
 * layer; its failure modes are covered by the crash/resume test instead.
 */
import { ProviderError, type ObjectStore, type Provider, type ProviderErrorCode } from '../core/index.ts';
import { applyLayers, layerStore, type Layer } from './layer.ts';
import type { FaultSpec } from './parse-faults.ts';
import { seededRandom } from '../../lib/seeded-random.ts';

export interface ChaosOptions {
  spec: FaultSpec;
  /** Which operations are eligible (default: store operations and queries). */
  eligible?: (operation: string) => boolean;
  /** Uniform [0, 1) source; default a PRNG seeded with `spec.seed`. */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** What the chaos layer injected, by `chaos:kind` (`chaos:unavailable`, `chaos:latency`…). */
export class FaultCounter {
  readonly byKind = new Map<string, number>();
  add(kind: string): void {
    this.byKind.set(kind, (this.byKind.get(kind) ?? 0) + 1);
  }
  get total(): number {
    let n = 0;
    for (const v of this.byKind.values()) if (v) n += v;
    return n;
  }
  toJSON(): Record<string, number> {
    return Object.fromEntries([...this.byKind].sort(([a], [b]) => a.localeCompare(b)));
  }
}

export const DEFAULT_ELIGIBLE = (operation: string) =>
  operation.startsWith('store.') || operation.startsWith('warehouse.query.');

class Injector {
  private readonly random: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly eligible: (operation: string) => boolean;
  private readonly codes: Array<[ProviderErrorCode, number]>;

  constructor(
    private readonly provider: string,
    private readonly options: ChaosOptions,
    readonly counter: FaultCounter,
  ) {
    this.random = options.random ?? seededRandom(options.spec.seed);
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.eligible = options.eligible ?? DEFAULT_ELIGIBLE;
    this.codes = Object.entries(options.spec.errors).filter(([, p]) => (p ?? 0) > 0) as Array<
      [ProviderErrorCode, number]
    >;
  }

  /** Delays and maybe throws before the real operation runs. */
  async before(operation: string): Promise<void> {
    if (!this.eligible(operation)) return;
    const { latencyMs, jitterMs } = this.options.spec;
    const delay = latencyMs + (jitterMs > 0 ? this.random() * jitterMs : 0);
    if (delay > 0) {
      this.counter.add('chaos:latency');
      await this.sleep(delay);
    }
    if (this.codes.length === 0) return;
    // One draw per operation picks at most one fault: cumulative probabilities.
    const draw = this.random();
    let edge = 0;
    for (const [code, p] of this.codes) {
      edge += p;
      if (draw < edge) {
        this.counter.add(`chaos:${code}`);
        throw ProviderError.because(this.provider, operation, code, `injected fault (${code})`);
      }
    }
  }
}

/** Delays and faults before the operation runs; a listing's come before its first key. */
export function chaosLayer(providerName: string, options: ChaosOptions, counter = new FaultCounter()): Layer {
  const injector = new Injector(providerName, options, counter);
  return {
    name: 'chaos',
    // Closing is not a request of the workload: no fault there.
    around: (operation, call) =>
      operation.shape === 'close' ? call() : injector.before(operation.name).then(() => call()),
    aroundListing: (operation, call) =>
      (async function* () {
        await injector.before(operation.name);
        yield* call();
      })(),
  };
}

/** The provider with faults injected into its store and warehouse. */
export function chaosProvider(
  provider: Provider,
  options: ChaosOptions,
  counter: FaultCounter = new FaultCounter(),
): Provider {
  return applyLayers(provider, [chaosLayer(provider.name, options, counter)]);
}

/** A store with faults injected (for tests and the harness benchmark). */
export function chaosObjectStore(
  store: ObjectStore,
  providerName: string,
  options: ChaosOptions,
  counter: FaultCounter = new FaultCounter(),
): ObjectStore {
  return layerStore(store, [chaosLayer(providerName, options, counter)]);
}
