/**
 * Extract: every page a source yields lands verbatim in `raw/` with a `.meta.json`
 * beside it (url, finalUrl, status, fetchedAt, sha256, format, cursor). A page counts as stored
 * once both objects exist; a resumed run continues after the last contiguous stored
 * page, with that page's cursor. A failing source keeps its stored pages, is marked
 * failed, and does not stop the other sources.
 */
import { createHash } from 'node:crypto';
import type { ObjectStore } from '../../../providers/core/index.ts';
import { parseRawName, rawKey, rawMetaKey, rawPrefix } from '../../lake/lake-layout.ts';
import type { RunManifest, SourceCheckpoint } from '../../lake/run-manifest.ts';
import type { PayloadFormat, RawPage, Source, SourceEvent } from '../../sources/source.ts';

/** What `.meta.json` holds next to each raw page. */
export interface RawPageMeta {
  source: string;
  format: PayloadFormat;
  /** The URL asked for (sanitized): what the page is filed under. */
  url: string | null;
  /** The URL that answered after same-origin redirects (sanitized); equal to `url` when none. */
  finalUrl: string | null;
  status: number;
  fetchedAt: string;
  sha256: string;
  bytes: number;
  ext: string;
  cursor: string | null;
}

export interface ExtractOptions {
  store: ObjectStore;
  sources: readonly Source[];
  manifest: RunManifest;
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
  /** Persists the manifest (called at checkpoints). */
  checkpoint: () => Promise<void>;
  /** Pages between two manifest checkpoints. */
  checkpointEvery?: number;
  /**
   * Pages being stored at once (default 4): the source renders or fetches the next page
   * while earlier ones are written. Only the contiguous run of stored pages counts, so
   * the resume rule is unchanged.
   */
  concurrency?: number;
  log?: (event: SourceEvent) => void;
  onPage?: (source: string, pages: number) => void;
  signal?: AbortSignal;
}

export interface ExtractInfo {
  pages: number;
  bytes: number;
  failedSources: string[];
  durationMs: number;
}

/** Pages already stored for a source in this run: the longest run of 0..n-1 with body and meta. */
async function storedPages(store: ObjectStore, prefix: string): Promise<{ count: number; lastMetaKey: string | null }> {
  const bodies = new Set<number>();
  const metas = new Set<number>();
  for await (const info of store.list(prefix)) {
    const parsed = parseRawName(info.key.slice(prefix.length));
    if (!parsed) continue;
    (parsed.kind === 'meta' ? metas : bodies).add(parsed.n);
  }
  let count = 0;
  while (bodies.has(count) && metas.has(count)) count += 1;
  return { count, lastMetaKey: count > 0 ? `${prefix}${count - 1}.meta.json` : null };
}

async function storePage(
  store: ObjectStore,
  source: string,
  dt: string,
  runId: string,
  n: number,
  page: RawPage,
): Promise<number> {
  const body = Buffer.from(page.body, 'utf8');
  const meta: RawPageMeta = {
    source,
    format: page.format,
    url: page.url,
    finalUrl: page.finalUrl ?? page.url,
    status: page.status,
    fetchedAt: page.fetchedAt,
    sha256: createHash('sha256').update(body).digest('hex'),
    bytes: body.byteLength,
    ext: page.ext,
    cursor: page.cursor ?? null,
  };
  const contentType = page.ext === 'html' ? 'text/html; charset=utf-8' : 'application/json';
  await Promise.all([
    store.put(rawKey(source, dt, runId, n, page.ext), body, { contentType }),
    store.put(rawMetaKey(source, dt, runId, n), JSON.stringify(meta), { contentType: 'application/json' }),
  ]);
  return body.byteLength;
}

/**
 * Stores the pages a source yields with up to `concurrency` puts in flight. Page n is
 * numbered in yield order; the checkpoint advances only over the contiguous run of pages
 * whose body and meta are both stored (so `pages` and `lastCursor` mean exactly what
 * `storedPages` finds after a crash). On a failure, the puts still in flight settle
 * before the error goes up, so the checkpoint is final.
 */
