import { describe, expect, it } from 'vitest';
import { classifyAwsError, errorClassOf, TerminalError } from '../../src/aws/errors.js';
import { toControllerError } from '../../src/aws/retry.js';

function sdkError(name: string, message: string, status: number, extra: object = {}) {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } }, extra);
}

describe('classifyAwsError', () => {
  it.each([
    ['TooManyRequestsException', 'Rate exceeded', 429, 'throttling', true],
    ['ServiceException', 'internal', 500, 'server', true],
    ['SomethingNew', 'bad gateway', 503, 'server', true],
    ['ResourceConflictException', 'An update is in progress for resource', 409, 'conflict', true],
    ['ResourceConflictException', 'Function already exist: api', 409, 'already-exists', false],
    ['ResourceNotFoundException', 'Function not found', 404, 'not-found', false],
    ['AccessDeniedException', 'not authorized', 403, 'access-denied', false],
    ['InvalidParameterValueException', 'bad memory', 400, 'validation', false],
    ['CapacityProviderLimitExceededException', 'too many', 400, 'limit', false],
    ['CodeStorageExceededException', 'storage', 400, 'validation', false],
  ])('maps %s (%s) to %s', (name, message, status, errorClass, retryable) => {
    const verdict = classifyAwsError(sdkError(name, message, status));
    expect(verdict).toMatchObject({ errorClass, retryable, code: name });
  });

  it('carries the retry-after AWS asked for', () => {
    const error = sdkError('TooManyRequestsException', 'slow down', 429, {
      retryAfterSeconds: '2',
    });
    expect(classifyAwsError(error).retryAfterMs).toBe(2000);
  });

  it('treats a refused connection as retryable network trouble', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(classifyAwsError(error)).toMatchObject({ errorClass: 'network', retryable: true });
  });

  it('treats what it does not understand as terminal', () => {
    expect(classifyAwsError('boom')).toMatchObject({ errorClass: 'unknown', retryable: false });
  });
});

describe('toControllerError', () => {
  it('wraps a terminal SDK error with its cause and keeps its class', () => {
    const cause = sdkError('AccessDeniedException', 'no', 403);
    const wrapped = toControllerError('create function api', cause);
    expect(wrapped).toBeInstanceOf(TerminalError);
    expect(wrapped.cause).toBe(cause);
    expect(wrapped.message).toBe('create function api: AccessDeniedException: no');
    expect(errorClassOf(wrapped)).toBe('access-denied');
  });
});
