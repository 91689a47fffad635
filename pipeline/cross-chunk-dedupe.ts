/**
 * Cross-source dedupe across the whole run. Each transform chunk is deduped on its own
 * while it is parsed; but two copies of one job often land in different chunks (a run
 * stores Adzuna's pages, then France Travail's), and a source can return one record on
 * two pages that fall in different chunks. This pass finds the postings whose dedupe key
 * or id occurs in more than one chunk, dedupes them together with the same rule
 * (transform/dedupe.ts), and rewrites only the chunks holding them. Afterwards an id
 * occurs once per run, which the load check (verify-load.ts) relies on.
 *
 * Memory: the keys seen are kept in two Bloom filters (a few bytes per posting), not in a
 * map. A false positive only adds a candidate, and candidates are deduped exactly, so the
 * result is the same as with exact sets. What stays in memory is the candidates
 * themselves: the postings that really have a copy in another chunk, plus a few false
 * positives. Rerunning the pass after a crash converges to the same clean files: the rule
 * is deterministic and the counts are recomputed from what the chunks hold.
 */
import { createHash } from 'node:crypto';
import { BloomFilter } from 'mnemonist';
import { postingContentHash, RunningDigest, type ObjectStore, type Posting } from '../providers/core/index.ts';
import { cleanKey } from './lake-layout.ts';
import type { RunManifest } from './run-manifest.ts';
import { dedupeKey, dedupePostings } from './transform/dedupe.ts';
import { ndjsonRecords, toNdjson } from './ndjson.ts';

export interface CrossChunkDedupeInfo {
  /** Postings that share a dedupe key or an id with a posting of another chunk (or a filter false positive). */
  candidates: number;
  /** Postings folded into a copy in another chunk. */
  merged: number;
  /** Chunks rewritten. */
  rewritten: number;
  /** Postings in clean/ after the pass. */
  postingsAfter: number;
}

/** False-positive rate of the filters: each false positive costs one extra candidate. */
const FILTER_ERROR_RATE = 0.001;

const keyHash = (key: string) => createHash('sha1').update(key).digest('base64').slice(0, 16);

/** The keys that make two postings candidates for one: the id, and the dedupe key when there is one. */
function keysOf(posting: Posting): string[] {
  const key = dedupeKey(posting);
  return key === null ? [keyHash(`id\u0000${posting.id}`)] : [keyHash(`id\u0000${posting.id}`), keyHash(`key\u0000${key}`)];
}

const placeOf = (chunk: number, id: string) => `${chunk}\u0000${id}`;

async function readChunk(store: ObjectStore, key: string): Promise<Iterable<Posting>> {
  return ndjsonRecords<Posting>(await store.get(key));
}

export async function dedupeAcrossChunks(store: ObjectStore, manifest: RunManifest): Promise<CrossChunkDedupeInfo> {
  const stage = manifest.stages.transform;
  const chunks = stage.chunks ?? 0;
  const keys = Array.from({ length: chunks }, (_, i) => cleanKey(manifest.dt, manifest.runId, i));
  if (chunks < 2) return { candidates: 0, merged: 0, rewritten: 0, postingsAfter: stage.postings };

  // Pass 1: `seen` holds the keys of the chunks read so far; a key of this chunk that is
  // already there spans chunks. Keys are made distinct within a chunk first, so a key
  // repeated inside one chunk (already deduped there) does not count.
  const capacity = Math.max(1024, 2 * stage.postings);
  const seen = new BloomFilter({ capacity, errorRate: FILTER_ERROR_RATE });
  const spanning = new BloomFilter({ capacity, errorRate: FILTER_ERROR_RATE });
  let postingsBefore = 0;
  for (let chunk = 0; chunk < chunks; chunk++) {
    const chunkKeys = new Set<string>();
    for (const posting of await readChunk(store, keys[chunk]!)) {
      postingsBefore += 1;
      for (const key of keysOf(posting)) chunkKeys.add(key);
    }
    for (const key of chunkKeys) if (seen.test(key)) spanning.add(key);
    for (const key of chunkKeys) seen.add(key);
  }
  seen.clear();

  // Pass 2: gather the candidates with their chunk. Within a chunk an id is unique (the
  // chunk was deduped), so (chunk, id) names a candidate's place.
  const candidates: { chunk: number; posting: Posting }[] = [];
  for (let chunk = 0; chunk < chunks; chunk++) {
    for (const posting of await readChunk(store, keys[chunk]!)) {
      if (keysOf(posting).some((key) => spanning.test(key))) candidates.push({ chunk, posting });
    }
  }
  if (candidates.length === 0) return { candidates: 0, merged: 0, rewritten: 0, postingsAfter: postingsBefore };

  // Each kept posting goes to the first place (chunk order) that held its id; the other
  // places of that id, and the copies folded into another id, are dropped (null).
  const { kept, merged } = dedupePostings(candidates.map((c) => c.posting));
  const replacement = new Map<string, Posting>(kept.map((p) => [p.id, p]));
  const outcome = new Map<string, Posting | null>(); // `${chunk}\u0000${id}` → what takes its place
  const touched = new Set<number>();
  for (const { chunk, posting } of candidates) {
    const after = replacement.get(posting.id) ?? null;
    replacement.delete(posting.id); // placed: later places of this id are dropped
    outcome.set(placeOf(chunk, posting.id), after);
    if (after === null || postingContentHash(after) !== postingContentHash(posting)) touched.add(chunk);
  }

  // Pass 3: rewrite the chunks whose postings were folded, moved or gained provenance.
  for (const chunk of [...touched].sort((a, b) => a - b)) {
    const postings = [...(await readChunk(store, keys[chunk]!))].flatMap((p) => {
      const place = placeOf(chunk, p.id);
      if (!outcome.has(place)) return [p];
      const after = outcome.get(place);
      return after ? [after] : [];
    });
    const digest = new RunningDigest();
    for (const p of postings) digest.add(p.id, postingContentHash(p));
    await store.put(keys[chunk]!, toNdjson(postings), { contentType: 'application/x-ndjson' });
    stage.chunkChecksums[String(chunk)] = digest.hex();
  }
  return { candidates: candidates.length, merged, rewritten: touched.size, postingsAfter: postingsBefore - merged };
}
