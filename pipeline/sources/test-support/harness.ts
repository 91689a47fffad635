/**
 * What every source test needs: a lake on a temporary directory (the real FsObjectStore),
 * a context whose events are recorded, a sleep that records the delays asked for instead
 * of waiting, and a policy fast enough for tests.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FsObjectStore } from '../../../providers/local/fs-object-store.ts';
import {
  emptyStats,
  type RawPage,
  type Source,
  type SourceContext,
  type SourceEvent,
  type SourceStats,
} from '../source.ts';
import { resolvePolicy, type SourcePolicy } from '../policies.ts';
import { PoliteFetcher } from '../http/polite-fetcher.ts';
import type { Sleep } from '../http/clock.ts';

export interface Harness {
  store: FsObjectStore;
  events: SourceEvent[];
  sleeps: number[];
  sleep: Sleep;
  context(overrides?: Partial<SourceContext>): SourceContext;
  cleanup(): Promise<void>;
}

/** No waiting between requests; retries still counted and their delays recorded. */
export const FAST_POLICY: Partial<SourcePolicy> = {
  requestsPerMinute: Number.POSITIVE_INFINITY,
  minDelayMs: 0,
  backoffBaseMs: 1000,
  backoffMaxMs: 8000,
  retries: 3,
};

/** A PoliteFetcher on the harness's clock, sleeper and lake, with FAST_POLICY under `policy`; its stats and events to assert on. */
export function testFetcher(
  harness: Harness,
  now: Date,
  policy: Partial<SourcePolicy> = {},
  source: 'adzuna' | 'jsonld' = 'jsonld',
): { f: PoliteFetcher; stats: SourceStats; events: SourceEvent[] } {
  const stats = emptyStats();
  const events: SourceEvent[] = [];
  const f = new PoliteFetcher({
    source,
    policy: resolvePolicy(source, { ...FAST_POLICY, ...policy }),
    stats,
    log: (e) => events.push(e),
    now: () => now,
    sleep: harness.sleep,
    random: () => 0,
    store: harness.store,
  });
  return { f, stats, events };
}

export async function makeHarness(now: Date = new Date('2026-11-28T12:00:00Z')): Promise<Harness> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-sources-'));
  const store = new FsObjectStore(dir);
  const events: SourceEvent[] = [];
  const sleeps: number[] = [];
  return {
    store,
    events,
    sleeps,
    sleep: async (ms) => void sleeps.push(ms),
    context: (overrides = {}) => ({
      runId: 'run-1',
      now: () => now,
      env: {},
      store,
      resumeCursor: null,
      log: (event) => events.push(event),
      ...overrides,
    }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Drains a source into an array; on failure the pages yielded so far are kept in `pages`. */
export async function collect(source: Source, context: SourceContext): Promise<{ pages: RawPage[]; error: unknown }> {
  const pages: RawPage[] = [];
  try {
    for await (const page of source.pages(context)) pages.push(page);
    return { pages, error: null };
  } catch (error) {
    return { pages, error };
  }
}
