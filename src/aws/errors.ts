/**
 * How the controller treats a failed AWS call. Every SDK error goes through `classifyAwsError`, the
 * one place that maps AWS error names and statuses to these classes.
 */
export type ErrorClass =
  | 'throttling'
  | 'server'
  | 'network'
  | 'conflict'
  | 'already-exists'
  | 'validation'
  | 'access-denied'
  | 'not-found'
  | 'limit'
  | 'unknown';

/** The verdict on one failure. */
export interface ClassifiedError {
  errorClass: ErrorClass;
  /** Whether the same call may succeed if sent again later. */
  retryable: boolean;
  /** The wait AWS asked for (Retry-After), when it asked. */
  retryAfterMs?: number;
  /** The AWS error name, such as `ResourceConflictException`. */
  code: string;
  message: string;
}

const THROTTLING = new Set([
  'TooManyRequestsException',
  'ThrottlingException',
  'Throttling',
  'RequestLimitExceeded',
  'EC2ThrottledException',
  'SlowDown',
]);
const ACCESS_DENIED = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnauthorizedOperation',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'KMSAccessDeniedException',
  'ExpiredTokenException',
]);
const VALIDATION = new Set([
  'InvalidParameterValueException',
  'InvalidRequestContentException',
  'ValidationException',
  'InvalidParameterValue',
  'InvalidParameterCombination',
  'UnsupportedOperation',
  'InvalidRuntimeException',
  'InvalidZipFileException',
]);
const RETRYABLE_NOT_READY = new Set([
  'ResourceNotReadyException',
  'ServiceException',
  'EC2UnexpectedException',
  'InternalError',
  'InternalFailure',
  'ServiceUnavailable',
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'TimeoutError',
  'RequestTimeout',
]);

interface SdkErrorLike {
  name?: string;
  code?: string;
  message?: string;
  retryAfterSeconds?: string | number;
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string | undefined> };
}

/**
 * Classifies any thrown value from an AWS call. Never throws. Unknown errors are terminal: retrying
 * something not understood is how controllers end up flooding an API.
 */
export function classifyAwsError(error: unknown): ClassifiedError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorLike;
  const code = e.name && e.name !== 'Error' ? e.name : (e.code ?? 'UnknownError');
  const message = e.message ?? String(error);
  const status = e.$metadata?.httpStatusCode;
  const verdict = (errorClass: ErrorClass, retryable: boolean): ClassifiedError => ({
    errorClass,
    retryable,
    code,
    message,
  });

  if (THROTTLING.has(code) || status === 429) {
    const retryAfterMs = retryAfterOf(e);
    const base = verdict('throttling', true);
    return retryAfterMs === undefined ? base : { ...base, retryAfterMs };
  }
  if (code === 'ResourceConflictException') {
    // Lambda answers both "already exists" and "an update is in progress" with this one name.
    return /already exist/i.test(message)
      ? verdict('already-exists', false)
      : verdict('conflict', true);
  }
  if (code === 'ResourceNotFoundException' || status === 404) return verdict('not-found', false);
  if (ACCESS_DENIED.has(code) || status === 403) return verdict('access-denied', false);
  if (VALIDATION.has(code)) return verdict('validation', false);
  if (/LimitExceeded/.test(code)) return verdict('limit', false);
  const transient = transientClass(code, e.code, status);
  if (transient) return verdict(transient, true);
  if (status !== undefined && status >= 400) return verdict('validation', false);
  return verdict('unknown', false);
}

function transientClass(
  name: string,
  code: string | undefined,
  status: number | undefined,
): ErrorClass | undefined {
  if (RETRYABLE_NOT_READY.has(name) || (status !== undefined && status >= 500)) return 'server';
  if (NETWORK_CODES.has(name) || NETWORK_CODES.has(code ?? '')) return 'network';
  return undefined;
}

function retryAfterOf(e: SdkErrorLike): number | undefined {
  const fromMember = Number(e.retryAfterSeconds);
  if (Number.isFinite(fromMember) && fromMember > 0) return fromMember * 1000;
  const header = e.$response?.headers?.['retry-after'];
  const fromHeader = Number(header);
  return Number.isFinite(fromHeader) && fromHeader > 0 ? fromHeader * 1000 : undefined;
}

/** A failure that will not go away by retrying: the resource stops here with this message. */
export class TerminalError extends Error {
  override readonly name = 'TerminalError';
  constructor(
    message: string,
    readonly classification?: ClassifiedError,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A failure that may go away: the caller retries later (next pass, or after backoff). */
export class RetryableError extends Error {
  override readonly name = 'RetryableError';
  constructor(
    message: string,
    readonly classification?: ClassifiedError,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The class of any error: the attached verdict of a controller error, else a fresh one. */
export function errorClassOf(error: unknown): ErrorClass {
  if (error instanceof TerminalError || error instanceof RetryableError) {
    return error.classification?.errorClass ?? 'unknown';
  }
  return classifyAwsError(error).errorClass;
}
