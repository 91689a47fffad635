/**
 * Why a source's request failed. Messages are sentences that name the source, the
 * method and the sanitized URL; they never hold a credential.
 */

export type SourceFetchErrorCode =
  /** The server answered with a status the source cannot use (after retries for 429/5xx). */
  | 'http-status'
  /** DNS, connection refused or reset, TLS: no HTTP answer at all. */
  | 'network'
  /** No complete answer within the policy's timeout. */
  | 'timeout'
  /** robots.txt forbids the URL for jobbench; the request was never sent. */
  | 'refused-by-robots'
  /** The source's daily request quota is used up; the request was never sent. */
  | 'quota-exhausted'
  /** The run was cancelled through its AbortSignal. */
  | 'aborted'
  /** The answer arrived but cannot be understood (e.g. JSON expected). */
  | 'bad-payload'
  /** The body is larger than the source's byte cap; reading stopped there and nothing was kept. */
  | 'too-large'
  /** The answer redirects where jobbench does not follow (another origin, too many hops). */
  | 'redirect-refused';

export interface SourceFetchErrorInit {
  code: SourceFetchErrorCode;
  source: string;
  /** Sanitized URL, or null when the failure is not about one URL. */
  url: string | null;
  status?: number | null;
  /** Whether another attempt may succeed (429, 5xx, timeouts, network errors). */
  retryable?: boolean;
  /** Server-requested wait before the next attempt (Retry-After), in ms. */
  retryAfterMs?: number | null;
  attempts?: number;
  cause?: unknown;
}

export class SourceFetchError extends Error {
  readonly code: SourceFetchErrorCode;
  readonly source: string;
  readonly url: string | null;
  readonly status: number | null;
  readonly retryable: boolean;
  readonly retryAfterMs: number | null;
  attempts: number;

  constructor(message: string, init: SourceFetchErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'SourceFetchError';
    this.code = init.code;
    this.source = init.source;
    this.url = init.url;
    this.status = init.status ?? null;
    this.retryable = init.retryable ?? false;
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.attempts = init.attempts ?? 1;
  }
}
