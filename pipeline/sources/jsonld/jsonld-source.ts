/**
 * Career pages that publish schema.org JobPosting (https://schema.org/JobPosting) as
 * `<script type="application/ld+json">`: job URLs come from seed sitemaps or listing
 * pages (`discover.ts`); each job page is fetched politely (robots.txt obeyed, per-host
 * delay) and yielded verbatim as format `jsonld`, ext `html`. Whether a page holds a
 * JobPosting is for transform to decide.
 *
 * Incremental: the URLs collected (with their sitemap `lastmod`, or the fetch time) are
 * kept in the lake; a later run skips them unless the sitemap says they changed since.
 *
 * Cursor contract: each page carries `{url}` as resume token; the state file is written
 * only after the consumer pulled the next page (so after it stored this one). A resumed
 * run treats the token's URL as collected and, the state being written page by page,
 * skips every page already stored.
 */
import type { RawPage, Source, SourceContext, SourceStats } from '../source.ts';
import { emptyStats } from '../source.ts';
import { resolvePolicy, type SourcePolicy } from '../policies.ts';
import { fetcherFor, type HttpResponse } from '../http/polite-fetcher.ts';
import { SourceFetchError } from '../http/fetch-error.ts';
import type { Sleep } from '../http/clock.ts';
import { sanitizeUrl } from '../http/sanitize-url.ts';
import { decodeResumeToken, encodeResumeToken, readCursorState, writeCursorState } from '../cursor-state.ts';
import { RefusalLog } from '../refusal-log.ts';
import { discoverJobUrls, type Candidate } from './discover.ts';
import { requiredVariables } from '../source-settings.ts';
import { JSONLD_DEFAULT_MAX_PAGES, JSONLD_SETTINGS } from './settings.ts';

export interface JsonLdOptions {
  /** Sitemap or listing-page URLs (`JOBBENCH_JSONLD_SEEDS`, comma-separated). */
  seeds: readonly string[];
  /** Job-page URL filter (path + query); see DiscoverOptions.jobUrlPattern. */
  jobUrlPattern?: RegExp | null;
  /** Most job pages fetched per run. */
  maxPagesPerRun?: number;
  /** Most sitemap files read per run. */
  maxSitemaps?: number;
  /** Reuse sitemaps fetched less than this long ago (ms); 0 disables. */
  sitemapCacheTtlMs?: number;
  /** Overrides of the default policy. */
  policy?: Partial<SourcePolicy>;
  sleep?: Sleep;
  random?: () => number;
}

/** What a concrete scraper built on this one fixes (WTTJ). */
export interface JsonLdProfile {
  name: 'jsonld' | 'wttj';
  sitemapOnly: boolean;
  defaultMaxPages: number;
  defaultSitemapCacheTtlMs: number;
}

interface JsonLdState {
  version: 1;
  /** URL → its sitemap lastmod, or when it was fetched. */
  seen: Record<string, string>;
}

interface JsonLdToken {
  source: string;
  url: string;
}

export class JsonLdSource implements Source {
  readonly name: string;
  readonly requiredEnv: readonly string[] = requiredVariables(JSONLD_SETTINGS);
  protected readonly counters: SourceStats = emptyStats();
  /** The politeness and size limits this source runs under (defaults with the options' overrides). */
  readonly policy: SourcePolicy;

  constructor(
    private readonly options: JsonLdOptions,
    private readonly profile: JsonLdProfile = {
      name: 'jsonld',
      sitemapOnly: false,
      defaultMaxPages: JSONLD_DEFAULT_MAX_PAGES,
      defaultSitemapCacheTtlMs: 0,
    },
  ) {
    this.name = profile.name;
    this.policy = resolvePolicy(profile.name, options.policy);
  }

  stats(): SourceStats {
    return { ...this.counters };
  }

  /** Hook for sources that must refuse to run without a precondition (WTTJ's opt-in). */
  protected checkPreconditions(_context: SourceContext): void {}

