/**
 * Transform: raw pages → canonical postings in `clean/`, bad records in `quarantine/`.
 * Raw pages are grouped into chunks by size, deterministically from the (final) raw
 * listing, so a resumed run plans the same chunks and skips those already in clean/.
 * Each clean object is written whole (put is atomic), so its existence marks its
 * chunk done. Chunks are parsed on worker threads (transform-pool.ts) while this thread
 * reads pages and writes results; then one pass dedupes across chunks.
 *
 * Every raw page is checked against the sha256 its `.meta.json` recorded as it is read,
 * and every page the extract counted must be there (raw-page-check.ts): a bad page stops
 * the stage loudly and sets the run up to fetch it again (raw-reextract.ts).
 *
 * A rerun whose pages, chunk plan and transform code are those of an earlier run copies
 * that run's clean output instead of parsing (reuse-clean.ts).
 */
import pLimit from 'p-limit';
import { RunningDigest, type ObjectStore, type Posting } from '../../../providers/core/index.ts';
import { firstChangedChunk, readVerifiedCleanPostings } from '../../lake/clean-chunks.ts';
import { cleanKey, parseRawName, quarantineKey, rawPrefix } from '../../lake/lake-layout.ts';
import { dedupeAcrossChunks } from './cross-chunk-dedupe.ts';
import { rawPageProblem } from '../../lake/raw-page-check.ts';
import { scheduleReextract, type BadRawPage } from '../extract/raw-reextract.ts';
import type { RunManifest } from '../../lake/run-manifest.ts';
import type { SourceEvent } from '../../sources/source.ts';
import { chunkTransformer, defaultTransformWorkers } from './transform-pool.ts';
import type { RawPageBytes } from './transform-pages.ts';
import { parsedInputFingerprint, reuseCleanOutput, writeReuseIndex, type ReuseContext } from './reuse-clean.ts';
import { chunkInputDigest } from './reuse-inputs.ts';

export interface TransformOptions {
  store: ObjectStore;
  manifest: RunManifest;
  checkpoint: () => Promise<void>;
  /** Raw bytes per chunk (default 8 MiB). */
  chunkBytes?: number;
  /**
   * Worker threads that parse (default: one per core; 0 parses on the main thread, as
   * does a run of one chunk). See transform-pool.ts.
   */
  workers?: number;
  onChunk?: (done: number, total: number) => void;
  /** Told (level `warn`) when chunks of an earlier attempt are made again, or an earlier run's output cannot be reused. */
  log?: (event: SourceEvent) => void;
  /**
   * Copy the clean output of an earlier run with the same inputs instead of parsing
   * (default true; reuse-clean.ts). Off, every page is parsed and the run is not offered
   * for reuse either: a run made apart (a benchmark pass, deleted afterwards) leaves the
   * index naming the run it had.
   */
  reuse?: boolean;
  /** The transform's code digest (default: computed, code-fingerprint.ts); tests give another. */
  codeFingerprint?: string;
}

export interface TransformInfo {
  chunks: number;
  extracted: number;
  postings: number;
  quarantined: number;
  duplicatesMerged: number;
  checksum: string;
  durationMs: number;
  /** The earlier run whose clean output was copied, when it was. */
  reusedFrom?: string;
}

/**
 * One raw page to transform. Its keys are derived when the page is read, not stored:
 * a run of a million postings has a quarter of a million pages, and two key strings each
 * would make this list the largest thing the transform holds.
 */
interface RawRef {
  source: string;
  /** The run's raw prefix for this source (one string shared by all its pages). */
  prefix: string;
  n: number;
  /** Body extension (`json`, `xml`, `html`), shared. */
  ext: string;
  size: number;
}

const bodyKeyOf = (ref: RawRef) => `${ref.prefix}${ref.n}.${ref.ext}`;
const metaKeyOf = (ref: RawRef) => `${ref.prefix}${ref.n}.meta.json`;

interface RawListing {
  refs: RawRef[];
  /** Pages the extract counted as stored whose body or meta is gone. */
  missing: BadRawPage[];
}

