/**
 * Azure failures → ProviderError. Blob Storage answers with an `x-ms-error-code` that
 * @azure/storage-blob exposes as `RestError.code`, next to `statusCode`; the database
 * errors are PostgreSQL's (SQLSTATE, mapped in providers/postgres/pg-client.ts).
 */
import { errorFromRule, NODE_NETWORK_RULES, type ErrorRule, type ProviderError } from '../core/index.ts';
import { pgProviderError } from '../postgres/pg-client.ts';

const BLOB = 'https://learn.microsoft.com/rest/api/storageservices/blob-service-error-codes';
const COMMON = 'https://learn.microsoft.com/rest/api/storageservices/common-rest-api-error-codes';
const NODE = 'https://nodejs.org/api/errors.html#common-system-errors';

/** Storage error codes (`x-ms-error-code`). */
export const BLOB_ERROR_CODES: Readonly<Record<string, ErrorRule>> = {
  BlobNotFound: { code: 'not-found', doc: BLOB }, // 404
  ContainerNotFound: { code: 'invalid-config', doc: BLOB }, // 404: the configured container does not exist
  ResourceNotFound: { code: 'not-found', doc: COMMON }, // 404
  ContainerAlreadyExists: { code: 'already-exists', doc: BLOB }, // 409
  BlobAlreadyExists: { code: 'already-exists', doc: BLOB }, // 409
  ContainerBeingDeleted: { code: 'conflict', retryable: true, doc: BLOB }, // 409
  ConditionNotMet: { code: 'conflict', retryable: false, doc: COMMON }, // 412
  LeaseIdMissing: { code: 'conflict', doc: BLOB }, // 412: the blob is leased
  AuthenticationFailed: { code: 'unauthenticated', doc: COMMON }, // 403: bad key or expired SAS
  AuthorizationFailure: { code: 'forbidden', doc: COMMON }, // 403
  AuthorizationPermissionMismatch: { code: 'forbidden', doc: COMMON }, // 403: SAS lacks the permission
  AuthorizationResourceTypeMismatch: { code: 'forbidden', doc: COMMON }, // 403
  InsufficientAccountPermissions: { code: 'forbidden', doc: COMMON }, // 403
  AccountIsDisabled: { code: 'forbidden', doc: COMMON }, // 403
  ServerBusy: { code: 'throttled', retryable: true, doc: COMMON }, // 503: "The server is currently unable to receive requests. Please retry."
  InternalError: { code: 'unavailable', retryable: true, doc: COMMON }, // 500
  OperationTimedOut: { code: 'timeout', retryable: true, doc: COMMON }, // 500
  Md5Mismatch: { code: 'checksum-mismatch', doc: COMMON }, // 400
  Crc64Mismatch: { code: 'checksum-mismatch', doc: COMMON }, // 400
  RequestBodyTooLarge: { code: 'invalid-request', doc: COMMON }, // 413
  InvalidResourceName: { code: 'invalid-request', doc: COMMON }, // 400
  InvalidBlobOrBlock: { code: 'invalid-request', doc: BLOB }, // 400
  InvalidBlockList: { code: 'invalid-request', doc: BLOB }, // 400
  InvalidHeaderValue: { code: 'invalid-request', doc: COMMON }, // 400 (also a too-new x-ms-version)
  InvalidQueryParameterValue: { code: 'invalid-request', doc: COMMON }, // 400
  OutOfRangeInput: { code: 'invalid-request', doc: COMMON }, // 400: e.g. a blob name too long
  AccountBeingCreated: { code: 'unavailable', retryable: true, doc: COMMON }, // 409
  BlobArchived: { code: 'unsupported', doc: BLOB }, // 409: archive tier, must be rehydrated
  // Network-level codes the SDK's RestError carries when no HTTP answer came.
  ...NODE_NETWORK_RULES,
  REQUEST_SEND_ERROR: {
    code: 'connection',
    doc: 'https://learn.microsoft.com/javascript/api/@azure/core-rest-pipeline/resterror',
  },
};

/** Fallback on the HTTP status when the code is missing (HEAD answers carry no body). */
export const BLOB_HTTP_STATUS: Readonly<Record<number, ErrorRule>> = {
  400: { code: 'invalid-request', doc: COMMON },
  401: { code: 'unauthenticated', doc: COMMON },
  403: { code: 'forbidden', doc: COMMON },
  404: { code: 'not-found', doc: COMMON },
  409: { code: 'conflict', doc: COMMON },
  412: { code: 'conflict', retryable: false, doc: COMMON },
  429: { code: 'throttled', retryable: true, doc: COMMON },
  500: { code: 'unavailable', retryable: true, doc: COMMON },
  503: { code: 'throttled', retryable: true, doc: COMMON },
  504: { code: 'timeout', retryable: true, doc: COMMON },
};

interface RestLikeError {
  name?: string;
  code?: string;
  statusCode?: number;
  details?: { errorCode?: string };
}

export function classifyBlobError(error: unknown): ErrorRule | null {
  if (typeof error !== 'object' || error === null) return null;
  const e = error as RestLikeError;
  const code = e.details?.errorCode ?? e.code;
  if (code && BLOB_ERROR_CODES[code]) return BLOB_ERROR_CODES[code]!;
  if (e.statusCode !== undefined && BLOB_HTTP_STATUS[e.statusCode]) return BLOB_HTTP_STATUS[e.statusCode]!;
  if (e.name === 'AbortError') return { code: 'timeout', retryable: true, doc: NODE };
  return null;
}

/** Wraps a Blob Storage error; the message names the storage code, never the account URL. */
export function blobError(error: unknown, operation: string, key?: string): ProviderError {
  const rule = classifyBlobError(error);
  const e = (typeof error === 'object' && error !== null ? error : {}) as RestLikeError;
  const what = e.details?.errorCode ?? e.code ?? e.name ?? 'error';
  const reason = `${what}${e.statusCode ? ` (HTTP ${e.statusCode})` : ''}${key ? ` on ${key}` : ''}`;
  return errorFromRule('azure', operation, error, rule, reason, key);
}

/** Azure Database for PostgreSQL errors: the shared SQLSTATE table. */
export function azurePgError(error: unknown, operation: string): ProviderError {
  return pgProviderError('azure', error, operation);
}
