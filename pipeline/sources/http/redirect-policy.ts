/**
 * Which redirects the fetcher follows. fetch itself would follow any Location to any
 * host: a scraped site could then send jobbench to a host the user never chose, past
 * that host's robots.txt, with the answer stored under the original URL. So redirects
 * are followed by hand (`redirect: 'manual'`), one hop at a time, and only within the
 * origin that was asked for — or its upgrade to https on the same host. Every hop goes
 * through the robots.txt check and the rate limit again.
 *
 * Refusing rather than re-checking the new origin: a source's hosts are a user's choice
 * (seeds, an API base URL, WTTJ's opt-in) and its policy (rate, quota, credentials) is
 * made for them; another origin is none of those.
 */
/** RFC 9309 §2.3.1.2 asks crawlers to follow at least five; browsers allow twenty. */
export const MAX_REDIRECTS = 5;

/**
 * `same-origin`: pages and API calls. `any`: robots.txt only, which RFC 9309 §2.3.1.2
 * lets redirect "even across authorities" and which carries no credential.
 */
export type RedirectScope = 'same-origin' | 'any';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** The absolute URL an answer redirects to, or null when it is not a usable redirect. */
export function redirectTarget(from: string, status: number, location: string | null): string | null {
  if (!REDIRECT_STATUSES.has(status) || location === null || location.trim() === '') return null;
  try {
    return new URL(location, from).href;
  } catch {
    return null;
  }
}

/** Why a redirect is not followed, or null when it may be. `hops` counts those already followed. */
export function redirectRefusal(from: string, to: string, hops: number, scope: RedirectScope): string | null {
  const source = new URL(from);
  const target = new URL(to);
  if (target.protocol !== 'http:' && target.protocol !== 'https:')
    return `redirected to a URL that is not http(s) (${target.protocol}); not followed`;
  if (hops >= MAX_REDIRECTS) return `more than ${MAX_REDIRECTS} redirects; not followed`;
  if (scope === 'any' || target.origin === source.origin) return null;
  const sameHost = target.hostname === source.hostname;
  if (
    sameHost &&
    source.protocol === 'http:' &&
    target.protocol === 'https:' &&
    (target.port === '' || target.port === source.port)
  )
    return null;
  if (sameHost && source.protocol === 'https:' && target.protocol === 'http:')
    return `redirected to plain http (${target.origin}); not followed`;
  return `redirected to another origin (${target.origin}); not followed`;
}

/** The method and body of the next hop (Fetch standard §4.4, HTTP-redirect fetch step 12). */
export function nextHop<T extends { method?: 'GET' | 'POST'; body?: string; headers?: Record<string, string> }>(
  request: T,
  status: number,
): T {
  const method = request.method ?? 'GET';
  if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
    const headers = Object.fromEntries(
      Object.entries(request.headers ?? {}).filter(
        ([name]) => !/^content-(type|length|encoding|language|location)$/i.test(name),
      ),
    );
    const { body: _body, ...rest } = request;
    return { ...rest, method: 'GET', headers } as T;
  }
  return request;
}
