/**
 * The CPU-bound half of transforming one chunk: its raw pages in, its clean and
 * quarantine NDJSON out. It touches no store and no clock, so the transform stage can run
 * it on its own thread or in a worker (transform-pool.ts) and get the same bytes.
 */
import { RunningDigest, postingContentHash, type Posting } from '../../../providers/core/index.ts';
import type { RawPageMeta } from '../extract/extract.ts';
import { postingKeyDigests } from './cross-chunk-keys.ts';
import { toNdjson } from '../../lake/ndjson.ts';
import { dedupePostings } from './dedupe.ts';
import { parsePayload } from './parsers/parse-payload.ts';
import type { Reject } from './parsers/parse-result.ts';
import { decodeUtf8 } from './parsers/utf8-decode.ts';

/** One raw page as the lake holds it: its body and the extract's `.meta.json`. */
export interface RawPageBytes {
  source: string;
  rawKey: string;
  body: Uint8Array;
  meta: Uint8Array;
}

/** One line of a quarantine object. */
export interface QuarantineEntry extends Reject {
  rawKey: string;
  source: string;
}

export interface ChunkOutput {
  /** NDJSON of the chunk's postings, deduped within the chunk. */
  clean: Uint8Array;
  /** NDJSON of its rejects, or null when there are none (no quarantine object is written). */
  quarantine: Uint8Array | null;
  postings: number;
  quarantined: number;
  /** Records found in the pages: postings before the dedupe, plus rejects. */
  extracted: number;
  /** Postings folded into another one inside the chunk. */
  merged: number;
  /** RunningDigest of (id, content hash) over the chunk's postings. */
  checksum: string;
  /** The postings' key digests for the cross-chunk dedupe, in line order (cross-chunk-keys.ts). */
  keys: Uint8Array;
  /**
   * U+FFFD characters produced decoding the pages' bodies: bytes that were not UTF-8. The
   * postings whose text holds one carry a `replacement-characters` flag.
   */
  invalidUtf8: number;
}

const text = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');

export function transformPages(pages: Iterable<RawPageBytes>): ChunkOutput {
  const postings: Posting[] = [];
  const quarantine: QuarantineEntry[] = [];
  let extracted = 0;
  let invalidUtf8 = 0;
  for (const page of pages) {
    const meta = JSON.parse(text(page.meta)) as RawPageMeta;
    const body = decodeUtf8(page.body);
    invalidUtf8 += body.replacements;
    const result = parsePayload(meta.format, body.text, {
      source: page.source,
      rawKey: page.rawKey,
      collectedAt: meta.fetchedAt,
      pageUrl: meta.url,
    });
    extracted += result.postings.length + result.rejects.length;
    for (const posting of result.postings) postings.push(posting);
    for (const reject of result.rejects) quarantine.push({ ...reject, rawKey: page.rawKey, source: page.source });
  }
  const deduped = dedupePostings(postings);
  const digest = new RunningDigest();
  for (const posting of deduped.kept) digest.add(posting.id, postingContentHash(posting));
  return {
    clean: toNdjson(deduped.kept),
    quarantine: quarantine.length > 0 ? toNdjson(quarantine) : null,
    postings: deduped.kept.length,
    quarantined: quarantine.length,
    extracted,
    merged: deduped.merged,
    checksum: digest.hex(),
    keys: postingKeyDigests(deduped.kept),
    invalidUtf8,
  };
}
