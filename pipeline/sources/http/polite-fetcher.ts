/**
 * Every request a real source makes goes through here: robots.txt (when the policy says
 * so), the daily quota, a per-host rate limit, a timeout, and retries with exponential
 * backoff and jitter on 429, 5xx, timeouts and network errors, honouring Retry-After.
 * URLs are sanitized before they reach a log event, an error or a response.
 *
 * Retries use p-retry for the loop (attempt counting, abort handling); the wait itself
 * goes through the injected `sleep`, so tests assert the delays instead of sleeping.
 */
import pRetry from 'p-retry';
import type { ObjectStore } from '../../../providers/core/index.ts';
import type { SourceContext, SourceEvent, SourceStats } from '../source.ts';
import { minGapMs, type SourcePolicy } from '../policies.ts';
import { realSleep, type Sleep } from './clock.ts';
import { DailyQuota } from './daily-quota.ts';
import { SourceFetchError } from './fetch-error.ts';
import { HostLimiters } from './host-limiter.ts';
import { BodyTooLargeError, readCappedBody, type Overflow } from './read-capped-body.ts';
import { backoffDelay, parseRetryAfter } from './retry-after.ts';
import { nextHop, redirectRefusal, redirectTarget, type RedirectScope } from './redirect-policy.ts';
import { MAX_ROBOTS_BYTES, RobotsCache } from './robots.ts';
import { sanitizeUrl, scrubText } from './sanitize-url.ts';
import { maskError, SecretMask } from './secret-mask.ts';
import { USER_AGENT } from './user-agent.ts';
import { decodeUtf8 } from '../../stages/transform/parsers/utf8-decode.ts';

export interface PoliteFetcherOptions {
  /** Source name, used in every event and error. */
  source: string;
  policy: SourcePolicy;
  /** Counters shared with the source (mutated in place). */
  stats: SourceStats;
  log: (event: SourceEvent) => void;
  now: () => Date;
  sleep?: Sleep;
  /** Jitter source in [0, 1); injectable for deterministic tests. */
  random?: () => number;
  /** Where the daily quota is counted; required when the policy has one. */
  store?: ObjectStore;
  signal?: AbortSignal;
  /** Secret values masked, in every encoding, in any text that could be shown or kept (error bodies may echo them). */
  secrets?: readonly string[];
}

export interface HttpRequest {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Overrides the policy's retry count (robots.txt is fetched without retries). */
  retries?: number;
  /** Skips the robots.txt check (used to fetch robots.txt itself). */
  skipRobots?: boolean;
  /** Byte cap on the decoded body; default the policy's `maxResponseBytes`. */
  maxBytes?: number;
  /** Past the cap: refuse the answer (default) or keep its start (robots.txt). */
  overflow?: Overflow;
  /** The setting a refusal names as the way to raise `maxBytes`. */
  capSetting?: string;
  /** Which redirects are followed (default `same-origin`; `any` for robots.txt). */
  redirects?: RedirectScope;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** The body as received. */
  bytes: Uint8Array;
  /** The body decoded as UTF-8. */
  text: string;
  /** The requested URL, sanitized. */
  url: string;
  /** The URL that answered after the redirects followed, sanitized (equal to `url` when none). */
  finalUrl: string;
}

const RETRYABLE_STATUS = (status: number): boolean => status === 429 || status === 408 || status >= 500;

export class PoliteFetcher {
  private readonly limiters: HostLimiters;
  private readonly robots: RobotsCache;
  private readonly quota: DailyQuota | null;
  private readonly sleep: Sleep;
  private readonly random: () => number;
  /**
   * The source's credentials, masked in every message, event and error this fetcher
   * makes; sources mask their own errors, snippets and stored pages with it too, and add
   * the access tokens they obtain.
   */
  readonly secrets: SecretMask;

