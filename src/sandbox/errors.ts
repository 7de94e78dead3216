/**
 * An error the sandbox answers with, in AWS's terms: the error type the SDK maps to an exception
 * class, the HTTP status, and extra response headers (Retry-After for throttling).
 */
export class SandboxError extends Error {
  constructor(
    readonly type: string,
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = type;
  }

  /** Set on a conflict refused because the function's update was still in progress. */
  duringUpdate = false;
}

/** 404 ResourceNotFoundException with the given message. */
export function notFound(what: string): SandboxError {
  return new SandboxError('ResourceNotFoundException', 404, what);
}

/** 409 ResourceConflictException. */
export function conflict(message: string): SandboxError {
  return new SandboxError('ResourceConflictException', 409, message);
}

/** 400 InvalidParameterValueException: a request AWS understands but refuses on its semantics. */
export function invalidParameter(message: string): SandboxError {
  return new SandboxError('InvalidParameterValueException', 400, message);
}

/** 400 ValidationException: a request that breaks a constraint of the model's shapes. */
export function validationError(message: string): SandboxError {
  return new SandboxError('ValidationException', 400, message);
}

/** 429 TooManyRequestsException with the Retry-After header the SDK binds to retryAfterSeconds. */
export function tooManyRequests(retryAfterSeconds: number): SandboxError {
  return new SandboxError(
    'TooManyRequestsException',
    429,
    'rate exceeded',
    { 'Retry-After': String(retryAfterSeconds) },
    { Reason: 'CallerRateLimitExceeded' },
  );
}

/** 500 ServiceException (or 503 when `unavailable`), as injected faults produce. */
export function serviceError(unavailable: boolean): SandboxError {
  return unavailable
    ? new SandboxError('ServiceException', 503, 'service unavailable (injected fault)')
    : new SandboxError('ServiceException', 500, 'internal failure (injected fault)');
}
