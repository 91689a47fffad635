/**
 * AWS failures → ProviderError. S3 errors come from the SDK v3 as exceptions whose `name`
 * is the S3 error code and whose `$metadata.httpStatusCode` is the HTTP status; RDS
 * errors are PostgreSQL's (SQLSTATE, mapped in providers/postgres/pg-client.ts).
 */
import { errorFromRule, NODE_NETWORK_RULES, type ErrorRule, type ProviderError } from '../core/index.ts';
import { pgProviderError } from '../postgres/pg-client.ts';

const S3_ERRORS = 'https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList';
const SDK_RETRY = 'https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html';

/** S3 error codes (`error.name`), from the S3 API reference's error code list. */
export const S3_ERROR_CODES: Readonly<Record<string, ErrorRule>> = {
  NoSuchKey: { code: 'not-found', doc: S3_ERRORS }, // 404 "The specified key does not exist."
  NotFound: { code: 'not-found', doc: 'https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html' }, // HEAD has no body: the SDK names a 404 NotFound
  NoSuchBucket: { code: 'invalid-config', doc: S3_ERRORS }, // 404: the configured bucket does not exist
  NoSuchUpload: { code: 'conflict', doc: S3_ERRORS }, // 404: multipart upload aborted or completed meanwhile
  AccessDenied: { code: 'forbidden', doc: S3_ERRORS }, // 403
  AllAccessDisabled: { code: 'forbidden', doc: S3_ERRORS }, // 403
  AccountProblem: { code: 'forbidden', doc: S3_ERRORS }, // 403
  InvalidAccessKeyId: { code: 'unauthenticated', doc: S3_ERRORS }, // 403
  SignatureDoesNotMatch: { code: 'unauthenticated', doc: S3_ERRORS }, // 403
  ExpiredToken: { code: 'unauthenticated', doc: S3_ERRORS }, // 400
  InvalidToken: { code: 'unauthenticated', doc: S3_ERRORS }, // 400
  TokenRefreshRequired: { code: 'unauthenticated', doc: S3_ERRORS }, // 400
  RequestTimeTooSkewed: { code: 'unauthenticated', doc: S3_ERRORS }, // 403: fix the clock, retrying will not help
  SlowDown: { code: 'throttled', retryable: true, doc: S3_ERRORS }, // 503 "Reduce your request rate."
  ServiceUnavailable: { code: 'unavailable', retryable: true, doc: S3_ERRORS }, // 503
  InternalError: { code: 'unavailable', retryable: true, doc: S3_ERRORS }, // 500 "We encountered an internal error. Please try again."
  RequestTimeout: { code: 'timeout', retryable: true, doc: S3_ERRORS }, // 400: socket not read/written in time
  OperationAborted: { code: 'conflict', retryable: true, doc: S3_ERRORS }, // 409 "A conflicting conditional operation…"
  PreconditionFailed: { code: 'conflict', retryable: false, doc: S3_ERRORS }, // 412
  BucketAlreadyExists: { code: 'already-exists', doc: S3_ERRORS }, // 409, owned by another account
  BucketAlreadyOwnedByYou: { code: 'already-exists', doc: S3_ERRORS }, // 409
  BadDigest: { code: 'checksum-mismatch', doc: S3_ERRORS }, // 400: Content-MD5 did not match
  InvalidDigest: { code: 'checksum-mismatch', doc: S3_ERRORS }, // 400
  EntityTooLarge: { code: 'invalid-request', doc: S3_ERRORS }, // 400
  EntityTooSmall: { code: 'invalid-request', doc: S3_ERRORS }, // 400: a non-final part below 5 MiB
  KeyTooLongError: { code: 'invalid-request', doc: S3_ERRORS }, // 400
  InvalidArgument: { code: 'invalid-request', doc: S3_ERRORS }, // 400
  InvalidRequest: { code: 'invalid-request', doc: S3_ERRORS }, // 400
  MalformedXML: { code: 'invalid-request', doc: S3_ERRORS }, // 400
  InvalidObjectState: { code: 'unsupported', doc: S3_ERRORS }, // 403: archived (Glacier) object
  InvalidBucketName: { code: 'invalid-config', doc: S3_ERRORS }, // 400
  PermanentRedirect: { code: 'invalid-config', doc: S3_ERRORS }, // 301: the bucket is in another region
  AuthorizationHeaderMalformed: { code: 'invalid-config', doc: S3_ERRORS }, // 400: wrong region in the signature
  // SDK-side names (no HTTP answer): the SDK's timeout and abort errors.
  TimeoutError: { code: 'timeout', retryable: true, doc: SDK_RETRY },
  RequestTimeoutException: { code: 'timeout', retryable: true, doc: SDK_RETRY },
  CredentialsProviderError: {
    code: 'unauthenticated',
    doc: 'https://docs.aws.amazon.com/sdkref/latest/guide/standardized-credentials.html',
  },
};

