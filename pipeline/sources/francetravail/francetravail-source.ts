/**
 * France Travail "Offres d'emploi v2" search
 * (`GET {api}/partenaire/offresdemploi/v2/offres/search`), OAuth2 client credentials.
 *
 * Paging uses `range=p-d` (at most 150 results per call; the first index may not exceed
 * 3000 and the last 3149 per the francetravail.io reference, older emploi-store docs said
 * 1000/1149: `maxStartIndex` is an option). A ranged answer is `206` with
 * `Content-Range: offres p-d/total`, the final one `200`, no result `204`. Results are
 * sorted by creation date (`sort=1`) so new offers push old ones down rather than leave gaps.
 *
 * Incremental: per query the newest `dateCreation` collected is kept in the lake; the next
 * run sends `minCreationDate` (that date minus an hour of overlap) and `maxCreationDate`
 * (now), both `yyyy-MM-ddTHH:mm:ssZ`, which the API expects together.
 *
 * Cursor contract: as for Adzuna, each page carries a resume token `{query, start, window}`
 * and the state file is written only after the consumer pulled the next page.
 */
import type { RawPage, Source, SourceContext, SourceStats } from '../source.ts';
import { emptyStats } from '../source.ts';
import { resolvePolicy, type SourcePolicy } from '../policies.ts';
import { fetcherFor, type PoliteFetcher, type HttpResponse } from '../http/polite-fetcher.ts';
import { SourceFetchError } from '../http/fetch-error.ts';
import { bodySnippet } from '../http/body-snippet.ts';
import { maskError } from '../http/secret-mask.ts';
import { refuseCleartextCredentials } from '../http/credential-transport.ts';
import type { Sleep } from '../http/clock.ts';
import { decodeResumeToken, encodeResumeToken, laterDate, readCursorState, writeCursorState } from '../cursor-state.ts';
import { parseContentRange } from './content-range.ts';
import { FRANCE_TRAVAIL_TOKEN_URL, OFFRES_SCOPES, TokenClient } from './token-client.ts';
import { requiredVariables, secretValues, secretVariables } from '../source-settings.ts';
import { FRANCE_TRAVAIL_API_BASE_URL, FRANCE_TRAVAIL_DEFAULT_KEYWORDS, FRANCE_TRAVAIL_SETTINGS } from './settings.ts';

const SEARCH_PATH = '/partenaire/offresdemploi/v2/offres/search';
const PAGE_SIZE = 150;
const OVERLAP_MS = 3_600_000;

export interface FranceTravailOptions {
  /** `FRANCE_TRAVAIL_CLIENT_ID`. */
  clientId: string;
  /** `FRANCE_TRAVAIL_CLIENT_SECRET`. */
  clientSecret: string;
  /** Keyword searches (`motsCles`), one query each. */
  keywords?: readonly string[];
  /** ROME codes (`codeROME`), searched together as one more query. */
  romeCodes?: readonly string[];
  /** API root (`JOBBENCH_FRANCE_TRAVAIL_API_URL`); tests point it at a local server. */
  apiBaseUrl?: string;
  /** Token endpoint (`JOBBENCH_FRANCE_TRAVAIL_TOKEN_URL`). */
  tokenUrl?: string;
  /** Highest first index the API accepts in `range` (3000 today). */
  maxStartIndex?: number;
  /** Overrides of the default policy (3 requests/s). */
  policy?: Partial<SourcePolicy>;
  sleep?: Sleep;
  random?: () => number;
}

interface Query {
  key: string;
  params: Record<string, string>;
}

interface FtState {
  version: 1;
  queries: Record<string, { newestPostedAt: string | null; completedAt: string }>;
  inFlight: { runId: string; token: string } | null;
}

interface FtToken {
  source: 'francetravail';
  query: string;
  start: number;
  minCreationDate: string | null;
  maxCreationDate: string | null;
  newest: string | null;
  previousNewest: string | null;
}

const isToken = (v: unknown): v is FtToken =>
  typeof v === 'object' &&
  v !== null &&
  (v as FtToken).source === 'francetravail' &&
  typeof (v as FtToken).query === 'string' &&
  Number.isInteger((v as FtToken).start);

