import { hash } from 'node:crypto';

/**
 * Stable posting id: the first 24 hex characters (96 bits) of SHA-256 over the source
 * name and the source's own id, NUL-separated so ("ab","c") and ("a","bc") differ.
 * The same job collected again on a later run gets the same id, so warehouse loads merge.
 */
export function postingId(source: string, sourceId: string): string {
  // One-shot `hash` (Node ≥ 20.12): the same digest as createHash().update().digest(), without a Hash object per posting.
  return hash('sha256', `${source}\u0000${sourceId}`, 'hex').slice(0, 24);
}
