/**
 * A rerun over the same raw pages reuses the clean output of the earlier run instead of
 * parsing every page again (issue #18).
 *
 * What clean/ depends on, and so what is compared: each raw page's source, number,
 * extension and body (its sha256 as the `.meta.json` records it), the two meta fields the
 * parsers read (`format`, and `url`, which names JSON-LD postings), the chunk plan (page
 * sizes and the chunk size) and the transform's own code (code-fingerprint.ts). Nothing
 * else reaches the output: the dedupe rules (within and across chunks) read content
 * only, postedAt comes from the payload, ids from source and source id. The meta's
 * `fetchedAt` and the run id are copied verbatim into each posting's `collectedAt` and
 * `rawKey` (transform-pages.ts, build-posting.ts), both outside the content hash; a copy
 * rewrites just those two fields from this run's pages. A `fetchedAt` the posting schema
 * would refuse rejects the page's postings instead, so a run with one is never reused
 * from nor into.
 *
 * Finding the earlier run is one GET: the index object under `state/` (lake-layout.ts)
 * keyed by a digest of the listing alone (pages, sizes, chunk size, code), which costs no
 * read; it names the last run whose transform parsed such pages. Only on a hit are this
 * run's metas read to compute the full fingerprint, compared with the one that run's
 * manifest recorded. The index is written by transforms that parsed, not by copies, so it
 * names a run whose output was made from the pages (a benchmark that deletes its reruns
 * leaves it pointing at the run it keeps).
 *
 * Every chunk of the earlier run is read verified: its rewritten postings must give the
 * checksum recorded for it (rewrittenChunk). Anything unexpected — the run gone,
 * a chunk changed, a posting naming a page this run lacks — is a warning, and the stage
 * transforms normally: reuse never loses or changes a posting. A crash while copying
 * leaves no chunk marked done, so the resumed stage copies (or transforms) again.
 */
import { createHash } from 'node:crypto';
import pLimit from 'p-limit';
import {
  postingContentHash,
  postingSchema,
  RunningDigest,
  type ObjectStore,
  type Posting,
} from '../../../providers/core/index.ts';
import { checksumProblem, recordedChecksum } from '../../lake/clean-chunks.ts';
import { getIfPresent, keepCorruptCopy } from '../../lake/lake-corruption.ts';
import { cleanKey, cleanReuseIndexKey, parseRawKey, quarantineKey } from '../../lake/lake-layout.ts';
import { ndjsonLines, toNdjson } from '../../lake/ndjson.ts';
import { isDamagedManifestError, readManifest, type RunManifest } from '../../lake/run-manifest.ts';
import type { SourceEvent } from '../../sources/source.ts';
import type { RawPageMeta } from '../extract/extract.ts';
import { transformCodeFingerprint } from './code-fingerprint.ts';
import type { QuarantineEntry } from './transform-pages.ts';

/** One raw page of the run, as the transform lists it. */
export interface PageRef {
  source: string;
  /** The run's raw prefix for the page's source. */
  prefix: string;
  n: number;
  ext: string;
  size: number;
}

/** What a page's `.meta.json` gives the output; null when the page rules reuse out. */
interface PageInput {
  sha256: string;
  format: unknown;
  url: unknown;
  fetchedAt: string;
}

/** The index object: the last run whose transform parsed pages with this listing. */
interface ReuseIndex {
  runId: string;
  inputFingerprint: string;
  /** The transform's checksum when it finished: a load that moved postings out since changes it. */
  checksum: string;
}

const refName = (ref: { source: string; n: number }) => `${ref.source}/${ref.n}`;
const isCollectedAt = (value: unknown) => postingSchema.shape.collectedAt.safeParse(value).success;

/** Digest of what the listing alone tells: pages, sizes, chunk size and the transform's code. */
export function listingDigest(refs: readonly PageRef[], chunkBytes: number, code: string): string {
  const hash = createHash('sha256');
  hash.update(`clean-reuse/1\0code ${code}\0chunk-bytes ${chunkBytes}\0`);
  for (const ref of refs) hash.update(`${ref.source}\0${ref.n}\0${ref.ext}\0${ref.size}\n`);
  return hash.digest('hex');
}

/** The pages' meta fields, gathered as the transform reads them, for the fingerprint. */
export class PageInputs {
  private readonly inputs = new Map<string, PageInput | null>();