async function listRawPages(store: ObjectStore, manifest: RunManifest): Promise<RawListing> {
  const refs: RawRef[] = [];
  const missing: BadRawPage[] = [];
  const extensions = new Map<string, string>(); // interned: one string per distinct extension
  for (const source of Object.keys(manifest.stages.extract.sources).sort()) {
    const prefix = rawPrefix(source, manifest.dt, manifest.runId);
    const bodies = new Map<number, { ext: string; size: number }>();
    const metas = new Set<number>();
    for await (const info of store.list(prefix)) {
      const name = info.key.slice(prefix.length);
      const parsed = parseRawName(name);
      if (!parsed) continue;
      if (parsed.kind === 'meta') {
        metas.add(parsed.n);
        continue;
      }
      const ext = name.slice(name.indexOf('.') + 1);
      if (!extensions.has(ext)) extensions.set(ext, ext);
      bodies.set(parsed.n, { ext: extensions.get(ext)!, size: info.size });
    }
    const numbers = [...bodies.keys()].filter((n) => metas.has(n)).sort((a, b) => a - b);
    for (const n of numbers) {
      const body = bodies.get(n)!;
      refs.push({ source, prefix, n, ext: body.ext, size: body.size });
    }
    // Pages 0..pages-1 were stored whole (extract.ts counts only those): one gone would
    // otherwise just be skipped, with its postings.
    const stored = manifest.stages.extract.sources[source]?.pages ?? 0;
    for (let n = 0; n < stored; n++) {
      if (bodies.has(n) && metas.has(n)) continue;
      const body = bodies.get(n);
      const bodyKey = body ? `${prefix}${n}.${body.ext}` : null;
      const metaKey = `${prefix}${n}.meta.json`;
      const problem = body ? 'its .meta.json is missing' : 'missing: the extract stored it, it is gone';
      missing.push({ source, n, key: bodyKey ?? metaKey, problem, bodyKey, metaKey });
    }
  }
  return { refs, missing };
}