async function storeConcurrently(
  pages: AsyncIterable<RawPage>,
  concurrency: number,
  put: (page: RawPage, n: number) => Promise<number>,
  checkpoint: SourceCheckpoint,
  hooks: { every: number; onPage: (pages: number) => void; checkpoint: () => Promise<void> },
): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  const finished = new Map<number, { bytes: number; cursor: string | null }>();
  let next = checkpoint.pages;
  let checkpointDue = false;
  const advance = () => {
    for (let done = finished.get(checkpoint.pages); done; done = finished.get(checkpoint.pages)) {
      finished.delete(checkpoint.pages);
      checkpoint.bytes += done.bytes;
      checkpoint.lastCursor = done.cursor;
      checkpoint.pages += 1;
      hooks.onPage(checkpoint.pages);
      if (checkpoint.pages % hooks.every === 0) checkpointDue = true;
    }
  };
  try {
    for await (const page of pages) {
      const n = next++;
      const task: Promise<void> = put(page, n).then((bytes) => {
        finished.set(n, { bytes, cursor: page.cursor ?? null });
        advance();
      });
      inFlight.add(task);
      void task.then(
        () => inFlight.delete(task),
        () => undefined,
      );
      if (inFlight.size >= Math.max(1, concurrency)) await Promise.race(inFlight);
      if (checkpointDue) {
        checkpointDue = false;
        await hooks.checkpoint();
      }
    }
    await Promise.all(inFlight);
  } catch (error) {
    await Promise.allSettled(inFlight);
    throw error;
  }
}

export async function extract(options: ExtractOptions): Promise<ExtractInfo> {
  const { store, manifest } = options;
  const started = performance.now();
  const every = options.checkpointEvery ?? 50;
  const info: ExtractInfo = { pages: 0, bytes: 0, failedSources: [], durationMs: 0 };
  manifest.stages.extract.status = 'running';

  for (const source of options.sources) {
    const prior = manifest.stages.extract.sources[source.name];
    if (prior?.status === 'done') {
      info.pages += prior.pages;
      info.bytes += prior.bytes;
      continue;
    }
    const prefix = rawPrefix(source.name, manifest.dt, manifest.runId);
    // The lake, not the last checkpoint, says what is stored: a crash may have come after
    // pages were written but before the manifest was.
    const stored = await storedPages(store, prefix);
    let resumeCursor: string | null = null;
    if (stored.lastMetaKey) {
      const meta = JSON.parse(Buffer.from(await store.get(stored.lastMetaKey)).toString('utf8')) as RawPageMeta;
      resumeCursor = meta.cursor;
    }
    const checkpoint: SourceCheckpoint = {
      status: 'running',
      pages: stored.count,
      bytes: prior?.bytes ?? 0,
      lastCursor: resumeCursor,
      error: null,
      stats: {},
      ...(prior?.refetchUrls ? { refetchUrls: prior.refetchUrls } : {}),
    };
    manifest.stages.extract.sources[source.name] = checkpoint;

    try {
      const pages = source.pages({
        runId: manifest.runId,
        now: options.now,
        env: options.env,
        store,
        resumeCursor,
        ...(checkpoint.refetchUrls ? { refetchUrls: checkpoint.refetchUrls } : {}),
        log: options.log ?? (() => {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      await storeConcurrently(
        pages,
        options.concurrency ?? 4,
        (page, n) => storePage(store, source.name, manifest.dt, manifest.runId, n, page),
        checkpoint,
        {
          every,
          onPage: (pagesStored) => options.onPage?.(source.name, pagesStored),
          checkpoint: options.checkpoint,
        },
      );
      checkpoint.status = 'done';
      delete checkpoint.refetchUrls; // repaired: the next resume has nothing to fetch again
    } catch (error) {
      checkpoint.status = 'failed';
      checkpoint.error = error instanceof Error ? error.message : String(error);
      info.failedSources.push(source.name);
      options.log?.({
        level: 'error',
        source: source.name,
        message: `source failed, ${checkpoint.pages} pages kept: ${checkpoint.error}`,
      });
    } finally {
      checkpoint.stats = { ...source.stats() };
    }
    info.pages += checkpoint.pages;
    info.bytes += checkpoint.bytes;
    await options.checkpoint();
  }

  info.durationMs = performance.now() - started;
  manifest.stages.extract.durationMs += info.durationMs;
  const all = Object.values(manifest.stages.extract.sources);
  manifest.stages.extract.status = all.length > 0 && all.every((s) => s.status === 'failed') ? 'failed' : 'done';
  await options.checkpoint();
  return info;
}