  record(ref: { source: string; n: number }, meta: Uint8Array): void {
    let parsed: Partial<RawPageMeta> | null = null;
    try {
      parsed = JSON.parse(Buffer.from(meta.buffer, meta.byteOffset, meta.byteLength).toString('utf8'));
    } catch {
      // not JSON: the page rules reuse out
    }
    const usable =
      typeof parsed === 'object' &&
      parsed !== null &&
      typeof parsed.sha256 === 'string' &&
      typeof parsed.fetchedAt === 'string' &&
      isCollectedAt(parsed.fetchedAt);
    this.inputs.set(
      refName(ref),
      usable
        ? { sha256: parsed!.sha256!, format: parsed!.format, url: parsed!.url, fetchedAt: parsed!.fetchedAt! }
        : null,
    );
  }

  /** Reads the metas of the pages not recorded yet (all of them, or those of an earlier attempt's chunks). */
  async complete(store: ObjectStore, refs: readonly PageRef[]): Promise<void> {
    const read = pLimit(8);
    await Promise.all(
      refs
        .filter((ref) => !this.inputs.has(refName(ref)))
        .map((ref) => read(async () => this.record(ref, await store.get(`${ref.prefix}${ref.n}.meta.json`)))),
    );
  }

  fetchedAt(ref: { source: string; n: number }): string | null {
    return this.inputs.get(refName(ref))?.fetchedAt ?? null;
  }

  /** Digest of the listing and every page's input; null when a page rules reuse out. */
  fingerprint(listing: string, refs: readonly PageRef[]): string | null {
    const hash = createHash('sha256');
    hash.update(`${listing}\n`);
    for (const ref of refs) {
      const input = this.inputs.get(refName(ref));
      if (!input) return null;
      // typeof too: a format absent and one null are rejected with different reasons (parse-guarded.ts).
      const fields = [input.sha256, typeof input.format, input.format ?? null, typeof input.url, input.url ?? null];
      hash.update(`${JSON.stringify(fields)}\n`);
    }
    return hash.digest('hex');
  }
}

export interface ReuseContext {
  store: ObjectStore;
  manifest: RunManifest;
  refs: readonly PageRef[];
  chunkBytes: number;
  /** Chunks this run plans from its listing. */
  chunks: number;
  checkpoint: () => Promise<void>;
  log?: (event: SourceEvent) => void;
  onChunk?: (done: number, total: number) => void;
  /** The transform's code digest (default: code-fingerprint.ts); a test gives another to see it refused. */
  codeFingerprint?: string;
}

/** The listing digest of a run (the index key's name). */
export function reuseListingDigest(context: Pick<ReuseContext, 'refs' | 'chunkBytes' | 'codeFingerprint'>): string {
  return listingDigest(context.refs, context.chunkBytes, context.codeFingerprint ?? transformCodeFingerprint());
}

/** A reason to transform normally after all. */
class NotReused extends Error {
  constructor(
    message: string,
    readonly level: 'info' | 'warn',
  ) {
    super(message);
  }
}

/**
 * Copies the clean output of the earlier run with the same inputs, if there is one, and
 * marks the transform done; false when there is none or it cannot be used (then clean/ of
 * this run holds nothing this attempt wrote).
 */
