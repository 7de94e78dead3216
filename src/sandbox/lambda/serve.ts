import type { ApiObject } from '../account.js';
import { SandboxError } from '../errors.js';
import { LAMBDA_MODEL } from '../service-model.js';
import { assertValidInput } from '../validate.js';
import type { LambdaCall, LambdaReply } from './handler.js';
import { LAMBDA_HANDLERS } from './operations.js';
import type { MatchedRoute } from './router.js';

/**
 * Validates the input against the operation's shape, then runs its handler. Throws SandboxError
 * (validation, semantics) or, for an operation the model has but the sandbox does not serve, a 501.
 */
export function serveLambda(matched: MatchedRoute, call: LambdaCall): LambdaReply {
  const handler = LAMBDA_HANDLERS[matched.operation.name];
  if (!handler) {
    throw new SandboxError(
      'UnsupportedOperation',
      501,
      `${matched.operation.name} is not served by the sandbox`,
    );
  }
  if (matched.operation.input)
    assertValidInput(LAMBDA_MODEL, matched.operation.input.shape, call.input);
  const reply = handler(call);
  return { status: reply.status ?? matched.operation.http.responseCode ?? 200, body: reply.body };
}

/** The JSON body and headers of a Lambda error, as AWS sends them (the SDK reads both). */
export function lambdaErrorResponse(error: SandboxError, requestId: string) {
  const body: ApiObject = {
    Type: error.status >= 500 ? 'Service' : 'User',
    message: error.message,
    ...error.extra,
  };
  if (error.status >= 500) body.Message = error.message;
  const headers = {
    'content-type': 'application/json',
    'x-amzn-errortype': error.type,
    'x-amzn-requestid': requestId,
    ...error.headers,
  };
  return { status: error.status, headers, body: JSON.stringify(body) };
}
