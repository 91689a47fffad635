/**
 * OAuth2 client-credentials tokens for France Travail's partner APIs: a form POST to
 * `…/connexion/oauth2/access_token?realm=/partenaire` with `grant_type=client_credentials`,
 * the client id and secret, and the API's scopes (`api_offresdemploiv2 o2dsoffre` for
 * "Offres d'emploi v2"). The answer `{ access_token, expires_in, token_type }` is cached
 * until shortly before it expires; a 401 from the API invalidates it.
 */
import { SourceFetchError } from '../http/fetch-error.ts';
import type { PoliteFetcher } from '../http/polite-fetcher.ts';

export const FRANCE_TRAVAIL_TOKEN_URL =
  'https://entreprise.francetravail.fr/connexion/oauth2/access_token?realm=/partenaire';
export const OFFRES_SCOPES = 'api_offresdemploiv2 o2dsoffre';

/** Renew this long before the announced expiry, so a token never dies mid-request. */
const EXPIRY_MARGIN_MS = 60_000;

/**
 * The error codes of RFC 6749 §5.2, the only text of a token server's answer quoted in an
 * error: a server may put anything in `error` — the client secret included — and a cut or
 * a character filter applied to that text would leave pieces of it.
 */
const OAUTH_ERROR_CODES = new Set([
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_scope',
]);

export interface TokenClientOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  fetcher: PoliteFetcher;
  now: () => Date;
}

export class TokenClient {
  private token: { value: string; expiresAt: number } | null = null;
  /** Tokens obtained so far (for tests and logs). */
  issued = 0;

  constructor(private readonly options: TokenClientOptions) {}

  /** A valid access token, from the cache when it has not expired. */
  async get(): Promise<string> {
    if (this.token && this.options.now().getTime() < this.token.expiresAt) return this.token.value;
    return this.fetchToken();
  }

  /** Forgets the cached token (after the API answered 401). */
  invalidate(): void {
    this.token = null;
  }

  private async fetchToken(): Promise<string> {
    const { tokenUrl, clientId, clientSecret, scope, fetcher, now } = this.options;
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
      scope,
    });
    const response = await fetcher.request(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
    });
    let parsed: { access_token?: unknown; expires_in?: unknown; error?: unknown } = {};
    try {
      parsed = JSON.parse(response.text) as typeof parsed;
    } catch {
      // handled below
    }
    if (response.status !== 200 || typeof parsed.access_token !== 'string') {
      // Only a registered OAuth error code is quoted; `error_description` may echo the client id.
      const reason =
        typeof parsed.error === 'string'
          ? OAUTH_ERROR_CODES.has(parsed.error)
            ? ` (${parsed.error})`
            : ' (an error code outside RFC 6749, not shown)'
          : '';
      const hint =
        response.status === 400 || response.status === 401
          ? ': check FRANCE_TRAVAIL_CLIENT_ID and FRANCE_TRAVAIL_CLIENT_SECRET, and that the application subscribes to "Offres d\'emploi v2"'
          : '';
      throw new SourceFetchError(
        fetcher.secrets.mask(
          `francetravail: the token endpoint ${response.url} answered HTTP ${response.status}${reason} without an access token${hint}`,
        ),
        {
          code: response.status === 200 ? 'bad-payload' : 'http-status',
          source: 'francetravail',
          url: response.url,
          status: response.status,
        },
      );
    }
    const lifetimeMs =
      (typeof parsed.expires_in === 'number' && parsed.expires_in > 0 ? parsed.expires_in : 1499) * 1000;
    // A bearer token is a credential too: masked wherever the API might echo it.
    fetcher.secrets.add(parsed.access_token);
    this.token = {
      value: parsed.access_token,
      expiresAt: now().getTime() + Math.max(0, lifetimeMs - EXPIRY_MARGIN_MS),
    };
    this.issued += 1;
    return parsed.access_token;
  }
}
