/**
 * Load: streams the run's clean postings into the warehouse, which merges them on id
 * (idempotent: loading a run twice changes no counts, so resuming a load is just
 * loading again).
 *
 * Nothing is loaded unchecked: each clean chunk must match the checksum the transform
 * recorded (a chunk that does not is loaded not at all, and the load fails naming it),
 * and a posting no warehouse can store is moved to quarantine/ instead of failing the
 * whole load (load-quarantine.ts). Afterwards the warehouse's own account of the load
 * (what it writes to `load_audit`) must match the clean set, posting count and checksum.
 */
import type { LoadInfo, ObjectStore, Posting, Warehouse } from '../../../providers/core/index.ts';
import { checksumProblem, cleanRepair, readCleanChunk, recordedChecksum } from '../../lake/clean-chunks.ts';
import { keepCorruptCopy, LakeCorruptionError, type CorruptObject } from '../../lake/lake-corruption.ts';
import { cleanKey } from '../../lake/lake-layout.ts';
import { digestWithout, moveToQuarantine, type Unloadable } from './load-quarantine.ts';
import type { RunManifest } from '../../lake/run-manifest.ts';
import type { SourceEvent } from '../../sources/source.ts';
import { unloadableReason } from './unloadable-posting.ts';

export interface LoadOptions {
  store: ObjectStore;
  warehouse: Warehouse;
  manifest: RunManifest;
  checkpoint: () => Promise<void>;
  /** Told about the postings quarantined (level `warn`). */
  log?: (event: SourceEvent) => void;
}

export async function loadRun(options: LoadOptions): Promise<LoadInfo> {
  const { manifest } = options;
  const stage = manifest.stages.load;
  const started = performance.now();
  stage.status = 'running';
  await options.checkpoint();
  await options.warehouse.migrate();
  const chunks = manifest.stages.transform.chunks ?? 0;
  const sourceKeys = Array.from({ length: chunks }, (_, i) => cleanKey(manifest.dt, manifest.runId, i));
  const quality = manifest.stages.quality.assessment;
  const corrupt: CorruptObject[] = [];
  // Each posting was hashed to verify its chunk: the warehouse takes that hash rather than
  // computing it again (the posting objects pass through untouched).
  const contentHashes = new WeakMap<Posting, string>();
  const info = await options.warehouse.load(checkedPostings(options, corrupt, contentHashes), {
    runId: manifest.runId,
    sourceKeys,
    contentHashOf: (posting) => contentHashes.get(posting),
    ...(quality ? { quality: quality as unknown as Record<string, unknown> } : {}),
  });
  if (corrupt.length > 0) throw new LakeCorruptionError(corrupt, cleanRepair(manifest.runId, true), 'clean');
  // The audit counts what the warehouse was handed (computed as it reads its input), so
  // this catches a layer between clean/ and the warehouse dropping or changing postings;
  // what the warehouse stored is checked afterwards by verify-load.ts.
  const transform = manifest.stages.transform;
  if (info.received !== transform.postings || info.checksum !== transform.checksum) {
    throw new Error(
      `the warehouse's load audit for run ${manifest.runId} records ${info.received} postings with checksum ${info.checksum.slice(0, 16)}…, ` +
        `but clean/ holds ${transform.postings} postings with checksum ${(transform.checksum ?? 'none').slice(0, 16)}…: ` +
        'the warehouse was handed other postings than clean/ holds (loading again merges what is missing)',
    );
  }
  stage.info = info;
  stage.status = 'done';
  stage.durationMs += performance.now() - started;
  await options.checkpoint();
  return info;
}

/**
 * The clean postings the warehouse is given: chunk by chunk, each verified first. A
 * corrupt chunk is kept for inspection, listed in `corrupt` and skipped (the others still
 * load: the merge is idempotent, so the repaired run loads them again at no cost).
 */
async function* checkedPostings(
  options: LoadOptions,
  corrupt: CorruptObject[],
  contentHashes: WeakMap<Posting, string>,
): AsyncIterable<Posting> {
  const { store, manifest } = options;
  const chunks = manifest.stages.transform.chunks ?? 0;
  for (let index = 0; index < chunks; index++) {
    const read = await readCleanChunk(store, manifest, index);
    if (read.kind === 'corrupt') {
      await keepCorruptCopy(store, manifest.runId, read.corrupt.key, read.bytes);
      corrupt.push(read.corrupt);
      continue;
    }
    const unloadable: Unloadable[] = [];
    read.lines.forEach((line, i) => {
      const reason = unloadableReason(line.posting, line.bytes);
      if (reason !== null) unloadable.push({ line: i, reason });
    });
    const recorded = recordedChecksum(manifest, index);
    // As recorded, or as recorded by a quarantine move that crashed before rewriting the chunk.
    const finishing =
      unloadable.length > 0 && recorded !== null && recorded === digestWithout(read.digest, read.lines, unloadable);
    if (read.digest !== recorded && !finishing) {
      await keepCorruptCopy(store, manifest.runId, read.key, read.bytes);
      corrupt.push({ key: read.key, problem: checksumProblem(read.lines.length, read.digest, recorded) });
      continue;
    }
    if (unloadable.length > 0) {
      const quarantineKey = await moveToQuarantine({
        store,
        manifest,
        chunk: index,
        lines: read.lines,
        unloadable,
        finishing,
        checkpoint: options.checkpoint,
      });
      options.log?.({
        level: 'warn',
        source: 'load',
        message: `${unloadable.length} posting(s) of ${read.key} quarantined, not loaded (${unloadable[0]!.reason}): see ${quarantineKey}`,
      });
    }
    const dropped = new Set(unloadable.map((u) => u.line));
    for (let i = 0; i < read.lines.length; i++) {
      if (dropped.has(i)) continue;
      const line = read.lines[i]!;
      contentHashes.set(line.posting, line.contentHash);
      yield line.posting;
    }
  }
}
