/**
 * Builds the sources a run asks for, from their settings tables (`<source>/settings.ts`,
 * read by source-settings.ts the way providers read theirs). Everything a requested source
 * needs is checked here, before any source is built and so before any work: an unknown
 * name, an unknown or unreadable setting, a missing required setting (every one of every
 * selected source, in one line) and WTTJ's opt-in each fail with a ConfigurationError
 * (exit 2) naming the variables concerned, never their values.
 */
import type { Env } from '../../providers/core/index.ts';
import { ConfigurationError } from '../errors.ts';
import { isSourceName, SOURCE_NAMES, type Source, type SourceName } from './source.ts';
import type { SourcePolicy } from './policies.ts';
import { missingSettings, readSourceSettings, type SourceSettings } from './source-settings.ts';
import { createSampleSource } from './sample/index.ts';
import { SAMPLE_SETTINGS } from './sample/settings.ts';
import { AdzunaSource, type AdzunaOptions } from './adzuna/adzuna-source.ts';
import { ADZUNA_SETTINGS } from './adzuna/settings.ts';
import { FranceTravailSource, type FranceTravailOptions } from './francetravail/francetravail-source.ts';
import { FRANCE_TRAVAIL_SETTINGS } from './francetravail/settings.ts';
import { JsonLdSource, type JsonLdOptions } from './jsonld/jsonld-source.ts';
import { JSONLD_SETTINGS } from './jsonld/settings.ts';
import { WttjSource, wttjRefusal, type WttjOptions } from './wttj/wttj-source.ts';
import { WTTJ_SETTINGS } from './wttj/settings.ts';

/** Each source's settings table, by name. */
export const SOURCE_SETTINGS: { readonly [N in SourceName]: SourceSettings } = {
  sample: SAMPLE_SETTINGS,
  adzuna: ADZUNA_SETTINGS,
  francetravail: FRANCE_TRAVAIL_SETTINGS,
  jsonld: JSONLD_SETTINGS,
  wttj: WTTJ_SETTINGS,
};

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

type Options = Record<string, unknown>;

interface Configured {
  name: SourceName;
  /** Read from the environment by the source's settings table. */
  settings: Options;
  /** Options given in code, laid over the settings. */
  override: Options;
}

export function createSources(names: readonly string[], options: CreateSourcesOptions): Source[] {
  const unique = [...new Set(names.map((n) => n.trim()).filter((n) => n !== ''))];
  for (const name of unique) {
    if (!isSourceName(name)) {
      throw new ConfigurationError(`unknown source "${name}" (known: ${SOURCE_NAMES.join(', ')})`);
    }
  }
  const configured: Configured[] = (unique as SourceName[]).map((name) => ({
    name,
    settings: readSourceSettings(SOURCE_SETTINGS[name], options.env),
    override: (options.overrides?.[name] ?? {}) as Options,
  }));
  refuseMissingSettings(configured);
  const wttj = configured.find((c) => c.name === 'wttj');
  // The opt-in is checked here, before the run, and again by the source before its first request.
  if (wttj && wttj.settings.acknowledged !== true && wttj.override.acknowledged !== true) throw wttjRefusal();
  return configured.map((c) => createSource(c, options));
}

/** One line naming every required setting missing from every selected source. */
function refuseMissingSettings(configured: readonly Configured[]): void {
  const missing = configured
    .map(({ name, settings, override }) => ({
      name,
      variables: missingSettings(SOURCE_SETTINGS[name], { ...settings, ...override }),
    }))
    .filter(({ variables }) => variables.length > 0);
  if (missing.length === 0) return;
  const needs = missing.map(({ name, variables }) => `source "${name}" needs ${variables.join(' and ')}`);
  const them = missing.length > 1 || missing[0]!.variables.length > 1 ? 'them' : 'it';
  throw new ConfigurationError(`${needs.join('; ')}: set ${them} in the environment (see docs/sources/)`);
}

function createSource({ name, settings, override }: Configured, options: CreateSourcesOptions): Source {
  switch (name) {
    case 'sample':
      return createSampleSource({
        scale: options.scale,
        seed: options.seed,
        ...(options.now ? { now: options.now } : {}),
      });
    case 'adzuna':
      return new AdzunaSource(sourceOptions<AdzunaOptions>(settings, override));
    case 'francetravail':
      return new FranceTravailSource(sourceOptions<FranceTravailOptions>(settings, override));
    case 'jsonld':
      return new JsonLdSource(sourceOptions<JsonLdOptions>(settings, override));
    case 'wttj': {
      // Not handed on: the source checks the run's environment itself (its requiredEnv names the opt-in).
      const { acknowledged: _checkedAbove, ...rest } = settings;
      return new WttjSource(sourceOptions<WttjOptions>(rest, override));
    }
  }
}

/**
 * A source's options: the settings read, their byte caps moved under `policy`, the override
 * laid over both (its own `policy` field by field). Complete once the required settings
 * were found, which createSources checked before building anything.
 */
function sourceOptions<O>(settings: Options, override: Options): O {
  const { maxResponseBytes, maxSitemapBytes, ...options } = settings;
  const caps = { maxResponseBytes, maxSitemapBytes } as Partial<SourcePolicy>;
  const policy = { ...caps, ...((override.policy as Partial<SourcePolicy> | undefined) ?? {}) };
  return { ...options, ...override, policy } as O;
}
