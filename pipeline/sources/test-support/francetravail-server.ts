/**
 * A stand-in for France Travail: the OAuth2 token endpoint and the "Offres d'emploi v2"
 * search with its documented ranges (206 + `Content-Range: offres p-d/total`, 200 for the
 * last range, 204 for no result).
 */
import { fixtureJson } from './fixtures.ts';
import { send, startLocalServer, type LocalServer, type RecordedRequest } from './local-server.ts';

export const TOKEN_PATH = '/connexion/oauth2/access_token';
export const SEARCH_PATH = '/partenaire/offresdemploi/v2/offres/search';

export interface FakeFranceTravailOptions {
  /** Offers matching each query (index 0 newest, an hour apart). */
  total: number;
  newest: Date;
  /** Answer 206 even for the last range (the total then comes from Content-Range alone). */
  alwaysPartial?: boolean;
  /** Access tokens handed out in turn. */
  tokens?: string[];
  /** Answer for a search request before the normal one (to inject 401/429/5xx). */
  override?: (
    request: RecordedRequest,
    searchCount: number,
  ) => { status: number; body?: string; headers?: Record<string, string> } | null;
}

export function offers(total: number, newest: Date): Array<Record<string, unknown>> {
  const template = fixtureJson<{ resultats: Array<Record<string, unknown>> }>('francetravail/search-page.json')
    .resultats[0] as Record<string, unknown>;
  return Array.from({ length: total }, (_, i) => ({
    ...template,
    id: `${100 + i}ABCD`,
    dateCreation: new Date(newest.getTime() - i * 3_600_000).toISOString(),
  }));
}

export async function startFakeFranceTravail(
  options: FakeFranceTravailOptions,
): Promise<LocalServer & { origin: string; tokenUrl: string }> {
  const tokens = [...(options.tokens ?? ['token-1', 'token-2', 'token-3'])];
  let searches = 0;
  const server = await startLocalServer((req, res) => {
    const url = new URL(req.url, 'http://local');
    if (url.pathname === TOKEN_PATH && req.method === 'POST') {
      const form = new URLSearchParams(req.body);
      if (form.get('grant_type') !== 'client_credentials' || !form.get('client_secret'))
        return send(res, 400, '{"error":"invalid_request"}');
      const token = tokens.shift() ?? 'token-last';
      return send(
        res,
        200,
        JSON.stringify({ ...fixtureJson<Record<string, unknown>>('francetravail/token.json'), access_token: token }),
      );
    }
    if (url.pathname !== SEARCH_PATH) return send(res, 404, '{"message":"not found"}');
    searches += 1;
    const injected = options.override?.(req, searches);
    if (injected) return send(res, injected.status, injected.body ?? '', 'application/json', injected.headers ?? {});
    if (!/^Bearer token-/.test(String(req.headers.authorization))) return send(res, 401, '{"message":"unauthorized"}');
    const range = /^(\d+)-(\d+)$/.exec(url.searchParams.get('range') ?? '0-149');
    const first = Number(range?.[1] ?? 0);
    const last = Number(range?.[2] ?? 149);
    const min = url.searchParams.get('minCreationDate');
    const all = offers(options.total, options.newest).filter(
      (o) => !min || Date.parse(o.dateCreation as string) >= Date.parse(min),
    );
    if (all.length === 0) {
      res.writeHead(204);
      return res.end();
    }
    const slice = all.slice(first, last + 1);
    const end = first + slice.length - 1;
    const status = end >= all.length - 1 && !options.alwaysPartial ? 200 : 206;
    return send(res, status, JSON.stringify({ resultats: slice, filtresPossibles: [] }), 'application/json', {
      'content-range': `offres ${first}-${end}/${all.length}`,
      'accept-range': 'offres 150',
    });
  });
  return { ...server, tokenUrl: `${server.origin}${TOKEN_PATH}?realm=/partenaire` };
}
