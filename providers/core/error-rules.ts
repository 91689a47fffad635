/**
 * The shape of every provider's vendor-error table (OpenDAL's idea: mapping is data,
 * each line citing the vendor doc it relies on) and the one way a matched rule becomes a
 * ProviderError, so the three clouds' errors.ts hold only their tables and lookups.
 */
import { isProviderError, ProviderError, type ProviderErrorCode } from './provider-error.ts';

export interface ErrorRule {
  code: ProviderErrorCode;
  /** Overrides the code's default when the vendor says more. */
  retryable?: boolean;
  /** Vendor page the rule relies on. */
  doc: string;
}

const NODE_ERRORS = 'https://nodejs.org/api/errors.html#common-system-errors';

/** Node socket errno names, seen by every SDK when no HTTP answer came. */
export const NODE_NETWORK_RULES: Readonly<Record<string, ErrorRule>> = {
  ECONNREFUSED: { code: 'connection', doc: NODE_ERRORS },
  ECONNRESET: { code: 'connection', doc: NODE_ERRORS },
  EPIPE: { code: 'connection', doc: NODE_ERRORS },
  EAI_AGAIN: { code: 'connection', doc: NODE_ERRORS },
  ENOTFOUND: { code: 'invalid-config', doc: NODE_ERRORS },
  ETIMEDOUT: { code: 'timeout', doc: NODE_ERRORS },
};

/**
 * A ProviderError from the rule a vendor error matched (`unknown` when none did). An
 * error that already is a ProviderError passes through unchanged.
 */
export function errorFromRule(
  provider: string,
  operation: string,
  error: unknown,
  rule: ErrorRule | null,
  reason: string,
  subject?: string,
): ProviderError {
  if (isProviderError(error)) return error;
  return ProviderError.because(provider, operation, rule?.code ?? 'unknown', reason, {
    cause: error,
    ...(subject ? { subject } : {}),
    ...(rule?.retryable === undefined ? {} : { retryable: rule.retryable }),
  });
}
