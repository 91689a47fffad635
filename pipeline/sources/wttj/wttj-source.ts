/**
 * Welcome to the Jungle (welcometothejungle.com): opt-in only. Its terms of use restrict
 * automated collection, so jobbench refuses to run this source until the user says so
 * explicitly (`JOBBENCH_WTTJ_ACKNOWLEDGE=yes`, or the `acknowledged` option). When it
 * runs, it stays small and slow: discovery through the sitemap only (its robots.txt
 * disallows every URL with a query string, `Disallow: /*?`, so search pages are out),
 * a few dozen job pages per run, one request every 15 s, robots.txt obeyed for every URL,
 * sitemaps reused from the lake for a day, pages already collected never fetched again.
 * Job pages carry schema.org JobPosting, so pages are yielded as format `jsonld`.
 */
import { ConfigurationError } from '../../errors.ts';
import type { Env } from '../../../providers/core/index.ts';
import type { SourceContext } from '../source.ts';
import { JsonLdSource, type JsonLdOptions } from '../jsonld/jsonld-source.ts';
import { readSetting } from '../source-settings.ts';
import { WTTJ_ACK_ENV, WTTJ_DEFAULT_ORIGIN, WTTJ_SETTINGS } from './settings.ts';
/** Job pages: `/fr/companies/<company>/jobs/<slug>` (any language prefix). */
export const WTTJ_JOB_URL_PATTERN = /^\/[a-z]{2}\/companies\/[^/]+\/jobs\/[^/?#]+\/?$/;

export interface WttjOptions extends Omit<JsonLdOptions, 'seeds'> {
  /** Stands in for `JOBBENCH_WTTJ_ACKNOWLEDGE=yes`. */
  acknowledged?: boolean;
  /** Site root (`JOBBENCH_WTTJ_BASE_URL`); tests point it at a local server. */
  origin?: string;
  /** Sitemaps to read; default `<origin>/sitemap.xml`. */
  seeds?: readonly string[];
}

/** Whether the user opted in, by option or environment. */
export function wttjAcknowledged(options: { acknowledged?: boolean }, env: Env): boolean {
  return (
    options.acknowledged === true || readSetting(WTTJ_SETTINGS.source, WTTJ_SETTINGS.fields.acknowledged, env) === true
  );
}

export function wttjRefusal(): ConfigurationError {
  return new ConfigurationError(
    `source "wttj" is opt-in: Welcome to the Jungle's terms restrict automated collection, so it runs only when you set ${WTTJ_ACK_ENV}=yes after reading docs/sources/wttj.md`,
  );
}

export class WttjSource extends JsonLdSource {
  override readonly requiredEnv: readonly string[];

  constructor(private readonly wttj: WttjOptions) {
    const origin = (wttj.origin ?? WTTJ_DEFAULT_ORIGIN).replace(/\/+$/, '');
    super(
      {
        ...wttj,
        seeds: wttj.seeds ?? [`${origin}/sitemap.xml`],
        jobUrlPattern: wttj.jobUrlPattern ?? WTTJ_JOB_URL_PATTERN,
      },
      { name: 'wttj', sitemapOnly: true, defaultMaxPages: 20, defaultSitemapCacheTtlMs: 24 * 3_600_000 },
    );
    this.requiredEnv = wttj.acknowledged === true ? [] : [WTTJ_ACK_ENV];
  }

  protected override checkPreconditions(context: SourceContext): void {
    if (!wttjAcknowledged(this.wttj, context.env)) throw wttjRefusal();
  }
}
