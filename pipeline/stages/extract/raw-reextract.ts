/**
 * What the transform does when raw pages are not what the extract stored (corrupt or
 * gone): it keeps a copy of each under quarantine/…/corrupt/, sets the run back so that
 * resuming it fetches each affected source again from its first bad page and transforms
 * everything again, and fails loudly with the command that does it.
 *
 * Order, for a crash at any point: copies first; then the manifest (the source's
 * checkpoint moved back to the bad page, the transform reset); only then are the bad
 * pages removed from raw/ — a page removed while the manifest still said "extracted"
 * would be skipped by the next transform, silently. A crash before the removal leaves
 * the bad pages in place, and the next transform finds them again.
 *
 * The extract re-fetches a source from its first missing page (extract.ts resumes after
 * the last contiguous stored page, with that page's cursor), so removing the bad page is
 * what makes it fetch again; the pages after it are fetched again and overwritten.
 */
import type { ObjectStore } from '../../../providers/core/index.ts';
import { keepCorruptCopy, LakeCorruptionError, type CorruptObject } from '../../lake/lake-corruption.ts';
import { rawMetaKey } from '../../lake/lake-layout.ts';
import type { RunManifest } from '../../lake/run-manifest.ts';

export interface BadRawPage extends CorruptObject {
  source: string;
  /** Page number within the source. */
  n: number;
  /** The page's body and meta keys (a missing body has no key: its extension is unknown). */
  bodyKey: string | null;
  metaKey: string;
}

export interface ReextractPlan {
  store: ObjectStore;
  manifest: RunManifest;
  bad: readonly BadRawPage[];
  /** Body bytes of each source's pages by number, to recount what stays stored. */
  pageBytes: (source: string, n: number) => number;
  /** Sets the transform (and what derives from it) back to not started. */
  resetTransform: (manifest: RunManifest) => void;
  checkpoint: () => Promise<void>;
}

export async function scheduleReextract(plan: ReextractPlan): Promise<LakeCorruptionError> {
  const { store, manifest, bad } = plan;
  for (const page of bad) {
    if (page.bodyKey) await keepCorruptCopy(store, manifest.runId, page.bodyKey);
    await keepCorruptCopy(store, manifest.runId, page.metaKey);
  }

  const firstBad = new Map<string, number>();
  const unnamed: string[] = [];
  for (const page of bad) firstBad.set(page.source, Math.min(page.n, firstBad.get(page.source) ?? page.n));
  for (const [source, n] of firstBad) {
    const checkpoint = manifest.stages.extract.sources[source];
    if (!checkpoint) continue;
    // Every page from the first bad one on is fetched again and overwritten: their URLs go
    // to the source, which may otherwise skip pages its own state says it collected.
    const { urls, unknown, byUrl } = await pageUrls(store, manifest, source, n, checkpoint.pages);
    if (urls.length > 0) checkpoint.refetchUrls = [...new Set([...(checkpoint.refetchUrls ?? []), ...urls])];
    // A page of a source that fetches by URL, whose meta is gone: nothing can name it to the source.
    if (byUrl && unknown.length > 0)
      unnamed.push(`page${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} of source "${source}"`);
    let bytes = 0;
    for (let i = 0; i < n; i++) bytes += plan.pageBytes(source, i);
    checkpoint.status = 'pending';
    checkpoint.pages = n;
    checkpoint.bytes = bytes;
    checkpoint.lastCursor = null; // the extract takes it from page n-1's meta
    checkpoint.error = `raw page ${n} was corrupt or missing: fetched again from there`;
  }
  manifest.stages.extract.status = 'pending';
  plan.resetTransform(manifest);
  await plan.checkpoint();

  for (const page of bad) {
    if (page.bodyKey) await store.delete(page.bodyKey);
    await store.delete(page.metaKey);
  }
  const sources = [...firstBad].map(([source, n]) => `source "${source}" from page ${n}`).join(', ');
  const repair =
    `${bad.length === 1 ? 'It was' : 'They were'} kept under quarantine/run=${manifest.runId}/corrupt/ and removed from raw/. ` +
    `Re-extract (${sources}) and re-run the transform with: jobbench run --resume ${manifest.runId}` +
    (unnamed.length > 0
      ? `. The URL of ${unnamed.join('; ')} is unknown (its .meta.json is gone or unreadable): a source that remembers what it fetched (jsonld, wttj) will not fetch it again, so its postings will be missing from the repaired run.`
      : '');
  return new LakeCorruptionError(
    bad.map(({ key, problem }) => ({ key, problem })),
    repair,
    'raw',
  );
}

/**
 * The URLs recorded in the metas of pages [from, to) of a source, the pages among them
 * whose meta is gone or unreadable, and whether the source's pages carry URLs at all
 * (any readable meta of the run, the good pages before `from` included).
 */
async function pageUrls(
  store: ObjectStore,
  manifest: RunManifest,
  source: string,
  from: number,
  to: number,
): Promise<{ urls: string[]; unknown: number[]; byUrl: boolean }> {
  const urls: string[] = [];
  const unknown: number[] = [];
  let byUrl = false;
  for (let n = 0; n < to; n++) {
    let url: unknown;
    try {
      url = (
        JSON.parse(
          Buffer.from(await store.get(rawMetaKey(source, manifest.dt, manifest.runId, n))).toString('utf8'),
        ) as { url?: unknown }
      ).url;
    } catch {
      if (n >= from) unknown.push(n);
      continue;
    }
    if (typeof url !== 'string') continue;
    byUrl = true;
    if (n >= from) urls.push(url);
  }
  return { urls, unknown, byUrl };
}
