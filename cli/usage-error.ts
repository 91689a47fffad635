import { isConfigurationError } from '../pipeline/errors.ts';
import { isProviderError } from '../providers/core/provider-error.ts';

/** Bad usage of the command line itself (unknown value, missing argument): exit 2. */
const USAGE_ERROR = Symbol.for('jobbench.UsageError');

export class UsageError extends Error {
  readonly [USAGE_ERROR] = true;

  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Exit 2 for usage and configuration problems (README, "Exit codes"), else 1. */
export function exitCodeFor(error: unknown): 1 | 2 {
  const branded = (symbol: symbol) =>
    typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[symbol] === true;
  if (branded(USAGE_ERROR) || isConfigurationError(error)) return 2;
  if (isProviderError(error) && error.code === 'invalid-config') return 2;
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = String((error as { code: unknown }).code);
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') return 2; // unreadable file
  }
  return 1;
}

/**
 * One line, no stack: the first line of the error's message. Its cause is left out on purpose:
 * a provider's cause is the vendor error, which may name hosts (provider-error.ts).
 */
export function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
