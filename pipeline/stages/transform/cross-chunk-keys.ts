/**
 * The keys the cross-chunk dedupe (cross-chunk-dedupe.ts) compares, as fixed-size digests:
 * per posting of a clean chunk, in line order, two slots of KEY_BYTES — the digest of its
 * id, then of its dedupe key (zeros when it has none). The transform computes them while
 * it still holds the chunk's postings (on its worker thread), so the cross-chunk pass does
 * not parse every chunk again to learn them.
 */
import { hash } from 'node:crypto';
import type { Posting } from '../../../providers/core/index.ts';
import { dedupeKeyOf } from './dedupe.ts';

/** Bytes kept of each key's SHA-1: 12 for the Bloom filters, the last 4 as a small integer for grouping. */
export const KEY_BYTES = 16;
export const SLOTS_PER_POSTING = 2;
export const POSTING_KEY_BYTES = KEY_BYTES * SLOTS_PER_POSTING;

function writeKey(out: Buffer, offset: number, key: string): void {
  // One-shot `hash` (Node ≥ 20.12): the same SHA-1 as createHash(), without a Hash object per key.
  hash('sha1', key, 'buffer').copy(out, offset, 0, KEY_BYTES);
}

/** The key digests of postings, in their order. */
export function postingKeyDigests(postings: readonly Posting[]): Buffer {
  const out = Buffer.alloc(postings.length * POSTING_KEY_BYTES); // zero-filled: "no dedupe key"
  postings.forEach((posting, i) => {
    const at = i * POSTING_KEY_BYTES;
    writeKey(out, at, `id\u0000${posting.id}`);
    const key = dedupeKeyOf(posting);
    if (key !== null) writeKey(out, at + KEY_BYTES, `key\u0000${key}`);
  });
  return out;
}

/** The slot's key as the Bloom filters take it, or null for an empty slot. */
export function filterKey(digests: Uint8Array, slot: number): string | null {
  const at = slot * KEY_BYTES;
  let empty = true;
  for (let i = at; i < at + KEY_BYTES; i++) {
    if (digests[i] !== 0) {
      empty = false;
      break;
    }
  }
  return empty ? null : Buffer.from(digests.buffer, digests.byteOffset + at, 12).toString('base64');
}

/** The slot's key as a 30-bit integer (two keys may share one: that only joins two groups). */
export function smallKey(digests: Uint8Array, slot: number): number {
  const at = digests.byteOffset + slot * KEY_BYTES + 12;
  return Buffer.from(digests.buffer, at, 4).readUInt32BE(0) >>> 2;
}
