/**
 * The one place that names every source and builds them from the environment. A
 * requested source that cannot run (unknown name, missing credential, WTTJ without its
 * opt-in) fails here, before any work, with a ConfigurationError naming the variables
 * concerned (never their values).
 *
 * Environment read (besides credentials): `JOBBENCH_ADZUNA_BASE_URL`,
 * `JOBBENCH_ADZUNA_QUERIES`, `JOBBENCH_FRANCE_TRAVAIL_API_URL`,
 * `JOBBENCH_FRANCE_TRAVAIL_TOKEN_URL`, `JOBBENCH_FRANCE_TRAVAIL_KEYWORDS`,
 * `JOBBENCH_FRANCE_TRAVAIL_ROME_CODES`, `JOBBENCH_JSONLD_SEEDS`,
 * `JOBBENCH_JSONLD_URL_PATTERN`, `JOBBENCH_JSONLD_MAX_PAGES`, `JOBBENCH_WTTJ_ACKNOWLEDGE`,
 * `JOBBENCH_WTTJ_BASE_URL` (lists are comma-separated), and for every real source the byte
 * caps `JOBBENCH_MAX_RESPONSE_BYTES` and `JOBBENCH_MAX_SITEMAP_BYTES` (a `policy` option wins).
 */
import type { Env } from '../../providers/core/index.ts';
import { ConfigurationError } from '../errors.ts';
import type { Source } from './source.ts';
import type { SourcePolicy } from './policies.ts';
import { createSampleSource } from './sample/index.ts';
import { AdzunaSource, type AdzunaOptions } from './adzuna/adzuna-source.ts';
import { FranceTravailSource, type FranceTravailOptions } from './francetravail/francetravail-source.ts';
import { JsonLdSource, type JsonLdOptions } from './jsonld/jsonld-source.ts';
import { WttjSource, wttjAcknowledged, wttjRefusal, type WttjOptions } from './wttj/wttj-source.ts';

export const KNOWN_SOURCES = ['sample', 'adzuna', 'francetravail', 'jsonld', 'wttj'] as const;
export type SourceName = (typeof KNOWN_SOURCES)[number];

export interface CreateSourcesOptions {
  env: Env;
  /** Sample generator size. */
  scale: number;
  /** Sample generator seed. */
  seed: number;
  now?: () => Date;
  /** Per-source options laid over those read from the environment, keyed by source name (tests, programmatic use). */
  overrides?: Partial<Record<string, unknown>>;
}

export function isKnownSource(name: string): name is SourceName {
  return (KNOWN_SOURCES as readonly string[]).includes(name);
}

export function createSources(names: readonly string[], options: CreateSourcesOptions): Source[] {
  const unique = [...new Set(names.map((n) => n.trim()).filter((n) => n !== ''))];
  for (const name of unique) {
    if (!isKnownSource(name)) throw new ConfigurationError(`unknown source "${name}" (known: ${KNOWN_SOURCES.join(', ')})`);
  }
  return unique.map((name) => createSource(name as SourceName, options));
}

