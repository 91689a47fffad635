/**
 * After a load, proves nothing was lost or stored twice: every clean posting of the run
 * must be in the warehouse with the same content hash, exactly once.
 */
import { postingContentHash, type ObjectStore, type Warehouse } from '../providers/core/index.ts';
import type { RunManifest } from './run-manifest.ts';
import { readCleanPostings } from './transform-stage.ts';

export interface LoadVerification {
  /** Distinct postings of this run (by id; the last copy of an id wins, as in the merge). */
  expected: number;
  /** Of those, found in the warehouse with the same content hash. */
  found: number;
  lost: number;
  /** Warehouse rows sharing an id of this run with another row (0 with a primary key). */
  duplicated: number;
}

export async function verifyLoad(store: ObjectStore, warehouse: Warehouse, manifest: RunManifest): Promise<LoadVerification> {
  const expected = new Map<string, string>();
  for await (const posting of readCleanPostings(store, manifest)) expected.set(posting.id, postingContentHash(posting));
  const rows = await warehouse.query('posting_fingerprints');
  const seen = new Map<string, number>();
  let found = 0;
  for (const row of rows) {
    const id = String(row.id);
    const hash = expected.get(id);
    if (hash === undefined) continue;
    seen.set(id, (seen.get(id) ?? 0) + 1);
    if (row.content_hash === hash && seen.get(id) === 1) found += 1;
  }
  let duplicated = 0;
  for (const count of seen.values()) duplicated += count - 1;
  return { expected: expected.size, found, lost: expected.size - found, duplicated };
}
