/**
 * Reading clean/ with its checksums verified. The transform records, per chunk, the
 * RunningDigest of (id, content hash) over the postings it wrote (manifest
 * `chunkChecksums`); a chunk read back is parsed whole, digested the same way and
 * compared before any of its postings is used, so a truncated, edited or bit-flipped
 * chunk never reaches the warehouse, and nothing is checked against a corrupt copy.
 *
 * A chunk is read whole anyway (`ObjectStore.get`); its parsed postings are held while it
 * is checked, one chunk at a time.
 */
import { postingContentHash, RunningDigest, type ObjectStore, type Posting } from '../../providers/core/index.ts';
import { cleanKey } from './lake-layout.ts';
import { getIfPresent, keepCorruptCopy, LakeCorruptionError, type CorruptObject } from './lake-corruption.ts';
import { ndjsonLines } from './ndjson.ts';
import type { RunManifest } from './run-manifest.ts';

export interface CleanLine {
  posting: Posting;
  contentHash: string;
  /** The line as stored, without its newline (a view of the chunk's bytes). */
  bytes: Buffer;
}

export type CleanChunkRead =
  | {
      kind: 'parsed';
      key: string;
      lines: CleanLine[] /** RunningDigest hex of every line. */;
      digest: string;
      bytes: Uint8Array;
    }
  | { kind: 'corrupt'; corrupt: CorruptObject; bytes: Uint8Array | null };

/**
 * Reads and parses one clean chunk. A chunk that is gone, or with a line that is not JSON
 * or not a posting, is corrupt (the transform writes neither); its checksum is the
 * caller's to compare, since the load also accepts a chunk it was quarantining from.
 */
export async function readCleanChunk(
  store: ObjectStore,
  manifest: RunManifest,
  index: number,
): Promise<CleanChunkRead> {
  const key = cleanKey(manifest.dt, manifest.runId, index);
  const bytes = await getIfPresent(store, key);
  if (bytes === null)
    return { kind: 'corrupt', corrupt: { key, problem: 'missing: the transform wrote it, it is gone' }, bytes };
  const lines: CleanLine[] = [];
  const digest = new RunningDigest();
  let number = 0;
  for (const line of ndjsonLines(bytes)) {
    number++;
    let posting: Posting;
    try {
      posting = JSON.parse(line.toString('utf8')) as Posting;
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return { kind: 'corrupt', corrupt: { key, problem: `line ${number} is not JSON (${why})` }, bytes };
    }
    if (typeof posting !== 'object' || posting === null || Array.isArray(posting) || typeof posting.id !== 'string') {
      return { kind: 'corrupt', corrupt: { key, problem: `line ${number} is not a posting` }, bytes };
    }
    const contentHash = postingContentHash(posting);
    digest.add(posting.id, contentHash);
    lines.push({ posting, contentHash, bytes: line });
  }
  return { kind: 'parsed', key, lines, digest: digest.hex(), bytes };
}

/** The checksum the transform recorded for a chunk, or null when the manifest has none. */
export function recordedChecksum(manifest: RunManifest, index: number): string | null {
  return manifest.stages.transform.chunkChecksums[String(index)] ?? null;
}

/** Why a parsed chunk does not match `recorded`, as a clause for CorruptObject.problem. */
export function checksumProblem(lines: number, digest: string, recorded: string | null): string {
  if (recorded === null) return 'the manifest records no checksum for it';
  return `its ${lines} postings have checksum ${digest.slice(0, 16)}… where the transform recorded ${recorded.slice(0, 16)}…`;
}

/** The first of these chunks that no longer holds what the transform recorded (changed or gone), or null. */
export async function firstChangedChunk(
  store: ObjectStore,
  manifest: RunManifest,
  indices: Iterable<number>,
): Promise<CorruptObject | null> {
  for (const index of indices) {
    const read = await readCleanChunk(store, manifest, index);
    if (read.kind === 'corrupt') return read.corrupt;
    const recorded = recordedChecksum(manifest, index);
    if (read.digest !== recorded)
      return { key: read.key, problem: checksumProblem(read.lines.length, read.digest, recorded) };
  }
  return null;
}

/** What repairs a corrupt clean chunk; run-pipeline.ts marks the transform to run again. */
export function cleanRepair(runId: string, loadedNothing: boolean): string {
  return `${loadedNothing ? 'Nothing of it was loaded. ' : ''}The transform makes clean/ again from the raw pages (verified as they are read) when the run is resumed: jobbench run --resume ${runId}`;
}

/**
 * Every clean posting of a run with its content hash, chunk by chunk in chunk order, each
 * chunk verified first. A chunk that does not match is kept under quarantine/…/corrupt/
 * and stops the reading with LakeCorruptionError.
 */
export async function* readVerifiedCleanLines(store: ObjectStore, manifest: RunManifest): AsyncIterable<CleanLine> {
  const chunks = manifest.stages.transform.chunks ?? 0;
  for (let index = 0; index < chunks; index++) yield* await readVerifiedCleanChunk(store, manifest, index);
}

/** One clean chunk's lines, verified; a chunk that does not match is kept under quarantine/…/corrupt/ and throws LakeCorruptionError. */
export async function readVerifiedCleanChunk(
  store: ObjectStore,
  manifest: RunManifest,
  index: number,
): Promise<CleanLine[]> {
  const read = await readCleanChunk(store, manifest, index);
  let corrupt: CorruptObject;
  if (read.kind === 'parsed') {
    const recorded = recordedChecksum(manifest, index);
    if (read.digest === recorded) return read.lines;
    corrupt = { key: read.key, problem: checksumProblem(read.lines.length, read.digest, recorded) };
  } else {
    corrupt = read.corrupt;
  }
  await keepCorruptCopy(store, manifest.runId, corrupt.key, read.bytes);
  throw new LakeCorruptionError([corrupt], cleanRepair(manifest.runId, false), 'clean');
}

/** Every clean posting of a run, verified (see readVerifiedCleanLines). */
export async function* readVerifiedCleanPostings(store: ObjectStore, manifest: RunManifest): AsyncIterable<Posting> {
  for await (const line of readVerifiedCleanLines(store, manifest)) yield line.posting;
}
