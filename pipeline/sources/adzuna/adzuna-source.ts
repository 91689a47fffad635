/**
 * Adzuna job search API (https://developer.adzuna.com/docs/search):
 * `GET {base}/v1/api/jobs/{country}/search/{page}?app_id&app_key&what&results_per_page&max_days_old`
 * answers `{ count, mean, results: [...] }`, 50 results per page at most. Pages are yielded
 * verbatim (format `adzuna`); transform parses them.
 *
 * Incremental: per query, the newest `created` date collected is kept in the lake; the
 * next run asks only `max_days_old` days back from it (Adzuna filters by whole days, so
 * one day of overlap is added; transform dedupes) and, results being sorted by date,
 * stops paging at the first page that reaches postings it already had.
 *
 * Cursor contract: each yielded page carries a resume token `{query, page, ...}`; the
 * state file is written only once the consumer pulls the next page (so after it stored
 * this one), and a run resumed with that token continues at the following page.
 */
import type { RawPage, Source, SourceContext, SourceStats } from '../source.ts';
import { emptyStats } from '../source.ts';
import { resolvePolicy, type SourcePolicy } from '../policies.ts';
import { fetcherFor, type HttpResponse, type PoliteFetcher } from '../http/polite-fetcher.ts';
import { SourceFetchError } from '../http/fetch-error.ts';
import { bodySnippet } from '../http/body-snippet.ts';
import { maskError } from '../http/secret-mask.ts';
import { refuseCleartextCredentials } from '../http/credential-transport.ts';
import type { Sleep } from '../http/clock.ts';
import { decodeResumeToken, encodeResumeToken, laterDate, readCursorState, writeCursorState } from '../cursor-state.ts';
import { requiredVariables, secretValues, secretVariables } from '../source-settings.ts';
import { ADZUNA_DEFAULT_BASE_URL, ADZUNA_DEFAULT_QUERIES, ADZUNA_SETTINGS } from './settings.ts';

export interface AdzunaOptions {
  /** `ADZUNA_APP_ID`. */
  appId: string;
  /** `ADZUNA_APP_KEY`. */
  appKey: string;
  /** Search terms, one query each (Adzuna `what`). */
  queries?: readonly string[];
  /** Country endpoint (`fr`). */
  country?: string;
  /** API root, without path (`JOBBENCH_ADZUNA_BASE_URL`); tests point it at a local server. */
  baseUrl?: string;
  /** Results per page (Adzuna caps it at 50). */
  resultsPerPage?: number;
  /** Most pages fetched per query and run. */
  maxPagesPerQuery?: number;
  /** How far back (days) a first run looks; later runs look back only to what they lack. */
  maxDaysOld?: number;
  /** Overrides of the default policy (25 requests/min, 250/day). */
  policy?: Partial<SourcePolicy>;
  sleep?: Sleep;
  random?: () => number;
}

interface QueryState {
  /** Newest `created` date collected for the query. */
  newestPostedAt: string | null;
  /** When the query last ran to completion. */
  completedAt: string;
}

interface AdzunaState {
  version: 1;
  queries: Record<string, QueryState>;
  /** The last page handed over while a query was in flight (same run may resume from it). */
  inFlight: { runId: string; token: string } | null;
}

interface AdzunaToken {
  source: 'adzuna';
  query: string;
  page: number;
  maxDaysOld: number;
  newest: string | null;
  previousNewest: string | null;
}

const isToken = (value: unknown): value is AdzunaToken =>
  typeof value === 'object' &&
  value !== null &&
  (value as AdzunaToken).source === 'adzuna' &&
  typeof (value as AdzunaToken).query === 'string' &&
  Number.isInteger((value as AdzunaToken).page);

const DAY_MS = 86_400_000;