  async *pages(context: SourceContext): AsyncIterable<RawPage> {
    this.checkPreconditions(context);
    const { store, now, log } = context;
    const fetcher = fetcherFor(
      { name: this.name, policy: this.policy, counters: this.counters, options: this.options },
      context,
    );
    const refusals = new RefusalLog(store, this.name, context.runId);
    const state = (await readCursorState<JsonLdState>(store, this.name, 1)) ?? { version: 1, seen: {} };
    const isToken = (v: unknown): v is JsonLdToken =>
      typeof v === 'object' &&
      v !== null &&
      (v as JsonLdToken).source === this.name &&
      typeof (v as JsonLdToken).url === 'string';
    const resume = decodeResumeToken(context.resumeCursor, isToken);
    if (resume && state.seen[resume.url] === undefined) state.seen[resume.url] = now().toISOString();

    let candidates: Candidate[];
    try {
      candidates = await discoverJobUrls(this.options.seeds, {
        source: this.name,
        fetcher,
        store,
        now,
        log,
        jobUrlPattern: this.options.jobUrlPattern ?? null,
        sitemapOnly: this.profile.sitemapOnly,
        maxSitemaps: this.options.maxSitemaps ?? 50,
        sitemapCacheTtlMs: this.options.sitemapCacheTtlMs ?? this.profile.defaultSitemapCacheTtlMs,
        maxSitemapBytes: this.policy.maxSitemapBytes,
        stats: this.counters,
        refusals,
      });
    } catch (error) {
      if (error instanceof SourceFetchError && error.code === 'quota-exhausted') {
        log({ level: 'warn', source: this.name, message: `stopped during discovery: ${error.message}` });
        return;
      }
      throw error;
    }
    // Pages lost to lake corruption are fetched again whatever `seen` says (raw-reextract.ts);
    // the lake records sanitized URLs, so both spellings are matched.
    const refetch = new Set(context.refetchUrls ?? []);
    const lost = (c: Candidate) => refetch.has(c.url) || refetch.has(sanitizeUrl(c.url));
    // Lost pages first, so a page limit never leaves one of them out.
    const fresh = [...candidates.filter(lost), ...candidates.filter((c) => !lost(c) && isNew(c, state.seen[c.url]))];
    const limit = this.options.maxPagesPerRun ?? this.profile.defaultMaxPages;
    log({
      level: 'info',
      source: this.name,
      message: `${candidates.length} job URLs found, ${fresh.length} new or changed, fetching up to ${limit}`,
      data: { found: candidates.length, fresh: fresh.length, limit },
    });

    for (const candidate of fresh.slice(0, limit)) {
      const safe = sanitizeUrl(candidate.url);
      let response: HttpResponse;
      try {
        response = await fetcher.request(candidate.url, { headers: { accept: 'text/html,application/xhtml+xml' } });
      } catch (error) {
        if (!(error instanceof SourceFetchError)) throw error;
        if (error.code === 'aborted') throw error;
        if (error.code === 'quota-exhausted') {
          log({ level: 'warn', source: this.name, message: `stopped: ${error.message}` });
          return;
        }
        if (error.code === 'too-large' || error.code === 'redirect-refused') {
          await refusals.record({ url: safe, code: error.code, reason: error.message, at: now().toISOString() });
        }
        continue; // refused by robots.txt, too large, redirected away or failed after retries: counted and logged by the fetcher
      }
      if (response.status === 404 || response.status === 410) {
        log({
          level: 'info',
          source: this.name,
          message: `${safe} is gone (HTTP ${response.status})`,
          data: { url: safe },
        });
        state.seen[candidate.url] = candidate.lastmod ?? now().toISOString();
        await writeCursorState(store, this.name, state);
        continue;
      }
      if (response.status < 200 || response.status >= 300) {
        log({
          level: 'warn',
          source: this.name,
          message: `${safe} answered HTTP ${response.status}; skipped`,
          data: { url: safe, status: response.status },
        });
        continue;
      }
      const fetchedAt = now().toISOString();
      yield {
        body: response.text,
        ext: 'html',
        format: 'jsonld',
        url: response.url,
        finalUrl: response.finalUrl,
        status: response.status,
        fetchedAt,
        cursor: encodeResumeToken({ source: this.name, url: candidate.url } satisfies JsonLdToken),
      };
      // The consumer has stored the page: only now record it as collected.
      state.seen[candidate.url] = candidate.lastmod ?? fetchedAt;
      await writeCursorState(store, this.name, state);
    }
  }
}

/** A URL is worth fetching when never collected, or when its sitemap lastmod is later than what was collected. */
function isNew(candidate: Candidate, seen: string | undefined): boolean {
  if (seen === undefined) return true;
  if (candidate.lastmod === null) return false;
  const changed = Date.parse(candidate.lastmod);
  const held = Date.parse(seen);
  return !Number.isNaN(changed) && !Number.isNaN(held) && changed > held;
}
