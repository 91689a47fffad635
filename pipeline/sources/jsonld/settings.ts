/**
 * The JSON-LD scraper's settings (docs/sources/jsonld.md), all under `JOBBENCH_JSONLD_`:
 * it has no default site, so its seeds are required.
 */
import { setting, type SourceSettings } from '../source-settings.ts';
import { httpUrlList, positiveInteger, regularExpression } from '../setting-parsers.ts';
import { FETCH_LIMIT_FIELDS } from '../http/fetch-limit-settings.ts';

export const JSONLD_DEFAULT_MAX_PAGES = 100;

export const JSONLD_SETTINGS = {
  source: 'jsonld',
  prefix: 'JOBBENCH_JSONLD_',
  docs: 'docs/sources/jsonld.md',
  fields: {
    /** Sitemaps or listing pages to start from. */
    seeds: setting<readonly string[]>({
      variable: 'JOBBENCH_JSONLD_SEEDS',
      parse: httpUrlList,
      required: true,
      hint: 'seed URLs: sitemaps or listing pages, comma-separated',
    }),
    /** Job-page filter on path + query; without it, a path segment such as `/jobs/` or `/emploi/`. */
    jobUrlPattern: setting({ variable: 'JOBBENCH_JSONLD_URL_PATTERN', parse: regularExpression }),
    /** Most job pages fetched per run. */
    maxPagesPerRun: setting({
      variable: 'JOBBENCH_JSONLD_MAX_PAGES',
      parse: positiveInteger,
      default: JSONLD_DEFAULT_MAX_PAGES,
    }),
    ...FETCH_LIMIT_FIELDS,
  },
} as const satisfies SourceSettings;
