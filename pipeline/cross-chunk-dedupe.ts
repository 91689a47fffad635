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
 * result is the same as with exact sets. The candidates (the postings that really have a
 * copy in another chunk, plus a few false positives: ~6 % of a run on the sample
 * workload) are kept as JSON bytes, off V8's heap, and parsed and deduped one batch of
 * whole groups at a time. Rerunning the pass after a crash converges to the same clean
 * files: the rule is deterministic and the counts are recomputed from what the chunks hold.
 */
import { createHash } from 'node:crypto';
import { BloomFilter, StaticDisjointSet } from 'mnemonist';
import { postingContentHash, RunningDigest, type ObjectStore, type Posting } from '../providers/core/index.ts';
import { cleanKey } from './lake-layout.ts';
import type { RunManifest } from './run-manifest.ts';
import { dedupeKey, dedupePostings } from './transform/dedupe.ts';
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

const keyHash = (key: string) => createHash('sha1').update(key).digest('base64').slice(0, 16);

/** The keys that make two postings candidates for one: the id, and the dedupe key when there is one. */
function keysOf(posting: Posting): string[] {
  const key = dedupeKey(posting);
  return key === null ? [keyHash(`id\u0000${posting.id}`)] : [keyHash(`id\u0000${posting.id}`), keyHash(`key\u0000${key}`)];
}

const placeOf = (chunk: number, id: string) => `${chunk}\u0000${id}`;

/** Candidates deduped together at most (whole groups are never split; one group may exceed it). */
const CANDIDATE_BATCH = 5000;
const EMPTY = Buffer.alloc(0);

interface Candidate {
  chunk: number;
  id: string;
  /** The posting as JSON bytes until its batch is deduped. */
  line: Buffer;
}

/** A place's new posting, as its NDJSON line and content hash. */
interface Replacement {
  line: Buffer;
  hash: string;
}

/**
 * Candidates joined into groups by shared keys (union-find): two postings with one id,
 * or one dedupe key, are in one group, and so transitively. Because the dedupe rule only
 * compares postings sharing an id or a key, deduping whole groups separately gives the
 * same result as deduping all candidates at once.
 */
class GroupsByKey {
  private readonly firstWithKey = new Map<string, number>();
  private readonly links: [number, number][] = [];

  add(index: number, postingKeys: readonly string[]): void {
    for (const key of postingKeys) {
      const first = this.firstWithKey.get(key);
      if (first === undefined) this.firstWithKey.set(key, index);
      else this.links.push([first, index]);
    }
  }

  /** Candidate indexes in batches of whole groups, each batch in candidate order. */
  batches(count: number, size: number): number[][] {
    const sets = new StaticDisjointSet(count);
    for (const [a, b] of this.links) sets.union(a, b);
    this.firstWithKey.clear();
    const groups = sets.compile(); // each group's indexes
    const batches: number[][] = [];
    let current: number[] = [];
    for (const group of groups) {
      if (current.length > 0 && current.length + group.length > size) {
        batches.push(current.sort((a, b) => a - b));
        current = [];
      }
      current.push(...group);
    }
    if (current.length > 0) batches.push(current.sort((a, b) => a - b));
    return batches;
  }
}

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
      for (const key of keysOf(posting)) chunkKeys.add(key);
    }
    for (const key of chunkKeys) if (seen.test(key)) spanning.add(key);
    for (const key of chunkKeys) seen.add(key);
  }
  seen.clear();

  // Pass 2: gather the candidates with their chunk, as bytes (off V8's heap, a third of
  // the parsed size). Within a chunk an id is unique (the chunk was deduped), so
  // (chunk, id) names a candidate's place. Candidates sharing an id or a dedupe key are
  // joined into one group; the rule can only ever fold postings of one group.
  const candidates: Candidate[] = [];
  const groups = new GroupsByKey();
  for (let chunk = 0; chunk < chunks; chunk++) {
    for (const posting of await readChunk(store, keys[chunk]!)) {
      const postingKeys = keysOf(posting);
      if (!postingKeys.some((key) => spanning.test(key))) continue;
      groups.add(candidates.length, postingKeys);
      candidates.push({ chunk, id: posting.id, line: Buffer.from(JSON.stringify(posting)) });
    }
  }
  if (candidates.length === 0) return { candidates: 0, merged: 0, rewritten: 0, postingsAfter: postingsBefore };

  // Dedupe whole groups a batch at a time, so only one batch is ever parsed. Each kept
  // posting goes to the first place (chunk order) that held its id; the other places of
  // that id, and the copies folded into another id, are dropped (null). Places whose
  // posting stays as it was are not recorded.
  const outcome = new Map<string, Replacement | null>();
  const touched = new Set<number>();
  let merged = 0;
  for (const batch of groups.batches(candidates.length, options.candidateBatch ?? CANDIDATE_BATCH)) {
    const members = batch.map((i) => candidates[i]!);
    const postings = members.map((c) => JSON.parse(c.line.toString('utf8')) as Posting);
    const deduped = dedupePostings(postings);
    merged += deduped.merged;
    const replacement = new Map<string, Posting>(deduped.kept.map((p) => [p.id, p]));
    members.forEach((candidate, k) => {
      const after = replacement.get(candidate.id) ?? null;
      replacement.delete(candidate.id); // placed: later places of this id are dropped
      candidate.line = EMPTY; // done with: let the bytes go
      if (after !== null && postingContentHash(after) === postingContentHash(postings[k]!)) return;
      touched.add(candidate.chunk);
      outcome.set(placeOf(candidate.chunk, candidate.id), after && { line: Buffer.from(`${JSON.stringify(after)}\n`), hash: postingContentHash(after) });
    });
  }

  // Pass 3: rewrite the chunks whose postings were folded, moved or gained provenance.
  for (const chunk of [...touched].sort((a, b) => a - b)) {
    const lines: Buffer[] = [];
    const digest = new RunningDigest();
    for (const p of await readChunk(store, keys[chunk]!)) {
      const place = placeOf(chunk, p.id);
      if (!outcome.has(place)) {
        lines.push(Buffer.from(`${JSON.stringify(p)}\n`));
        digest.add(p.id, postingContentHash(p));
        continue;
      }
      const after = outcome.get(place);
      outcome.delete(place);
      if (!after) continue;
      lines.push(after.line);
      digest.add(p.id, after.hash);
    }
    await store.put(keys[chunk]!, Buffer.concat(lines), { contentType: 'application/x-ndjson' });
    stage.chunkChecksums[String(chunk)] = digest.hex();
  }
  return { candidates: candidates.length, merged, rewritten: touched.size, postingsAfter: postingsBefore - merged };
}
