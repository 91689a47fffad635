/**
 * A chunk's raw pages packed for a worker thread (transform-pool.ts): bodies and metas end
 * to end in one buffer that can be moved across threads, and per page its source, key and
 * lengths. `transformPackedPages` is what the worker runs.
 */
import { transformPages, type ChunkOutput, type RawPageBytes } from './transform-pages.ts';

/** A chunk's pages as one buffer plus, per page, its source, key and byte lengths. */
export interface PackedPages {
  pages: { source: string; rawKey: string; bodyBytes: number; metaBytes: number }[];
  bytes: Uint8Array;
}

export function packPages(pages: readonly RawPageBytes[]): PackedPages {
  const total = pages.reduce((sum, page) => sum + page.body.byteLength + page.meta.byteLength, 0);
  const bytes = new Uint8Array(total); // its own ArrayBuffer, so it can be moved to the worker
  let at = 0;
  for (const page of pages) {
    bytes.set(page.body, at);
    bytes.set(page.meta, at + page.body.byteLength);
    at += page.body.byteLength + page.meta.byteLength;
  }
  return {
    pages: pages.map((p) => ({
      source: p.source,
      rawKey: p.rawKey,
      bodyBytes: p.body.byteLength,
      metaBytes: p.meta.byteLength,
    })),
    bytes,
  };
}

export function* unpackPages(packed: PackedPages): Iterable<RawPageBytes> {
  let at = 0;
  for (const page of packed.pages) {
    const body = packed.bytes.subarray(at, at + page.bodyBytes);
    const meta = packed.bytes.subarray(at + page.bodyBytes, at + page.bodyBytes + page.metaBytes);
    at += page.bodyBytes + page.metaBytes;
    yield { source: page.source, rawKey: page.rawKey, body, meta };
  }
}

export function transformPackedPages(packed: PackedPages): ChunkOutput {
  return transformPages(unpackPages(packed));
}
