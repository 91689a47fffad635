/** Waiting, injected so tests assert the delays a source asks for instead of sleeping. */
import { setTimeout as delay } from 'node:timers/promises';

/** Resolves after `ms` milliseconds, or rejects when `signal` aborts first. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = async (ms, signal) => {
  if (ms <= 0) return;
  await delay(ms, undefined, signal ? { signal } : undefined);
};
