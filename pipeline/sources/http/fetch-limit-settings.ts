/**
 * The byte caps every real source's fetcher reads bodies under (docs/sources/http.md): two
 * settings shared by all of them, outside any source's prefix, laid under the source's
 * `policy` by the registry (a `policy` option given in code wins).
 */
import { DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_MAX_SITEMAP_BYTES } from '../policies.ts';
import { setting } from '../source-settings.ts';
import { positiveInteger } from '../setting-parsers.ts';

export const FETCH_LIMIT_FIELDS = {
  /** Most bytes of one response body, after decompression. */
  maxResponseBytes: setting({
    variable: 'JOBBENCH_MAX_RESPONSE_BYTES',
    parse: positiveInteger,
    default: DEFAULT_MAX_RESPONSE_BYTES,
  }),
  /** Most bytes of one seed or sitemap, fetched or gunzipped. */
  maxSitemapBytes: setting({
    variable: 'JOBBENCH_MAX_SITEMAP_BYTES',
    parse: positiveInteger,
    default: DEFAULT_MAX_SITEMAP_BYTES,
  }),
} as const;
