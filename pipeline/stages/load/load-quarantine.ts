/**
 * Moves the postings of a clean chunk that no warehouse can store (unloadable-posting.ts)
 * from clean/ to quarantine/, with their reason, in the transform's quarantine shape, and
 * counts them quarantined instead of transformed. Afterwards clean/ holds exactly what
 * the warehouse holds, so verify-load.ts and every count stay honest.
 *
 * Crash-safe in this order: (1) the quarantine object (rewritten whole, idempotent),
 * (2) the manifest: the chunk's checksum without them and the counts, (3) the chunk
 * without them. A crash after (2) leaves a chunk whose digest is the recorded one plus
 * exactly these postings: the next load recognises that (`finishing`) and only does (3)
 * again, so nothing is counted twice.
 */
import { RunningDigest, type ObjectStore } from '../../../providers/core/index.ts';
import type { CleanLine } from '../../lake/clean-chunks.ts';
import { cleanKey, loadQuarantineKey } from '../../lake/lake-layout.ts';
import { toNdjson } from '../../lake/ndjson.ts';
import type { RunManifest } from '../../lake/run-manifest.ts';

export interface Unloadable {
  /** Line of the chunk (0-based), as found. */
  line: number;
  reason: string;
}

/** One line of a load quarantine object: the transform's QuarantineEntry shape. */
export interface LoadQuarantineEntry {
  reason: string;
  /** Line of the clean chunk it was in. */
  index: number;
  record: unknown;
  rawKey: string | null;
  source: string | null;
}

export interface QuarantineMove {
  store: ObjectStore;
  manifest: RunManifest;
  chunk: number;
  lines: readonly CleanLine[];
  unloadable: readonly Unloadable[];
  /** True when the manifest already counts them quarantined (a crash came before the rewrite). */
  finishing: boolean;
  checkpoint: () => Promise<void>;
}

/** The chunk's digest without the unloadable postings. */
export function digestWithout(digest: string, lines: readonly CleanLine[], unloadable: readonly Unloadable[]): string {
  const remaining = RunningDigest.fromHex(digest);
  for (const { line } of unloadable) remaining.remove(lines[line]!.posting.id, lines[line]!.contentHash);
  return remaining.hex();
}

export async function moveToQuarantine(move: QuarantineMove): Promise<string> {
  const { store, manifest, chunk, lines, unloadable } = move;
  const key = loadQuarantineKey(manifest.runId, chunk);
  const entries: LoadQuarantineEntry[] = unloadable.map(({ line, reason }) => {
    const record = lines[line]!.posting;
    return {
      reason,
      index: line,
      record,
      rawKey: typeof record.rawKey === 'string' ? record.rawKey : null,
      source: typeof record.source === 'string' ? record.source : null,
    };
  });
  await store.put(key, toNdjson(entries), { contentType: 'application/x-ndjson' });

  if (!move.finishing) {
    const transform = manifest.stages.transform;
    const recorded = transform.chunkChecksums[String(chunk)]!;
    transform.chunkChecksums[String(chunk)] = digestWithout(recorded, lines, unloadable);
    transform.checksum = RunningDigest.combine(Object.values(transform.chunkChecksums));
    transform.postings -= unloadable.length;
    transform.quarantined += unloadable.length;
    await move.checkpoint();
  }

  const dropped = new Set(unloadable.map((u) => u.line));
  const newline = Buffer.from('\n');
  const kept = lines.flatMap((line, i) => (dropped.has(i) ? [] : [line.bytes, newline]));
  await store.put(cleanKey(manifest.dt, manifest.runId, chunk), Buffer.concat(kept), {
    contentType: 'application/x-ndjson',
  });
  return key;
}
