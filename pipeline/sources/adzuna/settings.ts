/**
 * Adzuna's settings (docs/sources/adzuna.md): the credentials under their documented names,
 * the rest under `JOBBENCH_ADZUNA_`. The base URL is any absolute URL here; the source
 * refuses one that would carry the keys in clear.
 */
import { setting, type SourceSettings } from '../source-settings.ts';
import { list, text, url } from '../setting-parsers.ts';
import { FETCH_LIMIT_FIELDS } from '../http/fetch-limit-settings.ts';

export const ADZUNA_DEFAULT_BASE_URL = 'https://api.adzuna.com';
export const ADZUNA_DEFAULT_QUERIES: readonly string[] = [
  'data scientist',
  'data engineer',
  'data analyst',
  'machine learning',
];

export const ADZUNA_SETTINGS = {
  source: 'adzuna',
  prefix: 'JOBBENCH_ADZUNA_',
  docs: 'docs/sources/adzuna.md',
  fields: {
    /** Application id from https://developer.adzuna.com. */
    appId: setting({ variable: 'ADZUNA_APP_ID', parse: text, required: true, secret: true }),
    /** Application key; Adzuna takes both in the query string, stripped from every URL jobbench keeps. */
    appKey: setting({ variable: 'ADZUNA_APP_KEY', parse: text, required: true, secret: true }),
    /** Search terms (`what`), one search each. */
    queries: setting<readonly string[]>({
      variable: 'JOBBENCH_ADZUNA_QUERIES',
      parse: list,
      default: ADZUNA_DEFAULT_QUERIES,
    }),
    /** API root, without path; tests point it at a local server. */
    baseUrl: setting({ variable: 'JOBBENCH_ADZUNA_BASE_URL', parse: url, default: ADZUNA_DEFAULT_BASE_URL }),
    ...FETCH_LIMIT_FIELDS,
  },
} as const satisfies SourceSettings;
