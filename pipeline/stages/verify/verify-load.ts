/**
 * After a load, proves nothing was lost or stored twice: every clean posting of the run
 * must be in the warehouse with the same content hash, exactly once.
 *
 * It streams the run's clean postings and asks the warehouse about one batch of ids at a
 * time, so its memory is one batch whatever the size of the run or of the fact table.
 * That relies on the transform's promise that an id occurs once per run
 * (cross-chunk-dedupe.ts folds an id repeated across chunks). Each clean chunk is checked
 * against the transform's checksum as it is read (clean-chunks.ts), and the content
 * hashes computed for that check are the ones compared here.
 */
import { FINGERPRINT_BATCH, type ObjectStore, type Warehouse } from '../../../providers/core/index.ts';
import { readVerifiedCleanLines } from '../../lake/clean-chunks.ts';
import type { RunManifest } from '../../lake/run-manifest.ts';

export interface LoadVerification {
  /** Distinct postings of this run. */
  expected: number;
  /** Of those, found in the warehouse with the same content hash. */
  found: number;
  lost: number;
  /** Warehouse rows sharing an id of this run with another row (0 with a primary key). */
  duplicated: number;
}

export async function verifyLoad(
  store: ObjectStore,
  warehouse: Warehouse,
  manifest: RunManifest,
  batchSize = FINGERPRINT_BATCH,
): Promise<LoadVerification> {
  const tally: LoadVerification = { expected: 0, found: 0, lost: 0, duplicated: 0 };
  // id → content hash of the batch being gathered (a repeated id: the last copy wins, as in the merge)
  let batch = new Map<string, string>();
  const check = async () => {
    if (batch.size === 0) return;
    const stored = await warehouse.fingerprints([...batch.keys()]);
    for (const [id, hash] of batch) {
      const hashes = stored.get(id) ?? [];
      tally.expected += 1;
      if (hashes.includes(hash)) tally.found += 1;
      tally.duplicated += Math.max(0, hashes.length - 1);
    }
    batch = new Map();
  };
  for await (const { posting, contentHash } of readVerifiedCleanLines(store, manifest)) {
    batch.set(posting.id, contentHash);
    if (batch.size >= batchSize) await check();
  }
  await check();
  tally.lost = tally.expected - tally.found;
  return tally;
}