export function planChunks<T extends { size: number }>(refs: readonly T[], chunkBytes: number): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const ref of refs) {
    if (current.length > 0 && bytes + ref.size > chunkBytes) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(ref);
    bytes += ref.size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Reads a chunk's pages (bodies and metas) from the lake, a few at a time, each checked. */
async function readPages(
  store: ObjectStore,
  refs: readonly RawRef[],
): Promise<{ pages: RawPageBytes[]; bad: BadRawPage[] }> {
  const read = pLimit(8);
  const bad: BadRawPage[] = [];
  const pages = await Promise.all(
    refs.map((ref) =>
      read(async () => {
        const rawKey = bodyKeyOf(ref);
        const metaKey = metaKeyOf(ref);
        const [body, meta] = await Promise.all([store.get(rawKey), store.get(metaKey)]);
        const problem = rawPageProblem(rawKey, metaKey, body, meta);
        if (problem) bad.push({ ...problem, source: ref.source, n: ref.n, bodyKey: rawKey, metaKey });
        return { source: ref.source, rawKey, body, meta };
      }),
    ),
  );
  return { pages, bad };
}

/**
 * Sets the transform back to not started, with what is derived from clean/ (quality):
 * the next attempt makes every chunk again. For a lake whose raw or clean objects were
 * found corrupt (raw-reextract.ts, run-pipeline.ts).
 */
export function resetTransform(manifest: RunManifest): void {
  const stage = manifest.stages.transform;
  stage.status = 'pending';
  stage.chunks = null;
  stage.chunksDone = [];
  stage.chunkChecksums = {};
  stage.extracted = stage.postings = stage.quarantined = stage.duplicatesMerged = 0;
  stage.checksum = null;
  delete stage.inputFingerprint;
  delete stage.chunkInputDigests;
  delete stage.reusedFrom;
  manifest.stages.quality.status = 'pending';
  manifest.stages.quality.assessment = null;
}

export async function transformRun(options: TransformOptions): Promise<TransformInfo> {
  const { store, manifest } = options;
  const stage = manifest.stages.transform;
  const started = performance.now();
  stage.status = 'running';
  const listing = await listRawPages(store, manifest);
  const chunkBytes = options.chunkBytes ?? 8 * 1024 * 1024;
  const chunks = planChunks(listing.refs, chunkBytes);
  if (stage.chunks !== null && stage.chunks !== chunks.length) {
    // The raw set changed since the plan (extract resumed and added pages): start over.
    stage.chunksDone = [];
    stage.chunkChecksums = {};
    delete stage.chunkInputDigests;
    stage.extracted = stage.postings = stage.quarantined = stage.duplicatesMerged = 0;
  }
  // A chunk an earlier attempt wrote is skipped only while it holds what that attempt
  // recorded. One that changed or is gone cannot be made again alone (its counts are in
  // the totals), so every chunk is, from the raw pages (checked as they are read); the
  // cross-chunk pass would otherwise take a changed chunk's lines as they are.
  const changed = await firstChangedChunk(store, manifest, stage.chunksDone);
  if (changed) {
    options.log?.({
      level: 'warn',
      source: 'transform',
      message: `${changed.key} is not what an earlier attempt recorded (${changed.problem}; a crash during the cross-chunk pass leaves this too): transforming every chunk again`,
    });
    stage.chunksDone = [];
    stage.chunkChecksums = {};
    delete stage.chunkInputDigests;
    stage.extracted = stage.postings = stage.quarantined = stage.duplicatesMerged = 0;
  }
  const reuse: ReuseContext = {
    store,
    manifest,
    refs: listing.refs,
    chunkBytes,
    plan: chunks,
    checkpoint: options.checkpoint,
    ...(options.log ? { log: options.log } : {}),
    ...(options.onChunk ? { onChunk: options.onChunk } : {}),
    ...(options.codeFingerprint ? { codeFingerprint: options.codeFingerprint } : {}),
  };
  // Only before any chunk is made: a copy is all the chunks or none.
  if (options.reuse !== false && stage.chunksDone.length === 0 && listing.missing.length === 0) {
    if (await reuseCleanOutput(reuse)) return infoOf(stage, performance.now() - started);
  }
  delete stage.reusedFrom;
  stage.chunks = chunks.length;
  const done = new Set(stage.chunksDone);
  const transformer = chunkTransformer({
    workers: options.workers ?? defaultTransformWorkers(),
    chunks: chunks.length - done.size,
  });
  // One chunk more in flight than there are threads: its pages are read while the others parse.
  const limit = pLimit(transformer.threads + 1);
  const keys = new Map<number, Uint8Array>(); // key digests of the chunks written now, for the cross-chunk pass
  // Once a page is bad the run is set back to fetch it and transform again: the remaining
  // chunks are still read and checked (to name every bad page at once), not transformed.
  const badPages: BadRawPage[] = [...listing.missing];

  try {
    await Promise.all(
      chunks.map((refs, index) =>
        limit(async () => {
          if (done.has(index)) return; // checked above: it holds what was recorded
          const { pages, bad } = await readPages(store, refs);
          badPages.push(...bad);
          if (badPages.length > 0) return;
          // What the chunk was made from, for the input fingerprint: digested now, while its
          // metas are in hand, so nothing per page is kept for the end of the stage.
          const inputDigest = chunkInputDigest(
            refs,
            pages.map((page) => page.meta),
          );
          const out = await transformer.transform(pages);
          if (out.quarantine) {
            await store.put(quarantineKey(manifest.runId, index), out.quarantine, {
              contentType: 'application/x-ndjson',
            });
          }
          await store.put(cleanKey(manifest.dt, manifest.runId, index), out.clean, {
            contentType: 'application/x-ndjson',
          });
          stage.extracted += out.extracted;
          stage.postings += out.postings;
          stage.quarantined += out.quarantined;
          stage.duplicatesMerged += out.merged;
          stage.chunkChecksums[String(index)] = out.checksum;
          stage.chunkInputDigests ??= {};
          stage.chunkInputDigests[String(index)] = inputDigest;
          keys.set(index, out.keys);
          stage.chunksDone.push(index);
          done.add(index);
          options.onChunk?.(done.size, chunks.length);
          await options.checkpoint();
        }),
      ),
    );
  } finally {
    await transformer.close();
  }
  if (badPages.length > 0) {
    const sizes = new Map(listing.refs.map((ref) => [`${ref.source}/${ref.n}`, ref.size]));
    throw await scheduleReextract({
      store,
      manifest,
      bad: badPages.sort((a, b) => a.source.localeCompare(b.source) || a.n - b.n),
      pageBytes: (source, n) => sizes.get(`${source}/${n}`) ?? 0,
      resetTransform,
      checkpoint: options.checkpoint,
    });
  }

  // Copies of one job in different chunks: fold them (see cross-chunk-dedupe.ts). Until
  // this stage is done the manifest holds the per-chunk counts, so the folded copies are
  // counted from those, whether or not an earlier attempt already rewrote some chunks.
  const crossChunk = await dedupeAcrossChunks(store, manifest, { keys });
  stage.duplicatesMerged += stage.postings - crossChunk.postingsAfter;
  stage.postings = crossChunk.postingsAfter;
  stage.checksum = RunningDigest.combine(Object.values(stage.chunkChecksums));
  stage.chunksDone.sort((a, b) => a - b);
  const fingerprint = await parsedInputFingerprint(reuse);
  if (fingerprint === null) delete stage.inputFingerprint;
  else stage.inputFingerprint = fingerprint;
  stage.status = 'done';
  const durationMs = performance.now() - started;
  stage.durationMs += durationMs;
  await options.checkpoint();
  // After the checkpoint: the index never names a run whose manifest does not say done.
  if (options.reuse !== false) await writeReuseIndex(reuse);
  return infoOf(stage, durationMs);
}

function infoOf(stage: RunManifest['stages']['transform'], durationMs: number): TransformInfo {
  return {
    chunks: stage.chunks ?? 0,
    extracted: stage.extracted,
    postings: stage.postings,
    quarantined: stage.quarantined,
    duplicatesMerged: stage.duplicatesMerged,
    checksum: stage.checksum ?? '',
    durationMs,
    ...(stage.reusedFrom ? { reusedFrom: stage.reusedFrom } : {}),
  };
}

/**
 * Streams every clean posting of a run, chunk by chunk, in chunk order, each chunk
 * checked against the transform's checksum first (clean-chunks.ts).
 */
export function readCleanPostings(store: ObjectStore, manifest: RunManifest): AsyncIterable<Posting> {
  return readVerifiedCleanPostings(store, manifest);
}
