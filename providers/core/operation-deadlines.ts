/**
 * How long each kind of provider operation may take before the run gives up on it
 * (issue #16, finding 12: a hung service must never hang the run). Read from the
 * environment under one prefix, `JOBBENCH_TIMEOUT_`, like every other setting; an unknown
 * key or a bad duration is `invalid-config` (exit 2 before any work).
 *
 * It lives in core because two rooms need the same figures and may only share core: the
 * timeout wrapper (providers/layers/timeout.ts) bounds each operation, and each cloud
 * provider sets its SDK's own request timeouts from them, so no socket outlives the
 * deadline of the operation that opened it.
 */
import type { Env } from './config.ts';
import { ProviderError } from './provider-error.ts';

export interface OperationDeadlines {
  /** One `store.put` (default 60 s: the benchmark's largest object, 10 MiB, at 1.5 Mbit/s). */
  storePutMs: number;
  /** One `store.get` (default 60 s: the same objects on the way back). */
  storeGetMs: number;
  /** One `store.head` (default 15 s: one small metadata request; normal p99 is under 1 s). */
  storeHeadMs: number;
  /** One `store.delete` (default 15 s: as head). */
  storeDeleteMs: number;
  /** One page of `store.list` (default 30 s: up to 1000 keys, a few hundred KB of listing). */
  storeListPageMs: number;
  /** `warehouse.migrate` (default 120 s: DDL; an emulated BigQuery takes tens of seconds). */
  warehouseMigrateMs: number;
  /**
   * `warehouse.load` without progress (default 300 s). A load's size varies by run, so the
   * deadline bounds the time between two postings taken by the warehouse (and, after the
   * last one, the final merge and audit), not the whole load: one batch merge takes
   * seconds on PostgreSQL, a BigQuery load job up to a minute or two.
   */
  warehouseLoadIdleMs: number;
  /** One `warehouse.query` (default 120 s: seconds on PostgreSQL; BigQuery queues jobs). */
  warehouseQueryMs: number;
  /** One `warehouse.fingerprints` batch (default 120 s: 5,000 ids, an indexed lookup). */
  warehouseFingerprintsMs: number;
  /** `provider.close` (default 30 s: draining a pool; a hung close must not hang the exit). */
  closeMs: number;
}

export const DEFAULT_DEADLINES: Readonly<OperationDeadlines> = Object.freeze({
  storePutMs: 60_000,
  storeGetMs: 60_000,
  storeHeadMs: 15_000,
  storeDeleteMs: 15_000,
  storeListPageMs: 30_000,
  warehouseMigrateMs: 120_000,
  warehouseLoadIdleMs: 300_000,
  warehouseQueryMs: 120_000,
  warehouseFingerprintsMs: 120_000,
  closeMs: 30_000,
});

export const DEADLINE_PREFIX = 'JOBBENCH_TIMEOUT_';

/** Variable (after the prefix) of each deadline. */
export const DEADLINE_VARIABLES: Readonly<Record<keyof OperationDeadlines, string>> = {
  storePutMs: 'STORE_PUT',
  storeGetMs: 'STORE_GET',
  storeHeadMs: 'STORE_HEAD',
  storeDeleteMs: 'STORE_DELETE',
  storeListPageMs: 'STORE_LIST_PAGE',
  warehouseMigrateMs: 'WAREHOUSE_MIGRATE',
  warehouseLoadIdleMs: 'WAREHOUSE_LOAD_IDLE',
  warehouseQueryMs: 'WAREHOUSE_QUERY',
  warehouseFingerprintsMs: 'WAREHOUSE_FINGERPRINTS',
  closeMs: 'CLOSE',
};

/** A day: longer is a typo, not a deadline. */
const LONGEST_MS = 24 * 3600_000;

function invalid(reason: string): ProviderError {
  return ProviderError.because('timeouts', 'config', 'invalid-config', reason);
}

/** `500ms`, `30s`, `2m` → ms. A unit is required: a bare `30` could mean seconds or ms. */
export function parseDeadline(name: string, raw: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(raw.trim());
  const ms = match ? Number(match[1]) * (match[2] === 'm' ? 60_000 : match[2] === 's' ? 1000 : 1) : Number.NaN;
  if (!(ms >= 1 && ms <= LONGEST_MS))
    throw invalid(`${name} must be a duration from 1ms to 24h like 500ms, 30s or 2m, got "${raw}"`);
  return Math.round(ms);
}

export function readDeadlines(env: Env): OperationDeadlines {
  const known = new Map(
    Object.entries(DEADLINE_VARIABLES).map(([field, key]) => [
      `${DEADLINE_PREFIX}${key}`,
      field as keyof OperationDeadlines,
    ]),
  );
  const unknown = Object.keys(env).filter(
    (name) => name.startsWith(DEADLINE_PREFIX) && !known.has(name) && env[name] !== undefined,
  );
  if (unknown.length > 0)
    throw invalid(`unknown setting ${unknown.sort().join(', ')} (known: ${[...known.keys()].sort().join(', ')})`);
  const deadlines: OperationDeadlines = { ...DEFAULT_DEADLINES };
  for (const [name, field] of known) {
    const raw = env[name];
    if (raw !== undefined && raw !== '') deadlines[field] = parseDeadline(name, raw);
  }
  return deadlines;
}

/**
 * The SDK request timeout of a store client: the longest store deadline, so an SDK never
 * gives up on a request its operation may still wait for, and never holds a socket past
 * the longest deadline either.
 */
export function storeRequestTimeoutMs(deadlines: OperationDeadlines): number {
  return Math.max(
    deadlines.storePutMs,
    deadlines.storeGetMs,
    deadlines.storeHeadMs,
    deadlines.storeDeleteMs,
    deadlines.storeListPageMs,
  );
}

/** The SDK request timeout of an HTTP warehouse client (BigQuery): the longest warehouse deadline. */
export function warehouseRequestTimeoutMs(deadlines: OperationDeadlines): number {
  return Math.max(
    deadlines.warehouseMigrateMs,
    deadlines.warehouseLoadIdleMs,
    deadlines.warehouseQueryMs,
    deadlines.warehouseFingerprintsMs,
  );
}

/** One line for results and logs: `store put 60s, get 60s, … ; warehouse … ; close 30s`. */
export function describeDeadlines(d: OperationDeadlines): string {
  const s = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`);
  return (
    `store put ${s(d.storePutMs)}, get ${s(d.storeGetMs)}, head ${s(d.storeHeadMs)}, delete ${s(d.storeDeleteMs)}, list page ${s(d.storeListPageMs)}; ` +
    `warehouse migrate ${s(d.warehouseMigrateMs)}, load without progress ${s(d.warehouseLoadIdleMs)}, query ${s(d.warehouseQueryMs)}, ` +
    `fingerprints ${s(d.warehouseFingerprintsMs)}; close ${s(d.closeMs)}`
  );
}