  constructor(private readonly options: PoliteFetcherOptions) {
    const { policy } = options;
    this.secrets = new SecretMask(options.secrets ?? []);
    this.limiters = new HostLimiters(minGapMs(policy));
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
    if (policy.dailyQuota !== null) {
      if (!options.store) throw new Error(`${options.source}: a daily quota needs a store to count requests in`);
      this.quota = new DailyQuota(options.source, policy.dailyQuota, options.store, options.now);
    } else {
      this.quota = null;
    }
    this.robots = new RobotsCache(async (robotsUrl) => {
      try {
        const response = await this.request(robotsUrl, {
          skipRobots: true,
          retries: 0,
          maxBytes: MAX_ROBOTS_BYTES,
          overflow: 'truncate',
          redirects: 'any',
        });
        return { status: response.status, body: response.text };
      } catch (error) {
        if (error instanceof SourceFetchError && error.status !== null) return { status: error.status, body: '' };
        // No answer, or no rules reachable within the redirects allowed: "unreachable" (§2.3.1.4).
        if (
          error instanceof SourceFetchError &&
          (error.code === 'network' || error.code === 'timeout' || error.code === 'redirect-refused')
        )
          return null;
        throw error;
      }
    });
  }

  /** Requests left today under the daily quota, or null when the policy has none. */
  async quotaRemaining(): Promise<number | null> {
    return this.quota ? this.quota.remaining() : null;
  }

  /**
   * Whether robots.txt lets jobbench fetch a URL (always true when the policy does not
   * apply robots.txt). A refusal is counted and logged.
   */
  async allowedByRobots(url: string): Promise<boolean> {
    if (this.options.policy.robots !== 'obey') return true;
    const verdicts = await this.robots.forUrl(url);
    const origin = new URL(url).origin;
    if (verdicts.crawlDelayMs !== null) this.limiters.raiseGap(origin, verdicts.crawlDelayMs);
    if (verdicts.isAllowed(url)) return true;
    this.options.stats.refusedByRobots += 1;
    const why =
      verdicts.basis === 'rules'
        ? 'robots.txt forbids this URL'
        : `robots.txt could not be read (${verdicts.status === null ? 'no answer' : `HTTP ${verdicts.status}`}), and RFC 9309 then forbids the whole host`;
    this.emit('warn', `${why}; ${sanitizeUrl(url)} not fetched`, {
      url: sanitizeUrl(url),
      robots: verdicts.basis,
      robotsStatus: verdicts.status,
    });
    return false;
  }

  /**
   * A response body as it may be kept in the lake: any form of a credential the server
   * echoed back is masked (and the masking logged). Pages are otherwise stored verbatim.
   */
  bodyToStore(response: HttpResponse): string {
    const masked = this.secrets.mask(response.text);
    if (masked !== response.text)
      this.emit('warn', `${response.url} echoed a credential; it was masked before storing the page`, {
        url: response.url,
      });
    return masked;
  }

  /** `Sitemap:` lines of a URL's robots.txt (empty when robots.txt does not apply). */
  async robotsSitemaps(url: string): Promise<string[]> {
    if (this.options.policy.robots !== 'obey') return [];
    return (await this.robots.forUrl(url)).sitemaps;
  }

  /**
   * Sends one request politely. Resolves with the response for any status that is not
   * worth retrying (the caller decides what a 4xx means); throws SourceFetchError when
   * robots.txt forbids the URL, the quota is spent, retries are exhausted, the body passes
   * the byte cap, or a redirect leaves the origin (see redirect-policy.ts).
   */
  async request(url: string, request: HttpRequest = {}): Promise<HttpResponse> {
    try {
      return await this.follow(url, request);
    } catch (error) {
      // Whatever the path, an error leaves with every form of every credential masked.
      throw maskError(error, (text) => this.scrub(text));
    }
  }

  /** Sends a request and follows its redirects within the origin, one checked hop at a time. */
  private async follow(url: string, request: HttpRequest): Promise<HttpResponse> {
    const requested = sanitizeUrl(url);
    let target = url;
    let hop = request;
    for (let hops = 0; ; hops += 1) {
      const response = await this.requestOnce(target, hop);
      const next = redirectTarget(target, response.status, response.headers.get('location'));
      if (next === null) return { ...response, url: requested, finalUrl: response.url };
      const refusal = redirectRefusal(target, next, hops, request.redirects ?? 'same-origin');
      if (refusal !== null) {
        this.options.stats.redirectsRefused += 1;
        const method = hop.method ?? 'GET';
        const message = this.scrub(`${this.options.source}: ${method} ${response.url} ${refusal}`);
        this.emit('warn', message, { url: response.url, status: response.status, code: 'redirect-refused' });
        throw new SourceFetchError(message, {
          code: 'redirect-refused',
          source: this.options.source,
          url: response.url,
          status: response.status,
        });
      }
      this.emit('debug', `${response.url} redirects (HTTP ${response.status}) to ${sanitizeUrl(next)}`, {
        url: response.url,
        status: response.status,
      });
      hop = nextHop(hop, response.status);
      target = next;
    }
  }

