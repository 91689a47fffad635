/**
 * Transform: raw pages → canonical postings in `clean/`, bad records in `quarantine/`.
 * Raw pages are grouped into chunks by size, deterministically from the (final) raw
 * listing, so a resumed run plans the same chunks and skips those already in clean/.
 * Each clean object is written whole (put is atomic), so its existence marks its
 * chunk done.
 */
import pLimit from 'p-limit';
import { RunningDigest, postingContentHash, type ObjectStore, type Posting } from '../providers/core/index.ts';
import type { RawPageMeta } from './extract.ts';
import { cleanKey, parseRawName, quarantineKey, rawPrefix } from './lake-layout.ts';
import { dedupeAcrossChunks } from './cross-chunk-dedupe.ts';
import { ndjsonRecords, toNdjson } from './ndjson.ts';
import type { RunManifest } from './run-manifest.ts';
import { dedupePostings } from './transform/dedupe.ts';
import { parsePayload } from './transform/parse-payload.ts';
import type { Reject } from './transform/parse-result.ts';

export interface TransformOptions {
  store: ObjectStore;
  manifest: RunManifest;
  checkpoint: () => Promise<void>;
  /** Raw bytes per chunk (default 8 MiB). */
  chunkBytes?: number;
  /** Chunks processed at once (I/O overlaps parsing). */
  concurrency?: number;
  onChunk?: (done: number, total: number) => void;
}

export interface TransformInfo {
  chunks: number;
  extracted: number;
  postings: number;
  quarantined: number;
  duplicatesMerged: number;
  checksum: string;
  durationMs: number;
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

/** One line of a quarantine object. */
export interface QuarantineEntry extends Reject {
  rawKey: string;
  source: string;
}

async function listRawPages(store: ObjectStore, manifest: RunManifest): Promise<RawRef[]> {
  const refs: RawRef[] = [];
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
  }
  return refs;
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

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

async function transformChunk(store: ObjectStore, refs: readonly RawRef[]) {
  const postings: Posting[] = [];
  const quarantine: QuarantineEntry[] = [];
  let extracted = 0;
  for (const ref of refs) {
    const bodyKey = bodyKeyOf(ref);
    const [body, metaBytes] = await Promise.all([store.get(bodyKey), store.get(metaKeyOf(ref))]);
    const meta = JSON.parse(text(metaBytes)) as RawPageMeta;
    const result = parsePayload(meta.format, text(body), { source: ref.source, rawKey: bodyKey, collectedAt: meta.fetchedAt, pageUrl: meta.url });
    extracted += result.postings.length + result.rejects.length;
    postings.push(...result.postings);
    for (const reject of result.rejects) quarantine.push({ ...reject, rawKey: bodyKey, source: ref.source });
  }
  const deduped = dedupePostings(postings);
  const digest = new RunningDigest();
  for (const posting of deduped.kept) digest.add(posting.id, postingContentHash(posting));
  return { postings: deduped.kept, merged: deduped.merged, quarantine, extracted, checksum: digest.hex() };
}

export async function transformRun(options: TransformOptions): Promise<TransformInfo> {
  const { store, manifest } = options;
  const stage = manifest.stages.transform;
  const started = performance.now();
  stage.status = 'running';
  const chunks = planChunks(await listRawPages(store, manifest), options.chunkBytes ?? 8 * 1024 * 1024);
  if (stage.chunks !== null && stage.chunks !== chunks.length) {
    // The raw set changed since the plan (extract resumed and added pages): start over.
    stage.chunksDone = [];
    stage.chunkChecksums = {};
    stage.extracted = stage.postings = stage.quarantined = stage.duplicatesMerged = 0;
  }
  stage.chunks = chunks.length;
  const done = new Set(stage.chunksDone);
  const limit = pLimit(options.concurrency ?? 2);

  await Promise.all(
    chunks.map((refs, index) =>
      limit(async () => {
        if (done.has(index) && (await store.head(cleanKey(manifest.dt, manifest.runId, index)))) return;
        const out = await transformChunk(store, refs);
        if (out.quarantine.length > 0) {
          await store.put(quarantineKey(manifest.runId, index), toNdjson(out.quarantine), { contentType: 'application/x-ndjson' });
        }
        await store.put(cleanKey(manifest.dt, manifest.runId, index), toNdjson(out.postings), { contentType: 'application/x-ndjson' });
        stage.extracted += out.extracted;
        stage.postings += out.postings.length;
        stage.quarantined += out.quarantine.length;
        stage.duplicatesMerged += out.merged;
        stage.chunkChecksums[String(index)] = out.checksum;
        stage.chunksDone.push(index);
        done.add(index);
        options.onChunk?.(done.size, chunks.length);
        await options.checkpoint();
      }),
    ),
  );

  // Copies of one job in different chunks: fold them (see cross-chunk-dedupe.ts). Until
  // this stage is done the manifest holds the per-chunk counts, so the folded copies are
  // counted from those, whether or not an earlier attempt already rewrote some chunks.
  const crossChunk = await dedupeAcrossChunks(store, manifest);
  stage.duplicatesMerged += stage.postings - crossChunk.postingsAfter;
  stage.postings = crossChunk.postingsAfter;
  stage.checksum = RunningDigest.combine(Object.values(stage.chunkChecksums));
  stage.chunksDone.sort((a, b) => a - b);
  stage.status = 'done';
  const durationMs = performance.now() - started;
  stage.durationMs += durationMs;
  await options.checkpoint();
  return {
    chunks: chunks.length,
    extracted: stage.extracted,
    postings: stage.postings,
    quarantined: stage.quarantined,
    duplicatesMerged: stage.duplicatesMerged,
    checksum: stage.checksum,
    durationMs,
  };
}

/** Streams every clean posting of a run, chunk by chunk, in chunk order. */
export async function* readCleanPostings(store: ObjectStore, manifest: RunManifest): AsyncIterable<Posting> {
  const chunks = manifest.stages.transform.chunks ?? 0;
  for (let index = 0; index < chunks; index++) {
    yield* ndjsonRecords<Posting>(await store.get(cleanKey(manifest.dt, manifest.runId, index)));
  }
}
