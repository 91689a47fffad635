/**
 * The source API keys a deployed collector reads from its cloud's secret store: one JSON
 * object holding the variables the sources' settings tables already read (Adzuna's and
 * France Travail's credentials). They are laid over the environment the sources are built
 * from, so each source masks them as it masks keys given in the environment. No message
 * here ever holds a value: only the secret id and the names.
 */
import type { Env } from '../providers/core/index.ts';
import { ConfigurationError } from './errors.ts';

export const SOURCE_KEY_NAMES = [
  'ADZUNA_APP_ID',
  'ADZUNA_APP_KEY',
  'FRANCE_TRAVAIL_CLIENT_ID',
  'FRANCE_TRAVAIL_CLIENT_SECRET',
] as const;

/** The environment variable naming the secret, as the stacks set it on their collectors. */
export const SOURCE_SECRET_ID_VARIABLE = 'JOBBENCH_SOURCE_SECRET_ID';

/** The secret's text checked (a JSON object of non-empty strings, known names only) and laid over `env`. */
export function withSourceKeys(env: Env, secretId: string, secretText: string): Env {
  let parsed: unknown;
  try {
    parsed = JSON.parse(secretText);
  } catch {
    throw new ConfigurationError(`secret ${secretId} is not JSON: it must hold ${SOURCE_KEY_NAMES.join(', ')}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigurationError(`secret ${secretId} must be a JSON object with ${SOURCE_KEY_NAMES.join(', ')}`);
  }
  const entries = Object.entries(parsed);
  const unknown = entries
    .map(([name]) => name)
    .filter((name) => !(SOURCE_KEY_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new ConfigurationError(
      `secret ${secretId} holds unknown names ${unknown.join(', ')} (known: ${SOURCE_KEY_NAMES.join(', ')})`,
    );
  }
  const notText = entries.filter(([, value]) => typeof value !== 'string' || value === '').map(([name]) => name);
  if (notText.length > 0)
    throw new ConfigurationError(`secret ${secretId}: ${notText.join(', ')} must be non-empty strings`);
  return { ...env, ...(parsed as Record<string, string>) };
}
