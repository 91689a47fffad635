/**
 * Finds job page URLs from seeds: a seed that is a sitemap (or sitemap index, followed
 * recursively) gives its `<loc>` entries with their `lastmod`; a seed that is an HTML
 * listing page gives its same-host links matching the job-URL pattern. Every fetch goes
 * through the polite fetcher (robots.txt, per-host delay). A seed that fails or is
 * malformed becomes an error event; discovery goes on with the others.
 */
import { createHash } from 'node:crypto';
import type { ObjectStore } from '../../../providers/core/index.ts';
import type { SourceEvent, SourceStats } from '../source.ts';
import { SourceFetchError } from '../http/fetch-error.ts';
import type { PoliteFetcher } from '../http/polite-fetcher.ts';
import { sanitizeUrl } from '../http/sanitize-url.ts';
import { DEFAULT_JOB_URL_PATTERN, extractJobLinks } from './listing-links.ts';
import type { RefusalLog } from '../refusal-log.ts';
import { looksLikeSitemap, parseSitemap, SitemapError } from './sitemap.ts';

export interface DiscoverOptions {
  source: string;
  fetcher: PoliteFetcher;
  store: ObjectStore;
  now: () => Date;
  log: (event: SourceEvent) => void;
  /** Filters every discovered URL when set; else sitemaps keep all their URLs and listing pages use the default pattern. */
  jobUrlPattern: RegExp | null;
  /** Refuse seeds that are not sitemaps (WTTJ). */
  sitemapOnly: boolean;
  /** Most sitemap files read per run (index recursion included). */
  maxSitemaps: number;
  /** Reuse a sitemap fetched less than this long ago (kept in the lake); 0 disables. */
  sitemapCacheTtlMs: number;
  /** Byte cap on a seed or sitemap, fetched and gunzipped. */
  maxSitemapBytes: number;
  /** The source's counters (a sitemap refused for its size counts in `tooLarge`). */
  stats: SourceStats;
  /** Where seeds and sitemaps refused for their size or an off-origin redirect are recorded. */
  refusals: RefusalLog;
}

export interface Candidate {
  url: string;
  lastmod: string | null;
}

interface CachedSitemap {
  url: string;
  fetchedAt: string;
  base64: string;
}

export async function discoverJobUrls(seeds: readonly string[], options: DiscoverOptions): Promise<Candidate[]> {
  const found = new Map<string, Candidate>();
  const visited = new Set<string>();
  const queue = seeds.map((url) => ({ url, fromIndex: false }));
  let sitemapsRead = 0;
  const error = (message: string, url: string) =>
    options.log({ level: 'error', source: options.source, message, data: { url: sanitizeUrl(url) } });

  while (queue.length > 0) {
    const item = queue.shift() as { url: string; fromIndex: boolean };
    if (visited.has(item.url)) continue;
    visited.add(item.url);
    const fetched = await fetchSeed(item.url, options);
    if (fetched === null) continue;
    const safe = sanitizeUrl(item.url);
    if (item.fromIndex || looksLikeSitemap(fetched.bytes, fetched.contentType)) {
      if (sitemapsRead >= options.maxSitemaps) {
        options.log({
          level: 'warn',
          source: options.source,
          message: `sitemap limit (${options.maxSitemaps}) reached; ${safe} skipped`,
          data: { url: safe },
        });
        continue;
      }
      sitemapsRead += 1;
      try {
        const sitemap = parseSitemap(fetched.bytes, options.maxSitemapBytes);
        if (sitemap.kind === 'sitemapindex') {
          for (const child of sitemap.sitemaps) queue.push({ url: child.loc, fromIndex: true });
          options.log({
            level: 'debug',
            source: options.source,
            message: `sitemap index ${safe}: ${sitemap.sitemaps.length} sitemaps`,
            data: { url: safe },
          });
        } else {
          const host = new URL(item.url).host;
          for (const entry of sitemap.urls) {
            // The protocol only allows URLs of the sitemap's own host.
            if (!sameHost(entry.loc, host)) continue;
            if (options.jobUrlPattern && !options.jobUrlPattern.test(pathOf(entry.loc))) continue;
            if (!found.has(entry.loc)) found.set(entry.loc, { url: entry.loc, lastmod: entry.lastmod });
          }
        }
      } catch (cause) {
        if (!(cause instanceof SitemapError)) throw cause;
        if (cause.tooLarge) {
          options.stats.tooLarge += 1;
          await options.refusals.record({
            url: safe,
            code: 'too-large',
            reason: `sitemap ${safe}: ${cause.message}`,
            at: options.now().toISOString(),
          });
        }
        error(`sitemap ${safe} cannot be read: ${cause.message}; skipped`, item.url);
      }
    } else if (options.sitemapOnly) {
      error(`seed ${safe} is not a sitemap, and this source discovers pages through sitemaps only; skipped`, item.url);
    } else {
      const links = extractJobLinks(
        Buffer.from(fetched.bytes).toString('utf8'),
        item.url,
        options.jobUrlPattern ?? DEFAULT_JOB_URL_PATTERN,
      );
      for (const url of links) if (!found.has(url)) found.set(url, { url, lastmod: null });
      options.log({
        level: 'debug',
        source: options.source,
        message: `listing ${safe}: ${links.length} job links`,
        data: { url: safe },
      });
    }
  }
  return [...found.values()];
}