  /** One URL, no redirect followed: robots.txt, then attempts with retries. */
  private async requestOnce(url: string, request: HttpRequest): Promise<HttpResponse> {
    const safeUrl = sanitizeUrl(url);
    const method = request.method ?? 'GET';
    const { policy, stats, signal } = this.options;
    if (!request.skipRobots && !(await this.allowedByRobots(url))) {
      throw new SourceFetchError(
        `${this.options.source}: robots.txt forbids ${method} ${safeUrl}; it was not fetched`,
        {
          code: 'refused-by-robots',
          source: this.options.source,
          url: safeUrl,
        },
      );
    }
    let attempts = 0;
    try {
      return await pRetry(
        async () => {
          attempts += 1;
          return this.attemptOnce(url, safeUrl, method, request);
        },
        {
          retries: request.retries ?? policy.retries,
          // The wait happens in shouldRetry through the injected sleep; p-retry's own timer stays at 0.
          minTimeout: 0,
          maxTimeout: 0,
          randomize: false,
          ...(signal ? { signal } : {}),
          shouldRetry: async ({ error, retriesConsumed }) => {
            if (!(error instanceof SourceFetchError) || !error.retryable) return false;
            const wait =
              error.retryAfterMs ??
              backoffDelay(retriesConsumed + 1, policy.backoffBaseMs, policy.backoffMaxMs, this.random);
            stats.retries += 1;
            this.emit('warn', `${error.message}; retrying in ${wait} ms`, {
              url: safeUrl,
              status: error.status,
              waitMs: wait,
              attempt: retriesConsumed + 1,
            });
            await this.sleep(wait, signal);
            return true;
          },
        },
      );
    } catch (error) {
      const failure = this.asFetchError(error, safeUrl, method, attempts);
      if (failure.code === 'too-large') {
        stats.tooLarge += 1;
        this.emit('error', failure.message, { url: safeUrl, status: failure.status, code: failure.code });
      } else if (failure.code !== 'quota-exhausted' && failure.code !== 'aborted') {
        stats.failures += 1;
        this.emit('error', failure.message, { url: safeUrl, status: failure.status, attempts, code: failure.code });
      }
      throw failure;
    }
  }

