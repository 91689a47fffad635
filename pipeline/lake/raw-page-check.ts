/**
 * A raw page is what the extract stored only if its body still has the sha256 (and
 * length) that its `.meta.json` recorded when the page was fetched (extract.ts). Checked
 * each time the transform reads a page, so a flipped byte or a cut body is reported
 * instead of being parsed into fewer (or other) postings.
 */
import { createHash } from 'node:crypto';
import type { CorruptObject } from './lake-corruption.ts';

/** Why this page is not what the extract stored, or null when it is. */
export function rawPageProblem(
  bodyKey: string,
  metaKey: string,
  body: Uint8Array,
  meta: Uint8Array,
): CorruptObject | null {
  let recorded: { sha256?: unknown; bytes?: unknown };
  try {
    recorded = JSON.parse(
      Buffer.from(meta.buffer, meta.byteOffset, meta.byteLength).toString('utf8'),
    ) as typeof recorded;
  } catch {
    return { key: metaKey, problem: 'it is not JSON' };
  }
  if (typeof recorded !== 'object' || recorded === null || typeof recorded.sha256 !== 'string') {
    return { key: metaKey, problem: 'it records no sha256' };
  }
  const actual = createHash('sha256').update(body).digest('hex');
  if (actual === recorded.sha256) return null;
  const length =
    typeof recorded.bytes === 'number' && recorded.bytes !== body.byteLength
      ? `, ${body.byteLength} bytes where ${recorded.bytes} were stored`
      : '';
  return {
    key: bodyKey,
    problem: `its sha256 is ${actual.slice(0, 16)}… where its .meta.json records ${recorded.sha256.slice(0, 16)}…${length}`,
  };
}
