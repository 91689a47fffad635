/**
 * Cross-source dedupe across the whole run. Each transform chunk is deduped on its own
 * while it is parsed; but two copies of one job often land in different chunks (a run
 * stores Adzuna's pages, then France Travail's). This pass finds the dedupe keys that
 * occur in more than one chunk, dedupes those postings together with the same rule
 * (transform/dedupe.ts), and rewrites only the chunks holding them.
 *
 * Memory stays bounded by the number of distinct keys (one short hash each), not by the
 * postings. Rerunning it after a crash converges to the same clean files: the rule is
 * deterministic and the counts are recomputed from what the chunks hold.
 */
import { createHash } from 'node:crypto';
import { postingContentHash, RunningDigest, type ObjectStore, type Posting } from '../providers/core/index.ts';
import { cleanKey } from './lake-layout.ts';
import type { RunManifest } from './run-manifest.ts';
import { dedupeKey, dedupePostings } from './transform/dedupe.ts';

export interface CrossChunkDedupeInfo {
  /** Postings that share a dedupe key with a posting of another chunk. */
  candidates: number;
  /** Postings folded into a copy in another chunk. */
  merged: number;
  /** Chunks rewritten. */
  rewritten: number;
  /** Postings in clean/ after the pass. */
  postingsAfter: number;
}

const MULTI = -1;
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');
const keyHash = (key: string) => createHash('sha1').update(key).digest('base64').slice(0, 16);

async function readChunk(store: ObjectStore, key: string): Promise<Posting[]> {
  return text(await store.get(key))
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Posting);
}

export async function dedupeAcrossChunks(store: ObjectStore, manifest: RunManifest): Promise<CrossChunkDedupeInfo> {
  const stage = manifest.stages.transform;
  const chunks = stage.chunks ?? 0;
  const keys = Array.from({ length: chunks }, (_, i) => cleanKey(manifest.dt, manifest.runId, i));
  if (chunks < 2) return { candidates: 0, merged: 0, rewritten: 0, postingsAfter: stage.postings };

  // Pass 1: the chunk each key was first seen in, or MULTI once a second chunk has it.
  const firstChunk = new Map<string, number>();
  let postingsBefore = 0;
  for (let chunk = 0; chunk < chunks; chunk++) {
    for (const posting of await readChunk(store, keys[chunk]!)) {
      postingsBefore += 1;
      const key = dedupeKey(posting);
      if (key === null) continue;
      const hash = keyHash(key);
      const seen = firstChunk.get(hash);
      if (seen === undefined) firstChunk.set(hash, chunk);
      else if (seen !== chunk && seen !== MULTI) firstChunk.set(hash, MULTI);
    }
  }

  // Pass 2: gather the postings whose key spans chunks, remembering where each one lives.
  const candidates: Posting[] = [];
  const chunkOf = new Map<string, number>();
  for (let chunk = 0; chunk < chunks; chunk++) {
    for (const posting of await readChunk(store, keys[chunk]!)) {
      const key = dedupeKey(posting);
      if (key === null || firstChunk.get(keyHash(key)) !== MULTI) continue;
      candidates.push(posting);
      chunkOf.set(posting.id, chunk);
    }
  }
  firstChunk.clear();
  if (candidates.length === 0) return { candidates: 0, merged: 0, rewritten: 0, postingsAfter: postingsBefore };

  const { kept, merged } = dedupePostings(candidates);
  const replacement = new Map<string, Posting>(kept.map((p) => [p.id, p]));
  const touched = new Set<number>();
  for (const posting of candidates) {
    const after = replacement.get(posting.id);
    if (after === undefined || postingContentHash(after) !== postingContentHash(posting)) touched.add(chunkOf.get(posting.id)!);
  }

  // Pass 3: rewrite the chunks whose postings were folded or gained provenance.
  for (const chunk of [...touched].sort((a, b) => a - b)) {
    const postings = (await readChunk(store, keys[chunk]!)).flatMap((p) => {
      if (chunkOf.get(p.id) !== chunk) return [p];
      const after = replacement.get(p.id);
      return after ? [after] : [];
    });
    const digest = new RunningDigest();
    for (const p of postings) digest.add(p.id, postingContentHash(p));
    const ndjson = postings.map((p) => JSON.stringify(p)).join('\n');
    await store.put(keys[chunk]!, ndjson.length > 0 ? `${ndjson}\n` : '', { contentType: 'application/x-ndjson' });
    stage.chunkChecksums[String(chunk)] = digest.hex();
  }
  return { candidates: candidates.length, merged, rewritten: touched.size, postingsAfter: postingsBefore - merged };
}
