/**
 * Errors the pipeline raises for bad usage or configuration (missing credential,
 * unknown source, unreadable file): the CLI turns them into exit 2 and one line.
 */
export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigurationError';
  }
}
