/**
 * France Travail's settings (docs/sources/france-travail.md): the OAuth2 client credentials
 * under their documented names, the rest under `JOBBENCH_FRANCE_TRAVAIL_`. Both endpoints
 * are any absolute URL here; the source refuses one that would carry a credential in clear.
 */
import { setting, type SourceSettings } from '../source-settings.ts';
import { list, text, url } from '../setting-parsers.ts';
import { FETCH_LIMIT_FIELDS } from '../http/fetch-limit-settings.ts';
import { FRANCE_TRAVAIL_TOKEN_URL } from './token-client.ts';

export const FRANCE_TRAVAIL_API_BASE_URL = 'https://api.francetravail.io';
export const FRANCE_TRAVAIL_DEFAULT_KEYWORDS: readonly string[] = ['data scientist', 'data engineer', 'data analyst'];

export const FRANCE_TRAVAIL_SETTINGS = {
  source: 'francetravail',
  prefix: 'JOBBENCH_FRANCE_TRAVAIL_',
  docs: 'docs/sources/france-travail.md',
  fields: {
    /** Client id of the francetravail.io application subscribed to "Offres d'emploi v2". */
    clientId: setting({ variable: 'FRANCE_TRAVAIL_CLIENT_ID', parse: text, required: true, secret: true }),
    /** Its client secret; it travels only in the token request body. */
    clientSecret: setting({ variable: 'FRANCE_TRAVAIL_CLIENT_SECRET', parse: text, required: true, secret: true }),
    /** Keyword searches (`motsCles`), one query each. */
    keywords: setting<readonly string[]>({
      variable: 'JOBBENCH_FRANCE_TRAVAIL_KEYWORDS',
      parse: list,
      default: FRANCE_TRAVAIL_DEFAULT_KEYWORDS,
    }),
    /** ROME codes (`codeROME`), searched together as one more query; none by default. */
    romeCodes: setting<readonly string[]>({ variable: 'JOBBENCH_FRANCE_TRAVAIL_ROME_CODES', parse: list }),
    /** API root; tests point it at a local server. */
    apiBaseUrl: setting({
      variable: 'JOBBENCH_FRANCE_TRAVAIL_API_URL',
      parse: url,
      default: FRANCE_TRAVAIL_API_BASE_URL,
    }),
    /** OAuth2 token endpoint. */
    tokenUrl: setting({
      variable: 'JOBBENCH_FRANCE_TRAVAIL_TOKEN_URL',
      parse: url,
      default: FRANCE_TRAVAIL_TOKEN_URL,
    }),
    ...FETCH_LIMIT_FIELDS,
  },
} as const satisfies SourceSettings;
