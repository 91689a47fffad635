/**
 * Drives one repetition of a scenario: `operations` calls with up to `concurrency` in
 * flight. With a target rate the schedule is fixed in advance (operation i is due at
 * t0 + i / rate) and each latency is measured from that intended start, so an
 * operation that waited behind a slow one is charged for the wait — the coordinated
 * omission correction of wrk2 and YCSB's intended-start timing. Without a rate it is
 * a closed loop and the intended start is the actual start.
 */
import type { SampleBuffer } from '../stats/sample-buffer.ts';

export interface Clock {
  /** Monotonic milliseconds. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface LoadOptions {
  operations: number;
  concurrency: number;
  /** Operations per second scheduled; null or undefined for a closed loop. */
  targetRatePerSec?: number | null;
  clock?: Clock;
}

/** The operation returns the payload bytes it moved. */
export type Operation = (index: number) => Promise<number>;

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String((error as { code: unknown }).code)
    : 'unknown';
}

export async function generateLoad(
  operation: Operation,
  samples: SampleBuffer | null,
  repetition: number,
  options: LoadOptions,
): Promise<void> {
  const clock = options.clock ?? realClock;
  const rate = options.targetRatePerSec ?? null;
  const interval = rate ? 1000 / rate : 0;
  const t0 = clock.now();
  let next = 0;
  const worker = async () => {
    while (next < options.operations) {
      const index = next++;
      let intended: number | null = null;
      if (rate) {
        intended = t0 + index * interval;
        const wait = intended - clock.now();
        if (wait > 0) await clock.sleep(wait);
      }
      const start = clock.now();
      try {
        const bytes = await operation(index);
        samples?.push(repetition, intended ?? start, start, clock.now(), bytes, true);
      } catch (error) {
        samples?.push(repetition, intended ?? start, start, clock.now(), 0, false, errorCode(error));
      }
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency, options.operations));
  await Promise.all(Array.from({ length: workers }, worker));
}