export class AdzunaSource implements Source {
  readonly name = 'adzuna';
  readonly requiredEnv: readonly string[] = requiredVariables(ADZUNA_SETTINGS);
  private readonly counters: SourceStats = emptyStats();
  /** The politeness and size limits this source runs under (defaults with the options' overrides). */
  readonly policy: SourcePolicy;

  constructor(private readonly options: AdzunaOptions) {
    this.policy = resolvePolicy('adzuna', options.policy);
    refuseCleartextCredentials(
      this.name,
      [{ setting: ADZUNA_SETTINGS.fields.baseUrl.variable, url: options.baseUrl ?? ADZUNA_DEFAULT_BASE_URL }],
      secretVariables(ADZUNA_SETTINGS),
    );
  }

  stats(): SourceStats {
    return { ...this.counters };
  }

  async *pages(context: SourceContext): AsyncIterable<RawPage> {
    const fetcher = fetcherFor(
      { name: this.name, policy: this.policy, counters: this.counters, options: this.options },
      context,
      secretValues(ADZUNA_SETTINGS, this.options),
    );
    try {
      yield* this.collect(context, fetcher);
    } catch (error) {
      // The boundary to the run's sinks (manifest, results, stderr): no credential, in any form, past it.
      throw maskError(error, fetcher.secrets);
    }
  }

  private async *collect(context: SourceContext, fetcher: PoliteFetcher): AsyncIterable<RawPage> {
    const { store, now, log } = context;
    const state = (await readCursorState<AdzunaState>(store, this.name, 1)) ?? {
      version: 1,
      queries: {},
      inFlight: null,
    };
    const sameRun = state.inFlight?.runId === context.runId ? state.inFlight.token : null;
    let resume = decodeResumeToken(context.resumeCursor ?? sameRun, isToken);
    const queries = this.options.queries ?? ADZUNA_DEFAULT_QUERIES;
    if (resume && !queries.includes(resume.query)) resume = null;
    const resumeIndex = resume ? queries.indexOf(resume.query) : 0;
    const perPage = Math.min(50, this.options.resultsPerPage ?? 50);
    const maxPages = this.options.maxPagesPerQuery ?? 10;

    for (const [index, query] of queries.entries()) {
      if (index < resumeIndex) continue;
      const resuming = resume?.query === query ? resume : null;
      const previousNewest = resuming ? resuming.previousNewest : (state.queries[query]?.newestPostedAt ?? null);
      const maxDaysOld = resuming?.maxDaysOld ?? this.windowDays(previousNewest, now());
      let newest = resuming?.newest ?? null;
      let page = resuming ? resuming.page + 1 : 1;
      if (resuming)
        log({
          level: 'info',
          source: this.name,
          message: `resuming "${query}" at page ${page}`,
          data: { query, page },
        });

      let complete = false;
      while (page <= maxPages) {
        const url = this.searchUrl(query, page, perPage, maxDaysOld);
        let response: HttpResponse;
        try {
          response = await fetcher.request(url, { headers: { accept: 'application/json' } });
        } catch (error) {
          if (error instanceof SourceFetchError && error.code === 'quota-exhausted') {
            log({
              level: 'warn',
              source: this.name,
              message: `stopped: ${error.message}. The next run continues from the stored pages.`,
              data: { query, page },
            });
            return;
          }
          throw error;
        }
        if (response.status !== 200) throw this.statusError(response.status, response.url, response.text, fetcher);
        const body = parseSearchPage(response.text, response.url);
        const results = body.results;
        if (results.length === 0) {
          log({
            level: 'info',
            source: this.name,
            message: `"${query}" page ${page}: no results`,
            data: { query, page, url: response.url },
          });
          complete = true;
          break;
        }
        const dates = results
          .map((r) => r.created)
          .filter((d): d is string => typeof d === 'string' && !Number.isNaN(Date.parse(d)));
        for (const date of dates) newest = laterDate(newest, date);
        const token = encodeResumeToken({
          source: 'adzuna',
          query,
          page,
          maxDaysOld,
          newest,
          previousNewest,
        } satisfies AdzunaToken);
        yield {
          body: fetcher.bodyToStore(response),
          ext: 'json',
          format: 'adzuna',
          url: response.url,
          finalUrl: response.finalUrl,
          status: response.status,
          fetchedAt: now().toISOString(),
          cursor: token,
        };
        // The consumer has stored the page: only now record it.
        state.inFlight = { runId: context.runId, token };
        await writeCursorState(store, this.name, state);

        const oldest = dates.reduce<number | null>(
          (min, d) => (min === null || Date.parse(d) < min ? Date.parse(d) : min),
          null,
        );
        const reachedKnown = previousNewest !== null && oldest !== null && oldest <= Date.parse(previousNewest);
        if (results.length < perPage || page * perPage >= body.count || reachedKnown) {
          complete = true;
          break;
        }
        page += 1;
      }
      if (!complete)
        log({
          level: 'info',
          source: this.name,
          message: `"${query}": stopped at the ${maxPages}-page limit`,
          data: { query, maxPages },
        });
      state.queries[query] = { newestPostedAt: laterDate(previousNewest, newest), completedAt: now().toISOString() };
      state.inFlight = null;
      await writeCursorState(store, this.name, state);
      resume = null;
    }
  }

