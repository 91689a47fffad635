/**
 * Errors the pipeline raises for bad usage or configuration (missing credential,
 * unknown source, unreadable file): the CLI turns them into exit 2 and one line.
 */

/** Brand checked instead of `instanceof`, which fails when a module is loaded twice. */
const CONFIGURATION_ERROR = Symbol.for('jobbench.ConfigurationError');

export class ConfigurationError extends Error {
  readonly [CONFIGURATION_ERROR] = true;

  constructor(message: string) {
    super(message);
    this.name = 'ConfigurationError';
  }
}

export function isConfigurationError(value: unknown): value is ConfigurationError {
  return (
    typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[CONFIGURATION_ERROR] === true
  );
}