/** `2026-11-28T12:00:00Z`: the API's `yyyy-MM-dd'T'hh:mm:ss'Z'`, no milliseconds. */
function apiDate(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export class FranceTravailSource implements Source {
  readonly name = 'francetravail';
  readonly requiredEnv: readonly string[] = requiredVariables(FRANCE_TRAVAIL_SETTINGS);
  private readonly counters: SourceStats = emptyStats();
  /** The politeness and size limits this source runs under (defaults with the options' overrides). */
  readonly policy: SourcePolicy;
  /** Tokens obtained since the source was created. */
  tokensIssued = 0;

  constructor(private readonly options: FranceTravailOptions) {
    this.policy = resolvePolicy('francetravail', options.policy);
    const { fields } = FRANCE_TRAVAIL_SETTINGS;
    refuseCleartextCredentials(
      this.name,
      [
        // The token endpoint receives the client secret, the API the bearer token.
        { setting: fields.tokenUrl.variable, url: options.tokenUrl ?? FRANCE_TRAVAIL_TOKEN_URL },
        { setting: fields.apiBaseUrl.variable, url: options.apiBaseUrl ?? FRANCE_TRAVAIL_API_BASE_URL },
      ],
      secretVariables(FRANCE_TRAVAIL_SETTINGS),
    );
  }

  stats(): SourceStats {
    return { ...this.counters };
  }

  queries(): Query[] {
    const keywords = this.options.keywords ?? FRANCE_TRAVAIL_DEFAULT_KEYWORDS;
    const out: Query[] = keywords.map((k) => ({ key: `motsCles=${k}`, params: { motsCles: k } }));
    const rome = this.options.romeCodes ?? [];
    if (rome.length > 0) out.push({ key: `codeROME=${rome.join(',')}`, params: { codeROME: rome.join(',') } });
    return out;
  }

  async *pages(context: SourceContext): AsyncIterable<RawPage> {
    const { store, now, log } = context;
    const fetcher = fetcherFor(
      { name: this.name, policy: this.policy, counters: this.counters, options: this.options },
      context,
      secretValues(FRANCE_TRAVAIL_SETTINGS, this.options),
    );
    const tokens = new TokenClient({
      tokenUrl: this.options.tokenUrl ?? FRANCE_TRAVAIL_TOKEN_URL,
      clientId: this.options.clientId,
      clientSecret: this.options.clientSecret,
      scope: OFFRES_SCOPES,
      fetcher,
      now,
    });
    const state = (await readCursorState<FtState>(store, this.name, 1)) ?? { version: 1, queries: {}, inFlight: null };
    const queries = this.queries();
    const sameRun = state.inFlight?.runId === context.runId ? state.inFlight.token : null;
    let resume = decodeResumeToken(context.resumeCursor ?? sameRun, isToken);
    if (resume && !queries.some((q) => q.key === resume?.query)) resume = null;
    const resumeIndex = resume ? queries.findIndex((q) => q.key === resume?.query) : 0;
    const maxStart = this.options.maxStartIndex ?? 3000;

    try {
      for (const [index, query] of queries.entries()) {
        if (index < resumeIndex) continue;
        const resuming = resume?.query === query.key ? resume : null;
        const previousNewest = resuming ? resuming.previousNewest : (state.queries[query.key]?.newestPostedAt ?? null);
        const window = resuming
          ? { min: resuming.minCreationDate, max: resuming.maxCreationDate }
          : previousNewest
            ? { min: apiDate(Date.parse(previousNewest) - OVERLAP_MS), max: apiDate(now().getTime()) }
            : { min: null, max: null };
        let newest = resuming?.newest ?? null;
        let start = resuming ? resuming.start + PAGE_SIZE : 0;
        if (resuming)
          log({
            level: 'info',
            source: this.name,
            message: `resuming ${query.key} at index ${start}`,
            data: { query: query.key, start },
          });

        while (start <= maxStart) {
          const end = Math.min(start + PAGE_SIZE - 1, maxStart + PAGE_SIZE - 1);
          const url = this.searchUrl(query.params, `${start}-${end}`, window);
          const response = await this.search(url, tokens, fetcher);
          if (response.status === 204) {
            log({
              level: 'info',
              source: this.name,
              message: `${query.key}: no ${start === 0 ? '' : 'more '}offers`,
              data: { query: query.key, start },
            });
            break;
          }
          const results = parseResults(response);
          for (const r of results)
            newest = laterDate(
              newest,
              typeof r.dateCreation === 'string' && !Number.isNaN(Date.parse(r.dateCreation)) ? r.dateCreation : null,
            );
          const token = encodeResumeToken({
            source: 'francetravail',
            query: query.key,
            start,
            minCreationDate: window.min,
            maxCreationDate: window.max,
            newest,
            previousNewest,
          } satisfies FtToken);
          yield {
            body: fetcher.bodyToStore(response),
            ext: 'json',
            format: 'francetravail',
            url: response.url,
            finalUrl: response.finalUrl,
            status: response.status,
            fetchedAt: now().toISOString(),
            cursor: token,
          };
          state.inFlight = { runId: context.runId, token };
          await writeCursorState(store, this.name, state);

          const total = parseContentRange(response.headers.get('content-range'))?.total ?? null;
          const next = start + PAGE_SIZE;
          if (response.status === 200 || results.length < PAGE_SIZE || (total !== null && next >= total)) break;
          if (next > maxStart) {
            log({
              level: 'warn',
              source: this.name,
              message: `${query.key}: ${total ?? 'more'} offers match but the API serves only the first ${maxStart + PAGE_SIZE}; narrow the query (ROME codes, dates) to reach the rest`,
              data: { query: query.key, total },
            });
            break;
          }
          start = next;
        }
        state.queries[query.key] = {
          newestPostedAt: laterDate(previousNewest, newest),
          completedAt: now().toISOString(),
        };
        state.inFlight = null;
        await writeCursorState(store, this.name, state);
        resume = null;
      }
    } catch (error) {
      throw maskError(error, fetcher.secrets);
    } finally {
      this.tokensIssued += tokens.issued;
    }
  }

  /** One search call; on 401 the token is renewed once and the call repeated. */
  private async search(url: string, tokens: TokenClient, fetcher: PoliteFetcher): Promise<HttpResponse> {
    for (let attempt = 1; ; attempt += 1) {
      const token = await tokens.get();
      const response = await fetcher.request(url, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      });
      if (response.status === 200 || response.status === 206 || response.status === 204) return response;
      if (response.status === 401 && attempt === 1) {
        tokens.invalidate();
        continue;
      }
      const detail =
        response.status === 401
          ? 'the API refused a fresh access token twice: check the application\'s subscription to "Offres d\'emploi v2"'
          : `unexpected answer: ${bodySnippet(response.text, fetcher.secrets)}`;
      throw new SourceFetchError(`francetravail: GET ${response.url} answered HTTP ${response.status}; ${detail}`, {
        code: 'http-status',
        source: this.name,
        url: response.url,
        status: response.status,
      });
    }
  }

  private searchUrl(
    params: Record<string, string>,
    range: string,
    window: { min: string | null; max: string | null },
  ): string {
    const base = (this.options.apiBaseUrl ?? FRANCE_TRAVAIL_API_BASE_URL).replace(/\/+$/, '');
    const url = new URL(`${base}${SEARCH_PATH}`);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    url.searchParams.set('range', range);
    url.searchParams.set('sort', '1');
    if (window.min && window.max) {
      url.searchParams.set('minCreationDate', window.min);
      url.searchParams.set('maxCreationDate', window.max);
    }
    // URLSearchParams writes ':' as %3A; some clients report the API rejecting that in the
    // date parameters, and RFC 3986 allows a raw ':' in a query, so send it raw.
    return url.href.replace(/%3A/gi, ':');
  }
}

function parseResults(response: HttpResponse): Array<{ dateCreation?: unknown }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.text);
  } catch {
    throw new SourceFetchError(`francetravail: GET ${response.url} did not return JSON`, {
      code: 'bad-payload',
      source: 'francetravail',
      url: response.url,
      status: response.status,
    });
  }
  const results =
    typeof parsed === 'object' && parsed !== null ? (parsed as { resultats?: unknown }).resultats : undefined;
  if (!Array.isArray(results)) {
    throw new SourceFetchError(`francetravail: GET ${response.url} returned JSON without a "resultats" array`, {
      code: 'bad-payload',
      source: 'francetravail',
      url: response.url,
      status: response.status,
    });
  }
  return results as Array<{ dateCreation?: unknown }>;
}
