/**
 * A benchmark scenario with PerfKitBenchmarker's lifecycle: prepare → warm-up
 * (discarded) → measured repetitions → cleanup (always, in `finally`). Each scenario
 * writes under its own random prefix and removes it. Scenarios branch on
 * `provider.capabilities`, never on the provider's name.
 */
import type { Provider } from '../../providers/core/index.ts';
import type { Random } from '../../lib/seeded-random.ts';

export interface ScenarioSettings {
  /**
   * Measured repetitions. With 5, a 95 % percentile bootstrap of the median is little
   * more than [min, max]; 10 is the least for an interval that says something.
   */
  repetitions: number;
  concurrency: number;
  /**
   * Operations scheduled per second in the rate-limited scenarios (open loop: latency is
   * timed from each operation's intended start, so a slow operation delays the others'
   * figures as it would a real client's); null runs a closed loop (`--closed-loop`).
   */
  targetRatePerSec: number | null;
  /** Operations per repetition of the store scenarios. */
  operations: number;
  /** Warm-up operations, discarded. */
  warmupOperations: number;
  /** Size of a "large put" (NDJSON batch), bytes. */
  largeObjectBytes: number;
  /** Seed for payloads and keys. */
  seed: number;
}

export const DEFAULT_SCENARIO_SETTINGS: ScenarioSettings = {
  repetitions: 10,
  concurrency: 4,
  // 20 operations a second with 4 in flight: below what each store answers from here
  // (so the figure is latency, not a queue), and the same schedule on every provider.
  targetRatePerSec: 20,
  operations: 40,
  warmupOperations: 5,
  largeObjectBytes: 10 * 1024 * 1024,
  seed: 42,
};

/**
 * The workload a run measures unless told otherwise: 2,000 postings of the seeded sample
 * source. A run's seed is also its scenarios' (run-suite.ts), hence one number for both.
 */
export const DEFAULT_WORKLOAD = {
  sources: ['sample'],
  scale: 2000,
  seed: DEFAULT_SCENARIO_SETTINGS.seed,
} as const satisfies { sources: readonly string[]; scale: number; seed: number };

export interface ScenarioContext {
  provider: Provider;
  /** Random lake prefix of this scenario on this provider (`bench/tmp-…/`). */
  prefix: string;
  settings: ScenarioSettings;
  random: Random;
}

export interface Scenario<State = unknown> {
  /** Results name, e.g. `store.put.small`. */
  name: string;
  /** Why this scenario cannot run on this provider, or null. */
  unsupported?(provider: Provider): string | null;
  /** Operations per repetition (default: settings.operations). */
  operationsPerRepetition?(settings: ScenarioSettings): number;
  /** Warm-up operations (default: settings.warmupOperations). */
  warmupOperations?(settings: ScenarioSettings): number;
  /** Concurrency (default: settings.concurrency). */
  concurrency?(settings: ScenarioSettings): number;
  /** Whether the configured target rate applies (bulk work runs closed-loop). */
  rateLimited?: boolean;
  /** Payload bytes per operation and whether it goes multipart, for the record. */
  payload?(ctx: ScenarioContext): { objectBytes: number | null; multipart: boolean | null; note?: string };
  prepare(ctx: ScenarioContext): Promise<State>;
  /** One operation; resolves to the payload bytes moved. */
  run(ctx: ScenarioContext, state: State, index: number): Promise<number>;
  cleanup(ctx: ScenarioContext, state: State | undefined): Promise<void>;
}

/** Removes every object under a prefix (cleanup helper). */
export async function removePrefix(provider: Provider, prefix: string): Promise<void> {
  const keys: string[] = [];
  for await (const info of provider.store.list(prefix)) keys.push(info.key);
  for (const key of keys) await provider.store.delete(key);
}