  /** Days back to ask for: the configured window on a first run, else back to the newest posting held (+1 day overlap). */
  private windowDays(previousNewest: string | null, now: Date): number {
    const max = this.options.maxDaysOld ?? 30;
    if (previousNewest === null) return max;
    const days = Math.ceil((now.getTime() - Date.parse(previousNewest)) / DAY_MS) + 1;
    return Math.min(max, Math.max(1, days));
  }

  private searchUrl(query: string, page: number, perPage: number, maxDaysOld: number): string {
    const base = (this.options.baseUrl ?? ADZUNA_DEFAULT_BASE_URL).replace(/\/+$/, '');
    const url = new URL(`${base}/v1/api/jobs/${encodeURIComponent(this.options.country ?? 'fr')}/search/${page}`);
    url.searchParams.set('app_id', this.options.appId);
    url.searchParams.set('app_key', this.options.appKey);
    url.searchParams.set('what', query);
    url.searchParams.set('results_per_page', String(perPage));
    url.searchParams.set('max_days_old', String(maxDaysOld));
    // Newest first, so new postings only push older ones to later pages (duplicates, never gaps).
    url.searchParams.set('sort_by', 'date');
    url.searchParams.set('content-type', 'application/json');
    return url.href;
  }

  private statusError(status: number, safeUrl: string, text: string, fetcher: PoliteFetcher): SourceFetchError {
    const hint =
      status === 401 || status === 403
        ? 'Adzuna refused the credentials: check ADZUNA_APP_ID and ADZUNA_APP_KEY'
        : `unexpected answer: ${bodySnippet(text, fetcher.secrets)}`;
    return new SourceFetchError(`adzuna: GET ${safeUrl} answered HTTP ${status}; ${hint}`, {
      code: 'http-status',
      source: this.name,
      url: safeUrl,
      status,
    });
  }
}

interface AdzunaPage {
  count: number;
  results: Array<{ created?: unknown }>;
}

function parseSearchPage(text: string, safeUrl: string): AdzunaPage {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SourceFetchError(`adzuna: GET ${safeUrl} did not return JSON`, {
      code: 'bad-payload',
      source: 'adzuna',
      url: safeUrl,
      status: 200,
    });
  }
  const page = parsed as Partial<AdzunaPage>;
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray(page.results)) {
    throw new SourceFetchError(`adzuna: GET ${safeUrl} returned JSON without a "results" array`, {
      code: 'bad-payload',
      source: 'adzuna',
      url: safeUrl,
      status: 200,
    });
  }
  return { count: typeof page.count === 'number' ? page.count : Number.POSITIVE_INFINITY, results: page.results };
}