/** When the code is unknown, the HTTP status decides (same S3 error list, "HTTP Status Code" column). */
export const S3_HTTP_STATUS: Readonly<Record<number, ErrorRule>> = {
  400: { code: 'invalid-request', doc: S3_ERRORS },
  401: { code: 'unauthenticated', doc: S3_ERRORS },
  403: { code: 'forbidden', doc: S3_ERRORS },
  404: { code: 'not-found', doc: S3_ERRORS },
  409: { code: 'conflict', doc: S3_ERRORS },
  412: { code: 'conflict', retryable: false, doc: S3_ERRORS },
  429: { code: 'throttled', retryable: true, doc: SDK_RETRY },
  500: { code: 'unavailable', retryable: true, doc: SDK_RETRY }, // the SDK retries 500/502/503/504 as transient
  502: { code: 'unavailable', retryable: true, doc: SDK_RETRY },
  503: { code: 'throttled', retryable: true, doc: S3_ERRORS }, // S3's 503 is SlowDown
  504: { code: 'timeout', retryable: true, doc: SDK_RETRY },
};

interface AwsLikeError {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean };
}

/** The rule an S3 SDK error falls under, or null when nothing in the tables matches. */
export function classifyS3Error(error: unknown): ErrorRule | null {
  if (typeof error !== 'object' || error === null) return null;
  const e = error as AwsLikeError;
  // The SDK names a socket closed under it "TimeoutError" too (code ECONNRESET, "socket hang
  // up", seen with @aws-sdk/client-s3 3.x behind a proxy that resets): the Node code says
  // what happened, so a reset is counted as a connection error, not as a timeout.
  if (e.name === 'TimeoutError' && e.code && e.code !== 'ETIMEDOUT' && NODE_NETWORK_RULES[e.code])
    return NODE_NETWORK_RULES[e.code]!;
  const byName = e.name ? S3_ERROR_CODES[e.name] : undefined;
  if (byName) return byName;
  if (e.$retryable?.throttling) return { code: 'throttled', retryable: true, doc: SDK_RETRY };
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && S3_HTTP_STATUS[status]) return S3_HTTP_STATUS[status]!;
  if (e.code && NODE_NETWORK_RULES[e.code]) return NODE_NETWORK_RULES[e.code]!;
  return null;
}

/** Wraps an S3 error; the message names the S3 code, never the endpoint. */
export function s3Error(error: unknown, operation: string, key?: string): ProviderError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as AwsLikeError;
  const what = e.name && e.name !== 'Error' ? e.name : (e.code ?? 'error');
  const status = e.$metadata?.httpStatusCode;
  const reason = `${what}${status ? ` (HTTP ${status})` : ''}${key ? ` on ${key}` : ''}`;
  return errorFromRule('aws', operation, error, classifyS3Error(error), reason, key);
}

/** RDS PostgreSQL errors: the shared SQLSTATE table. */
export function rdsError(error: unknown, operation: string): ProviderError {
  return pgProviderError('aws', error, operation);
}
