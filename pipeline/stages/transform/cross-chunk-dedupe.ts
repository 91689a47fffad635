/**
 * Cross-source dedupe across the whole run. Each transform chunk is deduped on its own
 * while it is parsed; but two copies of one job often land in different chunks (a run
 * stores Adzuna's pages, then France Travail's), and a source can return one record on
 * two pages that fall in different chunks. This pass finds the postings whose dedupe key
 * or id occurs in more than one chunk, dedupes them together with the same rule
 * (transform/dedupe.ts), and rewrites only the chunks holding them. Afterwards an id
 * occurs once per run, which the load check (verify-load.ts) relies on.
 *
 * Work: the keys of every posting come as digests from the transform, which computed them
 * while it held the chunk (cross-chunk-keys.ts); only the chunks of an earlier attempt are
 * parsed to learn theirs. Only candidate lines are parsed, and a rewrite copies the other
 * lines' bytes and updates the chunk's checksum by the changed postings alone.
 *
 * Memory: the keys seen are kept in two Bloom filters (a few bytes per posting), not in a
 * map. A false positive only adds a candidate, and candidates are deduped exactly, so the
 * result is the same as with exact sets. The candidates (the postings that share a key
 * with another chunk, plus a few false positives) are kept as JSON bytes in a scratch file
 * (cross-chunk-candidates.ts), and parsed and deduped one batch of whole groups at a
 * time; the replacement lines likewise. The key digests take 32 bytes per posting until
 * candidates are gathered.
 *
 * Rerunning the pass after a crash converges to the same clean files: the rule is
 * deterministic and the counts are recomputed from what the chunks hold. The checksum of a
 * chunk from an earlier attempt is recomputed from its lines, not updated, because the
 * crashed pass may have rewritten that chunk after the manifest recorded its checksum.
 */
import { BloomFilter } from 'mnemonist';
import { postingContentHash, RunningDigest, type ObjectStore, type Posting } from '../../../providers/core/index.ts';
import { CandidateSet, LineStore } from './cross-chunk-candidates.ts';
import {
  filterKey,
  KEY_BYTES,
  POSTING_KEY_BYTES,
  postingKeyDigests,
  SLOTS_PER_POSTING,
  smallKey,
} from './cross-chunk-keys.ts';
import { cleanKey } from '../../lake/lake-layout.ts';
import { ndjsonLines, ndjsonRecords } from '../../lake/ndjson.ts';
import type { RunManifest } from '../../lake/run-manifest.ts';
import { dedupePostings } from './dedupe.ts';

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

export interface CrossChunkDedupeOptions {
  /** Candidates deduped together at most (whole groups are never split; one group may exceed it). */
  candidateBatch?: number;
  /**
   * Key digests (cross-chunk-keys.ts) of the chunks the transform wrote in this attempt,
   * by chunk index; the manifest's checksums of these chunks match what they hold.
   */
  keys?: ReadonlyMap<number, Uint8Array>;
}

/** False-positive rate of the filters: each false positive costs one extra candidate. */
const FILTER_ERROR_RATE = 0.001;

const CANDIDATE_BATCH = 5000;

/** What takes a line's place: a line of `replacements`, or nothing (folded into another). */
const DROPPED = -1;

