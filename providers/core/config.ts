/**
 * Reads provider configuration from the environment, one prefix per provider (OpenDAL,
 * dlt): a missing value names every key that was tried; an unknown key under the
 * prefix is rejected, so a typo never silently falls back to a default.
 */
import { ProviderError } from './provider-error.ts';

export interface ConfigField {
  /** Variable name after the prefix, e.g. `REGION` for `JOBBENCH_AWS_REGION`. */
  key: string;
  /** Other variables tried in order when the prefixed one is absent (e.g. `AWS_REGION`). */
  fallbacks?: readonly string[];
  /** Used when no variable is set; omit to make the field required. */
  default?: string;
  /** Never echoed in errors or logs. */
  secret?: boolean;
}

export type Env = Readonly<Record<string, string | undefined>>;

export function readConfig<const F extends readonly ConfigField[]>(
  provider: string,
  prefix: string,
  fields: F,
  env: Env,
): Record<F[number]['key'], string> {
  const known = new Set(fields.map((f) => `${prefix}${f.key}`));
  const unknown = Object.keys(env).filter((name) => name.startsWith(prefix) && !known.has(name));
  if (unknown.length > 0) {
    throw ProviderError.because(
      provider,
      'config',
      'invalid-config',
      `unknown setting ${unknown.sort().join(', ')} (known: ${[...known].sort().join(', ')})`,
    );
  }
  const out: Record<string, string> = {};
  for (const field of fields) {
    const value = readSetting(prefix, field, env);
    if (value !== undefined) out[field.key] = value;
    else {
      const tried = [`${prefix}${field.key}`, ...(field.fallbacks ?? [])];
      throw ProviderError.because(
        provider,
        'config',
        'invalid-config',
        `missing setting: set one of ${tried.join(', ')}`,
      );
    }
  }
  return out as Record<F[number]['key'], string>;
}

/** One setting: the prefixed variable, else its fallbacks in order, else its default. */
export function readSetting(prefix: string, field: ConfigField, env: Env): string | undefined {
  const tried = [`${prefix}${field.key}`, ...(field.fallbacks ?? [])];
  return tried.map((name) => env[name]).find((value) => value !== undefined && value !== '') ?? field.default;
}

/**
 * A yes/no setting read from its text: `true` or `false`, nothing else, so a typo such as
 * `ture` or `1` stops the run instead of quietly meaning "no".
 */
export function settingIsOn(provider: string, variable: string, value: string): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw ProviderError.because(provider, 'config', 'invalid-config', `${variable} must be true or false`);
}