async function fetchSeed(
  url: string,
  options: DiscoverOptions,
): Promise<{ bytes: Uint8Array; contentType: string | null } | null> {
  const cacheKey = `state/source=${options.source}/sitemaps/${createHash('sha256').update(url).digest('hex').slice(0, 32)}.json`;
  if (options.sitemapCacheTtlMs > 0 && (await options.store.head(cacheKey)) !== null) {
    const cached = JSON.parse(Buffer.from(await options.store.get(cacheKey)).toString('utf8')) as CachedSitemap;
    if (options.now().getTime() - Date.parse(cached.fetchedAt) < options.sitemapCacheTtlMs) {
      return { bytes: new Uint8Array(Buffer.from(cached.base64, 'base64')), contentType: 'application/xml' };
    }
  }
  const safe = sanitizeUrl(url);
  try {
    const response = await options.fetcher.request(url, {
      maxBytes: options.maxSitemapBytes,
      capSetting: 'JOBBENCH_MAX_SITEMAP_BYTES',
    });
    if (response.status < 200 || response.status >= 300) {
      options.log({
        level: 'error',
        source: options.source,
        message: `seed ${safe} answered HTTP ${response.status}; skipped`,
        data: { url: safe, status: response.status },
      });
      return null;
    }
    const contentType = response.headers.get('content-type');
    if (options.sitemapCacheTtlMs > 0 && looksLikeSitemap(response.bytes, contentType)) {
      const cached: CachedSitemap = {
        url: safe,
        fetchedAt: options.now().toISOString(),
        base64: Buffer.from(response.bytes).toString('base64'),
      };
      await options.store.put(cacheKey, JSON.stringify(cached), { contentType: 'application/json' });
    }
    return { bytes: response.bytes, contentType };
  } catch (cause) {
    if (!(cause instanceof SourceFetchError)) throw cause;
    if (cause.code === 'aborted' || cause.code === 'quota-exhausted') throw cause;
    if (cause.code === 'too-large' || cause.code === 'redirect-refused') {
      await options.refusals.record({
        url: safe,
        code: cause.code,
        reason: cause.message,
        at: options.now().toISOString(),
      });
    }
    // Refusals by robots.txt and failed fetches are already counted and logged by the fetcher.
    return null;
  }
}

function sameHost(url: string, host: string): boolean {
  try {
    return new URL(url).host === host;
  } catch {
    return false;
  }
}

function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  } catch {
    return url;
  }
}
