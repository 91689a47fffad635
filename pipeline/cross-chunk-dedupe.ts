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
 * result is the same as with exact sets. The candidates (the postings that share a key
 * with another chunk, plus a few false positives) are kept as JSON bytes, one buffer per
 * chunk (cross-chunk-candidates.ts), and parsed and deduped one batch of whole groups at
 * a time; the replacement lines likewise. Rerunning the pass after a crash converges to the same clean
 * files: the rule is deterministic and the counts are recomputed from what the chunks hold.
 */
import { createHash } from 'node:crypto';
import { BloomFilter } from 'mnemonist';
import { postingContentHash, RunningDigest, type ObjectStore, type Posting } from '../providers/core/index.ts';
import { cleanKey } from './lake-layout.ts';
import type { RunManifest } from './run-manifest.ts';
import { dedupeKey, dedupePostings } from './transform/dedupe.ts';
import { CandidateSet, LineStore } from './cross-chunk-candidates.ts';
import { ndjsonRecords } from './ndjson.ts';

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

/** A key as the Bloom filters take it (96 bits of SHA-1) and as a small integer (30 of them) for grouping. */
interface PostingKey {
  filter: string;
  small: number;
}

function postingKey(key: string): PostingKey {
  const digest = createHash('sha1').update(key).digest();
  return { filter: digest.toString('base64', 0, 12), small: digest.readUInt32BE(12) >>> 2 };
}

/** The keys that make two postings candidates for one: the id, and the dedupe key when there is one. */
function keysOf(posting: Posting): PostingKey[] {
  const key = dedupeKey(posting);
  const byId = postingKey(`id\u0000${posting.id}`);
  return key === null ? [byId] : [byId, postingKey(`key\u0000${key}`)];
}

const placeOf = (chunk: number, id: string) => `${chunk}\u0000${id}`;

/** Candidates deduped together at most (whole groups are never split; one group may exceed it). */
const CANDIDATE_BATCH = 5000;

/** What takes a candidate's place: a line of `replacements`, or nothing (folded into another). */
const DROPPED = -1;

async function readChunk(store: ObjectStore, key: string): Promise<Iterable<Posting>> {
  return ndjsonRecords<Posting>(await store.get(key));
}

export async function dedupeAcrossChunks(
  store: ObjectStore,
  manifest: RunManifest,
  options: { candidateBatch?: number } = {},
): Promise<CrossChunkDedupeInfo> {
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
      for (const key of keysOf(posting)) chunkKeys.add(key.filter);
    }
    for (const key of chunkKeys) if (seen.test(key)) spanning.add(key);
    for (const key of chunkKeys) seen.add(key);
  }
  seen.clear();

  // Pass 2: gather the candidates (compactly, see cross-chunk-candidates.ts). Within a
  // chunk an id is unique (the chunk was deduped), so (chunk, id) names a place.
  const candidates = new CandidateSet();
  for (let chunk = 0; chunk < chunks; chunk++) {
    for (const posting of await readChunk(store, keys[chunk]!)) {
      const postingKeys = keysOf(posting);
      if (postingKeys.some((key) => spanning.test(key.filter))) candidates.add(chunk, posting, postingKeys.map((key) => key.small));
    }
  }
  spanning.clear();
  if (candidates.size === 0) return { candidates: 0, merged: 0, rewritten: 0, postingsAfter: postingsBefore };

  // Dedupe whole groups a batch at a time, so only one batch is ever parsed. Each kept
  // posting goes to the first place (chunk order) that held its id; the other places of
  // that id, and the copies folded into another id, are dropped. Places whose posting
  // stays as it was are not recorded.
  const outcome = new Map<string, number>(); // place → line of `replacements`, or DROPPED
  const replacements = new LineStore();
  const touched = new Set<number>();
  let merged = 0;
  for (const batch of candidates.batches(options.candidateBatch ?? CANDIDATE_BATCH)) {
    const postings = batch.map((i) => candidates.posting(i));
    const deduped = dedupePostings(postings);
    merged += deduped.merged;
    const replacement = new Map<string, Posting>(deduped.kept.map((p) => [p.id, p]));
    batch.forEach((index, k) => {
      const before = postings[k]!;
      const after = replacement.get(before.id);
      replacement.delete(before.id); // placed: later places of this id are dropped
      if (after !== undefined && postingContentHash(after) === postingContentHash(before)) return;
      const chunk = candidates.chunk(index);
      touched.add(chunk);
      outcome.set(placeOf(chunk, before.id), after === undefined ? DROPPED : replacements.add(Buffer.from(`${JSON.stringify(after)}\n`)));
    });
    replacements.seal();
  }

  // Pass 3: rewrite the chunks whose postings were folded, moved or gained provenance.
  for (const chunk of [...touched].sort((a, b) => a - b)) {
    const lines: Buffer[] = [];
    const digest = new RunningDigest();
    for (const p of await readChunk(store, keys[chunk]!)) {
      const place = placeOf(chunk, p.id);
      const replaced = outcome.get(place);
      outcome.delete(place);
      if (replaced === DROPPED) continue;
      const after = replaced === undefined ? p : (JSON.parse(replacements.line(replaced).toString('utf8')) as Posting);
      lines.push(replaced === undefined ? Buffer.from(`${JSON.stringify(p)}\n`) : replacements.line(replaced));
      digest.add(after.id, postingContentHash(after));
    }
    await store.put(keys[chunk]!, Buffer.concat(lines), { contentType: 'application/x-ndjson' });
    stage.chunkChecksums[String(chunk)] = digest.hex();
  }
  return { candidates: candidates.size, merged, rewritten: touched.size, postingsAfter: postingsBefore - merged };
}