export async function dedupeAcrossChunks(
  store: ObjectStore,
  manifest: RunManifest,
  options: CrossChunkDedupeOptions = {},
): Promise<CrossChunkDedupeInfo> {
  const stage = manifest.stages.transform;
  const chunks = stage.chunks ?? 0;
  const keys = Array.from({ length: chunks }, (_, i) => cleanKey(manifest.dt, manifest.runId, i));
  if (chunks < 2) return { candidates: 0, merged: 0, rewritten: 0, postingsAfter: stage.postings };

  const digests = new Map<number, Uint8Array>(options.keys ?? []);
  const postingsIn = (chunk: number) => digests.get(chunk)!.byteLength / POSTING_KEY_BYTES;

  // Pass 1: `seen` holds the keys of the chunks looked at so far; a key of this chunk that
  // is already there spans chunks. Keys are made distinct within a chunk first, so a key
  // repeated inside one chunk (already deduped there) does not count.
  const capacity = Math.max(1024, 2 * stage.postings);
  const seen = new BloomFilter({ capacity, errorRate: FILTER_ERROR_RATE });
  const spanning = new BloomFilter({ capacity, errorRate: FILTER_ERROR_RATE });
  let postingsBefore = 0;
  for (let chunk = 0; chunk < chunks; chunk++) {
    if (!digests.has(chunk))
      digests.set(chunk, postingKeyDigests([...ndjsonRecords<Posting>(await store.get(keys[chunk]!))]));
    const chunkDigests = digests.get(chunk)!;
    postingsBefore += postingsIn(chunk);
    const chunkKeys = new Set<string>();
    for (let slot = 0; slot < chunkDigests.byteLength / KEY_BYTES; slot++) {
      const key = filterKey(chunkDigests, slot);
      if (key !== null) chunkKeys.add(key);
    }
    for (const key of chunkKeys) if (seen.test(key)) spanning.add(key);
    for (const key of chunkKeys) seen.add(key);
  }
  seen.clear();

  // Pass 2: gather the candidates' lines (compactly, see cross-chunk-candidates.ts), reading
  // only the chunks that hold one. Candidates and replacement lines live in scratch files,
  // removed however the pass ends.
  const candidates = new CandidateSet();
  const replacements = new LineStore();
  try {
    for (let chunk = 0; chunk < chunks; chunk++) {
      const chunkDigests = digests.get(chunk)!;
      const wanted = new Map<number, number[]>(); // line → its keys as small integers
      for (let line = 0; line < postingsIn(chunk); line++) {
        let isCandidate = false;
        const small: number[] = [];
        for (let slot = line * SLOTS_PER_POSTING; slot < (line + 1) * SLOTS_PER_POSTING; slot++) {
          const key = filterKey(chunkDigests, slot);
          if (key === null) continue;
          small.push(smallKey(chunkDigests, slot));
          if (spanning.test(key)) isCandidate = true;
        }
        if (isCandidate) wanted.set(line, small);
      }
      if (wanted.size === 0) continue;
      let line = 0;
      for (const json of ndjsonLines(await store.get(keys[chunk]!))) {
        const small = wanted.get(line);
        if (small) candidates.add(chunk, line, json, small);
        line++;
      }
      if (line !== postingsIn(chunk))
        throw new Error(`clean chunk ${chunk} holds ${line} lines where the transform wrote ${postingsIn(chunk)}`);
    }
    spanning.clear();
    digests.clear();
    if (candidates.size === 0) return { candidates: 0, merged: 0, rewritten: 0, postingsAfter: postingsBefore };

    // Dedupe whole groups a batch at a time, so only one batch is ever parsed. Each kept
    // posting goes to the first place (chunk order) that held its id; the other places of
    // that id, and the copies folded into another id, are dropped. Only places that change
    // are recorded, with what they do to their chunk's checksum.
    const changes = new Map<number, Map<number, number>>(); // chunk → line → replacement line or DROPPED
    const checksumChange = new Map<number, RunningDigest>(); // chunk → digest updated by the changed places
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
        // Kept as it was (the dedupe returns an untouched posting itself): nothing changes
        // here, and its two content hashes, equal by construction, need not be computed.
        if (after === before) return;
        const hashBefore = postingContentHash(before);
        const hashAfter = after === undefined ? null : postingContentHash(after);
        if (hashAfter === hashBefore) return;
        const chunk = candidates.chunk(index);
        if (!changes.has(chunk)) {
          changes.set(chunk, new Map());
          checksumChange.set(chunk, RunningDigest.fromHex(stage.chunkChecksums[String(chunk)] ?? '0'));
        }
        const digest = checksumChange.get(chunk)!;
        digest.remove(before.id, hashBefore);
        if (after !== undefined) digest.add(after.id, hashAfter!);
        changes
          .get(chunk)!
          .set(
            candidates.line(index),
            after === undefined ? DROPPED : replacements.add(Buffer.from(`${JSON.stringify(after)}\n`)),
          );
      });
    }

    // Pass 3: rewrite the chunks whose postings were folded, moved or gained provenance.
    // Unchanged lines are copied as bytes.
    const newline = Buffer.from('\n');
    for (const chunk of [...changes.keys()].sort((a, b) => a - b)) {
      const changed = changes.get(chunk)!;
      const recount = !options.keys?.has(chunk) ? new RunningDigest() : null;
      const pieces: Buffer[] = [];
      let line = 0;
      for (const json of ndjsonLines(await store.get(keys[chunk]!))) {
        const replaced = changed.get(line++);
        if (replaced === DROPPED) continue;
        const out = replaced === undefined ? [json, newline] : [replacements.line(replaced)];
        pieces.push(...out);
        if (recount) {
          const posting = JSON.parse(Buffer.concat(out).toString('utf8')) as Posting;
          recount.add(posting.id, postingContentHash(posting));
        }
      }
      await store.put(keys[chunk]!, Buffer.concat(pieces), { contentType: 'application/x-ndjson' });
      stage.chunkChecksums[String(chunk)] = (recount ?? checksumChange.get(chunk)!).hex();
    }
    return { candidates: candidates.size, merged, rewritten: changes.size, postingsAfter: postingsBefore - merged };
  } finally {
    candidates.close();
    replacements.close();
  }
}