export async function reuseCleanOutput(context: ReuseContext): Promise<boolean> {
  const { store, manifest } = context;
  const stage = manifest.stages.transform;
  const started = performance.now();
  const listing = reuseListingDigest(context);
  const index = await readIndex(store, listing);
  if (index === null || index.runId === manifest.runId) return false;
  const written: string[] = [];
  try {
    const earlier = await earlierRun(store, index);
    const inputs = new PageInputs();
    await inputs.complete(store, context.refs);
    const fingerprint = inputs.fingerprint(listing, context.refs);
    if (fingerprint === null || fingerprint !== earlier.stages.transform.inputFingerprint) {
      throw new NotReused(`its raw pages differ from those of run ${earlier.runId}`, 'info');
    }
    const before = earlier.stages.transform;
    if (before.chunks !== context.chunks)
      throw new NotReused(
        `run ${earlier.runId} made ${before.chunks} chunks where ${context.chunks} are planned`,
        'warn',
      );
    const pages = new Map(context.refs.map((ref) => [refName(ref), ref]));
    const copyChunk = async (chunk: number) => {
      const quarantine = await getIfPresent(store, quarantineKey(earlier.runId, chunk));
      if (quarantine !== null) {
        const key = quarantineKey(manifest.runId, chunk);
        written.push(key);
        await store.put(
          key,
          rewrittenQuarantine(quarantine, (rawKey) => move(rawKey).key),
          {
            contentType: 'application/x-ndjson',
          },
        );
      }
      const clean = await rewrittenChunk(store, earlier, chunk, (posting) => {
        const { key, ref } = move(posting.rawKey);
        posting.rawKey = key;
        posting.collectedAt = fetchedAtOf(inputs, ref);
      });
      await store.put(cleanKey(manifest.dt, manifest.runId, chunk), clean, { contentType: 'application/x-ndjson' });
      context.onChunk?.(++done, context.chunks);
    };
    const move = (rawKey: unknown): { key: string; ref: PageRef } => {
      const parsed = typeof rawKey === 'string' ? parseRawKey(rawKey) : null;
      const ref = parsed && parsed.runId === earlier.runId ? pages.get(refName(parsed)) : undefined;
      if (!ref || ref.ext !== parsed!.ext)
        throw new NotReused(`a line of run ${earlier.runId} names ${String(rawKey)}, no page of this run`, 'warn');
      return { key: `${ref.prefix}${ref.n}.${ref.ext}`, ref };
    };
    let done = 0;
    let failed = false;
    const copy = pLimit(2);
    // Settled, not raced: once a chunk fails, no copy may still be writing when the
    // transform starts over.
    const copies = await Promise.allSettled(
      Array.from({ length: context.chunks }, (_, chunk) =>
        copy(async () => {
          if (failed) return;
          try {
            await copyChunk(chunk);
          } catch (error) {
            failed = true;
            throw error;
          }
        }),
      ),
    );
    const failure = copies.find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
    stage.chunks = context.chunks;
    stage.chunksDone = Array.from({ length: context.chunks }, (_, i) => i);
    stage.chunkChecksums = { ...before.chunkChecksums };
    stage.extracted = before.extracted;
    stage.postings = before.postings;
    stage.quarantined = before.quarantined;
    stage.duplicatesMerged = before.duplicatesMerged;
    stage.checksum = RunningDigest.combine(Object.values(stage.chunkChecksums));
    stage.inputFingerprint = fingerprint;
    stage.reusedFrom = earlier.runId;
    stage.status = 'done';
    stage.durationMs += performance.now() - started;
    await context.checkpoint();
    context.log?.({
      level: 'info',
      source: 'transform',
      message: `the raw pages are those of run ${earlier.runId}: its ${context.chunks} clean chunks copied, not parsed again`,
    });
    return true;
  } catch (error) {
    if (!(error instanceof NotReused)) throw error;
    // What a partial copy wrote: the clean chunks are all written again by the transform,
    // but a quarantine object it does not write would stay.
    for (const key of written) await store.delete(key);
    context.log?.({
      level: error.level,
      source: 'transform',
      message: `clean output not reused: ${error.message}; transforming every page`,
    });
    return false;
  }
}

/**
 * A clean chunk of the earlier run with each posting rewritten, as NDJSON, verified: the
 * RunningDigest of the rewritten postings must be the checksum recorded for the chunk.
 * That one comparison checks both the chunk as read (clean-chunks.ts compares the same
 * digest) and the rewrite, since rawKey and collectedAt are outside the content hash; it
 * hashes each posting once where a verified read followed by a check of the rewrite
 * would hash it twice. The keys keep their order (changed in place), so each line is what
 * the transform writes. A chunk that does not match is kept as evidence, like any corrupt
 * clean chunk (lake-corruption.ts), and this run parses instead.
 */
async function rewrittenChunk(
  store: ObjectStore,
  earlier: RunManifest,
  chunk: number,
  rewrite: (posting: Posting) => void,
): Promise<Buffer> {
  const key = cleanKey(earlier.dt, earlier.runId, chunk);
  const bytes = await getIfPresent(store, key);
  if (bytes === null) throw new NotReused(`${key} is gone`, 'warn');
  const postings: Posting[] = [];
  const digest = new RunningDigest();
  for (const line of ndjsonLines(bytes)) {
    let posting: Posting | null = null;
    try {
      posting = JSON.parse(line.toString('utf8')) as Posting;
    } catch {
      // reported below
    }
    if (typeof posting !== 'object' || posting === null || Array.isArray(posting) || typeof posting.id !== 'string')
      throw new NotReused(`${key} holds a line that is not a posting`, 'warn');
    rewrite(posting);
    digest.add(posting.id, postingContentHash(posting));
    postings.push(posting);
  }
  const recorded = recordedChecksum(earlier, chunk);
  if (digest.hex() !== recorded) {
    await keepCorruptCopy(store, earlier.runId, key, bytes);
    throw new NotReused(
      `${key} is not what run ${earlier.runId} recorded (${checksumProblem(postings.length, digest.hex(), recorded)})`,
      'warn',
    );
  }
  return toNdjson(postings);
}

