/**
 * Google API failures → ProviderError. Cloud Storage and BigQuery answer with an HTTP
 * status and an `errors[].reason`, which the client libraries expose on their ApiError
 * as `code` (the status) and `errors`; BigQuery job failures carry the same reasons in
 * `status.errorResult`.
 */
import { errorFromRule, NODE_NETWORK_RULES, type ErrorRule, type ProviderError } from '../core/index.ts';

const BQ = 'https://cloud.google.com/bigquery/docs/error-messages';
const GCS = 'https://cloud.google.com/storage/docs/json_api/v1/status-codes';
const NODE_FETCH = 'https://github.com/node-fetch/node-fetch/blob/2.x/ERROR-HANDLING.md';

/** The client's own request timeout (node-fetch 2 under @google-cloud/storage): no answer in time. */
const REQUEST_TIMEOUT: ErrorRule = { code: 'timeout', retryable: true, doc: NODE_FETCH };

/** Error reasons shared by the Google JSON APIs, as BigQuery and Cloud Storage document them. */
export const GOOGLE_REASONS: Readonly<Record<string, ErrorRule>> = {
  notFound: { code: 'not-found', doc: BQ }, // 404
  duplicate: { code: 'already-exists', doc: BQ }, // 409: dataset, table or job already exists
  conflict: { code: 'conflict', doc: GCS }, // 409
  conditionNotMet: { code: 'conflict', retryable: false, doc: GCS }, // 412 precondition (ifGenerationMatch…)
  accessDenied: { code: 'forbidden', doc: BQ }, // 403
  forbidden: { code: 'forbidden', doc: GCS }, // 403
  insufficientPermissions: { code: 'forbidden', doc: GCS }, // 403
  authError: { code: 'unauthenticated', doc: GCS }, // 401
  required: { code: 'unauthenticated', doc: GCS }, // 401 "Anonymous caller does not have … access"
  unauthorized: { code: 'unauthenticated', doc: GCS }, // 401
  rateLimitExceeded: { code: 'throttled', retryable: true, doc: BQ }, // 403 in BigQuery, 429 in Storage: back off and retry
  userRateLimitExceeded: { code: 'throttled', retryable: true, doc: GCS }, // 429
  tooManyRequests: { code: 'throttled', retryable: true, doc: GCS }, // 429
  quotaExceeded: { code: 'quota-exceeded', doc: BQ }, // 403: a quota ran out; retrying soon will not help
  bytesBilledLimitExceeded: { code: 'quota-exceeded', doc: BQ }, // 400: the job would bill more than maximumBytesBilled
  billingTierLimitExceeded: { code: 'quota-exceeded', doc: BQ }, // 400
  resourcesExceeded: { code: 'quota-exceeded', doc: BQ }, // 400: the query used too many resources
  responseTooLarge: { code: 'invalid-request', doc: BQ }, // 403
  backendError: { code: 'unavailable', retryable: true, doc: BQ }, // 500/503: "retry using exponential backoff"
  internalError: { code: 'unavailable', retryable: true, doc: BQ }, // 500
  jobBackendError: { code: 'unavailable', retryable: true, doc: BQ }, // 400 job failed on the backend: retry the job
  jobInternalError: { code: 'unavailable', retryable: true, doc: BQ }, // 400
  tableUnavailable: { code: 'unavailable', retryable: true, doc: BQ }, // 400
  timeout: { code: 'timeout', retryable: true, doc: BQ }, // 400 job timed out
  stopped: { code: 'conflict', retryable: true, doc: BQ }, // 200 job stopped (cancelled)
  invalid: { code: 'invalid-request', doc: BQ }, // 400
  invalidQuery: { code: 'invalid-request', doc: BQ }, // 400
  invalidArgument: { code: 'invalid-request', doc: GCS }, // 400
  badRequest: { code: 'invalid-request', doc: GCS }, // 400
  notImplemented: { code: 'unsupported', doc: BQ }, // 501
};

export const GOOGLE_HTTP_STATUS: Readonly<Record<number, ErrorRule>> = {
  400: { code: 'invalid-request', doc: GCS },
  401: { code: 'unauthenticated', doc: GCS },
  403: { code: 'forbidden', doc: GCS },
  404: { code: 'not-found', doc: GCS },
  408: { code: 'timeout', retryable: true, doc: GCS },
  409: { code: 'conflict', doc: GCS },
  412: { code: 'conflict', retryable: false, doc: GCS },
  429: { code: 'throttled', retryable: true, doc: GCS },
  500: { code: 'unavailable', retryable: true, doc: GCS }, // "retry using exponential backoff"
  502: { code: 'unavailable', retryable: true, doc: GCS },
  503: { code: 'unavailable', retryable: true, doc: GCS },
  504: { code: 'timeout', retryable: true, doc: GCS },
};

interface GoogleLikeError {
  code?: number | string;
  /** node-fetch's FetchError kind (`request-timeout`, `system`…). */
  type?: string;
  errors?: Array<{ reason?: string }>;
  /** BigQuery job failures. */
  reason?: string;
  cause?: unknown;
}

function reasonOf(e: GoogleLikeError): string | undefined {
  return e.errors?.find((item) => item.reason)?.reason ?? e.reason;
}

export function classifyGoogleError(error: unknown): ErrorRule | null {
  if (typeof error !== 'object' || error === null) return null;
  const e = error as GoogleLikeError;
  const reason = reasonOf(e);
  if (reason && GOOGLE_REASONS[reason]) return GOOGLE_REASONS[reason]!;
  if (typeof e.code === 'number' && GOOGLE_HTTP_STATUS[e.code]) return GOOGLE_HTTP_STATUS[e.code]!;
  if (e.type === 'request-timeout') return REQUEST_TIMEOUT;
  const errno = typeof e.code === 'string' ? e.code : (e.cause as { code?: string } | undefined)?.code;
  if (errno && NODE_NETWORK_RULES[errno]) return NODE_NETWORK_RULES[errno]!;
  return null;
}

/** Wraps a Cloud Storage or BigQuery error; the message names the reason and status, never the endpoint. */
export function googleError(error: unknown, operation: string, subject?: string): ProviderError {
  const rule = classifyGoogleError(error);
  const e = (typeof error === 'object' && error !== null ? error : {}) as GoogleLikeError;
  const what =
    reasonOf(e) ?? (typeof e.code === 'string' ? e.code : e.type === 'request-timeout' ? 'request-timeout' : 'error');
  const status = typeof e.code === 'number' ? ` (HTTP ${e.code})` : '';
  // BigQuery's own message (the SQL error) helps and names tables, not hosts.
  const detail =
    operation.startsWith('warehouse.') && error instanceof Error && rule?.code === 'invalid-request'
      ? `: ${error.message}`
      : '';
  return errorFromRule(
    'gcp',
    operation,
    error,
    rule,
    `${what}${status}${subject ? ` on ${subject}` : ''}${detail}`,
    subject,
  );
}
