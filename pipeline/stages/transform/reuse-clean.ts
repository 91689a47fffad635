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
 * The fingerprint is made chunk by chunk, so the reuse holds nothing per page beyond the
 * chunk in hand (a run of a million postings has a quarter of a million pages): the
 * transform digests each chunk's metas when it reads the chunk's pages and records the
 * digest in the manifest beside the chunk's checksum; the fingerprint combines them in
 * chunk order once every chunk is made.
 *
 * Finding the earlier run is one GET: the index object under `state/` (lake-layout.ts)
 * keyed by a digest of the listing alone (pages, sizes, chunk size, code), which costs no
 * read; it names the last run whose transform parsed such pages. On a hit, each chunk's
 * pages are read when that chunk is copied, every body checked against its meta's sha256
 * as the transform checks the pages it parses, and the metas' digest compared with the one
 * the earlier run recorded for the chunk. The index is written by transforms that parsed, not
 * by copies, so it names a run whose output was made from the pages (a benchmark that
 * deletes its reruns leaves it pointing at the run it keeps).
 *
 * Every chunk of the earlier run is read verified: its postings must give the checksum
 * recorded for it (rewrittenChunk). Anything unexpected — the run gone, a page or a chunk
 * changed, a posting naming a page this run lacks — is told, and the stage transforms
 * normally: reuse never loses or changes a posting. A crash while copying leaves no chunk
 * marked done, so the resumed stage copies (or transforms) again.
 */
import pLimit from 'p-limit';
import { postingContentHash, RunningDigest, type ObjectStore, type Posting } from '../../../providers/core/index.ts';
import { checksumProblem, recordedChecksum } from '../../lake/clean-chunks.ts';
import { getIfPresent, keepCorruptCopy } from '../../lake/lake-corruption.ts';
import { cleanKey, cleanReuseIndexKey, parseRawKey, quarantineKey } from '../../lake/lake-layout.ts';
import { ndjsonLines, toNdjson } from '../../lake/ndjson.ts';
import { isDamagedManifestError, readManifest, type RunManifest } from '../../lake/run-manifest.ts';
import type { SourceEvent } from '../../sources/source.ts';
import { transformCodeFingerprint } from './code-fingerprint.ts';
import { ByteWriter, JsonBytes, NEWLINE, spliceFields, type Place } from './line-splice.ts';
import {
  digestOf,
  findRef,
  inputFingerprint,
  listingDigest,
  metaKeyOf,
  pageInput,
  readCheckedInputs,
  readInputs,
  refName,
  type PageRef,
} from './reuse-inputs.ts';
import type { QuarantineEntry } from './transform-pages.ts';

/** The index object: the last run whose transform parsed pages with this listing. */
interface ReuseIndex {
  runId: string;
  inputFingerprint: string;
  /** The transform's checksum when it finished: a load that moved postings out since changes it. */
  checksum: string;
}

export interface ReuseContext {
  store: ObjectStore;
  manifest: RunManifest;
  /** The run's pages, in listing order: by source (`<` order), then page number. */
  refs: readonly PageRef[];
  chunkBytes: number;
  /** The chunks this run plans from its listing: each chunk's pages, in order. */
  plan: readonly (readonly PageRef[])[];
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
 * this run holds nothing this attempt wrote but chunks the transform writes again).
 *
 * Each chunk's metas are read when that chunk is copied, and its input digest compared
 * with the one the earlier run recorded for it: what the copy holds per page (fetch times)
 * lives only while its chunk is copied. A page that differs is found at its chunk, so the
 * chunks copied before it are wasted work, never output: the stage then parses every page.
 */
