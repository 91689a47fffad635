/**
 * What a clean-reuse compares (reuse-clean.ts): the digest of a run's raw listing, of each
 * chunk's page metas, and the input fingerprint that combines them in chunk order. Nothing
 * here holds more than one chunk's pages at a time.
 */
import { createHash } from 'node:crypto';
import pLimit from 'p-limit';
import { postingSchema, type ObjectStore } from '../../../providers/core/index.ts';
import type { CorruptObject } from '../../lake/lake-corruption.ts';
import { rawPageProblem } from '../../lake/raw-page-check.ts';
import type { RawPageMeta } from '../extract/extract.ts';

/** One raw page of the run, as the transform lists it. */
export interface PageRef {
  source: string;
  /** The run's raw prefix for the page's source. */
  prefix: string;
  n: number;
  ext: string;
  size: number;
}

/** What a page's `.meta.json` gives the output; null when the page rules reuse out. */
export interface PageInput {
  sha256: string;
  format: unknown;
  url: unknown;
  fetchedAt: string;
}

export const refName = (ref: { source: string; n: number }) => `${ref.source}/${ref.n}`;
export const metaKeyOf = (ref: PageRef) => `${ref.prefix}${ref.n}.meta.json`;
const isCollectedAt = (value: unknown) => postingSchema.shape.collectedAt.safeParse(value).success;

/** Digest of what the listing alone tells: pages, sizes, chunk size and the transform's code. */
export function listingDigest(refs: readonly PageRef[], chunkBytes: number, code: string): string {
  const hash = createHash('sha256');
  hash.update(`clean-reuse/2\0code ${code}\0chunk-bytes ${chunkBytes}\0`);
  for (const ref of refs) hash.update(`${ref.source}\0${ref.n}\0${ref.ext}\0${ref.size}\n`);
  return hash.digest('hex');
}

/** The fields of a page's meta the output depends on; null when the page rules reuse out. */
export function pageInput(meta: Uint8Array): PageInput | null {
  let parsed: Partial<RawPageMeta> | null = null;
  try {
    parsed = JSON.parse(Buffer.from(meta.buffer, meta.byteOffset, meta.byteLength).toString('utf8'));
  } catch {
    return null; // not JSON
  }
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    typeof parsed.sha256 !== 'string' ||
    typeof parsed.fetchedAt !== 'string' ||
    !isCollectedAt(parsed.fetchedAt)
  )
    return null;
  return { sha256: parsed.sha256, format: parsed.format, url: parsed.url, fetchedAt: parsed.fetchedAt };
}

/**
 * Digest of one chunk's pages as their metas give them (sha256, format, url), in plan
 * order; null when a page rules reuse out. Each chunk's digest is made while its pages
 * are in hand and kept in the manifest, so nothing per page outlives its chunk: a run of a
 * million postings has a quarter of a million pages.
 */
export function chunkInputDigest(refs: readonly PageRef[], metas: readonly Uint8Array[]): string | null {
  return digestOf(
    refs,
    metas.map((meta) => pageInput(meta)),
  );
}

export function digestOf(refs: readonly PageRef[], inputs: readonly (PageInput | null)[]): string | null {
  const hash = createHash('sha256');
  for (const [i, ref] of refs.entries()) {
    const input = inputs[i];
    if (!input) return null;
    // typeof too: a format absent and one null are rejected with different reasons (parse-guarded.ts).
    const fields = [input.sha256, typeof input.format, input.format ?? null, typeof input.url, input.url ?? null];
    hash.update(`${refName(ref)}\0${JSON.stringify(fields)}\n`);
  }
  return hash.digest('hex');
}

/**
 * The input fingerprint: the listing digest and each chunk's input digest, in chunk order
 * (chunks finish in any order, and a resumed run skips those done); null when a chunk's is
 * null or missing.
 */
export function inputFingerprint(listing: string, chunkDigests: readonly (string | null | undefined)[]): string | null {
  const hash = createHash('sha256');
  hash.update(`${listing}\n`);
  for (const digest of chunkDigests) {
    if (typeof digest !== 'string') return null;
    hash.update(`${digest}\n`);
  }
  return hash.digest('hex');
}

/** Reads the metas of a chunk's pages, a few at a time. */
export async function readInputs(store: ObjectStore, refs: readonly PageRef[]): Promise<(PageInput | null)[]> {
  const read = pLimit(8);
  return Promise.all(refs.map((ref) => read(async () => pageInput(await store.get(metaKeyOf(ref))))));
}

/**
 * Reads a chunk's pages, bodies and metas, a few at a time, each body checked against the
 * sha256 its meta records (raw-page-check.ts), as the transform checks every page it reads:
 * a copy must not let a damaged raw page go unnoticed. The first bad page, or null.
 */
export async function readCheckedInputs(
  store: ObjectStore,
  refs: readonly PageRef[],
): Promise<{ inputs: (PageInput | null)[]; bad: CorruptObject | null }> {
  const read = pLimit(8);
  let bad: CorruptObject | null = null;
  const inputs = await Promise.all(
    refs.map((ref) =>
      read(async () => {
        const bodyKey = `${ref.prefix}${ref.n}.${ref.ext}`;
        const [body, meta] = await Promise.all([store.get(bodyKey), store.get(metaKeyOf(ref))]);
        bad ??= rawPageProblem(bodyKey, metaKeyOf(ref), body, meta);
        return pageInput(meta);
      }),
    ),
  );
  return { inputs, bad };
}

/**
 * The page of the listing with this source and number. The listing is sorted by source
 * (`<` order) then number (transform-stage.ts), so a binary search finds it without a map
 * of every page.
 */
export function findRef(refs: readonly PageRef[], source: string, n: number): PageRef | undefined {
  let low = 0;
  let high = refs.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const ref = refs[middle]!;
    const order = ref.source < source ? -1 : ref.source > source ? 1 : ref.n - n;
    if (order === 0) return ref;
    if (order < 0) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}
