/**
 * How politely each source talks to its hosts: data, enforced by the fetch layer
 * (`http/polite-fetcher.ts`) and reported through `SourceStats`. A source may be given a
 * partial override (tests use a fast one); the defaults below are the ones a real run uses.
 */
import type { SourceName } from './source.ts';

/** `obey`: robots.txt is fetched and honoured (RFC 9309). `not-applicable`: an official API with its own terms. */
export type RobotsMode = 'obey' | 'not-applicable';

export interface SourcePolicy {
  /**
   * Highest request rate to one host, per minute. Requests are spread evenly (one every
   * 60/n seconds) rather than sent in bursts, so a per-minute limit is never crossed.
   */
  requestsPerMinute: number;
  /**
   * Requests allowed per UTC day across all runs (an account quota), counted in the lake
   * under `state/source=<name>/quota/<date>.json`; null when the source has none. When
   * the next request would exceed it, the source stops cleanly with a warning.
   */
  dailyQuota: number | null;
  /** Minimum gap between two requests to the same host, in ms (raised by a robots.txt Crawl-delay). */
  minDelayMs: number;
  /** Whether robots.txt applies. */
  robots: RobotsMode;
  /** Whole-request timeout (headers and body), in ms. */
  timeoutMs: number;
  /** Retries after the first attempt, on 429, 5xx, timeouts and network errors. */
  retries: number;
  /** First backoff delay in ms; doubled each retry, with jitter. */
  backoffBaseMs: number;
  /** Cap on one backoff delay, in ms. */
  backoffMaxMs: number;
  /** Longest `Retry-After` the source agrees to wait, in ms; a longer one fails the request now. */
  maxRetryAfterMs: number;
  /**
   * Most bytes of one response body held in memory, counted after HTTP decompression
   * (`JOBBENCH_MAX_RESPONSE_BYTES`). Reading stops at the cap and the answer is refused
   * with the reason: a hostile or broken server cannot make a run buffer without bound.
   */
  maxResponseBytes: number;
  /**
   * Most bytes of one sitemap, fetched or gunzipped (`JOBBENCH_MAX_SITEMAP_BYTES`). Seeds
   * (sitemaps, listing pages) are fetched under this cap instead of `maxResponseBytes`.
   */
  maxSitemapBytes: number;
}

/**
 * 10 MiB: an API page (150 France Travail offers, 50 Adzuna results) or a career page is
 * well under 2 MiB; five times that leaves room for bloated pages while one page, held
 * as bytes and as a string, stays within tens of MB.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/** 50 MiB: the sitemaps.org protocol caps an uncompressed sitemap at 52,428,800 bytes. */
export const DEFAULT_MAX_SITEMAP_BYTES = 50 * 1024 * 1024;

/** Every source that fetches: all but the generator. */
export type PolicySourceName = Exclude<SourceName, 'sample'>;

const COMMON = {
  timeoutMs: 30_000,
  retries: 4,
  backoffBaseMs: 2_000,
  backoffMaxMs: 60_000,
  maxRetryAfterMs: 5 * 60_000,
  maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
  maxSitemapBytes: DEFAULT_MAX_SITEMAP_BYTES,
} as const;

export const POLICIES: Readonly<Record<PolicySourceName, SourcePolicy>> = {
  /**
   * Adzuna's default API access: 25 hits per minute, 250 per day, 1,000 per week and
   * 2,500 per month (https://developer.adzuna.com/docs/terms_of_service). Retries count
   * as hits. The weekly and monthly caps are left to the user (see docs/sources/adzuna.md).
   */
  adzuna: { ...COMMON, requestsPerMinute: 25, dailyQuota: 250, minDelayMs: 0, robots: 'not-applicable' },
  /**
   * France Travail throttles each application per second (published figures have ranged
   * from 3 to 10 calls/s for "Offres d'emploi v2"); 3 calls/s stays under all of them.
   * No daily quota is published.
   */
  francetravail: { ...COMMON, requestsPerMinute: 180, dailyQuota: null, minDelayMs: 0, robots: 'not-applicable' },
  /** Third-party career sites: robots.txt obeyed, one request every 5 s per host at most. */
  jsonld: { ...COMMON, requestsPerMinute: 12, dailyQuota: null, minDelayMs: 5_000, robots: 'obey' },
  /**
   * Welcome to the Jungle: opt-in only, very low volume (one page every 15 s), robots.txt
   * obeyed (it disallows every URL with a query string, `Disallow: /*?`).
   */
  wttj: { ...COMMON, requestsPerMinute: 4, dailyQuota: 200, minDelayMs: 15_000, robots: 'obey' },
};

/** The default policy of a source with an override applied field by field. */
export function resolvePolicy(name: PolicySourceName, override?: Partial<SourcePolicy>): SourcePolicy {
  return { ...POLICIES[name], ...(override ?? {}) };
}

/** Gap between two requests to one host implied by a policy, in ms. */
export function minGapMs(policy: SourcePolicy): number {
  const byRate =
    Number.isFinite(policy.requestsPerMinute) && policy.requestsPerMinute > 0 ? 60_000 / policy.requestsPerMinute : 0;
  return Math.ceil(Math.max(byRate, policy.minDelayMs));
}
