/**
 * The lake's keys, the same on every provider (docs/lake-and-warehouse.md "Lake layout"). Every
 * stage builds and parses keys here, never by hand.
 */

/** `YYYY-MM-DD` (UTC) of a run's start: the `dt=` partition. */
export function partitionDate(iso: string): string {
  return iso.slice(0, 10);
}

export function rawPrefix(source: string, dt: string, runId: string): string {
  return `raw/source=${source}/dt=${dt}/run=${runId}/`;
}

export function rawKey(source: string, dt: string, runId: string, n: number, ext: string): string {
  return `${rawPrefix(source, dt, runId)}${n}.${ext}`;
}

export function rawMetaKey(source: string, dt: string, runId: string, n: number): string {
  return `${rawPrefix(source, dt, runId)}${n}.meta.json`;
}

/** The parts of a raw body key (`rawKey`'s inverse), or null for any other key. */
export function parseRawKey(key: string): { source: string; dt: string; runId: string; n: number; ext: string } | null {
  const match = /^raw\/source=([^/]+)\/dt=([^/]+)\/run=([^/]+)\/(\d+)\.(json|html)$/.exec(key);
  if (!match) return null;
  return { source: match[1]!, dt: match[2]!, runId: match[3]!, n: Number(match[4]), ext: match[5]! };
}

/** The page number and kind of a key under a raw prefix (`12.json` → 12, body). */
export function parseRawName(name: string): { n: number; kind: 'body' | 'meta' } | null {
  const match = /^(\d+)\.(meta\.json|json|html)$/.exec(name);
  if (!match) return null;
  return { n: Number(match[1]), kind: match[2] === 'meta.json' ? 'meta' : 'body' };
}

export function cleanPrefix(dt: string, runId: string): string {
  return `clean/dt=${dt}/run=${runId}/`;
}

export function cleanKey(dt: string, runId: string, chunk: number): string {
  return `${cleanPrefix(dt, runId)}postings-${chunk}.ndjson`;
}

export function quarantinePrefix(runId: string): string {
  return `quarantine/run=${runId}/`;
}

export function quarantineKey(runId: string, chunk: number): string {
  return `${quarantinePrefix(runId)}chunk-${chunk}.ndjson`;
}

/** Postings the load found in clean/ but no warehouse can store (see load.ts), per chunk. */
export function loadQuarantineKey(runId: string, chunk: number): string {
  return `${quarantinePrefix(runId)}load-chunk-${chunk}.ndjson`;
}

/** Where a corrupt lake object is kept, as it was found, before it is fetched or made again. */
export function corruptCopyKey(runId: string, key: string): string {
  return `${quarantinePrefix(runId)}corrupt/${key}`;
}

export function manifestKey(runId: string): string {
  return `runs/${runId}/manifest.json`;
}

/**
 * The run whose transform last ran over raw pages with this listing digest (reuse-clean.ts):
 * one GET finds the earlier run whose clean output a rerun may reuse.
 */
export function cleanReuseIndexKey(listingDigest: string): string {
  return `state/transform/clean-reuse/${listingDigest}.json`;
}

/** Run ids sort by start time: `20261128T103000Z-1a2b3c`. */
export function newRunId(now: Date, random: () => number = Math.random): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const suffix = Math.floor(random() * 0xffffff)
    .toString(16)
    .padStart(6, '0');
  return `${stamp}-${suffix}`;
}

const RUN_ID = /^\d{8}T\d{6}Z-[0-9a-f]{6}$/;
export function isRunId(value: string): boolean {
  return RUN_ID.test(value);
}