  private async attemptOnce(url: string, safeUrl: string, method: string, request: HttpRequest): Promise<HttpResponse> {
    const { source, policy, stats, signal } = this.options;
    const origin = new URL(url).origin;
    return this.limiters.schedule(origin, async () => {
      if (this.quota) await this.quota.take(safeUrl);
      stats.requests += 1;
      this.emit('debug', `${method} ${safeUrl}`, { url: safeUrl });
      const timeout = AbortSignal.timeout(policy.timeoutMs);
      const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
      let response: Response | null = null;
      let bytes: Uint8Array;
      try {
        response = await fetch(url, {
          method,
          headers: { 'user-agent': USER_AGENT, ...(request.headers ?? {}) },
          ...(request.body !== undefined ? { body: request.body } : {}),
          // Redirects are followed by request(), one checked hop at a time.
          redirect: 'manual',
          signal: combined,
        });
        if (redirectTarget(url, response.status, response.headers.get('location')) !== null) {
          await response.body?.cancel().catch(() => undefined);
          bytes = new Uint8Array(0);
        } else {
          bytes = await readCappedBody(response, request.maxBytes ?? policy.maxResponseBytes, request.overflow);
        }
      } catch (cause) {
        if (cause instanceof BodyTooLargeError) {
          const setting = request.capSetting ?? 'JOBBENCH_MAX_RESPONSE_BYTES';
          throw new SourceFetchError(
            `${source}: ${method} ${safeUrl}: ${cause.message}, not kept (${setting} raises the cap)`,
            {
              code: 'too-large',
              source,
              url: safeUrl,
              status: response?.status ?? null,
              cause,
            },
          );
        }
        if (signal?.aborted) {
          throw new SourceFetchError(`${source}: ${method} ${safeUrl} was cancelled`, {
            code: 'aborted',
            source,
            url: safeUrl,
            cause,
          });
        }
        const timedOut = timeout.aborted;
        throw new SourceFetchError(
          timedOut
            ? `${source}: ${method} ${safeUrl} timed out after ${policy.timeoutMs} ms`
            : `${source}: ${method} ${safeUrl} got no answer (${this.networkReason(cause)})`,
          { code: timedOut ? 'timeout' : 'network', source, url: safeUrl, retryable: true, cause },
        );
      }
      const decoded = decodeUtf8(bytes);
      const result: HttpResponse = {
        status: response.status,
        headers: response.headers,
        bytes,
        text: decoded.text,
        url: safeUrl,
        finalUrl: safeUrl,
      };
      if (!RETRYABLE_STATUS(response.status)) {
        // A wrong charset would otherwise reach the lake as U+FFFD unnoticed.
        if (decoded.replacements > 0) stats.invalidUtf8 += 1;
        return result;
      }
      if (response.status === 429) stats.throttled += 1;
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), this.options.now());
      const tooLong = retryAfterMs !== null && retryAfterMs > policy.maxRetryAfterMs;
      throw new SourceFetchError(
        `${source}: ${method} ${safeUrl} answered HTTP ${response.status}${tooLong ? ` with Retry-After ${Math.round((retryAfterMs ?? 0) / 1000)} s, longer than the ${Math.round(policy.maxRetryAfterMs / 1000)} s this source waits` : ''}`,
        { code: 'http-status', source, url: safeUrl, status: response.status, retryable: !tooLong, retryAfterMs },
      );
    });
  }

  private asFetchError(error: unknown, safeUrl: string, method: string, attempts: number): SourceFetchError {
    const { source, signal } = this.options;
    if (error instanceof SourceFetchError) {
      if (error.code === 'http-status' || error.code === 'network' || error.code === 'timeout') {
        return new SourceFetchError(
          this.scrub(`${error.message} (gave up after ${attempts > 1 ? `${attempts} attempts` : 'one attempt'})`),
          {
            code: error.code,
            source,
            url: error.url,
            status: error.status,
            retryable: error.retryable,
            attempts,
            cause: error,
          },
        );
      }
      error.attempts = attempts;
      return error;
    }
    if (signal?.aborted)
      return new SourceFetchError(`${source}: ${method} ${safeUrl} was cancelled`, {
        code: 'aborted',
        source,
        url: safeUrl,
        cause: error,
      });
    const message = error instanceof Error ? error.message : String(error);
    return new SourceFetchError(this.scrub(`${source}: ${method} ${safeUrl} failed: ${message}`), {
      code: 'network',
      source,
      url: safeUrl,
      attempts,
      cause: error,
    });
  }

  private networkReason(cause: unknown): string {
    const inner = cause instanceof Error && cause.cause instanceof Error ? cause.cause : cause;
    const code =
      typeof inner === 'object' && inner !== null && 'code' in inner ? String((inner as { code: unknown }).code) : null;
    return code ?? (inner instanceof Error ? this.scrub(inner.message) : 'unknown error');
  }

  private scrub(text: string): string {
    return scrubText(text, this.secrets);
  }

  private emit(level: SourceEvent['level'], message: string, data?: Record<string, unknown>): void {
    const safeData = data
      ? Object.fromEntries(
          Object.entries(data).map(([key, value]) => [key, typeof value === 'string' ? this.scrub(value) : value]),
        )
      : undefined;
    this.options.log({
      level,
      source: this.options.source,
      message: this.scrub(message),
      ...(safeData ? { data: safeData } : {}),
    });
  }
}

/** What a source hands over to get its fetcher: its policy, counters and test hooks. */
export interface FetchingSource {
  name: string;
  policy: SourcePolicy;
  counters: SourceStats;
  options: { sleep?: Sleep; random?: () => number };
}

/** The polite fetcher of one source for one run, wired to the run's clock, log, lake and signal. */
export function fetcherFor(
  source: FetchingSource,
  context: SourceContext,
  secrets: readonly string[] = [],
): PoliteFetcher {
  return new PoliteFetcher({
    source: source.name,
    policy: source.policy,
    stats: source.counters,
    log: context.log,
    now: context.now,
    store: context.store,
    secrets,
    ...(context.signal ? { signal: context.signal } : {}),
    ...(source.options.sleep ? { sleep: source.options.sleep } : {}),
    ...(source.options.random ? { random: source.options.random } : {}),
  });
}