export async function reuseCleanOutput(context: ReuseContext): Promise<boolean> {
  const { store, manifest } = context;
  const stage = manifest.stages.transform;
  const started = performance.now();
  const chunks = context.plan.length;
  const listing = reuseListingDigest(context);
  const index = await readIndex(store, listing);
  if (index === null || index.runId === manifest.runId) return false;
  const written: string[] = [];
  try {
    const earlier = await earlierRun(store, index);
    const before = earlier.stages.transform;
    if (before.chunks !== chunks)
      throw new NotReused(`run ${earlier.runId} made ${before.chunks} chunks where ${chunks} are planned`, 'warn');
    const recorded = Array.from({ length: chunks }, (_, chunk) => before.chunkInputDigests?.[String(chunk)]);
    // The per-chunk digests must be those its fingerprint was made from (and so of this listing).
    const fingerprint = inputFingerprint(listing, recorded);
    if (fingerprint === null || fingerprint !== before.inputFingerprint)
      throw new NotReused(`the manifest of run ${earlier.runId} does not record its chunks' inputs`, 'warn');
    const placeIn = (chunk: number, fetchedAt: ReadonlyMap<PageRef, string>) => {
      const place = (rawKey: unknown): { ref: PageRef; key: string } => {
        const parsed = typeof rawKey === 'string' ? parseRawKey(rawKey) : null;
        const ref =
          parsed && parsed.runId === earlier.runId ? findRef(context.refs, parsed.source, parsed.n) : undefined;
        if (!ref || ref.ext !== parsed!.ext)
          throw new NotReused(`a line of run ${earlier.runId} names ${String(rawKey)}, no page of this run`, 'warn');
        return { ref, key: `${ref.prefix}${ref.n}.${ref.ext}` };
      };
      return {
        key: (rawKey: unknown) => place(rawKey).key,
        /**
         * Null when the page is another chunk's: the cross-chunk dedupe places a posting at
         * the first chunk that held its id, which may not be its page's (its meta is read then).
         */
        known: (rawKey: unknown): Place | null => {
          const { ref, key } = place(rawKey);
          const collectedAt = fetchedAt.get(ref);
          return collectedAt === undefined ? null : { key, collectedAt };
        },
        read: async (rawKey: unknown): Promise<Place> => {
          const { ref, key } = place(rawKey);
          const input = pageInput(await store.get(metaKeyOf(ref)));
          if (!input)
            throw new NotReused(`page ${refName(ref)} (in chunk ${chunk}'s postings) has no usable fetchedAt`, 'warn');
          return { key, collectedAt: input.fetchedAt };
        },
      };
    };
    const copyChunk = async (chunk: number) => {
      const refs = context.plan[chunk]!;
      const { inputs, bad } = await readCheckedInputs(store, refs);
      // The transform that follows reads the page again, names it and sets the run up to fetch it.
      if (bad) throw new NotReused(`${bad.key} is not what the extract stored (${bad.problem})`, 'warn');
      if (digestOf(refs, inputs) !== recorded[chunk])
        throw new NotReused(`its raw pages differ from those of run ${earlier.runId}`, 'info');
      const places = placeIn(chunk, new Map(refs.map((ref, i) => [ref, inputs[i]!.fetchedAt])));
      const quarantine = await getIfPresent(store, quarantineKey(earlier.runId, chunk));
      if (quarantine !== null) {
        const key = quarantineKey(manifest.runId, chunk);
        written.push(key);
        await store.put(key, rewrittenQuarantine(quarantine, places.key), { contentType: 'application/x-ndjson' });
      }
      const clean = await rewrittenChunk(store, earlier, chunk, places);
      await store.put(cleanKey(manifest.dt, manifest.runId, chunk), clean, { contentType: 'application/x-ndjson' });
      context.onChunk?.(++done, chunks);
    };
    let done = 0;
    let failed = false;
    const copy = pLimit(2);
    // Settled, not raced: once a chunk fails, no copy may still be writing when the
    // transform starts over.
    const copies = await Promise.allSettled(
      Array.from({ length: chunks }, (_, chunk) =>
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
    stage.chunks = chunks;
    stage.chunksDone = Array.from({ length: chunks }, (_, i) => i);
    stage.chunkChecksums = { ...before.chunkChecksums };
    stage.chunkInputDigests = { ...before.chunkInputDigests };
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
      message: `the raw pages are those of run ${earlier.runId}: its ${chunks} clean chunks copied, not parsed again`,
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
 * A clean chunk of the earlier run with each posting's rawKey and collectedAt rewritten,
 * as NDJSON, verified: the RunningDigest of its postings must be the checksum recorded for
 * the chunk. rawKey and collectedAt are outside the content hash, so the posting as read
 * hashes as the rewritten one: one parse and one hash per posting check both the chunk as
 * read (clean-chunks.ts compares the same digest) and the copy.
 *
 * The two values are spliced into the line's bytes (spliceFields) rather than the posting
 * serialised again; the transform wrote each line as JSON.stringify of its posting, so the
 * splice is what JSON.stringify of the rewritten posting gives, byte for byte. A line the
 * splice cannot place safely is serialised instead. A chunk that does not match is kept
 * as evidence, like any corrupt clean chunk (lake-corruption.ts), and this run parses
 * instead.
 */
async function rewrittenChunk(
  store: ObjectStore,
  earlier: RunManifest,
  chunk: number,
  places: { known: (rawKey: unknown) => Place | null; read: (rawKey: unknown) => Promise<Place> },
): Promise<Buffer> {
  const key = cleanKey(earlier.dt, earlier.runId, chunk);
  const bytes = await getIfPresent(store, key);
  if (bytes === null) throw new NotReused(`${key} is gone`, 'warn');
  const out = new ByteWriter(bytes.byteLength);
  const json = new JsonBytes();
  const digest = new RunningDigest();
  let count = 0;
  for (const line of ndjsonLines(bytes)) {
    let posting: Posting | null = null;
    try {
      posting = JSON.parse(line.toString('utf8')) as Posting;
    } catch {
      // reported below
    }
    if (typeof posting !== 'object' || posting === null || Array.isArray(posting) || typeof posting.id !== 'string')
      throw new NotReused(`${key} holds a line that is not a posting`, 'warn');
    digest.add(posting.id, postingContentHash(posting));
    count += 1;
    const place = places.known(posting.rawKey) ?? (await places.read(posting.rawKey));
    const splices = spliceFields(line, posting, place, json);
    if (splices) {
      let from = 0;
      for (const splice of splices) {
        out.write(line, from, splice.start);
        out.write(splice.value, 0, splice.value.length);
        from = splice.end;
      }
      out.write(line, from, line.length);
      out.write(NEWLINE, 0, 1);
    } else {
      posting.rawKey = place.key; // in place: the keys keep their order
      posting.collectedAt = place.collectedAt;
      const text = Buffer.from(`${JSON.stringify(posting)}\n`);
      out.write(text, 0, text.length);
    }
  }
  const recorded = recordedChecksum(earlier, chunk);
  if (digest.hex() !== recorded) {
    await keepCorruptCopy(store, earlier.runId, key, bytes);
    throw new NotReused(
      `${key} is not what run ${earlier.runId} recorded (${checksumProblem(count, digest.hex(), recorded)})`,
      'warn',
    );
  }
  return out.bytes();
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
 * The fingerprint of a run whose transform parsed its pages, for its manifest: from the
 * input digest each chunk recorded as it was made (a chunk an earlier attempt made without
 * one is read again, one chunk at a time); null when a page rules reuse out or the metas
 * cannot be read (then only a later reuse is lost: told, not thrown).
 */
export async function parsedInputFingerprint(context: ReuseContext): Promise<string | null> {
  const stage = context.manifest.stages.transform;
  try {
    for (const [chunk, refs] of context.plan.entries()) {
      stage.chunkInputDigests ??= {};
      const digests = stage.chunkInputDigests;
      if (digests[String(chunk)] === undefined)
        digests[String(chunk)] = digestOf(refs, await readInputs(context.store, refs));
    }
    return inputFingerprint(
      reuseListingDigest(context),
      context.plan.map((_, chunk) => stage.chunkInputDigests?.[String(chunk)]),
    );
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
