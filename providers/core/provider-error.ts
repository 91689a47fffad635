/**
 * One error type for every provider failure (flystorage's facade idea, OpenDAL's
 * temporary/permanent status): a stable string `code`, whether retrying can help,
 * which provider and operation failed, and the vendor error as `cause`.
 */

/** Stable codes: tests, retries and results branch on these, never on messages. */
export type ProviderErrorCode =
  | 'not-found'
  | 'already-exists'
  | 'conflict'
  | 'unauthenticated'
  | 'forbidden'
  | 'throttled'
  | 'unavailable'
  | 'timeout'
  | 'connection'
  | 'invalid-request'
  | 'invalid-config'
  | 'quota-exceeded'
  | 'unsupported'
  | 'checksum-mismatch'
  | 'unknown';

/** Whether a code is worth retrying when the vendor gives no better hint. */
export const RETRYABLE_BY_DEFAULT: Readonly<Record<ProviderErrorCode, boolean>> = {
  'not-found': false,
  'already-exists': false,
  conflict: true,
  unauthenticated: false,
  forbidden: false,
  throttled: true,
  unavailable: true,
  timeout: true,
  connection: true,
  'invalid-request': false,
  'invalid-config': false,
  'quota-exceeded': false,
  unsupported: false,
  'checksum-mismatch': true,
  unknown: false,
};

export interface ProviderErrorInit {
  code: ProviderErrorCode;
  /** Provider name (`local`, `aws`, …). */
  provider: string;
  /** Interface operation that failed, e.g. `store.put`, `warehouse.load`. */
  operation: string;
  /** Overrides the default for the code (a vendor may say more, e.g. Retry-After). */
  retryable?: boolean;
  /** The original vendor error; never shown to users verbatim (it may hold hosts). */
  cause?: unknown;
  /** Object key or table concerned, when there is one. */
  subject?: string;
}

/**
 * A registry-wide brand instead of `instanceof`: when one file is loaded twice (CommonJS
 * and ESM copies under a TypeScript loader), classes differ but the brand still matches.
 */
const PROVIDER_ERROR = Symbol.for('jobbench.ProviderError');

export class ProviderError extends Error {
  readonly [PROVIDER_ERROR] = true;
  readonly code: ProviderErrorCode;
  readonly provider: string;
  readonly operation: string;
  readonly retryable: boolean;
  readonly subject: string | undefined;

  constructor(message: string, init: ProviderErrorInit) {
    super(message, { cause: init.cause });
    this.name = 'ProviderError';
    this.code = init.code;
    this.provider = init.provider;
    this.operation = init.operation;
    this.subject = init.subject;
    this.retryable = init.retryable ?? RETRYABLE_BY_DEFAULT[init.code];
  }

  /**
   * Builds the sentence form: `ProviderError.because('local', 'store.get', 'not-found',
   * 'no object at raw/x.json')` → "local store.get failed: no object at raw/x.json".
   */
  static because(
    provider: string,
    operation: string,
    code: ProviderErrorCode,
    reason: string,
    extra: Omit<ProviderErrorInit, 'provider' | 'operation' | 'code'> = {},
  ): ProviderError {
    return new ProviderError(`${provider} ${operation} failed: ${reason}`, {
      provider,
      operation,
      code,
      ...extra,
    });
  }
}

export function isProviderError(value: unknown): value is ProviderError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[PROVIDER_ERROR] === true;
}

/**
 * True when the error itself is a ProviderError with this code. Its `cause` is not looked at:
 * providers and layers throw ProviderErrors unwrapped, and a wrapper such as PipelineError is
 * a different failure that callers must not mistake for, say, a missing object.
 */
export function hasErrorCode(value: unknown, code: ProviderErrorCode): boolean {
  return isProviderError(value) && value.code === code;
}