function createSource(name: SourceName, options: CreateSourcesOptions): Source {
  const { env } = options;
  const override = withSizeCaps(env, (options.overrides?.[name] ?? {}) as Record<string, unknown>);
  switch (name) {
    case 'sample':
      return createSampleSource({ scale: options.scale, seed: options.seed, ...(options.now ? { now: options.now } : {}) });
    case 'adzuna': {
      const appId = (override['appId'] as string | undefined) ?? value(env, 'ADZUNA_APP_ID');
      const appKey = (override['appKey'] as string | undefined) ?? value(env, 'ADZUNA_APP_KEY');
      requireAll(name, { ADZUNA_APP_ID: appId, ADZUNA_APP_KEY: appKey });
      const fromEnv: Partial<AdzunaOptions> = {
        ...opt('baseUrl', value(env, 'JOBBENCH_ADZUNA_BASE_URL')),
        ...opt('queries', list(env, 'JOBBENCH_ADZUNA_QUERIES')),
      };
      return new AdzunaSource({ ...fromEnv, ...override, appId: appId as string, appKey: appKey as string } as AdzunaOptions);
    }
    case 'francetravail': {
      const clientId = (override['clientId'] as string | undefined) ?? value(env, 'FRANCE_TRAVAIL_CLIENT_ID');
      const clientSecret = (override['clientSecret'] as string | undefined) ?? value(env, 'FRANCE_TRAVAIL_CLIENT_SECRET');
      requireAll(name, { FRANCE_TRAVAIL_CLIENT_ID: clientId, FRANCE_TRAVAIL_CLIENT_SECRET: clientSecret });
      const fromEnv: Partial<FranceTravailOptions> = {
        ...opt('apiBaseUrl', value(env, 'JOBBENCH_FRANCE_TRAVAIL_API_URL')),
        ...opt('tokenUrl', value(env, 'JOBBENCH_FRANCE_TRAVAIL_TOKEN_URL')),
        ...opt('keywords', list(env, 'JOBBENCH_FRANCE_TRAVAIL_KEYWORDS')),
        ...opt('romeCodes', list(env, 'JOBBENCH_FRANCE_TRAVAIL_ROME_CODES')),
      };
      return new FranceTravailSource({ ...fromEnv, ...override, clientId: clientId as string, clientSecret: clientSecret as string } as FranceTravailOptions);
    }
    case 'jsonld': {
      const seeds = (override['seeds'] as readonly string[] | undefined) ?? list(env, 'JOBBENCH_JSONLD_SEEDS');
      if (!seeds || seeds.length === 0) {
        throw new ConfigurationError('source "jsonld" needs seed URLs (sitemaps or listing pages): set JOBBENCH_JSONLD_SEEDS (comma-separated)');
      }
      for (const seed of seeds) checkUrl('JOBBENCH_JSONLD_SEEDS', seed);
      const fromEnv: Partial<JsonLdOptions> = {
        ...opt('jobUrlPattern', pattern(env, 'JOBBENCH_JSONLD_URL_PATTERN')),
        ...opt('maxPagesPerRun', positiveInt(env, 'JOBBENCH_JSONLD_MAX_PAGES')),
      };
      return new JsonLdSource({ ...fromEnv, ...override, seeds } as JsonLdOptions);
    }
    case 'wttj': {
      const wttj = { ...opt('origin', value(env, 'JOBBENCH_WTTJ_BASE_URL')), ...override } as WttjOptions;
      if (!wttjAcknowledged(wttj, env)) throw wttjRefusal();
      return new WttjSource(wttj);
    }
  }
}

/** The override with the environment's byte caps under its own `policy` fields. */
function withSizeCaps(env: Env, override: Record<string, unknown>): Record<string, unknown> {
  const caps: Partial<SourcePolicy> = {
    ...opt('maxResponseBytes', positiveInt(env, 'JOBBENCH_MAX_RESPONSE_BYTES')),
    ...opt('maxSitemapBytes', positiveInt(env, 'JOBBENCH_MAX_SITEMAP_BYTES')),
  };
  if (Object.keys(caps).length === 0) return override;
  return { ...override, policy: { ...caps, ...((override['policy'] as Partial<SourcePolicy> | undefined) ?? {}) } };
}

function value(env: Env, key: string): string | undefined {
  const v = env[key]?.trim();
  return v === undefined || v === '' ? undefined : v;
}

function list(env: Env, key: string): string[] | undefined {
  const v = value(env, key);
  return v === undefined ? undefined : v.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

function pattern(env: Env, key: string): RegExp | undefined {
  const v = value(env, key);
  if (v === undefined) return undefined;
  try {
    return new RegExp(v);
  } catch {
    throw new ConfigurationError(`${key} is not a valid regular expression`);
  }
}

function positiveInt(env: Env, key: string): number | undefined {
  const v = value(env, key);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new ConfigurationError(`${key} must be a positive integer`);
  return Number(v);
}

function checkUrl(key: string, url: string): void {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http');
  } catch {
    throw new ConfigurationError(`${key} holds something that is not an http(s) URL (entry ${JSON.stringify(url.slice(0, 80))})`);
  }
}

/** `{ key: value }` when the value is defined, else `{}` (keeps `undefined` out of option objects). */
function opt<K extends string, V>(key: K, v: V | undefined): Partial<Record<K, V>> {
  return v === undefined ? {} : ({ [key]: v } as Record<K, V>);
}

function requireAll(source: string, values: Record<string, string | undefined>): void {
  const missing = Object.entries(values).filter(([, v]) => v === undefined || v === '').map(([k]) => k);
  if (missing.length > 0) {
    throw new ConfigurationError(`source "${source}" needs ${missing.join(' and ')}: set ${missing.length > 1 ? 'them' : 'it'} in the environment (see docs/sources/)`);
  }
}
