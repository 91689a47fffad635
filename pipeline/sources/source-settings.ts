/**
 * Sources read their settings the way providers do (providers/core/config.ts): one table
 * per source, one prefix (`JOBBENCH_ADZUNA_`), a default per field, secret fields marked,
 * and an unknown variable under the prefix refused, so a typo never silently falls back to
 * a default. providers/core's `readConfig` is not reused: it yields strings and throws a
 * provider's error, while a source's fields are typed (lists, URLs, integers), some keep
 * documented names outside the prefix (`ADZUNA_APP_ID`), and a bad source setting is a
 * ConfigurationError (exit 2). No message ever quotes a setting's value, only its name.
 */
import type { Env } from '../../providers/core/index.ts';
import { ConfigurationError } from '../errors.ts';

/** Thrown by a parser with the rule the text broke (`must be a positive integer`); the reader names the variable. */
export class SettingParseError extends Error {}

export interface SettingField<T> {
  /** The whole variable name: under the table's prefix, or a documented name outside it (`ADZUNA_APP_ID`). */
  variable: string;
  /** The trimmed, non-empty text → the value; throws SettingParseError. */
  parse: (text: string) => T;
  /** Used when the variable is unset or empty; without one the source's own default applies. */
  default?: T;
  /** The source cannot run without it (from the environment or the option of the same name). */
  required?: boolean;
  /** A credential: masked in everything the source's requests produce (errors, events, the lake). */
  secret?: boolean;
  /** What to set, said in the missing-setting message (`seed URLs: sitemaps or listing pages`). */
  hint?: string;
}

/** Fields keyed by the source option each one sets. */
export type SettingFields = Readonly<Record<string, SettingField<unknown>>>;

export interface SourceSettings<F extends SettingFields = SettingFields> {
  /** The source's name, as `--sources` takes it. */
  source: string;
  /** Every `<prefix>*` variable not in `fields` is refused. */
  prefix: string;
  /** The page documenting every field, relative to the repository root. */
  docs: string | null;
  fields: F;
}

/** The values read, keyed by option; a field unset and without default is absent. */
export type SettingValues<F extends SettingFields> = {
  -readonly [K in keyof F]?: F[K] extends SettingField<infer T> ? T : never;
};

/** One field with its value type inferred from its parser (a table's literal would widen it). */
export function setting<T>(field: SettingField<T>): SettingField<T> {
  return field;
}

/** Refuses unknown prefixed variables, then reads and parses every field. */
export function readSourceSettings<F extends SettingFields>(table: SourceSettings<F>, env: Env): SettingValues<F> {
  rejectUnknownSettings(table, env);
  const values: Record<string, unknown> = {};
  for (const [option, field] of Object.entries(table.fields)) {
    const value = readSetting(table.source, field, env);
    if (value !== undefined) values[option] = value;
  }
  return values as SettingValues<F>;
}

/** One field's value: parsed from its variable, else its default, else undefined. */
export function readSetting<T>(source: string, field: SettingField<T>, env: Env): T | undefined {
  const text = env[field.variable]?.trim();
  if (text === undefined || text === '') return field.default;
  try {
    return field.parse(text);
  } catch (error) {
    if (!(error instanceof SettingParseError)) throw error;
    throw new ConfigurationError(`source "${source}": ${field.variable} ${error.message}`);
  }
}

function rejectUnknownSettings(table: SourceSettings, env: Env): void {
  const known = Object.values(table.fields)
    .map((f) => f.variable)
    .filter((v) => v.startsWith(table.prefix))
    .sort();
  const set = Object.keys(env).filter((name) => env[name] !== undefined);
  const unknown = set.filter((name) => name.startsWith(table.prefix) && !known.includes(name)).sort();
  if (unknown.length === 0) return;
  const knownList = known.length > 0 ? known.join(', ') : `none under ${table.prefix}`;
  throw new ConfigurationError(`source "${table.source}": unknown setting ${unknown.join(', ')} (known: ${knownList})`);
}

/** The variables of the required fields that neither the environment nor the options set. */
export function missingSettings(table: SourceSettings, options: Readonly<Record<string, unknown>>): string[] {
  return Object.entries(table.fields)
    .filter(([option, field]) => field.required === true && (options[option] === undefined || options[option] === ''))
    .map(([, field]) => (field.hint ? `${field.variable} (${field.hint})` : field.variable));
}

/** The variables a source cannot run without (its `requiredEnv`). */
export function requiredVariables(table: SourceSettings): string[] {
  return Object.values(table.fields)
    .filter((f) => f.required === true)
    .map((f) => f.variable);
}

/** The variables holding credentials, named (never quoted) when a source refuses to send them. */
export function secretVariables(table: SourceSettings): string[] {
  return Object.values(table.fields)
    .filter((f) => f.secret === true)
    .map((f) => f.variable);
}

/** The option values of the secret fields: what the source's fetcher masks. */
export function secretValues(table: SourceSettings, options: object): string[] {
  const byOption = options as Readonly<Record<string, unknown>>;
  return Object.entries(table.fields)
    .filter(([option, field]) => field.secret === true && typeof byOption[option] === 'string')
    .map(([option]) => byOption[option] as string);
}