/** A quarantine object of the earlier run with each entry's rawKey moved to this run's page. */
function rewrittenQuarantine(bytes: Uint8Array, move: (rawKey: unknown) => string): Buffer {
  const entries: QuarantineEntry[] = [];
  for (const line of ndjsonLines(bytes)) {
    let entry: QuarantineEntry;
    try {
      entry = JSON.parse(line.toString('utf8')) as QuarantineEntry;
    } catch {
      throw new NotReused('a quarantine line of the earlier run is not JSON', 'warn');
    }
    if (typeof entry !== 'object' || entry === null)
      throw new NotReused('a quarantine line of the earlier run is not an entry', 'warn');
    entry.rawKey = move(entry.rawKey); // in place: the keys keep their order
    entries.push(entry);
  }
  return toNdjson(entries);
}

function fetchedAtOf(inputs: PageInputs, ref: PageRef): string {
  const at = inputs.fetchedAt(ref);
  if (at === null) throw new NotReused(`page ${refName(ref)} has no usable fetchedAt`, 'warn');
  return at;
}

async function readIndex(store: ObjectStore, listing: string): Promise<ReuseIndex | null> {
  const bytes = await getIfPresent(store, cleanReuseIndexKey(listing));
  if (bytes === null) return null;
  try {
    const index = JSON.parse(Buffer.from(bytes).toString('utf8')) as Partial<ReuseIndex>;
    if (
      typeof index.runId === 'string' &&
      !index.runId.includes('/') && // a run id, never a path elsewhere in the lake
      typeof index.inputFingerprint === 'string' &&
      typeof index.checksum === 'string'
    )
      return index as ReuseIndex;
  } catch {
    // reported below
  }
  return { runId: '', inputFingerprint: '', checksum: '' }; // earlierRun reports it
}

/** The earlier run the index names, if its transform finished and clean/ is as it left it. */
async function earlierRun(store: ObjectStore, index: ReuseIndex): Promise<RunManifest> {
  if (index.runId === '') throw new NotReused('the reuse index object is not readable', 'warn');
  let earlier: RunManifest | null;
  try {
    earlier = await readManifest(store, index.runId);
  } catch (error) {
    if (isDamagedManifestError(error)) throw new NotReused(error.message, 'warn');
    throw error;
  }
  if (earlier === null) throw new NotReused(`the reuse index names run ${index.runId}, which is gone`, 'warn');
  const transform = earlier.stages.transform;
  if (transform.status !== 'done' || transform.inputFingerprint !== index.inputFingerprint)
    throw new NotReused(`the transform of run ${index.runId} is no longer the one the index recorded`, 'warn');
  if (transform.checksum !== index.checksum)
    throw new NotReused(`the load of run ${index.runId} moved postings out of its clean chunks`, 'info');
  return earlier;
}

/**
 * The fingerprint of a run whose transform parsed its pages (metas gathered as it read
 * them, the rest read now), for its manifest; null when a page rules reuse out or the
 * metas cannot be read (then only a later reuse is lost: told, not thrown).
 */
export async function parsedInputFingerprint(context: ReuseContext, inputs: PageInputs): Promise<string | null> {
  try {
    await inputs.complete(context.store, context.refs);
    return inputs.fingerprint(reuseListingDigest(context), context.refs);
  } catch (error) {
    tellNoIndex(context, error);
    return null;
  }
}

/**
 * Records, once a transform that parsed its pages is done, that runs with this listing may
 * reuse its output. A failure to write it costs only a later reuse: told, not thrown.
 */
export async function writeReuseIndex(context: ReuseContext): Promise<void> {
  const { store, manifest } = context;
  const stage = manifest.stages.transform;
  if (stage.inputFingerprint === undefined || stage.checksum === null) return;
  const index: ReuseIndex = {
    runId: manifest.runId,
    inputFingerprint: stage.inputFingerprint,
    checksum: stage.checksum,
  };
  try {
    await store.put(cleanReuseIndexKey(reuseListingDigest(context)), `${JSON.stringify(index)}\n`, {
      contentType: 'application/json',
    });
  } catch (error) {
    tellNoIndex(context, error);
  }
}

function tellNoIndex(context: ReuseContext, error: unknown): void {
  context.log?.({
    level: 'warn',
    source: 'transform',
    message: `the clean-reuse index was not written (${error instanceof Error ? error.message : String(error)}): a rerun of these pages will transform them again`,
  });
}
